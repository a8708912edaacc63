package linalg_test

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"github.com/hebbrnn/hebbrnn/linalg"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/stretchr/testify/require"
)

const eps = 0x1p-52

func newRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x11)) }

// fromRows builds a matrix from its rows.
func fromRows(rows ...[]float64) *mat.Dense[float64] {
	m := mat.NewDense[float64](len(rows), len(rows[0]))
	for i, r := range rows {
		copy(m.Row(i), r)
	}
	return m
}

func randn(n int, rng *rand.Rand) *mat.Dense[float64] {
	m := mat.NewDense[float64](n, n)
	for i := range m.Data {
		m.Data[i] = rng.NormFloat64()
	}
	return m
}

// randSym is (G + Gᵀ)/2 for a Gaussian G.
func randSym(n int, rng *rand.Rand) *mat.Dense[float64] {
	g := randn(n, rng)
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			v := 0.5 * (g.At(i, j) + g.At(j, i))
			g.Set(i, j, v)
			g.Set(j, i, v)
		}
	}
	return g
}

// randOrth is a random orthogonal matrix by modified Gram–Schmidt on the
// columns of a Gaussian matrix (done twice for orthogonality to roundoff).
func randOrth(n int, rng *rand.Rand) *mat.Dense[float64] {
	q := randn(n, rng)
	for range 2 {
		for j := 0; j < n; j++ {
			for k := 0; k < j; k++ {
				d := 0.0
				for i := 0; i < n; i++ {
					d += q.At(i, j) * q.At(i, k)
				}
				for i := 0; i < n; i++ {
					q.Set(i, j, q.At(i, j)-d*q.At(i, k))
				}
			}
			nrm := 0.0
			for i := 0; i < n; i++ {
				nrm += q.At(i, j) * q.At(i, j)
			}
			nrm = math.Sqrt(nrm)
			for i := 0; i < n; i++ {
				q.Set(i, j, q.At(i, j)/nrm)
			}
		}
	}
	return q
}

// mul returns a·b.
func mul(a, b *mat.Dense[float64]) *mat.Dense[float64] {
	c := mat.NewDense[float64](a.Rows, b.Cols)
	for i := 0; i < a.Rows; i++ {
		ci := c.Row(i)
		for k, aik := range a.Row(i) {
			for j, v := range b.Row(k) {
				ci[j] += aik * v
			}
		}
	}
	return c
}

func transpose(a *mat.Dense[float64]) *mat.Dense[float64] {
	t := mat.NewDense[float64](a.Cols, a.Rows)
	for i := 0; i < a.Rows; i++ {
		for j, v := range a.Row(i) {
			t.Set(j, i, v)
		}
	}
	return t
}

// similar returns q·d·qᵀ.
func similar(q, d *mat.Dense[float64]) *mat.Dense[float64] { return mul(mul(q, d), transpose(q)) }

func diag(v ...float64) *mat.Dense[float64] {
	m := mat.NewDense[float64](len(v), len(v))
	for i, x := range v {
		m.Set(i, i, x)
	}
	return m
}

// frob is the Frobenius norm.
func frob(a *mat.Dense[float64]) float64 {
	s := 0.0
	for i := 0; i < a.Rows; i++ {
		for _, v := range a.Row(i) {
			s += v * v
		}
	}
	return math.Sqrt(s)
}

// checkEigSym runs EigSym on a and checks what holds without a reference:
// descending order, A·v = λ·v and VᵀV = I to roundoff relative to ‖A‖, the
// sign convention, the trace, and that a was not modified. It returns the decomposition.
func checkEigSym(t *testing.T, a *mat.Dense[float64]) ([]float64, *mat.Dense[float64]) {
	t.Helper()
	before := a.Clone()
	vals, vecs, err := linalg.EigSym(a)
	require.NoError(t, err)
	require.True(t, a.Equal(before), "EigSym modified its argument")
	n := a.Rows
	require.Len(t, vals, n)
	require.Equal(t, n, vecs.Rows)
	require.Equal(t, n, vecs.Cols)
	for i := 1; i < n; i++ {
		require.GreaterOrEqual(t, vals[i-1], vals[i], "eigenvalues not descending at %d", i)
	}
	nrm := max(frob(a), math.SmallestNonzeroFloat64)
	tol := 20 * float64(n) * eps
	av := mul(a, vecs)
	worst := 0.0
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			worst = max(worst, math.Abs(av.At(i, j)-vals[j]*vecs.At(i, j)))
		}
	}
	require.LessOrEqual(t, worst/nrm, tol, "max |A·v − λ·v| / ‖A‖")
	for j := 0; j < n; j++ {
		big := 0.0
		for i := 0; i < n; i++ {
			if math.Abs(vecs.At(i, j)) > math.Abs(big) {
				big = vecs.At(i, j)
			}
		}
		require.Positive(t, big, "eigenvector %d: its largest entry must be positive", j)
	}
	vtv := mul(transpose(vecs), vecs)
	worst = 0
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			want := 0.0
			if i == j {
				want = 1
			}
			worst = max(worst, math.Abs(vtv.At(i, j)-want))
		}
	}
	require.LessOrEqual(t, worst, tol, "max |VᵀV − I|")
	tr, sum := 0.0, 0.0
	for i := 0; i < n; i++ {
		tr += a.At(i, i)
		sum += vals[i]
	}
	require.InDelta(t, tr, sum, tol*nrm*math.Sqrt(float64(n))+1e-300, "trace")
	return vals, vecs
}

// checkEigenvalues runs Eigenvalues on a and checks what holds without a
// reference: the order (descending modulus, conjugate pairs adjacent and
// exactly conjugate, positive imaginary part first), the trace, and that a
// was not modified.
func checkEigenvalues(t *testing.T, a *mat.Dense[float64]) []complex128 {
	t.Helper()
	before := a.Clone()
	vals, err := linalg.Eigenvalues(a)
	require.NoError(t, err)
	require.True(t, a.Equal(before), "Eigenvalues modified its argument")
	n := a.Rows
	require.Len(t, vals, n)
	for i := 1; i < n; i++ {
		require.GreaterOrEqual(t, cmplx.Abs(vals[i-1]), cmplx.Abs(vals[i]), "moduli not descending at %d: %v", i, vals)
	}
	for i := 0; i < n; i++ {
		if imag(vals[i]) == 0 {
			continue
		}
		require.Greater(t, imag(vals[i]), 0.0, "value %d %v: a pair must start with its positive imaginary part", i, vals[i])
		require.Less(t, i+1, n, "value %d %v has no conjugate", i, vals[i])
		require.Equal(t, cmplx.Conj(vals[i]), vals[i+1], "value %d %v is not followed by its conjugate", i, vals[i])
		i++
	}
	tr := 0.0
	var sum complex128
	for i := 0; i < n; i++ {
		tr += a.At(i, i)
		sum += vals[i]
	}
	scale := max(frob(a), math.SmallestNonzeroFloat64)
	require.InDelta(t, tr, real(sum), 100*float64(n)*eps*scale+1e-300, "trace")
	return vals
}

// matchComplex pairs each value of got with the nearest unused value of
// want and returns the largest distance.
func matchComplex(got, want []complex128) float64 {
	used := make([]bool, len(want))
	worst := 0.0
	for _, g := range got {
		best, bi := math.Inf(1), -1
		for j, w := range want {
			if !used[j] && cmplx.Abs(g-w) < best {
				best, bi = cmplx.Abs(g-w), j
			}
		}
		used[bi] = true
		worst = max(worst, best)
	}
	return worst
}
