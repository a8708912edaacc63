package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// Error bounds of Tanh64 and Tanh32, in units in the last place of the
// reference: math.Tanh for float64, and the float64 result rounded to
// float32 for float32 (math.Tanh is far more accurate than float32, so
// that is the correctly rounded value up to a rare double rounding).
//
// Why 2 and not 1 for float64: the reference itself is off by up to about
// 1.25 ulp (measured against 40-digit values), and the AVX2 code by up to
// about 0.76 ulp, so the two may differ by 2 ulp in rare cases (1 ulp is
// the worst seen over millions of inputs, see TestTanhDense). The AVX2
// float32 code rounds a float64 result once, so it can differ from the
// reference only by 1 ulp, next to a tie; 2 is kept for every tier.
const (
	tanhULP64 = 2
	tanhULP32 = 2
)

// tanhInputs covers the special values, the points where implementations
// switch formulas, subnormals, the saturated range and a dense sweep.
func tanhInputs(r *rand.Rand) []float64 {
	v := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(),
		5e-324, -5e-324, 1e-310, 1e-300, 1e-20, 1e-10, 1e-8, 1e-5, 0x1p-27, 0x1p-13,
		0.125, 0.25, 0.5, 0.625, 0.6249999999999999, 0.6250000000000001, 1, 2, 5, 9, 9.01, 10, 17,
		18.5, 19, 20, 22, 40, 44, 88, 89, 710, 711, 1e10, 1e300, math.MaxFloat64,
		math.SmallestNonzeroFloat32, 1e-38, 1e-30,
		// around the clamps of the AVX-512 code and the last inputs whose
		// tanh rounds below 1
		8.625, 8.66, 8.67, float64(tanhSat32), float64(math.Nextafter32(tanhSat32, 10)),
		18.7, 18.71, 18.72, tanhSat64, math.Nextafter(tanhSat64, 20)}
	n := len(v)
	for i := 0; i < n; i++ {
		v = append(v, -v[i])
	}
	for x := -25.0; x <= 25; x += 1.0 / 64 {
		v = append(v, x, math.Nextafter(x, 100))
	}
	for i := 0; i < 20000; i++ {
		// log-uniform magnitudes from 1e-12 to 1e3, both signs
		x := math.Exp(r.Float64()*(math.Log(1e3)-math.Log(1e-12)) + math.Log(1e-12))
		if r.IntN(2) == 0 {
			x = -x
		}
		v = append(v, x)
	}
	return v
}

// tanhSat64 and tanhSat32 are the largest inputs whose tanh rounds below
// 1 in float64 and float32: tanh a < 1 - 2^-54 (2^-25) for a below
// ln(2^55 - 1)/2 ≈ 19.0615474654 (ln(2^26 - 1)/2 ≈ 9.0109133398).
var (
	tanhSat64 = math.Float64frombits(0x40330fc1931f09c9)
	tanhSat32 = math.Float32frombits(0x41102cb3)
)

// TestTanhSaturation checks that the largest inputs whose tanh rounds below
// 1 give exactly the float below 1, and the next ones and beyond exactly 1,
// with the sign of x.
func TestTanhSaturation(t *testing.T) {
	forEachTier(t, func(t *testing.T) {
		below64, below32 := math.Nextafter(1, 0), math.Nextafter32(1, 0)
		x := []float64{tanhSat64, math.Nextafter(tanhSat64, 20), 19.5, 20, 40, math.Inf(1), 18.72, 18.7}
		want := []float64{below64, 1, 1, 1, 1, 1, below64, below64}
		x32 := []float32{tanhSat32, math.Nextafter32(tanhSat32, 10), 9.5, 10, 40, float32(math.Inf(1)), 8.67, 8.625}
		want32 := []float32{below32, 1, 1, 1, 1, 1, below32, below32}
		for _, sign := range []float64{1, -1} {
			in, got := make([]float64, len(x)), make([]float64, len(x))
			in32, got32 := make([]float32, len(x32)), make([]float32, len(x32))
			for i := range x {
				in[i], in32[i] = sign*x[i], float32(sign)*x32[i]
			}
			Tanh64(got, in)
			Tanh32(got32, in32)
			for i := range in {
				if got[i] != sign*want[i] {
					t.Errorf("Tanh64(%v) = %v, want %v", in[i], got[i], sign*want[i])
				}
				if got32[i] != float32(sign)*want32[i] {
					t.Errorf("Tanh32(%v) = %v, want %v", in32[i], got32[i], float32(sign)*want32[i])
				}
			}
		}
	})
}

func ulpDiff64(a, b float64) float64 {
	if a == b || (math.IsNaN(a) && math.IsNaN(b)) {
		return 0
	}
	if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
		return math.Inf(1)
	}
	ulp := math.Nextafter(math.Abs(b), math.Inf(1)) - math.Abs(b)
	return math.Abs(a-b) / ulp
}

func ulpDiff32(a, b float32) float64 {
	if a == b || (a != a && b != b) {
		return 0
	}
	if a != a || b != b {
		return math.Inf(1)
	}
	fb := float32(math.Abs(float64(b)))
	ulp := math.Nextafter32(fb, float32(math.Inf(1))) - fb
	return math.Abs(float64(a)-float64(b)) / float64(ulp)
}

func TestTanh64(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	in := tanhInputs(r)
	forEachTier(t, func(t *testing.T) {
		got := make([]float64, len(in))
		Tanh64(got, in)
		worst := 0.0
		for i, x := range in {
			want := math.Tanh(x)
			d := ulpDiff64(got[i], want)
			if d > tanhULP64 {
				t.Fatalf("Tanh64(%v) = %v, want %v (%.1f ulp)", x, got[i], want, d)
			}
			if want == 0 && math.Signbit(got[i]) != math.Signbit(want) {
				t.Fatalf("Tanh64(%v) = %v: wrong sign of zero", x, got[i])
			}
			worst = max(worst, d)
		}
		t.Logf("worst error %.2f ulp over %d inputs", worst, len(in))
	})
}

func TestTanh32(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 20))
	in64 := tanhInputs(r)
	in := make([]float32, len(in64))
	for i, v := range in64 {
		in[i] = float32(v)
	}
	forEachTier(t, func(t *testing.T) {
		got := make([]float32, len(in))
		Tanh32(got, in)
		worst := 0.0
		for i, x := range in {
			want := float32(math.Tanh(float64(x)))
			d := ulpDiff32(got[i], want)
			if d > tanhULP32 {
				t.Fatalf("Tanh32(%v) = %v, want %v (%.1f ulp)", x, got[i], want, d)
			}
			if want == 0 && math.Signbit(float64(got[i])) != math.Signbit(float64(want)) {
				t.Fatalf("Tanh32(%v) = %v: wrong sign of zero", x, got[i])
			}
			worst = max(worst, d)
		}
		t.Logf("worst error %.2f ulp over %d inputs", worst, len(in))
	})
}

// TestTanhEdges checks lengths, offsets, guard cells and in-place use.
func TestTanhEdges(t *testing.T) {
	forEachTier(t, func(t *testing.T) {
		t.Run("f64", func(t *testing.T) { testTanhEdges(t, Tanh64, tanh64Generic) })
		t.Run("f32", func(t *testing.T) { testTanhEdges(t, Tanh32, tanh32Generic) })
	})
}

func testTanhEdges[T float](t *testing.T, f, ref func(dst, x []T)) {
	r := rand.New(rand.NewPCG(21, 22))
	for _, n := range vecLens {
		for _, off := range offsets {
			for _, inPlace := range []bool{false, true} {
				name := fmt.Sprintf("n=%d/off=%d/inplace=%v", n, off, inPlace)
				x, dst := newVec[T](n, off), newVec[T](n, 1-off)
				x.fill(func() T { return T(r.NormFloat64() * 3) })
				x0 := x.clone()
				want := newVec[T](n, 0)
				ref(want.s(), x.s())
				out := dst
				if inPlace {
					out = x
					f(x.s(), x.s())
				} else {
					f(dst.s(), x.s())
					x.equal(t, x0, "Tanh input "+name)
				}
				out.checkGuards(t, "Tanh "+name)
				for i := range want.s() {
					var d float64
					switch g := any(out.s()[i]).(type) {
					case float64:
						d = ulpDiff64(g, any(want.s()[i]).(float64))
					case float32:
						d = ulpDiff32(g, any(want.s()[i]).(float32))
					}
					if d > 2 {
						t.Fatalf("Tanh %s [%d] = %v, want %v", name, i, out.s()[i], want.s()[i])
					}
				}
			}
		}
	}
}
