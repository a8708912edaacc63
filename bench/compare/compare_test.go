// Package compare sets hebbrnn's kernels beside gonum's BLAS (v0.17.0,
// pure Go with its own assembly) in one run. It is a module of its own so
// that the main module depends on nothing but golang.org/x/sys:
//
//	cd bench/compare && go test -run '^$' -bench . -count 5 | tee new.txt
//
// Names are Benchmark<Kernel>/n=<size>/impl=gonum|<hebbrnn tier>.
package compare

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hebbrnn/hebbrnn/kernel"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
)

func vec(n int) []float64 {
	r := rand.New(rand.NewPCG(uint64(n), 1))
	v := make([]float64, n)
	for i := range v {
		v[i] = r.NormFloat64()
	}
	return v
}

func vec32(n int) []float32 {
	v := make([]float32, n)
	for i, x := range vec(n) {
		v[i] = float32(x)
	}
	return v
}

// impls runs f once for gonum (hebbrnn=false) and once per hebbrnn tier.
func impls(b *testing.B, f func(b *testing.B, hebbrnn bool)) {
	b.Run("impl=gonum", func(b *testing.B) { f(b, false) })
	for _, t := range kernel.Tiers() {
		b.Run("impl="+t, func(b *testing.B) {
			restore, err := kernel.Use(t)
			if err != nil {
				b.Fatal(err)
			}
			defer restore()
			f(b, true)
		})
	}
}

func gflops(b *testing.B, flops float64) {
	b.ReportMetric(flops*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GFLOP/s")
}

var sizes = []int{64, 200, 500, 1000, 2000}

func BenchmarkGemv64(b *testing.B) {
	for _, n := range sizes {
		a, x, y := vec(n*n), vec(n), make([]float64, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			impls(b, func(b *testing.B, h bool) {
				b.SetBytes(int64(8 * (n*n + 2*n)))
				ga := blas64.General{Rows: n, Cols: n, Stride: n, Data: a}
				gx, gy := blas64.Vector{N: n, Inc: 1, Data: x}, blas64.Vector{N: n, Inc: 1, Data: y}
				for b.Loop() {
					if h {
						kernel.Gemv64(n, n, 1, a, n, x, 0, y)
					} else {
						blas64.Gemv(blas.NoTrans, 1, ga, gx, 0, gy)
					}
				}
				gflops(b, 2*float64(n*n))
			})
		})
	}
}

func BenchmarkGemv32(b *testing.B) {
	for _, n := range sizes {
		a, x, y := vec32(n*n), vec32(n), make([]float32, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			impls(b, func(b *testing.B, h bool) {
				b.SetBytes(int64(4 * (n*n + 2*n)))
				ga := blas32.General{Rows: n, Cols: n, Stride: n, Data: a}
				gx, gy := blas32.Vector{N: n, Inc: 1, Data: x}, blas32.Vector{N: n, Inc: 1, Data: y}
				for b.Loop() {
					if h {
						kernel.Gemv32(n, n, 1, a, n, x, 0, y)
					} else {
						blas32.Gemv(blas.NoTrans, 1, ga, gx, 0, gy)
					}
				}
				gflops(b, 2*float64(n*n))
			})
		})
	}
}

// BenchmarkGemmTN64 is the trial's eligibility product C += Aᵀ·B with A, B
// 1000×n.
func BenchmarkGemmTN64(b *testing.B) {
	const k = 1000
	for _, n := range []int{64, 200, 500} {
		a, bb, c := vec(k*n), vec(k*n), make([]float64, n*n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			impls(b, func(b *testing.B, h bool) {
				ga := blas64.General{Rows: k, Cols: n, Stride: n, Data: a}
				gb := blas64.General{Rows: k, Cols: n, Stride: n, Data: bb}
				gc := blas64.General{Rows: n, Cols: n, Stride: n, Data: c}
				for b.Loop() {
					if h {
						kernel.GemmTN64(n, n, k, 1, a, n, bb, n, c, n)
					} else {
						blas64.Gemm(blas.Trans, blas.NoTrans, 1, ga, gb, 1, gc)
					}
				}
				gflops(b, 2*float64(n*n*k))
			})
		})
	}
}

func BenchmarkGemmTN32(b *testing.B) {
	const k = 1000
	for _, n := range []int{64, 200, 500} {
		a, bb, c := vec32(k*n), vec32(k*n), make([]float32, n*n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			impls(b, func(b *testing.B, h bool) {
				ga := blas32.General{Rows: k, Cols: n, Stride: n, Data: a}
				gb := blas32.General{Rows: k, Cols: n, Stride: n, Data: bb}
				gc := blas32.General{Rows: n, Cols: n, Stride: n, Data: c}
				for b.Loop() {
					if h {
						kernel.GemmTN32(n, n, k, 1, a, n, bb, n, c, n)
					} else {
						blas32.Gemm(blas.Trans, blas.NoTrans, 1, ga, gb, 1, gc)
					}
				}
				gflops(b, 2*float64(n*n*k))
			})
		})
	}
}

// BenchmarkEligibilityStep64 is one step's eligibility E += (x³)(y³)ᵀ:
// hebbrnn's CubeGer against gonum's Dger on the cubes computed beforehand
// (which flatters gonum: the cubes are free for it).
func BenchmarkEligibilityStep64(b *testing.B) {
	for _, n := range sizes {
		x, y, e := vec(n), vec(n), make([]float64, n*n)
		x3, y3 := make([]float64, n), make([]float64, n)
		for i := range x {
			x3[i], y3[i] = x[i]*x[i]*x[i], y[i]*y[i]*y[i]
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			impls(b, func(b *testing.B, h bool) {
				b.SetBytes(int64(16 * n * n))
				ge := blas64.General{Rows: n, Cols: n, Stride: n, Data: e}
				gx, gy := blas64.Vector{N: n, Inc: 1, Data: x3}, blas64.Vector{N: n, Inc: 1, Data: y3}
				for b.Loop() {
					if h {
						kernel.CubeGer64(n, n, x, y, e, n)
					} else {
						blas64.Ger(1, gx, gy, ge)
					}
				}
				gflops(b, 2*float64(n*n))
			})
		})
	}
}

// BenchmarkTanh64 is tanh of n values: a math.Tanh loop (impl=gonum stands
// for the standard library here) against hebbrnn's Tanh64.
func BenchmarkTanh64(b *testing.B) {
	for _, n := range []int{200, 1000} {
		x, y := vec(n), make([]float64, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.Run("impl=math.Tanh", func(b *testing.B) {
				for b.Loop() {
					for i, v := range x {
						y[i] = math.Tanh(v)
					}
				}
			})
			for _, t := range kernel.Tiers() {
				b.Run("impl="+t, func(b *testing.B) {
					restore, err := kernel.Use(t)
					if err != nil {
						b.Fatal(err)
					}
					defer restore()
					for b.Loop() {
						kernel.Tanh64(y, x)
					}
				})
			}
		})
	}
}
