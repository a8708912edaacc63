//go:build !purego

package kernel

// Gemv and GemvMulti for AVX-512 (blas_gemv_avx512_amd64.s), dispatched
// from gemv64, gemv32 and gemvMultiDrive when useAVX512 is set. The
// arguments are those of the AVX2 routines; tails go through opmask
// registers, so nothing outside the named elements is read or written.

// gemv64AVX512 computes y = alpha·A·x (+ beta·y when useBeta != 0) for the
// m×n matrix A (m ≥ 1) with stride lda, eight rows at a time. When
// useBeta is 0, y is only written.
//
//go:noescape
func gemv64AVX512(m, n int, alpha float64, a *float64, lda int, x *float64, beta float64, y *float64, useBeta int)

// gemv32AVX512 is gemv64AVX512 in float32.
//
//go:noescape
func gemv32AVX512(m, n int, alpha float32, a *float32, lda int, x *float32, beta float32, y *float32, useBeta int)

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
