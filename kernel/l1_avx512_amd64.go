//go:build !purego

package kernel

// The AVX-512 versions of the level-1 kernels, of MaskedUpdate and of the
// element-wise step kernels (kernel_avx512_amd64.s, step_avx512_amd64.s,
// blas_masked_avx512_amd64.s), selected by useAVX512 in the dispatch
// functions of kernel_amd64.go. They take bare pointers and the length,
// exactly as their AVX2 counterparts, and finish every tail under an opmask
// register: nothing outside the named elements is read or written.

// dot64AVX512 returns Σ x[i]·y[i] over n elements (four ZMM accumulators,
// fused multiply-adds; round-off differs from the generic twin).
//
//go:noescape
func dot64AVX512(x, y *float64, n int) float64

// dot32AVX512 is dot64AVX512 in float32.
//
//go:noescape
func dot32AVX512(x, y *float32, n int) float32

// axpy64AVX512 sets y[i] += alpha·x[i] for n elements (one fused
// multiply-add per element).
//
//go:noescape
func axpy64AVX512(alpha float64, x, y *float64, n int)

// axpy32AVX512 is axpy64AVX512 in float32.
//
//go:noescape
func axpy32AVX512(alpha float32, x, y *float32, n int)

// scal64AVX512 sets x[i] *= alpha for n elements (bit-identical to the
// generic twin).
//
//go:noescape
func scal64AVX512(alpha float64, x *float64, n int)

// scal32AVX512 is scal64AVX512 in float32.
//
//go:noescape
func scal32AVX512(alpha float32, x *float32, n int)

// leak64AVX512 sets x[i] = x[i] + k·(e[i] - x[i]) for n elements, with the
// operations of leakGeneric in its order (no fused multiply-add), so the
// bits are the generic twin's.
//
//go:noescape
func leak64AVX512(k float64, e, x *float64, n int)

// leak32AVX512 is leak64AVX512 in float32.
//
//go:noescape
func leak32AVX512(k float32, e, x *float32, n int)

// cube64AVX512 sets dst[i] = (x[i]·x[i])·x[i] for n elements, bit-identical
// to cubeGeneric; dst may be x.
//
//go:noescape
func cube64AVX512(dst, x *float64, n int)

// cube32AVX512 is cube64AVX512 in float32.
//
//go:noescape
func cube32AVX512(dst, x *float32, n int)

// cubeDiff64AVX512 sets dst[i] = d·d·d with d = x[i] - y[i] for n elements,
// bit-identical to cubeDiffGeneric; dst may be x or y.
//
//go:noescape
func cubeDiff64AVX512(dst, x, y *float64, n int)

// cubeDiff32AVX512 is cubeDiff64AVX512 in float32.
//
//go:noescape
func cubeDiff32AVX512(dst, x, y *float32, n int)

// maskedUpdate64AVX512 is MaskedUpdate64 on an m×n matrix with m, n > 0:
// the weights are bit-identical to the generic twin's, the clip count is
// the same, and Σ|d| is accumulated in float64 lanes (another order).
//
//go:noescape
func maskedUpdate64AVX512(m, n int, alpha, limit float64, e *float64, lde int, w *float64, ldw int) (clipped int, sumAbs float64)

// maskedUpdate32AVX512 is maskedUpdate64AVX512 in float32; every |d| is
// widened to float64 before it is summed (the generic twin sums each row in
// float32), so the sum is at least as accurate as the generic one.
//
//go:noescape
func maskedUpdate32AVX512(m, n int, alpha, limit float32, e *float32, lde int, w *float32, ldw int) (clipped int, sumAbs float64)
