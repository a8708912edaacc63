package kernel

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestGemvPhases runs Gemv on matrices whose row stride is a multiple of
// 32 bytes, at every offset of the first row within a cache line: on
// AVX-512 these go to the kernel that reads each row in aligned 64-byte
// chunks, with masked first and last chunks whose extent depends on the
// row's position in its cache line (even and odd rows differ when the
// stride is an odd multiple of 32 bytes), and the rows after the last
// whole block of eight to the general kernel. The lengths cover one,
// two and many chunks, rows whose chunk counts differ between even and
// odd rows, and the sizes of the reference task.
func TestGemvPhases(t *testing.T) {
	bothPrecisions(t, func(t *testing.T) { testGemvPhases(t, ops64, 8) }, func(t *testing.T) { testGemvPhases(t, ops32, 16) })
}

func testGemvPhases[T float](t *testing.T, o ops[T], lanes int) {
	r := rand.New(rand.NewPCG(9, 10))
	ns := []int{1, 2, lanes/2 - 1, lanes / 2, lanes/2 + 1, lanes - 1, lanes, lanes + 1, 2*lanes - 1, 2 * lanes,
		2*lanes + 1, 5*lanes + 3, 200, 201, 208}
	for _, m := range []int{8, 9, 15, 16, 17, 24, 31} {
		for _, n := range ns {
			// strides of an even and an odd number of half cache lines
			half := lanes / 2
			for _, lda := range []int{(n + half - 1) / half * half, (n+half-1)/half*half + half} {
				for off := 0; off < lanes; off++ {
					for _, beta := range []T{0, 0.5} {
						name := fmt.Sprintf("m=%d/n=%d/lda=%d/off=%d/beta=%v", m, n, lda, off, beta)
						a := newMat[T](m, n, lda, off)
						x, y := newVec[T](n, (off*5)%lanes), newVec[T](m, off%3)
						a.fill(quarters[T](r))
						x.fill(quarters[T](r))
						if beta != 0 {
							y.fill(quarters[T](r))
						}
						a0, x0 := a.clone(), x.clone()
						want := y.clone()
						refGemv(m, n, -2, a.s(), a.ld, x.s(), beta, want.s())
						o.gemv(m, n, -2, a.s(), a.ld, x.s(), beta, y.s())
						y.equal(t, want, "Gemv "+name)
						y.checkGuards(t, "Gemv y "+name)
						a.equal(t, a0, "Gemv input a "+name)
						x.equal(t, x0, "Gemv input x "+name)
					}
				}
			}
		}
	}
}

// TestGemvRowBlocks checks that a product split into blocks of rows, as
// rnn's teams split J among threads (blocks of sixteen rows, the last one
// shorter), gives the same bits as the whole product, on random data
// where the summation order shows, for row strides and offsets that pick
// each of the kernels of a tier.
func TestGemvRowBlocks(t *testing.T) {
	bothPrecisions(t, func(t *testing.T) { testGemvRowBlocks(t, ops64, 8) }, func(t *testing.T) { testGemvRowBlocks(t, ops32, 16) })
}

func testGemvRowBlocks[T float](t *testing.T, o ops[T], lanes int) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, m := range []int{9, 20, 37, 48, 203} {
		for _, n := range []int{13, 40, 200} {
			for _, lda := range []int{n, n + 1, (n + lanes - 1) / lanes * lanes, (n+lanes-1)/lanes*lanes + lanes/2} {
				for _, off := range []int{0, 3} {
					for _, beta := range []T{0, 0.5} {
						a := make([]T, off+m*lda)[off:]
						x, y0 := make([]T, n), make([]T, m)
						for _, v := range [][]T{a, x, y0} {
							for i := range v {
								v[i] = T(r.NormFloat64())
							}
						}
						whole := append([]T(nil), y0...)
						o.gemv(m, n, 1.5, a, lda, x, beta, whole)
						for _, rows := range []int{16, 32} {
							split := append([]T(nil), y0...)
							for lo := 0; lo < m; lo += rows {
								hi := min(lo+rows, m)
								o.gemv(hi-lo, n, 1.5, a[lo*lda:], lda, x, beta, split[lo:hi])
							}
							for i := range whole {
								if whole[i] != split[i] {
									t.Fatalf("m=%d n=%d lda=%d off=%d beta=%v blocks of %d: row %d = %v, whole product %v",
										m, n, lda, off, beta, rows, i, split[i], whole[i])
								}
							}
						}
					}
				}
			}
		}
	}
}
