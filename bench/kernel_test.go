package bench_test

// Benchmarks of the kernel package, every implementation the CPU has in
// one run. Names are Benchmark<Kernel><bits>/n=<size>/impl=<tier>, e.g.
//
//	go test ./bench/ -run '^$' -bench 'Gemv64/n=200$/' -count 5 -benchtime 20000x
//
// Matrix kernels use n×n matrices. SetBytes counts the bytes each call
// reads plus the bytes it writes; GFLOP/s counts a multiply-add as two
// operations (CubeGer: four per element, the v·v·v of the reference;
// MaskedUpdate: three, the scaling, the update and the |d| sum); Tanh
// reports Gelem/s instead.

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/hebbrnn/hebbrnn/kernel"
)

func TestMain(m *testing.M) {
	fmt.Printf("kernel: Impl64=%s Impl32=%s tiers=%v\n", kernel.Impl64(), kernel.Impl32(), kernel.Tiers())
	os.Exit(m.Run())
}

type float interface{ ~float32 | ~float64 }

var (
	// vecSizes include lengths with tails for both vector widths.
	vecSizes = []int{3, 7, 17, 31, 64, 200, 500, 1000, 2000}
	// matSizes are n for n×n matrices.
	matSizes = []int{7, 33, 64, 200, 500, 1000, 2000}
	// gemmSizes are m = n for GemmTN with k = gemmK; n=200 is the headline.
	gemmSizes = []int{7, 33, 64, 200, 500}
)

const gemmK = 1000

func size[T float]() int {
	var z T
	if _, ok := any(z).(float32); ok {
		return 4
	}
	return 8
}

func randVec[T float](r *rand.Rand, n int) []T {
	v := make([]T, n)
	for i := range v {
		v[i] = T(r.NormFloat64())
	}
	return v
}

// forTiers runs f as a sub-benchmark impl=<tier> for every tier.
func forTiers(b *testing.B, f func(b *testing.B)) {
	for _, name := range kernel.Tiers() {
		b.Run("impl="+name, func(b *testing.B) {
			restore, err := kernel.Use(name)
			if err != nil {
				b.Fatal(err)
			}
			defer restore()
			f(b)
		})
	}
}

// sizes runs f(n) as sub-benchmarks n=<n>/impl=<tier>.
func sizes(b *testing.B, ns []int, f func(b *testing.B, n int)) {
	for _, n := range ns {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			forTiers(b, func(b *testing.B) { f(b, n) })
		})
	}
}

// run times body with b.Loop, having set the bytes per call, and reports
// ops/ns under unit after the loop.
func run(b *testing.B, bytes int, ops float64, unit string, body func()) {
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	for b.Loop() {
		body()
	}
	if ns := float64(b.Elapsed().Nanoseconds()); ns > 0 {
		b.ReportMetric(ops*float64(b.N)/ns, unit)
	}
}

var sink64 float64
var sink32 float32

func BenchmarkDot64(b *testing.B) {
	sizes(b, vecSizes, func(b *testing.B, n int) {
		r := rand.New(rand.NewPCG(1, 1))
		x, y := randVec[float64](r, n), randVec[float64](r, n)
		run(b, 2*n*8, 2*float64(n), "GFLOP/s", func() { sink64 += kernel.Dot64(x, y) })
	})
}

func BenchmarkDot32(b *testing.B) {
	sizes(b, vecSizes, func(b *testing.B, n int) {
		r := rand.New(rand.NewPCG(1, 1))
		x, y := randVec[float32](r, n), randVec[float32](r, n)
		run(b, 2*n*4, 2*float64(n), "GFLOP/s", func() { sink32 += kernel.Dot32(x, y) })
	})
}

func benchAxpy[T float](b *testing.B, axpy func(T, []T, []T)) {
	sizes(b, vecSizes, func(b *testing.B, n int) {
		r := rand.New(rand.NewPCG(2, 2))
		x, y := randVec[T](r, n), randVec[T](r, n)
		run(b, 3*n*size[T](), 2*float64(n), "GFLOP/s", func() { axpy(1e-9, x, y) })
	})
}

func BenchmarkAxpy64(b *testing.B) { benchAxpy(b, kernel.Axpy64) }
func BenchmarkAxpy32(b *testing.B) { benchAxpy(b, kernel.Axpy32) }

func benchGemv[T float](b *testing.B, gemv func(m, n int, alpha T, a []T, lda int, x []T, beta T, y []T)) {
	sizes(b, matSizes, func(b *testing.B, n int) {
		r := rand.New(rand.NewPCG(3, 3))
		a, x, y := randVec[T](r, n*n), randVec[T](r, n), make([]T, n)
		// beta = 0: y is written, not read.
		run(b, (n*n+2*n)*size[T](), 2*float64(n*n), "GFLOP/s", func() { gemv(n, n, 1, a, n, x, 0, y) })
	})
}

func BenchmarkGemv64(b *testing.B) { benchGemv(b, kernel.Gemv64) }
func BenchmarkGemv32(b *testing.B) { benchGemv(b, kernel.Gemv32) }

func benchGemvMulti[T float](b *testing.B, gemvMulti func(m, n, k int, a []T, lda int, x []T, ldx int, y []T, ldy int)) {
	const k = 4
	sizes(b, matSizes, func(b *testing.B, n int) {
		r := rand.New(rand.NewPCG(4, 4))
		a, x, y := randVec[T](r, n*n), randVec[T](r, k*n), make([]T, k*n)
		run(b, (n*n+2*k*n)*size[T](), 2*float64(k*n*n), "GFLOP/s", func() { gemvMulti(n, n, k, a, n, x, n, y, n) })
	})
}

// BenchmarkGemvMulti64 multiplies by k = 4 vectors at once; compare with
// four times BenchmarkGemv64.
func BenchmarkGemvMulti64(b *testing.B) { benchGemvMulti(b, kernel.GemvMulti64) }
func BenchmarkGemvMulti32(b *testing.B) { benchGemvMulti(b, kernel.GemvMulti32) }

func benchGer[T float](b *testing.B, ger func(m, n int, alpha T, x, y, a []T, lda int)) {
	sizes(b, matSizes, func(b *testing.B, n int) {
		r := rand.New(rand.NewPCG(5, 5))
		a, x, y := randVec[T](r, n*n), randVec[T](r, n), randVec[T](r, n)
		run(b, (2*n*n+2*n)*size[T](), 2*float64(n*n), "GFLOP/s", func() { ger(n, n, 1e-9, x, y, a, n) })
	})
}

func BenchmarkGer64(b *testing.B) { benchGer(b, kernel.Ger64) }
func BenchmarkGer32(b *testing.B) { benchGer(b, kernel.Ger32) }

func benchCubeGer[T float](b *testing.B, cubeGer func(m, n int, x, y, a []T, lda int)) {
	sizes(b, matSizes, func(b *testing.B, n int) {
		r := rand.New(rand.NewPCG(6, 6))
		a, x, y := randVec[T](r, n*n), randVec[T](r, n), randVec[T](r, n)
		for i := range x {
			x[i] *= 1e-3 // keep A from growing over many iterations
		}
		run(b, (2*n*n+2*n)*size[T](), 4*float64(n*n), "GFLOP/s", func() { cubeGer(n, n, x, y, a, n) })
	})
}

func BenchmarkCubeGer64(b *testing.B) { benchCubeGer(b, kernel.CubeGer64) }
func BenchmarkCubeGer32(b *testing.B) { benchCubeGer(b, kernel.CubeGer32) }

func benchMaskedUpdate[T float](b *testing.B, mu func(m, n int, alpha, limit T, e []T, lde int, w []T, ldw int) (int, float64)) {
	sizes(b, matSizes, func(b *testing.B, n int) {
		r := rand.New(rand.NewPCG(7, 7))
		e, w := randVec[T](r, n*n), randVec[T](r, n*n)
		for i := range w {
			if r.IntN(3) == 0 {
				w[i] = 0 // a third of the weights are pruned
			}
		}
		run(b, 3*n*n*size[T](), 3*float64(n*n), "GFLOP/s", func() {
			_, s := mu(n, n, 1e-9, 1.5e-9, e, n, w, n)
			sink64 += s
		})
	})
}

func BenchmarkMaskedUpdate64(b *testing.B) { benchMaskedUpdate(b, kernel.MaskedUpdate64) }
func BenchmarkMaskedUpdate32(b *testing.B) { benchMaskedUpdate(b, kernel.MaskedUpdate32) }

func benchGemmTN[T float](b *testing.B, gemm func(m, n, k int, alpha T, a []T, lda int, bb []T, ldb int, c []T, ldc int)) {
	sizes(b, gemmSizes, func(b *testing.B, n int) {
		r := rand.New(rand.NewPCG(8, 8))
		a, bm, c := randVec[T](r, gemmK*n), randVec[T](r, gemmK*n), randVec[T](r, n*n)
		run(b, (2*gemmK*n+2*n*n)*size[T](), 2*float64(n*n*gemmK), "GFLOP/s", func() { gemm(n, n, gemmK, 1e-9, a, n, bm, n, c, n) })
	})
}

// BenchmarkGemmTN64 is C += alpha·Aᵀ·B with m = n and k = 1000 (the
// headline is n=200).
func BenchmarkGemmTN64(b *testing.B) { benchGemmTN(b, kernel.GemmTN64) }
func BenchmarkGemmTN32(b *testing.B) { benchGemmTN(b, kernel.GemmTN32) }

func benchTanh[T float](b *testing.B, tanh func(dst, x []T)) {
	sizes(b, vecSizes, func(b *testing.B, n int) {
		r := rand.New(rand.NewPCG(9, 9))
		x, dst := randVec[T](r, n), make([]T, n)
		run(b, 2*n*size[T](), float64(n), "Gelem/s", func() { tanh(dst, x) })
	})
}

func BenchmarkTanh64(b *testing.B) { benchTanh(b, kernel.Tanh64) }
func BenchmarkTanh32(b *testing.B) { benchTanh(b, kernel.Tanh32) }

// benchLeak and benchCubeDiff measure the element-wise kernels of a time
// step: the leaky integration x += k·(e - x) and the cube of a difference.
func benchLeak[T float](b *testing.B, leak func(k T, e, x []T)) {
	sizes(b, vecSizes, func(b *testing.B, n int) {
		r := rand.New(rand.NewPCG(9, 10))
		e, x := randVec[T](r, n), randVec[T](r, n)
		run(b, 3*n*size[T](), 3*float64(n), "GFLOP/s", func() { leak(0.1, e, x) })
	})
}

func BenchmarkLeak64(b *testing.B) { benchLeak(b, kernel.Leak64) }
func BenchmarkLeak32(b *testing.B) { benchLeak(b, kernel.Leak32) }

func benchCubeDiff[T float](b *testing.B, cubeDiff func(dst, x, y []T)) {
	sizes(b, vecSizes, func(b *testing.B, n int) {
		r := rand.New(rand.NewPCG(9, 11))
		x, y, dst := randVec[T](r, n), randVec[T](r, n), make([]T, n)
		run(b, 3*n*size[T](), 3*float64(n), "GFLOP/s", func() { cubeDiff(dst, x, y) })
	})
}

func BenchmarkCubeDiff64(b *testing.B) { benchCubeDiff(b, kernel.CubeDiff64) }
func BenchmarkCubeDiff32(b *testing.B) { benchCubeDiff(b, kernel.CubeDiff32) }
