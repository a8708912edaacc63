package mat

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

func TestAlignment(t *testing.T) {
	for n := 0; n < 40; n++ {
		v := NewVec[float64](n)
		w := NewVec[float32](n)
		require.Len(t, v, n)
		require.Len(t, w, n)
		if n > 0 {
			require.Zero(t, uintptr(unsafe.Pointer(&v[0]))%64, "float64 vector of %d", n)
			require.Zero(t, uintptr(unsafe.Pointer(&w[0]))%64, "float32 vector of %d", n)
		}
		// capacity ends at the length: appending never overwrites a neighbour
		require.Equal(t, n, cap(v))
	}
}

func TestViews(t *testing.T) {
	m := NewDense[float64](4, 5)
	for i := 0; i < 4; i++ {
		for j := 0; j < 5; j++ {
			m.Set(i, j, float64(10*i+j))
		}
	}
	v := m.View(1, 2, 2, 3)
	require.Equal(t, 12.0, v.At(0, 0))
	require.Equal(t, 24.0, v.At(1, 2))
	require.Equal(t, []float64{22, 23, 24}, v.Row(1))
	v.Set(0, 1, -1)
	require.Equal(t, -1.0, m.At(1, 3), "a view shares storage")
	c := v.Clone()
	require.Equal(t, 3, c.Stride)
	require.True(t, c.Equal(v))
	c.Set(0, 0, 7)
	require.Equal(t, 12.0, m.At(1, 2), "a clone does not")
	require.Equal(t, []float64{12, -1, 14, 22, 23, 24}, v.Flat())
	v.Zero()
	require.Equal(t, 0.0, m.At(2, 4))
	require.Equal(t, 21.0, m.At(2, 1), "Zero stays inside the view")

	require.PanicsWithValue(t, "mat: View: 2×3 at (3,2) outside 4×5", func() { m.View(3, 2, 2, 3) })
	require.Panics(t, func() { m.At(4, 0) })
	require.Panics(t, func() { m.Row(-1) })
	require.Panics(t, func() { NewDense[float32](-1, 2) })
	_, err := FromSlice(2, 3, make([]float64, 5))
	require.ErrorContains(t, err, "5 values do not make a 2×3 matrix")
}

func TestConvert(t *testing.T) {
	m := NewDense[float64](2, 2)
	m.Set(1, 0, 0.1)
	f := NewDense[float32](2, 2)
	Convert(f, m)
	require.Equal(t, float32(0.1), f.At(1, 0))
	require.Equal(t, []float32{1, 2}, ConvertVec[float32]([]float64{1, 2}))
	require.Panics(t, func() { Convert(NewDense[float32](1, 2), m) })
}

func randDense[T Float](r *rand.Rand, rows, cols, pad int) *Dense[T] {
	m := &Dense[T]{Rows: rows, Cols: cols, Stride: cols + pad, Data: NewVec[T](rows*(cols+pad) + 1)}
	for i := range m.Data {
		m.Data[i] = T(r.IntN(9)-4) / 2
	}
	return m
}

func TestOps(t *testing.T) {
	testOps[float64](t)
	testOps[float32](t)
}

// testOps checks each operation against plain loops on exactly
// representable data, on views with padded strides.
func testOps[T Float](t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	a := randDense[T](r, 7, 9, 3).View(1, 1, 5, 6)
	x := randDense[T](r, 1, 6, 0).Row(0)
	y := randDense[T](r, 1, 5, 0).Row(0)

	got := append([]T(nil), y...)
	a.MulVec(got, 2, x, -1)
	for i := 0; i < 5; i++ {
		var s T
		for j := 0; j < 6; j++ {
			s += a.At(i, j) * x[j]
		}
		require.Equal(t, 2*s-y[i], got[i])
	}

	xs := randDense[T](r, 3, 6, 2)
	ys := NewDense[T](3, 5)
	a.MulVecs(ys, xs)
	for c := 0; c < 3; c++ {
		want := make([]T, 5)
		a.MulVec(want, 1, xs.Row(c), 0)
		require.Equal(t, want, ys.Row(c))
	}

	b := a.Clone()
	b.AddOuter(0.5, y, x)
	b.AddCubeOuter(y, x)
	for i := 0; i < 5; i++ {
		for j := 0; j < 6; j++ {
			v := y[i] * x[j]
			require.Equal(t, a.At(i, j)+0.5*y[i]*x[j]+v*v*v, b.At(i, j))
		}
	}

	p := randDense[T](r, 4, 5, 1)
	q := randDense[T](r, 4, 6, 0)
	c := a.Clone()
	c.AddMulTN(-1, p, q)
	for i := 0; i < 5; i++ {
		for j := 0; j < 6; j++ {
			var s T
			for k := 0; k < 4; k++ {
				s += p.At(k, i) * q.At(k, j)
			}
			require.Equal(t, a.At(i, j)-s, c.At(i, j))
		}
	}

	w := a.Clone()
	w.Set(0, 0, 0)
	e := a.Clone()
	e.Set(1, 1, T(math.NaN()))
	w2 := w.Clone()
	clipped, sum := w2.MaskedUpdate(1, 1, e)
	wantClipped, wantSum := 0, 0.0
	for i := 0; i < 5; i++ {
		for j := 0; j < 6; j++ {
			if w.At(i, j) == 0 {
				require.Zero(t, w2.At(i, j))
				continue
			}
			d := e.At(i, j)
			if d != d {
				d = 0
			}
			if d > 1 || d < -1 {
				wantClipped++
				d = max(-1, min(1, d))
			}
			wantSum += math.Abs(float64(d))
			require.Equal(t, w.At(i, j)+d, w2.At(i, j))
		}
	}
	require.Equal(t, wantClipped, clipped)
	require.Equal(t, wantSum, sum)

	require.Equal(t, Dot(x, x), func() T {
		var s T
		for _, v := range x {
			s += v * v
		}
		return s
	}())
	z := append([]T(nil), x...)
	Axpy(2, x, z)
	Scal(1.0/3, z)
	for i := range z {
		require.Equal(t, x[i], z[i])
	}
	th := make([]T, len(x))
	Tanh(th, x)
	for i := range x {
		require.InDelta(t, math.Tanh(float64(x[i])), float64(th[i]), 1e-6)
	}
	lk := append([]T(nil), x...)
	Leak(0.5, th, lk)
	cu, cd := make([]T, len(x)), make([]T, len(x))
	Cube(cu, x)
	CubeDiff(cd, x, th)
	for i := range x {
		require.Equal(t, x[i]+T(0.5*(th[i]-x[i])), lk[i])
		require.Equal(t, x[i]*x[i]*x[i], cu[i])
		d := x[i] - th[i]
		require.Equal(t, d*d*d, cd[i])
	}
	require.PanicsWithValue(t, "mat: CubeDiff: y has 4 elements, want 5", func() { CubeDiff(cd[:5], x[:5], x[:4]) })

	require.PanicsWithValue(t, "mat: MulVec: x has 5 elements, want 6", func() { a.MulVec(y, 1, y, 0) })
	require.Panics(t, func() { a.AddMulTN(1, q, p) })
	require.Panics(t, func() { a.MulVecs(xs, ys) })
	require.Panics(t, func() { a.MaskedUpdate(1, 1, p) })
}

func TestMulVecRows(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	a := randDense[float64](r, 9, 5, 2)
	x := randDense[float64](r, 1, 5, 0).Row(0)
	want := make([]float64, 9)
	a.MulVec(want, 1, x, 0)
	got := make([]float64, 9)
	for _, cut := range [][2]int{{0, 4}, {4, 4}, {4, 9}} {
		a.MulVecRows(cut[0], cut[1], got, 1, x, 0)
	}
	require.Equal(t, want, got)
	got[8] = 100
	a.MulVecRows(8, 9, got, 1, x, 1)
	require.Equal(t, want[8]+100, got[8])
	require.Panics(t, func() { a.MulVecRows(3, 10, got, 1, x, 0) })
}

func TestNewDensePadded(t *testing.T) {
	m := NewDensePadded[float32](3, 20)
	require.Equal(t, 32, m.Stride, "20 float32 round up to two cache lines")
	for i := 0; i < 3; i++ {
		require.Zero(t, uintptr(unsafe.Pointer(&m.Row(i)[0]))%64, "row %d starts a cache line", i)
	}
	d := NewDensePadded[float64](2, 8)
	require.Equal(t, 8, d.Stride)
	require.Panics(t, func() { NewDensePadded[float64](-1, 1) })
}
