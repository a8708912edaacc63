//go:build !purego

package kernel

import "unsafe"

// NEON (Advanced SIMD) kernels for arm64. Every kernel is dispatched with a
// plain if on useNEON (see cpu_arm64.go), so that the generic Go twin of
// kernel_generic.go is used when a test switches NEON off. The assembly
// (kernel_arm64.s, blas_*_arm64.s, gemm_arm64.s, tanh_arm64.s) owns the
// vector loops and finishes every tail with scalar or single-lane loads
// and stores: it never touches memory outside the elements a kernel names.

func dot64(x, y []float64) float64 {
	if useNEON {
		return dot64NEON(x, y[:len(x)])
	}
	return dotGeneric(x, y)
}

func dot32(x, y []float32) float32 {
	if useNEON {
		return dot32NEON(x, y[:len(x)])
	}
	return dotGeneric(x, y)
}

func axpy64(alpha float64, x, y []float64) {
	if useNEON {
		axpy64NEON(alpha, x, y[:len(x)])
		return
	}
	axpyGeneric(alpha, x, y)
}

func axpy32(alpha float32, x, y []float32) {
	if useNEON {
		axpy32NEON(alpha, x, y[:len(x)])
		return
	}
	axpyGeneric(alpha, x, y)
}

func scal64(alpha float64, x []float64) {
	if useNEON {
		scal64NEON(alpha, x)
		return
	}
	scalGeneric(alpha, x)
}

func scal32(alpha float32, x []float32) {
	if useNEON {
		scal32NEON(alpha, x)
		return
	}
	scalGeneric(alpha, x)
}

func tanh64(dst, x []float64) {
	if useNEON {
		tanh64NEON(dst[:len(x)], x)
		return
	}
	tanh64Generic(dst, x)
}

func tanh32(dst, x []float32) {
	if useNEON {
		tanh32NEON(dst[:len(x)], x)
		return
	}
	tanh32Generic(dst, x)
}

func cubeGer64(m, n int, x, y, a []float64, lda int) {
	if useNEON {
		cubeGer64NEON(m, n, x, y, a, lda)
		return
	}
	cubeGerGeneric(m, n, x, y, a, lda)
}

func cubeGer32(m, n int, x, y, a []float32, lda int) {
	if useNEON {
		cubeGer32NEON(m, n, x, y, a, lda)
		return
	}
	cubeGerGeneric(m, n, x, y, a, lda)
}

func gemv64(m, n int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	if useNEON {
		gemv64NEON(m, n, alpha, a, lda, x, beta, y)
		return
	}
	gemvGeneric(m, n, alpha, a, lda, x, beta, y)
}

func gemv32(m, n int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	if useNEON {
		gemv32NEON(m, n, alpha, a, lda, x, beta, y)
		return
	}
	gemvGeneric(m, n, alpha, a, lda, x, beta, y)
}

func gemvMulti64(m, n, k int, a []float64, lda int, x []float64, ldx int, y []float64, ldy int) {
	if !useNEON {
		gemvMultiGeneric(m, n, k, a, lda, x, ldx, y, ldy)
		return
	}
	gemvMultiNEON(m, n, k, a, lda, x, ldx, y, ldy)
}

func gemvMulti32(m, n, k int, a []float32, lda int, x []float32, ldx int, y []float32, ldy int) {
	if !useNEON {
		gemvMultiGeneric(m, n, k, a, lda, x, ldx, y, ldy)
		return
	}
	gemvMultiNEON(m, n, k, a, lda, x, ldx, y, ldy)
}

// gemvMultiNEON runs the vectors in groups of four through
// gemvMulti4x64NEON or gemvMulti4x32NEON, which read each row of A once
// for the whole group. A last group of two or three repeats its first
// vector in the unused slots: the repeated vector's products are computed
// identically and stored to the same elements, so nothing outside Y's
// elements is read or written. A last group of one goes through the
// Gemv kernel (four rows at a time). The test on T's size is a constant
// in each instantiation.
func gemvMultiNEON[T float](m, n, k int, a []T, lda int, x []T, ldx int, y []T, ldy int) {
	if n == 0 {
		for c := 0; c < k; c++ {
			clear(y[c*ldy : c*ldy+m])
		}
		return
	}
	var z T
	for c := 0; c < k; c += 4 {
		g := min(k-c, 4)
		if g == 1 {
			xc, yc := x[c*ldx:c*ldx+n], y[c*ldy:c*ldy+m]
			if unsafe.Sizeof(z) == 8 {
				gemv64NEON(m, n, 1, asF64(a), lda, asF64(xc), 0, asF64(yc))
			} else {
				gemv32NEON(m, n, 1, asF32(a), lda, asF32(xc), 0, asF32(yc))
			}
			continue
		}
		var xp, yp [4]unsafe.Pointer
		for v := range xp {
			s := c
			if v < g {
				s = c + v
			}
			xp[v], yp[v] = unsafe.Pointer(&x[s*ldx]), unsafe.Pointer(&y[s*ldy])
		}
		if unsafe.Sizeof(z) == 8 {
			gemvMulti4x64NEON(m, n, asF64(a), lda, (*float64)(xp[0]), (*float64)(xp[1]), (*float64)(xp[2]), (*float64)(xp[3]),
				(*float64)(yp[0]), (*float64)(yp[1]), (*float64)(yp[2]), (*float64)(yp[3]))
		} else {
			gemvMulti4x32NEON(m, n, asF32(a), lda, (*float32)(xp[0]), (*float32)(xp[1]), (*float32)(xp[2]), (*float32)(xp[3]),
				(*float32)(yp[0]), (*float32)(yp[1]), (*float32)(yp[2]), (*float32)(yp[3]))
		}
	}
}

func ger64(m, n int, alpha float64, x, y, a []float64, lda int) {
	if useNEON {
		ger64NEON(m, n, alpha, x, y, a, lda)
		return
	}
	gerGeneric(m, n, alpha, x, y, a, lda)
}

func ger32(m, n int, alpha float32, x, y, a []float32, lda int) {
	if useNEON {
		ger32NEON(m, n, alpha, x, y, a, lda)
		return
	}
	gerGeneric(m, n, alpha, x, y, a, lda)
}

// gemmTN64 and gemmTN32 are in gemm_arm64.go.

func maskedUpdate64(m, n int, alpha, limit float64, e []float64, lde int, w []float64, ldw int) (int, float64) {
	if useNEON {
		return maskedUpdate64NEON(m, n, alpha, limit, e, lde, w, ldw)
	}
	return maskedUpdateGeneric(m, n, alpha, limit, e, lde, w, ldw)
}

// maskedUpdate32 sums |d| in float64 lanes (the generic twin sums each row
// in float32): equal on exactly representable data, closer otherwise.
func maskedUpdate32(m, n int, alpha, limit float32, e []float32, lde int, w []float32, ldw int) (int, float64) {
	if useNEON {
		return maskedUpdate32NEON(m, n, alpha, limit, e, lde, w, ldw)
	}
	return maskedUpdateGeneric(m, n, alpha, limit, e, lde, w, ldw)
}

// Assembly declarations. Slices are passed whole; the assembly uses only
// the lengths and strides the Go side has checked.

//go:noescape
func dot64NEON(x, y []float64) float64

//go:noescape
func dot32NEON(x, y []float32) float32

//go:noescape
func axpy64NEON(alpha float64, x, y []float64)

//go:noescape
func axpy32NEON(alpha float32, x, y []float32)

//go:noescape
func scal64NEON(alpha float64, x []float64)

//go:noescape
func scal32NEON(alpha float32, x []float32)

//go:noescape
func gemv64NEON(m, n int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64)

//go:noescape
func gemv32NEON(m, n int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32)

//go:noescape
func gemvMulti4x64NEON(m, n int, a []float64, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float64)

//go:noescape
func gemvMulti4x32NEON(m, n int, a []float32, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float32)

//go:noescape
func ger64NEON(m, n int, alpha float64, x, y, a []float64, lda int)

//go:noescape
func ger32NEON(m, n int, alpha float32, x, y, a []float32, lda int)

//go:noescape
func cubeGer64NEON(m, n int, x, y, a []float64, lda int)

//go:noescape
func cubeGer32NEON(m, n int, x, y, a []float32, lda int)

//go:noescape
func maskedUpdate64NEON(m, n int, alpha, limit float64, e []float64, lde int, w []float64, ldw int) (clipped int, sumAbs float64)

//go:noescape
func maskedUpdate32NEON(m, n int, alpha, limit float32, e []float32, lde int, w []float32, ldw int) (clipped int, sumAbs float64)

//go:noescape
func tanh64NEON(dst, x []float64)

//go:noescape
func tanh32NEON(dst, x []float32)
