package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The step kernels promise the same bits in every implementation, so they
// are checked for equality with plain loops on random normal data (not
// only on exactly representable values), including aliasing of dst with an
// input, NaN and ±Inf passing through.

func TestStepKernels(t *testing.T) {
	bothPrecisions(t,
		func(t *testing.T) { testStepKernels(t, Leak64, Cube64, CubeDiff64) },
		func(t *testing.T) { testStepKernels(t, Leak32, Cube32, CubeDiff32) })
}

func testStepKernels[T float](t *testing.T, leak func(k T, e, x []T), cube func(dst, x []T), cubeDiff func(dst, x, y []T)) {
	r := rand.New(rand.NewPCG(3, 4))
	gen := func() T {
		switch r.IntN(40) {
		case 0:
			return T(math.NaN())
		case 1:
			return T(math.Inf(1 - 2*r.IntN(2)))
		}
		return T(3 * r.NormFloat64())
	}
	for _, n := range vecLens {
		for _, off := range offsets {
			name := fmt.Sprintf("n=%d/off=%d", n, off)
			x, y, d := newVec[T](n, off), newVec[T](n, 1-off), newVec[T](n, off)
			x.fill(gen)
			y.fill(gen)
			d.fill(gen)
			x0, y0 := x.clone(), y.clone()

			// Leak: x += k·(e - x), k = dt/tau of the reference tasks.
			k := T(0.1)
			want := x.clone()
			for i, v := range y.s() {
				want.s()[i] = want.s()[i] + T(k*(v-want.s()[i]))
			}
			leak(k, y.s(), x.s())
			x.equal(t, want, "Leak "+name)
			x.checkGuards(t, "Leak "+name)
			y.equal(t, y0, "Leak input "+name)
			x = x0.clone()

			want = d.clone()
			for i, v := range x.s() {
				want.s()[i] = v * v * v
			}
			cube(d.s(), x.s())
			d.equal(t, want, "Cube "+name)
			d.checkGuards(t, "Cube "+name)
			x.equal(t, x0, "Cube input "+name)

			diff := func(g *guarded[T]) *guarded[T] {
				w := g.clone()
				for i, v := range x0.s() {
					e := v - y0.s()[i]
					w.s()[i] = e * e * e
				}
				return w
			}
			cubeDiff(d.s(), x.s(), y.s())
			d.equal(t, diff(d), "CubeDiff "+name)
			d.checkGuards(t, "CubeDiff "+name)
			x.equal(t, x0, "CubeDiff input x "+name)
			y.equal(t, y0, "CubeDiff input y "+name)

			// In place: dst = x, then dst = y.
			want = diff(x)
			cubeDiff(x.s(), x.s(), y.s())
			x.equal(t, want, "CubeDiff dst=x "+name)
			x = x0.clone()
			want = diff(y)
			cubeDiff(y.s(), x.s(), y.s())
			y.equal(t, want, "CubeDiff dst=y "+name)
			want = x.clone()
			for i, v := range x.s() {
				want.s()[i] = v * v * v
			}
			cube(x.s(), x.s())
			x.equal(t, want, "Cube dst=x "+name)
		}
	}
}

// TestStepKernelsMatchMath pins the documented formulas to values worked
// out by hand, so that the generic twins cannot drift from the doc.
func TestStepKernelsMatchMath(t *testing.T) {
	forEachTier(t, func(t *testing.T) {
		x := []float64{1, -2, 0.5, 4, 10}
		Leak64(0.25, []float64{5, 2, 0.5, 0, 10}, x)
		if want := []float64{2, -1, 0.5, 3, 10}; fmt.Sprint(x) != fmt.Sprint(want) {
			t.Fatalf("Leak64 = %v, want %v", x, want)
		}
		d := make([]float64, 5)
		CubeDiff64(d, x, []float64{0, 0, 1.5, 1, 12})
		if want := []float64{8, -1, -1, 8, -8}; fmt.Sprint(d) != fmt.Sprint(want) {
			t.Fatalf("CubeDiff64 = %v, want %v", d, want)
		}
		f := []float32{-3, 0.5, 2, 1, -1, 0, 3, 1, 2}
		Cube32(f, f)
		if want := []float32{-27, 0.125, 8, 1, -1, 0, 27, 1, 8}; fmt.Sprint(f) != fmt.Sprint(want) {
			t.Fatalf("Cube32 = %v, want %v", f, want)
		}
	})
}
