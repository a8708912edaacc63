//go:build !purego

package kernel

import "unsafe"

// This file dispatches the level-1/2 kernels to the AVX-512 assembly
// (*_avx512_amd64.s) when useAVX512 is set, to the AVX2+FMA assembly
// (kernel_amd64.s, blas_*_amd64.s) when useAVX2 is set, and to the generic
// twins otherwise. The exported wrappers in kernel.go have already checked
// every length and stride, so the assembly receives bare pointers: it reads
// and writes exactly the elements the doc comments name, finishing tails
// with masked loads and stores (VMASKMOVPD/VMASKMOVPS in AVX2, opmask
// registers in AVX-512).
//
// Summation order differs from the generic code (several independent
// vector accumulators, horizontal sums at the end) and multiply-adds are
// fused, so results agree with the generic twins to round-off, and exactly
// for exactly representable data. Each tier sums in its own order, so a
// run is reproducible bit for bit on one tier, not across tiers.

// Level 1 (kernel_amd64.s).

//go:noescape
func dot64AVX2(x, y *float64, n int) float64

//go:noescape
func dot32AVX2(x, y *float32, n int) float32

//go:noescape
func axpy64AVX2(alpha float64, x, y *float64, n int)

//go:noescape
func axpy32AVX2(alpha float32, x, y *float32, n int)

//go:noescape
func scal64AVX2(alpha float64, x *float64, n int)

//go:noescape
func scal32AVX2(alpha float32, x *float32, n int)

// Gemv and GemvMulti (blas_gemv_amd64.s). useBeta is 0 when beta == 0, and
// then y is only written.

//go:noescape
func gemv64AVX2(m, n int, alpha float64, a *float64, lda int, x *float64, beta float64, y *float64, useBeta int)

//go:noescape
func gemv32AVX2(m, n int, alpha float32, a *float32, lda int, x *float32, beta float32, y *float32, useBeta int)

// gemvMulti4x64AVX2 computes y_c[i] = Σ_j a[i*lda+j]·x_c[j] for c = 0..3 in
// one pass over A (two rows of A against four vectors at a time). Callers
// with fewer than four vectors repeat the last one; its duplicate stores
// write identical values.
//
//go:noescape
func gemvMulti4x64AVX2(m, n int, a *float64, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float64)

//go:noescape
func gemvMulti4x32AVX2(m, n int, a *float32, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float32)

// Ger and CubeGer (blas_ger_amd64.s): four rows of A per pass over y.

//go:noescape
func ger64AVX2(m, n int, alpha float64, x, y, a *float64, lda int)

//go:noescape
func ger32AVX2(m, n int, alpha float32, x, y, a *float32, lda int)

//go:noescape
func cubeGer64AVX2(m, n int, x, y, a *float64, lda int)

//go:noescape
func cubeGer32AVX2(m, n int, x, y, a *float32, lda int)

// MaskedUpdate (blas_masked_amd64.s). The float64 kernel accumulates Σ|d|
// in float64 vector lanes; the float32 kernel converts every |d| to
// float64 and accumulates in float64 too (the generic twin sums each row in
// float32), so for float32 it is at least as accurate as the generic code.

//go:noescape
func maskedUpdate64AVX2(m, n int, alpha, limit float64, e *float64, lde int, w *float64, ldw int) (clipped int, sumAbs float64)

//go:noescape
func maskedUpdate32AVX2(m, n int, alpha, limit float32, e *float32, lde int, w *float32, ldw int) (clipped int, sumAbs float64)

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func dot64(x, y []float64) float64 {
	if useAVX512 {
		return dot64AVX512(unsafe.SliceData(x), unsafe.SliceData(y), len(x))
	}
	if useAVX2 {
		return dot64AVX2(unsafe.SliceData(x), unsafe.SliceData(y), len(x))
	}
	return dotGeneric(x, y)
}

func dot32(x, y []float32) float32 {
	if useAVX512 {
		return dot32AVX512(unsafe.SliceData(x), unsafe.SliceData(y), len(x))
	}
	if useAVX2 {
		return dot32AVX2(unsafe.SliceData(x), unsafe.SliceData(y), len(x))
	}
	return dotGeneric(x, y)
}

func axpy64(alpha float64, x, y []float64) {
	if useAVX512 {
		axpy64AVX512(alpha, unsafe.SliceData(x), unsafe.SliceData(y), len(x))
		return
	}
	if useAVX2 {
		axpy64AVX2(alpha, unsafe.SliceData(x), unsafe.SliceData(y), len(x))
		return
	}
	axpyGeneric(alpha, x, y)
}

func axpy32(alpha float32, x, y []float32) {
	if useAVX512 {
		axpy32AVX512(alpha, unsafe.SliceData(x), unsafe.SliceData(y), len(x))
		return
	}
	if useAVX2 {
		axpy32AVX2(alpha, unsafe.SliceData(x), unsafe.SliceData(y), len(x))
		return
	}
	axpyGeneric(alpha, x, y)
}

func scal64(alpha float64, x []float64) {
	if useAVX512 {
		scal64AVX512(alpha, unsafe.SliceData(x), len(x))
		return
	}
	if useAVX2 {
		scal64AVX2(alpha, unsafe.SliceData(x), len(x))
		return
	}
	scalGeneric(alpha, x)
}

func scal32(alpha float32, x []float32) {
	if useAVX512 {
		scal32AVX512(alpha, unsafe.SliceData(x), len(x))
		return
	}
	if useAVX2 {
		scal32AVX2(alpha, unsafe.SliceData(x), len(x))
		return
	}
	scalGeneric(alpha, x)
}

func gemv64(m, n int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	gemvAsm(m, n, alpha, a, lda, x, beta, y)
}

func gemv32(m, n int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	gemvAsm(m, n, alpha, a, lda, x, beta, y)
}

// gemvAsm dispatches Gemv of either precision to the tier.
func gemvAsm[T float](m, n int, alpha T, a []T, lda int, x []T, beta T, y []T) {
	if useAVX512 {
		gemvAVX512(m, n, alpha, a, lda, x, beta, y)
		return
	}
	if !useAVX2 {
		gemvGeneric(m, n, alpha, a, lda, x, beta, y)
		return
	}
	pa, px, py := unsafe.SliceData(a), unsafe.SliceData(x), unsafe.SliceData(y)
	if unsafe.Sizeof(alpha) == 8 {
		gemv64AVX2(m, n, float64(alpha), (*float64)(unsafe.Pointer(pa)), lda, (*float64)(unsafe.Pointer(px)), float64(beta), (*float64)(unsafe.Pointer(py)), b2i(beta != 0))
		return
	}
	gemv32AVX2(m, n, float32(alpha), (*float32)(unsafe.Pointer(pa)), lda, (*float32)(unsafe.Pointer(px)), float32(beta), (*float32)(unsafe.Pointer(py)), b2i(beta != 0))
}

func gemvMulti64(m, n, k int, a []float64, lda int, x []float64, ldx int, y []float64, ldy int) {
	if !useAVX2 {
		gemvMultiGeneric(m, n, k, a, lda, x, ldx, y, ldy)
		return
	}
	gemvMultiDrive(m, n, k, a, lda, x, ldx, y, ldy)
}

func gemvMulti32(m, n, k int, a []float32, lda int, x []float32, ldx int, y []float32, ldy int) {
	if !useAVX2 {
		gemvMultiGeneric(m, n, k, a, lda, x, ldx, y, ldy)
		return
	}
	gemvMultiDrive(m, n, k, a, lda, x, ldx, y, ldy)
}

// gemvMultiDrive serves the AVX2 and AVX-512 GemvMulti of both
// precisions: it takes the vectors in groups of four, one pass over A per
// group; a last group of one is a plain Gemv, one of two or three repeats
// its last vector. With n == 0 the x pointers stay nil: the assembly then
// reads no x and writes zeros. The tests on T's size below are constants
// in each instantiation: no indirect call, nothing escapes.
func gemvMultiDrive[T float](m, n, k int, a []T, lda int, x []T, ldx int, y []T, ldy int) {
	pa := unsafe.SliceData(a)
	for c := 0; c < k; c += 4 {
		var xs, ys [4]*T
		for i := range 4 {
			cc := min(c+i, k-1)
			if n > 0 {
				xs[i] = &x[cc*ldx]
			}
			ys[i] = &y[cc*ldy]
		}
		if k-c == 1 {
			gemvAsm(m, n, 1, a, lda, x[min(c*ldx, len(x)):], 0, y[c*ldy:])
			continue
		}
		gemvMulti4Kernel(m, n, pa, lda, &xs, &ys)
	}
}

// gemvMulti4Kernel runs the four-vector GemvMulti routine of T's
// precision and the tier.
func gemvMulti4Kernel[T float](m, n int, a *T, lda int, xs, ys *[4]*T) {
	if unsafe.Sizeof(*a) == 8 {
		a, x, y := (*float64)(unsafe.Pointer(a)), (*[4]*float64)(unsafe.Pointer(xs)), (*[4]*float64)(unsafe.Pointer(ys))
		if useAVX512 {
			gemvMulti4x64AVX512(m, n, a, lda, x[0], x[1], x[2], x[3], y[0], y[1], y[2], y[3])
			return
		}
		gemvMulti4x64AVX2(m, n, a, lda, x[0], x[1], x[2], x[3], y[0], y[1], y[2], y[3])
		return
	}
	a32, x, y := (*float32)(unsafe.Pointer(a)), (*[4]*float32)(unsafe.Pointer(xs)), (*[4]*float32)(unsafe.Pointer(ys))
	if useAVX512 {
		gemvMulti4x32AVX512(m, n, a32, lda, x[0], x[1], x[2], x[3], y[0], y[1], y[2], y[3])
		return
	}
	gemvMulti4x32AVX2(m, n, a32, lda, x[0], x[1], x[2], x[3], y[0], y[1], y[2], y[3])
}

func ger64(m, n int, alpha float64, x, y, a []float64, lda int) {
	if useAVX512 {
		ger64AVX512(m, n, alpha, unsafe.SliceData(x), unsafe.SliceData(y), unsafe.SliceData(a), lda)
		return
	}
	if useAVX2 {
		ger64AVX2(m, n, alpha, unsafe.SliceData(x), unsafe.SliceData(y), unsafe.SliceData(a), lda)
		return
	}
	gerGeneric(m, n, alpha, x, y, a, lda)
}

func ger32(m, n int, alpha float32, x, y, a []float32, lda int) {
	if useAVX512 {
		ger32AVX512(m, n, alpha, unsafe.SliceData(x), unsafe.SliceData(y), unsafe.SliceData(a), lda)
		return
	}
	if useAVX2 {
		ger32AVX2(m, n, alpha, unsafe.SliceData(x), unsafe.SliceData(y), unsafe.SliceData(a), lda)
		return
	}
	gerGeneric(m, n, alpha, x, y, a, lda)
}

func cubeGer64(m, n int, x, y, a []float64, lda int) {
	if useAVX512 {
		cubeGer64AVX512(m, n, unsafe.SliceData(x), unsafe.SliceData(y), unsafe.SliceData(a), lda)
		return
	}
	if useAVX2 {
		cubeGer64AVX2(m, n, unsafe.SliceData(x), unsafe.SliceData(y), unsafe.SliceData(a), lda)
		return
	}
	cubeGerGeneric(m, n, x, y, a, lda)
}

func cubeGer32(m, n int, x, y, a []float32, lda int) {
	if useAVX512 {
		cubeGer32AVX512(m, n, unsafe.SliceData(x), unsafe.SliceData(y), unsafe.SliceData(a), lda)
		return
	}
	if useAVX2 {
		cubeGer32AVX2(m, n, unsafe.SliceData(x), unsafe.SliceData(y), unsafe.SliceData(a), lda)
		return
	}
	cubeGerGeneric(m, n, x, y, a, lda)
}

func maskedUpdate64(m, n int, alpha, limit float64, e []float64, lde int, w []float64, ldw int) (int, float64) {
	if useAVX512 {
		return maskedUpdate64AVX512(m, n, alpha, limit, unsafe.SliceData(e), lde, unsafe.SliceData(w), ldw)
	}
	if useAVX2 {
		return maskedUpdate64AVX2(m, n, alpha, limit, unsafe.SliceData(e), lde, unsafe.SliceData(w), ldw)
	}
	return maskedUpdateGeneric(m, n, alpha, limit, e, lde, w, ldw)
}

func maskedUpdate32(m, n int, alpha, limit float32, e []float32, lde int, w []float32, ldw int) (int, float64) {
	if useAVX512 {
		return maskedUpdate32AVX512(m, n, alpha, limit, unsafe.SliceData(e), lde, unsafe.SliceData(w), ldw)
	}
	if useAVX2 {
		return maskedUpdate32AVX2(m, n, alpha, limit, unsafe.SliceData(e), lde, unsafe.SliceData(w), ldw)
	}
	return maskedUpdateGeneric(m, n, alpha, limit, e, lde, w, ldw)
}

// Leak and the cubes (step_amd64.s).

//go:noescape
func leak64AVX2(k float64, e, x *float64, n int)

//go:noescape
func leak32AVX2(k float32, e, x *float32, n int)

//go:noescape
func cube64AVX2(dst, x *float64, n int)

//go:noescape
func cube32AVX2(dst, x *float32, n int)

//go:noescape
func cubeDiff64AVX2(dst, x, y *float64, n int)

//go:noescape
func cubeDiff32AVX2(dst, x, y *float32, n int)

func leak64(k float64, e, x []float64) {
	if useAVX512 {
		leak64AVX512(k, unsafe.SliceData(e), unsafe.SliceData(x), len(x))
		return
	}
	if useAVX2 {
		leak64AVX2(k, unsafe.SliceData(e), unsafe.SliceData(x), len(x))
		return
	}
	leakGeneric(k, e, x)
}

func leak32(k float32, e, x []float32) {
	if useAVX512 {
		leak32AVX512(k, unsafe.SliceData(e), unsafe.SliceData(x), len(x))
		return
	}
	if useAVX2 {
		leak32AVX2(k, unsafe.SliceData(e), unsafe.SliceData(x), len(x))
		return
	}
	leakGeneric(k, e, x)
}

func cube64(dst, x []float64) {
	if useAVX512 {
		cube64AVX512(unsafe.SliceData(dst), unsafe.SliceData(x), len(x))
		return
	}
	if useAVX2 {
		cube64AVX2(unsafe.SliceData(dst), unsafe.SliceData(x), len(x))
		return
	}
	cubeGeneric(dst, x)
}

func cube32(dst, x []float32) {
	if useAVX512 {
		cube32AVX512(unsafe.SliceData(dst), unsafe.SliceData(x), len(x))
		return
	}
	if useAVX2 {
		cube32AVX2(unsafe.SliceData(dst), unsafe.SliceData(x), len(x))
		return
	}
	cubeGeneric(dst, x)
}

func cubeDiff64(dst, x, y []float64) {
	if useAVX512 {
		cubeDiff64AVX512(unsafe.SliceData(dst), unsafe.SliceData(x), unsafe.SliceData(y), len(x))
		return
	}
	if useAVX2 {
		cubeDiff64AVX2(unsafe.SliceData(dst), unsafe.SliceData(x), unsafe.SliceData(y), len(x))
		return
	}
	cubeDiffGeneric(dst, x, y)
}

func cubeDiff32(dst, x, y []float32) {
	if useAVX512 {
		cubeDiff32AVX512(unsafe.SliceData(dst), unsafe.SliceData(x), unsafe.SliceData(y), len(x))
		return
	}
	if useAVX2 {
		cubeDiff32AVX2(unsafe.SliceData(dst), unsafe.SliceData(x), unsafe.SliceData(y), len(x))
		return
	}
	cubeDiffGeneric(dst, x, y)
}
