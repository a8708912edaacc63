package linalg_test

import (
	"fmt"
	"math"
	"math/cmplx"
	"slices"
	"testing"

	"github.com/hebbrnn/hebbrnn/linalg"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/stretchr/testify/require"
)

// det is the determinant by Gaussian elimination with partial pivoting.
func det(a *mat.Dense[float64]) float64 {
	m := a.Clone()
	n := m.Rows
	d := 1.0
	for k := 0; k < n; k++ {
		p := k
		for i := k + 1; i < n; i++ {
			if math.Abs(m.At(i, k)) > math.Abs(m.At(p, k)) {
				p = i
			}
		}
		if m.At(p, k) == 0 {
			return 0
		}
		if p != k {
			for j := 0; j < n; j++ {
				x, y := m.At(k, j), m.At(p, j)
				m.Set(k, j, y)
				m.Set(p, j, x)
			}
			d = -d
		}
		d *= m.At(k, k)
		for i := k + 1; i < n; i++ {
			f := m.At(i, k) / m.At(k, k)
			for j := k; j < n; j++ {
				m.Set(i, j, m.At(i, j)-f*m.At(k, j))
			}
		}
	}
	return d
}

// The product of the eigenvalues is the determinant, their sum the trace
// (checked in checkEigenvalues and checkEigSym).
func TestTraceAndDeterminant(t *testing.T) {
	rng := newRNG(1)
	for n := 1; n <= 8; n++ {
		for trial := range 5 {
			a := randn(n, rng)
			want := det(a)
			// Errors of a product of n values of size ‖A‖: relative to ‖A‖ⁿ.
			scale := math.Pow(frob(a), float64(n))
			prod := complex(1, 0)
			for _, v := range checkEigenvalues(t, a) {
				prod *= v
			}
			require.InDelta(t, want, real(prod), 1e-13*scale, "n=%d trial %d: product of the eigenvalues vs det", n, trial)
			require.InDelta(t, 0, imag(prod), 1e-13*scale, "n=%d trial %d: the product must be real", n, trial)

			s := randSym(n, rng)
			want = det(s)
			scale = math.Pow(frob(s), float64(n))
			p := 1.0
			vals, _ := checkEigSym(t, s)
			for _, v := range vals {
				p *= v
			}
			require.InDelta(t, want, p, 1e-13*scale, "n=%d trial %d: product of the symmetric eigenvalues vs det", n, trial)
		}
	}
}

// The eigenvalues of an orthogonal matrix lie on the unit circle; those of
// the cyclic permutation of n units are the n-th roots of unity.
func TestOrthogonalOnUnitCircle(t *testing.T) {
	rng := newRNG(2)
	for _, n := range []int{2, 3, 5, 30, 100} {
		for _, v := range checkEigenvalues(t, randOrth(n, rng)) {
			require.InDelta(t, 1, cmplx.Abs(v), 1e-13, "n=%d: %v", n, v)
		}
	}
	const n = 50
	cyc := mat.NewDense[float64](n, n)
	for i := range n {
		cyc.Set((i+1)%n, i, 1)
	}
	got := checkEigenvalues(t, cyc)
	want := make([]complex128, n)
	for k := range want {
		want[k] = cmplx.Rect(1, 2*math.Pi*float64(k)/n)
	}
	require.LessOrEqual(t, matchComplex(got, want), 1e-13, "roots of unity")
}

// A triangular matrix's eigenvalues are its diagonal, exactly: the
// permutations of the balancing isolate every one of them (an upper
// triangular matrix is already in Schur form; a lower one is permuted to
// it).
func TestTriangular(t *testing.T) {
	rng := newRNG(3)
	for _, n := range []int{1, 4, 20, 60} {
		up := randn(n, rng)
		low := up.Clone()
		var want []complex128
		for i := range n {
			want = append(want, complex(up.At(i, i), 0))
			for j := range i {
				up.Set(i, j, 0)
				low.Set(j, i, 0)
			}
		}
		require.Zero(t, matchComplex(checkEigenvalues(t, up), want), "n=%d upper", n)
		require.Zero(t, matchComplex(checkEigenvalues(t, low), want), "n=%d lower", n)
	}
}

// Matrices whose eigenvalues are known in closed form.
func TestKnownSpectra(t *testing.T) {
	// The second-difference matrix tridiag(−1, 2, −1): 2 − 2cos(kπ/(n+1)).
	const n = 50
	a := mat.NewDense[float64](n, n)
	for i := range n {
		a.Set(i, i, 2)
		if i > 0 {
			a.Set(i, i-1, -1)
			a.Set(i-1, i, -1)
		}
	}
	vals, vecs := checkEigSym(t, a)
	for i, v := range vals {
		k := float64(n - i) // descending
		require.InDelta(t, 2-2*math.Cos(k*math.Pi/(n+1)), v, 1e-14, "eigenvalue %d", i)
		// Its eigenvector is sin(j·k·π/(n+1)) up to sign and norm.
		norm := math.Sqrt((n + 1) / 2.0)
		dotp := 0.0
		for j := range n {
			dotp += vecs.At(j, i) * math.Sin(float64(j+1)*k*math.Pi/(n+1)) / norm
		}
		require.InDelta(t, 1, math.Abs(dotp), 1e-12, "eigenvector %d", i)
	}
	// A rotation by θ: e^{±iθ}.
	for _, th := range []float64{0.3, 2, math.Pi / 2} {
		r := fromRows([]float64{math.Cos(th), -math.Sin(th)}, []float64{math.Sin(th), math.Cos(th)})
		got := checkEigenvalues(t, r)
		require.InDelta(t, 0, cmplx.Abs(got[0]-cmplx.Rect(1, th)), 1e-15, "θ=%g", th)
	}
	// The companion matrix of (x−1)(x−2)···(x−6).
	coef := []float64{1} // highest power first
	for r := 1.0; r <= 6; r++ {
		next := append(slices.Clone(coef), 0)
		for i := 1; i < len(next); i++ {
			next[i] -= r * coef[i-1]
		}
		coef = next
	}
	comp := mat.NewDense[float64](6, 6)
	for j := range 6 {
		comp.Set(0, j, -coef[j+1])
		if j > 0 {
			comp.Set(j, j-1, 1)
		}
	}
	got := checkEigenvalues(t, comp)
	for i, v := range got {
		require.InDelta(t, float64(6-i), real(v), 1e-9, "root %d", i)
		require.Zero(t, imag(v), "root %d", i)
	}
	// A defective Jordan block hidden by a similarity: the computed values
	// spread by about ε^(1/4) around 2, but their mean is the trace / 4.
	jordan := fromRows([]float64{2, 1, 0, 0}, []float64{0, 2, 1, 0}, []float64{0, 0, 2, 1}, []float64{0, 0, 0, 2})
	got = checkEigenvalues(t, similar(randOrth(4, newRNG(4)), jordan))
	for _, v := range got {
		require.InDelta(t, 0, cmplx.Abs(v-2), 1e-3, "%v", got)
	}
}

// Scaling by a power of two scales the eigenvalues by it exactly and
// leaves the eigenvectors as they are, even where the entries' squares
// would overflow or underflow.
func TestPowerOfTwoScaling(t *testing.T) {
	rng := newRNG(5)
	const n = 40
	a, s := randn(n, rng), randSym(n, rng)
	vals, err := linalg.Eigenvalues(a)
	require.NoError(t, err)
	svals, svecs, err := linalg.EigSym(s)
	require.NoError(t, err)
	for _, e := range []int{-900, -600, 600, 900} {
		f := math.Ldexp(1, e)
		as, ss := a.Clone(), s.Clone()
		mat.Scal(f, as.Data)
		mat.Scal(f, ss.Data)
		got, err := linalg.Eigenvalues(as)
		require.NoError(t, err)
		for i := range got {
			require.Equal(t, vals[i]*complex(f, 0), got[i], "2^%d: eigenvalue %d", e, i)
		}
		gv, gvecs, err := linalg.EigSym(ss)
		require.NoError(t, err)
		for i := range gv {
			require.Equal(t, svals[i]*f, gv[i], "2^%d: symmetric eigenvalue %d", e, i)
		}
		require.True(t, gvecs.Equal(svecs), "2^%d: eigenvectors changed", e)
	}
}

// EigSym reads only the lower triangle; both take views (Stride > Cols).
func TestLowerTriangleAndViews(t *testing.T) {
	rng := newRNG(6)
	s := randSym(30, rng)
	vals, vecs, err := linalg.EigSym(s)
	require.NoError(t, err)
	junk := s.Clone()
	for i := range 30 {
		for j := i + 1; j < 30; j++ {
			junk.Set(i, j, math.NaN())
		}
	}
	v2, vecs2, err := linalg.EigSym(junk)
	require.NoError(t, err)
	require.Equal(t, vals, v2)
	require.True(t, vecs.Equal(vecs2))

	big := randn(40, rng)
	view := big.View(3, 5, 30, 30)
	view.Copy(s)
	v3, vecs3, err := linalg.EigSym(view)
	require.NoError(t, err)
	require.Equal(t, vals, v3)
	require.True(t, vecs.Equal(vecs3))

	g := randn(30, rng)
	want, err := linalg.Eigenvalues(g)
	require.NoError(t, err)
	view.Copy(g)
	got, err := linalg.Eigenvalues(view)
	require.NoError(t, err)
	require.Equal(t, want, got)
}

// Bad input gives one clear error naming the problem, never a panic; an
// empty matrix has no eigenvalues.
func TestErrors(t *testing.T) {
	withNaN := randn(4, newRNG(8))
	withNaN.Set(2, 1, math.NaN())
	withInf := randn(4, newRNG(9))
	withInf.Set(3, 0, math.Inf(-1))
	upperInf := randn(4, newRNG(10))
	upperInf.Set(0, 3, math.Inf(1))
	cases := []struct {
		name string
		a    *mat.Dense[float64]
		want string // in the message of both functions
	}{
		{"nil", nil, "nil"},
		{"not square", mat.NewDense[float64](3, 4), "3×4, not square"},
		{"NaN", withNaN, "element (2,1) of the 4×4 matrix is NaN"},
		{"-Inf", withInf, "element (3,0) of the 4×4 matrix is -Inf"},
	}
	for _, c := range cases {
		_, err := linalg.Eigenvalues(c.a)
		require.ErrorContains(t, err, c.want, c.name)
		require.ErrorContains(t, err, "linalg: Eigenvalues: ")
		require.NotContains(t, err.Error(), "\n")
		vals, vecs, err := linalg.EigSym(c.a)
		require.ErrorContains(t, err, c.want, c.name)
		require.ErrorContains(t, err, "linalg: EigSym: ")
		require.Nil(t, vals)
		require.Nil(t, vecs)
	}
	_, err := linalg.Eigenvalues(upperInf)
	require.ErrorContains(t, err, "element (0,3) of the 4×4 matrix is +Inf")
	_, _, err = linalg.EigSym(upperInf) // the upper triangle is not read
	require.NoError(t, err)

	// Entries near the top of the range: the eigenvalue 3e308 of
	// [[1.5e308 1.5e308] [1.5e308 1.5e308]] is beyond float64; the matrix
	// halved is fine.
	huge := fromRows([]float64{1.5e308, 1.5e308}, []float64{1.5e308, 1.5e308})
	_, err = linalg.Eigenvalues(huge)
	require.ErrorContains(t, err, "linalg: Eigenvalues: an eigenvalue is beyond the float64 range")
	_, _, err = linalg.EigSym(huge)
	require.ErrorContains(t, err, "linalg: EigSym: an eigenvalue is beyond the float64 range")
	mat.Scal(0.5, huge.Data)
	ev, err := linalg.Eigenvalues(huge)
	require.NoError(t, err)
	require.Equal(t, []complex128{1.5e308, 0}, ev)
	sv, _, err := linalg.EigSym(huge)
	require.NoError(t, err)
	require.InDelta(t, 1.5e308, sv[0], 1e293)
	require.InDelta(t, 0, sv[1], 1e293)

	empty := mat.NewDense[float64](0, 0)
	ev, err = linalg.Eigenvalues(empty)
	require.NoError(t, err)
	require.Empty(t, ev)
	sv, vecs, err := linalg.EigSym(empty)
	require.NoError(t, err)
	require.Empty(t, sv)
	require.Equal(t, 0, vecs.Rows)
}

func BenchmarkEigSym(b *testing.B) {
	for _, n := range []int{200, 1000} {
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			a := randSym(n, newRNG(11))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := linalg.EigSym(a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEigenvalues(b *testing.B) {
	for _, n := range []int{200, 1000} {
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			a := randn(n, newRNG(12))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := linalg.Eigenvalues(a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
