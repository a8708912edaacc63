package linalg_test

import (
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/internal/pytest"
	"github.com/hebbrnn/hebbrnn/linalg"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/stretchr/testify/require"
)

// randomKind draws an n×n matrix of one of several kinds that stress an
// eigensolver: dense, sparse (exact zeros, as in a sparse J), small
// integers (exactly repeated values and structure), rows and columns
// scaled over twelve decades, low rank, nilpotent and block rotations
// hidden by a permutation, and companion matrices.
func randomKind(kind, n int, rng *rand.Rand) *mat.Dense[float64] {
	a := mat.NewDense[float64](n, n)
	switch kind {
	case 0: // dense Gaussian
		return randn(n, rng)
	case 1: // sparse Gaussian
		p := 0.05 + 0.4*rng.Float64()
		for i := range a.Data {
			if rng.Float64() < p {
				a.Data[i] = rng.NormFloat64()
			}
		}
	case 2: // small integers
		for i := range a.Data {
			a.Data[i] = float64(rng.IntN(5) - 2)
		}
	case 3: // graded: D·G·E with D, E spanning 12 decades
		g := randn(n, rng)
		for i := range n {
			for j := range n {
				a.Set(i, j, g.At(i, j)*math.Pow(10, 6*(2*rng.Float64()-1)))
			}
		}
	case 4: // rank 1 plus a tiny diagonal
		u, v := make([]float64, n), make([]float64, n)
		for i := range n {
			u[i], v[i] = rng.NormFloat64(), rng.NormFloat64()
		}
		a.AddOuter(1, u, v)
		for i := range n {
			a.Set(i, i, a.At(i, i)+1e-3*rng.NormFloat64())
		}
	case 5: // permuted block diagonal of rotations and scalings
		perm := rng.Perm(n)
		for i := 0; i+1 < n; i += 2 {
			r, th := 0.5+rng.Float64(), math.Pi*rng.Float64()
			p, q := perm[i], perm[i+1]
			a.Set(p, p, r*math.Cos(th))
			a.Set(p, q, -r*math.Sin(th))
			a.Set(q, p, r*math.Sin(th))
			a.Set(q, q, r*math.Cos(th))
		}
		if n%2 == 1 {
			a.Set(perm[n-1], perm[n-1], rng.NormFloat64())
		}
	case 6: // companion matrix of a random polynomial
		for j := range n {
			a.Set(0, j, rng.NormFloat64())
			if j > 0 {
				a.Set(j, j-1, 1)
			}
		}
	case 7: // strictly upper triangular plus a permutation similarity: nilpotent
		perm := rng.Perm(n)
		for i := range n {
			for j := i + 1; j < n; j++ {
				a.Set(perm[i], perm[j], rng.NormFloat64())
			}
		}
	}
	return a
}

// TestNumpyMany compares several hundred matrices of the kinds above, and
// symmetric ones, with numpy. A general eigenvalue must lie within
// 100·n·ε·‖A‖_F·κ of numpy's, κ its condition number (both solvers err by
// about ε‖A‖κ); a symmetric one (κ = 1) within 100·n·ε·‖A‖_F. No matrix
// may fail to converge.
func TestNumpyMany(t *testing.T) {
	rng := newRNG(99)
	type item struct {
		key string
		a   *mat.Dense[float64]
	}
	var items []item
	for c := range 400 {
		n := 1 + rng.IntN(40)
		kind := c % 8
		items = append(items, item{fmt.Sprintf("gen_%03d_kind%d_n%d", c, kind, n), randomKind(kind, n, rng)})
	}
	for c := range 160 {
		n := 1 + rng.IntN(40)
		kind := c % 4
		g := randomKind([]int{0, 1, 2, 3}[kind], n, rng)
		if kind == 3 { // graded symmetric: D·S·D
			g = randSym(n, rng)
			s := make([]float64, n)
			for i := range s {
				s[i] = math.Pow(10, 4*(2*rng.Float64()-1))
			}
			for i := range n {
				for j := range n {
					g.Set(i, j, g.At(i, j)*s[i]*s[j])
				}
			}
		}
		items = append(items, item{fmt.Sprintf("sym_%03d_kind%d_n%d", c, kind, n), symPart(g)})
	}

	dir := t.TempDir()
	in := npy.NewNPZ()
	for _, it := range items {
		in.Set(it.key, npy.NewF64(it.a.Flat(), it.a.Rows, it.a.Cols))
	}
	require.NoError(t, npy.WriteNPZFile(filepath.Join(dir, "in.npz"), in))
	pytest.Run(t, "numpy", numpyScript, dir)
	out, err := npy.ReadNPZFile(filepath.Join(dir, "out.npz"))
	require.NoError(t, err)

	worstSym, worstGen := 0.0, 0.0
	for _, it := range items {
		n := it.a.Rows
		nrm := max(frob(it.a), math.SmallestNonzeroFloat64)
		if it.key[:4] == "sym_" {
			vals, _ := checkEigSym(t, it.a)
			want, err := out.Float64(it.key+"_vals", n)
			require.NoError(t, err)
			for i := range n {
				d := math.Abs(vals[i]-want[n-1-i]) / nrm
				worstSym = max(worstSym, d/(float64(n)*eps))
				require.LessOrEqual(t, d, 100*float64(n)*eps, "%s: eigenvalue %d: %g vs numpy %g", it.key, i, vals[i], want[n-1-i])
			}
			continue
		}
		got := checkEigenvalues(t, it.a)
		w, err := out.Float64(it.key, n, 3)
		require.NoError(t, err)
		// Match each of numpy's values (best conditioned first) to the
		// nearest unused one of ours.
		used := make([]bool, n)
		for range n {
			bi := -1
			for i := range n {
				if w[3*i+2] >= 0 && (bi < 0 || w[3*i+2] < w[3*bi+2]) {
					bi = i
				}
			}
			want, cond := complex(w[3*bi], w[3*bi+1]), w[3*bi+2]
			w[3*bi+2] = -1
			best, bj := math.Inf(1), -1
			for j, g := range got {
				if !used[j] && cmplx.Abs(g-want) < best {
					best, bj = cmplx.Abs(g-want), j
				}
			}
			used[bj] = true
			if !math.IsInf(cond, 0) && cond < 1e6 {
				worstGen = max(worstGen, best/nrm/(float64(n)*eps*cond))
			}
			require.LessOrEqual(t, best/nrm, 100*float64(n)*eps*cond, "%s: numpy's %v (condition %.3g): nearest %v", it.key, want, cond, got[bj])
		}
	}
	t.Logf("largest error / (n·ε·‖A‖·κ): symmetric %.3g, general %.3g (κ < 1e6)", worstSym, worstGen)
}

// TestEigenvaluesDoesNotStall runs the matrices on which Francis's
// iteration with plain shifts is known to stall or converge slowly.
func TestEigenvaluesDoesNotStall(t *testing.T) {
	// Day's example (LAPACK working note 3.1 changed the exceptional shifts
	// for it): eigenvalues ±1, each double.
	day := fromRows([]float64{0, 2, 0, -1}, []float64{1, 0, 0, 0}, []float64{0, 1, 0, 0}, []float64{0, 0, 1, 0})
	for _, a := range []*mat.Dense[float64]{day, transpose(day), similar(randOrth(4, newRNG(13)), day)} {
		got := checkEigenvalues(t, a)
		for _, v := range got {
			require.InDelta(t, 1, math.Abs(real(v)), 1e-6, "%v", got)
		}
	}
	// Cyclic permutations of many sizes, hidden by an orthogonal similarity
	// so that balancing cannot take them apart.
	for _, n := range []int{3, 4, 8, 16, 33} {
		cyc := mat.NewDense[float64](n, n)
		for i := range n {
			cyc.Set((i+1)%n, i, 1)
		}
		got := checkEigenvalues(t, similar(randOrth(n, newRNG(uint64(n))), cyc))
		for _, v := range got {
			require.InDelta(t, 1, cmplx.Abs(v), 1e-12, "n=%d: %v", n, got)
		}
		_, err := linalg.Eigenvalues(cyc)
		require.NoError(t, err)
	}
}
