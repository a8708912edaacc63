//go:build !purego

package kernel

import "unsafe"

// Gemv and GemvMulti for AVX-512 (blas_gemv_avx512_amd64.s), dispatched
// from gemv64, gemv32 and gemvMultiDrive when useAVX512 is set. The
// arguments are those of the AVX2 routines; tails go through opmask
// registers, so nothing outside the named elements is read or written.

// gemv64AVX512 computes y = alpha·A·x (+ beta·y when useBeta != 0) for the
// m×n matrix A (m ≥ 1) with stride lda, eight rows at a time. When
// useBeta is 0, y is only written. The first skip rows (0 ≤ skip < 8,
// skip = 0 unless m = 8) are computed but y is neither read nor written
// there.
//
//go:noescape
func gemv64AVX512(m, n int, alpha float64, a *float64, lda int, x *float64, beta float64, y *float64, useBeta, skip int)

// gemv32AVX512 is gemv64AVX512 in float32.
//
//go:noescape
func gemv32AVX512(m, n int, alpha float32, a *float32, lda int, x *float32, beta float32, y *float32, useBeta, skip int)

// gemvMulti4x64AVX512 computes y_c[i] = Σ_j a[i*lda+j]·x_c[j] for c = 0..3
// (m ≥ 1) in one pass over A, four rows of A against the four vectors at
// a time. Callers with fewer than four vectors repeat the last one; its
// duplicate stores write identical values.
//
//go:noescape
func gemvMulti4x64AVX512(m, n int, a *float64, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float64)

// gemvMulti4x32AVX512 is gemvMulti4x64AVX512 in float32.
//
//go:noescape
func gemvMulti4x32AVX512(m, n int, a *float32, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float32)

// gemvAligned64AVX512 is gemv64AVX512 for m a positive multiple of 8,
// n ≥ 1 and a row stride lda·8 that is a multiple of 32 bytes: it reads
// A in aligned 64-byte chunks (the first and last of each row masked) and
// x at the matching offsets, which avoids the loads that span two cache
// lines when the rows are not 64-byte aligned.
//
//go:noescape
func gemvAligned64AVX512(m, n int, alpha float64, a *float64, lda int, x *float64, beta float64, y *float64, useBeta int)

// gemvAligned32AVX512 is gemvAligned64AVX512 in float32 (lda·4 a multiple
// of 32 bytes).
//
//go:noescape
func gemvAligned32AVX512(m, n int, alpha float32, a *float32, lda int, x *float32, beta float32, y *float32, useBeta int)

// gemvAVX512 runs Gemv on the AVX-512 routines of T's precision (the tests
// on T's size are constants in each instantiation). When the row stride
// allows it and the rows are not all 64-byte aligned already, the whole
// blocks of eight rows go to the aligned kernel and the m%8 rows after
// them to the general kernel, as the last rows of a block of eight that
// ends at row m (when m ≥ 8); otherwise every row goes to the general
// kernel. Which kernel takes a row thus depends only on the row's place
// in its matrix when the callers split the rows into blocks of a multiple
// of eight (rnn's teams use sixteen): results do not depend on the split.
func gemvAVX512[T float](m, n int, alpha T, a []T, lda int, x []T, beta T, y []T) {
	size := int(unsafe.Sizeof(alpha))
	pa, px, py := unsafe.SliceData(a), unsafe.SliceData(x), unsafe.SliceData(y)
	useBeta := b2i(beta != 0)
	ma, skip := 0, 0 // rows for the aligned kernel; rows the general one leaves out
	if n > 0 && lda*size%32 == 0 && m >= 8 && (lda*size%64 != 0 || uintptr(unsafe.Pointer(pa))%64 != 0) {
		ma = m &^ 7
	}
	if ma > 0 {
		if size == 8 {
			gemvAligned64AVX512(ma, n, float64(alpha), (*float64)(unsafe.Pointer(pa)), lda, (*float64)(unsafe.Pointer(px)),
				float64(beta), (*float64)(unsafe.Pointer(py)), useBeta)
		} else {
			gemvAligned32AVX512(ma, n, float32(alpha), (*float32)(unsafe.Pointer(pa)), lda, (*float32)(unsafe.Pointer(px)),
				float32(beta), (*float32)(unsafe.Pointer(py)), useBeta)
		}
		if ma == m {
			return
		}
		skip = 8 - (m - ma)
		pa, py = &a[(m-8)*lda], &y[m-8]
		m = 8
	}
	if size == 8 {
		gemv64AVX512(m, n, float64(alpha), (*float64)(unsafe.Pointer(pa)), lda, (*float64)(unsafe.Pointer(px)),
			float64(beta), (*float64)(unsafe.Pointer(py)), useBeta, skip)
		return
	}
	gemv32AVX512(m, n, float32(alpha), (*float32)(unsafe.Pointer(pa)), lda, (*float32)(unsafe.Pointer(px)),
		float32(beta), (*float32)(unsafe.Pointer(py)), useBeta, skip)
}
