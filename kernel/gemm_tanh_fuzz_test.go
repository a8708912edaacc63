package kernel

import (
	"math"
	"testing"
)

// Fuzz targets: the current implementation against the generic twin on
// fuzzer-chosen shapes, strides and values, decoded and checked with the
// helpers of fuzz_test.go. Run one with, for example,
//
//	go test ./kernel/ -run '^$' -fuzz '^FuzzGemmTN64$' -fuzztime 10s
//
// Under plain go test they run their seeds only.

func FuzzGemmTN64(f *testing.F) { fuzzGemmTN(f, GemmTN64) }
func FuzzGemmTN32(f *testing.F) { fuzzGemmTN(f, GemmTN32) }

func fuzzGemmTN[T float](f *testing.F, gemm func(m, n, k int, alpha T, a []T, lda int, b []T, ldb int, c []T, ldc int)) {
	// Seeds: tile edges (6 rows, 8 or 16 columns), the k block (256) and
	// one-element shapes.
	for _, s := range [][3]int{{1, 1, 1}, {5, 7, 3}, {6, 8, 4}, {6, 16, 5}, {7, 9, 2}, {12, 17, 9},
		{13, 33, 257}, {18, 24, 300}, {23, 47, 1}, {1, 65, 31}, {65, 1, 31}} {
		f.Add(uint8(s[0]), uint8(s[1]), uint16(s[2]), uint8(s[0]%3), int8(2), []byte{1, 2, 3, 4, 5, 6, 7, 8})
	}
	f.Fuzz(func(t *testing.T, m8, n8 uint8, k16 uint16, pad uint8, alpha8 int8, data []byte) {
		m, n, k := int(m8)%70, int(n8)%70, int(k16)%600
		alpha := T(alpha8) / 16
		padA, padB, padC := int(pad&3), int(pad>>2&3), int(pad>>4&3)
		off := int(pad >> 6 & 1)
		a := newMat[T](k, m, m+padA, off)
		b := newMat[T](k, n, n+padB, 1-off)
		c := newMat[T](m, n, n+padC, off)
		src := &fuzzSrc{b: data}
		gen := func() T { return T(src.grid()) }
		a.fill(gen)
		b.fill(gen)
		c.fill(gen)
		a0, b0 := a.clone(), b.clone()
		want := c.clone()
		if alpha != 0 { // alpha = 0 leaves C alone, as documented, even where A·B is not finite
			gemmTNGeneric(m, n, k, alpha, a.s(), a.ld, b.s(), b.ld, want.s(), c.ld)
		}
		gemm(m, n, k, alpha, a.s(), a.ld, b.s(), b.ld, c.s(), c.ld)
		c.checkGuards(t, "GemmTN c")
		a.equal(t, a0, "GemmTN input a")
		b.equal(t, b0, "GemmTN input b")
		if m == 0 || n == 0 || k == 0 || alpha == 0 {
			c.equal(t, want, "GemmTN with nothing to do")
			return
		}
		for i := 0; i < m; i++ {
			for j := 0; j < n; j++ {
				got, w := float64(c.s()[i*c.ld+j]), float64(want.s()[i*c.ld+j])
				// The rounding error bound of a sum of k products.
				var mag float64
				for p := 0; p < k; p++ {
					mag += math.Abs(float64(a.s()[p*a.ld+i]) * float64(b.s()[p*b.ld+j]))
				}
				mag = math.Abs(float64(alpha))*mag + math.Abs(float64(c.s()[i*c.ld+j]))
				if !near(got, w, sumBound[T](k, mag)) {
					t.Fatalf("GemmTN m=%d n=%d k=%d (%d,%d) = %v, want %v (magnitude %g)", m, n, k, i, j, got, w, mag)
				}
			}
		}
	})
}

func FuzzTanh64(f *testing.F) {
	for _, v := range [][]float64{{0}, {math.Copysign(0, -1), math.Inf(1), math.Inf(-1)},
		{math.NaN(), 0.625, -0.625, 19.06, 20, 5e-324}, {1e-300, 0.3, -3, 22, 710, -1e10, 0.6249999999999999}} {
		f.Add(floatBytes(v))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, x := fuzzFloats[float64](data), fuzzFloats[float64](data)
		want := make([]float64, len(x))
		tanh64Generic(want, x)
		got := make([]float64, len(x))
		Tanh64(got, x)
		Tanh64(x, x) // in place
		for i := range x {
			for _, g := range []float64{got[i], x[i]} {
				if d := ulpDiff64(g, want[i]); d > tanhULP64 || math.Signbit(g) != math.Signbit(want[i]) && !math.IsNaN(g) {
					t.Fatalf("Tanh64(%v) = %v, want %v (%.1f ulp)", in[i], g, want[i], d)
				}
			}
		}
	})
}

func FuzzTanh32(f *testing.F) {
	for _, v := range [][]float32{{0}, {float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1))},
		{float32(math.NaN()), 0.625, -0.625, 9.01, 20, 1e-45}, {1e-38, 0.3, -3, 22, 88, -1e10, 0.62499994}} {
		f.Add(floatBytes(v))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, x := fuzzFloats[float32](data), fuzzFloats[float32](data)
		want := make([]float32, len(x))
		tanh32Generic(want, x)
		got := make([]float32, len(x))
		Tanh32(got, x)
		Tanh32(x, x) // in place
		for i := range x {
			for _, g := range []float32{got[i], x[i]} {
				if d := ulpDiff32(g, want[i]); d > tanhULP32 || math.Signbit(float64(g)) != math.Signbit(float64(want[i])) && g == g {
					t.Fatalf("Tanh32(%v) = %v, want %v (%.1f ulp)", in[i], g, want[i], d)
				}
			}
		}
	})
}

// TestTanhDense sweeps Tanh64 and Tanh32 densely over the range where
// tanh is neither x nor ±1, in every implementation, and logs the worst
// error seen against the bounds of tanh_test.go.
func TestTanhDense(t *testing.T) {
	forEachTier(t, func(t *testing.T) {
		// float64: 2^20 evenly spaced points in [-20, 20], their
		// neighbours, and 2^17 points log-spaced in [1e-10, 1].
		steps := 1 << 20
		if testing.Short() {
			steps = 1 << 16
		}
		x := make([]float64, 0, 2*steps+steps/8)
		for i := 0; i < steps; i++ {
			v := -20 + 40*float64(i)/float64(steps)
			x = append(x, v, math.Nextafter(v, 30))
		}
		for i := 0; i < steps/8; i++ {
			x = append(x, math.Exp(math.Log(1e-10)*float64(i)/float64(steps/8)))
		}
		got := make([]float64, len(x))
		Tanh64(got, x)
		worst, at := 0.0, 0.0
		for i, v := range x {
			if d := ulpDiff64(got[i], math.Tanh(v)); d > worst {
				worst, at = d, v
			}
		}
		if worst > tanhULP64 {
			t.Errorf("Tanh64: %.2f ulp at %v", worst, at)
		}
		t.Logf("Tanh64: worst %.2f ulp (at %v) over %d inputs", worst, at, len(x))

		// float32: every 127th float32 in (0, 12], both signs.
		stride := uint32(127)
		if testing.Short() {
			stride = 6101
		}
		var x32 []float32
		for u := uint32(1); u <= math.Float32bits(12); u += stride {
			v := math.Float32frombits(u)
			x32 = append(x32, v, -v)
		}
		got32 := make([]float32, len(x32))
		Tanh32(got32, x32)
		worst, at = 0.0, 0.0
		for i, v := range x32 {
			if d := ulpDiff32(got32[i], float32(math.Tanh(float64(v)))); d > worst {
				worst, at = d, float64(v)
			}
		}
		if worst > tanhULP32 {
			t.Errorf("Tanh32: %.2f ulp at %v", worst, at)
		}
		t.Logf("Tanh32: worst %.2f ulp (at %v) over %d inputs", worst, at, len(x32))
	})
}

// TestGemmTanhNoAlloc checks that GemmTN (whose packing buffers come from
// a pool) and Tanh do not allocate in steady state.
func TestGemmTanhNoAlloc(t *testing.T) {
	forEachTier(t, func(t *testing.T) {
		const m, n, k = 50, 70, 300
		a, b, c := make([]float64, k*m), make([]float64, k*n), make([]float64, m*n)
		a32, b32, c32 := make([]float32, k*m), make([]float32, k*n), make([]float32, m*n)
		x, x32 := make([]float64, 203), make([]float32, 203)
		if got := testing.AllocsPerRun(10, func() {
			GemmTN64(m, n, k, 1, a, m, b, n, c, n)
			GemmTN32(m, n, k, 1, a32, m, b32, n, c32, n)
			Tanh64(x, x)
			Tanh32(x32, x32)
		}); got != 0 {
			t.Errorf("%v allocations per call", got)
		}
	})
}
