// Package kernel holds the numeric inner loops of hebbrnn: dense
// float64 and float32 kernels on plain slices, with SIMD assembly for
// amd64 (AVX-512 and AVX2+FMA) and arm64 (NEON) and a pure-Go twin of
// every routine.
//
// Matrices are row-major with a row stride (lda, ldb, ...): element (i, j)
// of an m×n matrix a is a[i*lda+j], and lda ≥ n. The exported functions
// check their arguments and panic on misuse (a programming error, like an
// out-of-range index); they never read or write outside the elements they
// name, so the bytes between rows (j ≥ n) are never touched.
//
// The implementation is chosen once at start-up from the CPU's features
// (golang.org/x/sys/cpu): on amd64 the avx512 tier when the CPU and the
// operating system support AVX-512 F, VL, DQ and BW, else the avx2 tier
// when they support AVX2 and FMA. Impl64 and Impl32 report it. The build
// tag purego forces the generic Go code; at run time on amd64,
// GODEBUG=cpu.avx512f=off falls back to avx2, and GODEBUG=cpu.avx2=off (or
// cpu.fma=off) to the generic code.
//
// Tolerance: the assembly and the generic code may sum in a different order
// and fuse multiply-adds, so results agree to round-off, not to the bit,
// except where every intermediate value is exactly representable (small
// integers, for example), where all implementations give identical results.
// Tanh64 is within 2 ulp of math.Tanh, and Tanh32 within 2 ulp of the
// correctly rounded float32 result, in every implementation.
package kernel

import "fmt"

// Impl64 names the implementation used for float64 kernels:
// "avx512", "avx2", "neon" or "generic".
func Impl64() string { return tier() }

// Impl32 names the implementation used for float32 kernels.
func Impl32() string { return tier() }

func checkVec(fn, name string, v, n int) {
	if v < n {
		panic(fmt.Sprintf("kernel: %s: len(%s) = %d, need at least %d", fn, name, v, n))
	}
}

func checkSize(fn string, dims ...int) {
	for _, d := range dims {
		if d < 0 {
			panic(fmt.Sprintf("kernel: %s: negative dimension %d", fn, d))
		}
	}
}

// checkMat checks an m×n row-major matrix with stride ld held in a slice of
// length l.
func checkMat(fn, name string, l, m, n, ld int) {
	if ld < n || ld < 0 {
		panic(fmt.Sprintf("kernel: %s: stride of %s = %d, less than its %d columns", fn, name, ld, n))
	}
	if m > 0 && n > 0 && l < (m-1)*ld+n {
		panic(fmt.Sprintf("kernel: %s: len(%s) = %d, too short for %d×%d with stride %d", fn, name, l, m, n, ld))
	}
}

func checkSame(fn string, a, b int) {
	if a != b {
		panic(fmt.Sprintf("kernel: %s: slice lengths differ (%d and %d)", fn, a, b))
	}
}

// Dot64 returns Σ x[i]·y[i]. len(x) must equal len(y).
func Dot64(x, y []float64) float64 {
	checkSame("Dot64", len(x), len(y))
	return dot64(x, y)
}

// Dot32 returns Σ x[i]·y[i]. len(x) must equal len(y).
func Dot32(x, y []float32) float32 {
	checkSame("Dot32", len(x), len(y))
	return dot32(x, y)
}

// Axpy64 computes y[i] += alpha·x[i]. len(x) must equal len(y).
func Axpy64(alpha float64, x, y []float64) {
	checkSame("Axpy64", len(x), len(y))
	axpy64(alpha, x, y)
}

// Axpy32 computes y[i] += alpha·x[i]. len(x) must equal len(y).
func Axpy32(alpha float32, x, y []float32) {
	checkSame("Axpy32", len(x), len(y))
	axpy32(alpha, x, y)
}

// Scal64 computes x[i] *= alpha.
func Scal64(alpha float64, x []float64) { scal64(alpha, x) }

// Scal32 computes x[i] *= alpha.
func Scal32(alpha float32, x []float32) { scal32(alpha, x) }

// Gemv64 computes y = alpha·A·x + beta·y for the m×n matrix A:
//
//	for i := 0; i < m; i++ {
//		s := 0.0
//		for j := 0; j < n; j++ { s += a[i*lda+j] * x[j] }
//		y[i] = alpha*s + beta*y[i]   // y[i] is not read when beta == 0
//	}
func Gemv64(m, n int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	checkSize("Gemv64", m, n)
	checkMat("Gemv64", "a", len(a), m, n, lda)
	checkVec("Gemv64", "x", len(x), n)
	checkVec("Gemv64", "y", len(y), m)
	if m == 0 {
		return
	}
	gemv64(m, n, alpha, a, lda, x, beta, y)
}

// Gemv32 is Gemv64 in float32.
func Gemv32(m, n int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	checkSize("Gemv32", m, n)
	checkMat("Gemv32", "a", len(a), m, n, lda)
	checkVec("Gemv32", "x", len(x), n)
	checkVec("Gemv32", "y", len(y), m)
	if m == 0 {
		return
	}
	gemv32(m, n, alpha, a, lda, x, beta, y)
}

// GemvMulti64 multiplies the m×n matrix A by k vectors at once, reading A
// once per group of vectors. Vector c is row c of X (k×n, stride ldx); its
// product is row c of Y (k×m, stride ldy):
//
//	for c := 0; c < k; c++ {
//		for i := 0; i < m; i++ {
//			s := 0.0
//			for j := 0; j < n; j++ { s += a[i*lda+j] * x[c*ldx+j] }
//			y[c*ldy+i] = s
//		}
//	}
func GemvMulti64(m, n, k int, a []float64, lda int, x []float64, ldx int, y []float64, ldy int) {
	checkSize("GemvMulti64", m, n, k)
	checkMat("GemvMulti64", "a", len(a), m, n, lda)
	checkMat("GemvMulti64", "x", len(x), k, n, ldx)
	checkMat("GemvMulti64", "y", len(y), k, m, ldy)
	if m == 0 || k == 0 {
		return
	}
	gemvMulti64(m, n, k, a, lda, x, ldx, y, ldy)
}

// GemvMulti32 is GemvMulti64 in float32.
func GemvMulti32(m, n, k int, a []float32, lda int, x []float32, ldx int, y []float32, ldy int) {
	checkSize("GemvMulti32", m, n, k)
	checkMat("GemvMulti32", "a", len(a), m, n, lda)
	checkMat("GemvMulti32", "x", len(x), k, n, ldx)
	checkMat("GemvMulti32", "y", len(y), k, m, ldy)
	if m == 0 || k == 0 {
		return
	}
	gemvMulti32(m, n, k, a, lda, x, ldx, y, ldy)
}

// Ger64 computes the rank-1 update A += alpha·x·yᵀ of the m×n matrix A:
//
//	a[i*lda+j] += alpha * x[i] * y[j]
func Ger64(m, n int, alpha float64, x, y []float64, a []float64, lda int) {
	checkSize("Ger64", m, n)
	checkVec("Ger64", "x", len(x), m)
	checkVec("Ger64", "y", len(y), n)
	checkMat("Ger64", "a", len(a), m, n, lda)
	if m == 0 || n == 0 {
		return
	}
	ger64(m, n, alpha, x, y, a, lda)
}

// Ger32 is Ger64 in float32.
func Ger32(m, n int, alpha float32, x, y []float32, a []float32, lda int) {
	checkSize("Ger32", m, n)
	checkVec("Ger32", "x", len(x), m)
	checkVec("Ger32", "y", len(y), n)
	checkMat("Ger32", "a", len(a), m, n, lda)
	if m == 0 || n == 0 {
		return
	}
	ger32(m, n, alpha, x, y, a, lda)
}

// CubeGer64 is the eligibility step of one time step, the rank-1 update
// A += x³·(y³)ᵀ of the m×n matrix A:
//
//	v := x[i] * y[j]
//	a[i*lda+j] += v * v * v
//
// The assembly computes (x[i]³)·(y[j]³), equal to v³ up to round-off.
func CubeGer64(m, n int, x, y []float64, a []float64, lda int) {
	checkSize("CubeGer64", m, n)
	checkVec("CubeGer64", "x", len(x), m)
	checkVec("CubeGer64", "y", len(y), n)
	checkMat("CubeGer64", "a", len(a), m, n, lda)
	if m == 0 || n == 0 {
		return
	}
	cubeGer64(m, n, x, y, a, lda)
}

// CubeGer32 is CubeGer64 in float32.
func CubeGer32(m, n int, x, y []float32, a []float32, lda int) {
	checkSize("CubeGer32", m, n)
	checkVec("CubeGer32", "x", len(x), m)
	checkVec("CubeGer32", "y", len(y), n)
	checkMat("CubeGer32", "a", len(a), m, n, lda)
	if m == 0 || n == 0 {
		return
	}
	cubeGer32(m, n, x, y, a, lda)
}

// GemmTN64 computes C += alpha·Aᵀ·B, with A k×m (stride lda), B k×n
// (stride ldb) and C m×n (stride ldc):
//
//	for i := 0; i < m; i++ {
//		for j := 0; j < n; j++ {
//			s := 0.0
//			for p := 0; p < k; p++ { s += a[p*lda+i] * b[p*ldb+j] }
//			c[i*ldc+j] += alpha * s
//		}
//	}
//
// With k the number of time steps of a trial it forms a whole trial's
// eligibility in one cache-blocked product. When alpha is 0, C is left
// unchanged and A and B are not read (as in BLAS), even where they hold
// Inf or NaN.
func GemmTN64(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	checkSize("GemmTN64", m, n, k)
	checkMat("GemmTN64", "a", len(a), k, m, lda)
	checkMat("GemmTN64", "b", len(b), k, n, ldb)
	checkMat("GemmTN64", "c", len(c), m, n, ldc)
	if m == 0 || n == 0 || k == 0 || alpha == 0 {
		return
	}
	gemmTN64(m, n, k, alpha, a, lda, b, ldb, c, ldc)
}

// GemmTN32 is GemmTN64 in float32.
func GemmTN32(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	checkSize("GemmTN32", m, n, k)
	checkMat("GemmTN32", "a", len(a), k, m, lda)
	checkMat("GemmTN32", "b", len(b), k, n, ldb)
	checkMat("GemmTN32", "c", len(c), m, n, ldc)
	if m == 0 || n == 0 || k == 0 || alpha == 0 {
		return
	}
	gemmTN32(m, n, k, alpha, a, lda, b, ldb, c, ldc)
}

// Tanh64 computes dst[i] = tanh(x[i]), within 2 ulp of math.Tanh, exact
// for ±0, ±1 at ±Inf, NaN for NaN. dst and x must have the same length and
// may be the same slice.
func Tanh64(dst, x []float64) {
	checkSame("Tanh64", len(dst), len(x))
	tanh64(dst, x)
}

// Tanh32 computes dst[i] = tanh(x[i]) in float32, within 2 ulp of the
// correctly rounded result. dst and x may be the same slice.
func Tanh32(dst, x []float32) {
	checkSame("Tanh32", len(dst), len(x))
	tanh32(dst, x)
}

// Leak64 sets x[i] += k·(e[i] - x[i]): one Euler step of a leaky
// integrator toward e. len(e) must equal len(x). Every implementation
// rounds the subtraction, the product and the sum one after the other (no
// fused multiply-add), so all give the same bits on every machine.
func Leak64(k float64, e, x []float64) {
	checkSame("Leak64", len(e), len(x))
	leak64(k, e, x)
}

// Leak32 is Leak64 in float32.
func Leak32(k float32, e, x []float32) {
	checkSame("Leak32", len(e), len(x))
	leak32(k, e, x)
}

// Cube64 sets dst[i] = x[i]³, computed as (x[i]·x[i])·x[i] in every
// implementation (so all give the same bits). len(dst) must equal len(x);
// dst may be x.
func Cube64(dst, x []float64) {
	checkSame("Cube64", len(dst), len(x))
	cube64(dst, x)
}

// Cube32 is Cube64 in float32.
func Cube32(dst, x []float32) {
	checkSame("Cube32", len(dst), len(x))
	cube32(dst, x)
}

// CubeDiff64 sets dst[i] = (x[i] - y[i])³, computed as d = x[i] - y[i],
// then (d·d)·d, in every implementation. The three lengths must be equal;
// dst may be x or y.
func CubeDiff64(dst, x, y []float64) {
	checkSame("CubeDiff64", len(dst), len(x))
	checkSame("CubeDiff64", len(x), len(y))
	cubeDiff64(dst, x, y)
}

// CubeDiff32 is CubeDiff64 in float32.
func CubeDiff32(dst, x, y []float32) {
	checkSame("CubeDiff32", len(dst), len(x))
	checkSame("CubeDiff32", len(x), len(y))
	cubeDiff32(dst, x, y)
}

// MaskedUpdate64 is the clipped, sparsity-preserving weight update: for
// every element of the m×n matrix W that is not zero,
//
//	d := alpha * e[i*lde+j]
//	if d != d { d = 0 }                          // NaN increments become 0
//	if d > limit { d = limit; clipped++ } else if d < -limit { d = -limit; clipped++ }
//	w[i*ldw+j] += d
//	sumAbs += |d|
//
// Zero elements of W stay exactly zero. It returns the number of clipped
// increments and the sum of |d| (divide by m·n for the mean |ΔW|). limit
// must not be negative.
func MaskedUpdate64(m, n int, alpha, limit float64, e []float64, lde int, w []float64, ldw int) (clipped int, sumAbs float64) {
	checkSize("MaskedUpdate64", m, n)
	checkMat("MaskedUpdate64", "e", len(e), m, n, lde)
	checkMat("MaskedUpdate64", "w", len(w), m, n, ldw)
	if !(limit >= 0) {
		panic(fmt.Sprintf("kernel: MaskedUpdate64: limit %v is not ≥ 0", limit))
	}
	if m == 0 || n == 0 {
		return 0, 0
	}
	return maskedUpdate64(m, n, alpha, limit, e, lde, w, ldw)
}

// MaskedUpdate32 is MaskedUpdate64 in float32 (the sum is returned in
// float64).
func MaskedUpdate32(m, n int, alpha, limit float32, e []float32, lde int, w []float32, ldw int) (clipped int, sumAbs float64) {
	checkSize("MaskedUpdate32", m, n)
	checkMat("MaskedUpdate32", "e", len(e), m, n, lde)
	checkMat("MaskedUpdate32", "w", len(w), m, n, ldw)
	if !(limit >= 0) {
		panic(fmt.Sprintf("kernel: MaskedUpdate32: limit %v is not ≥ 0", limit))
	}
	if m == 0 || n == 0 {
		return 0, 0
	}
	return maskedUpdate32(m, n, alpha, limit, e, lde, w, ldw)
}

// Tiers lists the implementations this CPU can run, fastest first; the
// last is always "generic".
func Tiers() []string { return tiers() }

// Use switches every kernel to the named implementation, one of Tiers(),
// and returns the function that restores the previous one. It is meant for
// benchmarks and tests that compare implementations, and must not be called
// while kernels run in other goroutines. It cannot select an implementation
// the CPU lacks.
func Use(name string) (restore func(), err error) {
	for _, t := range tiers() {
		if t == name {
			return setTier(name), nil
		}
	}
	return nil, fmt.Errorf("kernel: implementation %q is not available on this CPU (have %v)", name, tiers())
}
