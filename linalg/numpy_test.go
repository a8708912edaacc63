package linalg_test

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/internal/pytest"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
	"github.com/stretchr/testify/require"
)

// A numpyCase is a matrix for numpy.linalg.eigh (sym) or eigvals, and the
// tolerance of the comparison relative to its Frobenius norm.
type numpyCase struct {
	name string
	a    *mat.Dense[float64]
	sym  bool
	tol  float64
}

// numpyScript computes, for every array sym_NAME of in.npz, eigh's values
// (ascending, sym_NAME_vals) and vectors (sym_NAME_vecs), and for every
// gen_NAME eigvals as (n, 3): real part, imaginary part and the condition
// number of each eigenvalue, ‖x‖·‖y‖ for its right and left eigenvectors
// with yᴴx = 1 (the rows of V⁻¹ are the left ones; inf when V is singular,
// as for a defective matrix).
const numpyScript = `
import sys, numpy as np
d = sys.argv[1]
inp = np.load(d + "/in.npz")
out = {}
for k in inp.files:
    a = inp[k]
    if k.startswith("sym_"):
        w, v = np.linalg.eigh(a, UPLO="L")
        out[k + "_vals"] = w
        out[k + "_vecs"] = v
        continue
    w, v = np.linalg.eig(a)
    try:
        with np.errstate(all="ignore"):
            cond = np.linalg.norm(np.linalg.inv(v), axis=1) * np.linalg.norm(v, axis=0)
        cond[~np.isfinite(cond)] = np.inf
    except np.linalg.LinAlgError:
        cond = np.full(len(w), np.inf)
    out[k] = np.stack([w.real, w.imag, cond], axis=1).reshape(len(w), 3)
np.savez(d + "/out.npz", **out)
`

// compareWithNumpy runs numpy on the cases and compares: EigSym's values
// with eigh's, its vectors with eigh's up to sign where an eigenvalue is
// well separated from its neighbours, and Eigenvalues' values with
// eigvals' matched one to one by distance. Each value must be within
// tol·‖A‖_F. Every case also passes the reference-free checks.
func compareWithNumpy(t *testing.T, cases []numpyCase) {
	t.Helper()
	dir := t.TempDir()
	in := npy.NewNPZ()
	for _, c := range cases {
		key := "gen_" + c.name
		if c.sym {
			key = "sym_" + c.name
		}
		in.Set(key, npy.NewF64(c.a.Flat(), c.a.Rows, c.a.Cols))
	}
	require.NoError(t, npy.WriteNPZFile(filepath.Join(dir, "in.npz"), in))
	pytest.Run(t, "numpy", numpyScript, dir)
	out, err := npy.ReadNPZFile(filepath.Join(dir, "out.npz"))
	require.NoError(t, err)

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := c.a.Rows
			nrm := max(frob(c.a), math.SmallestNonzeroFloat64)
			if c.sym {
				vals, vecs := checkEigSym(t, c.a)
				want, err := out.Float64("sym_"+c.name+"_vals", n)
				require.NoError(t, err)
				wantVecs, err := out.Float64("sym_"+c.name+"_vecs", n, n)
				require.NoError(t, err)
				worst := 0.0
				for i := range n {
					worst = max(worst, math.Abs(vals[i]-want[n-1-i]))
				}
				t.Logf("n=%d max |λ − λ_numpy| / ‖A‖ = %.2g", n, worst/nrm)
				require.LessOrEqual(t, worst/nrm, c.tol, "eigenvalues differ from numpy.linalg.eigh")
				// A vector is determined (up to sign) when its value is
				// apart from the others; its error is about ε‖A‖/gap.
				checked := 0
				for i := range n {
					gap := math.Inf(1)
					if i > 0 {
						gap = vals[i-1] - vals[i]
					}
					if i < n-1 {
						gap = min(gap, vals[i]-vals[i+1])
					}
					if gap <= 1e-6*nrm {
						continue
					}
					d := 0.0
					for r := range n {
						d += vecs.At(r, i) * wantVecs[r*n+n-1-i]
					}
					require.InDelta(t, 1, math.Abs(d), 1e-8, "eigenvector %d (λ = %g) differs from numpy's", i, vals[i])
					checked++
				}
				t.Logf("%d of %d eigenvectors compared", checked, n)
				return
			}
			vals := checkEigenvalues(t, c.a)
			w, err := out.Float64("gen_"+c.name, n, 3)
			require.NoError(t, err)
			want := make([]complex128, n)
			for i := range want {
				want[i] = complex(w[3*i], w[3*i+1])
			}
			worst := matchComplex(vals, want)
			t.Logf("n=%d max |λ − λ_numpy| / ‖A‖ = %.2g", n, worst/nrm)
			require.LessOrEqual(t, worst/nrm, c.tol, "eigenvalues differ from numpy.linalg.eigvals:\n got %v\nwant %v", vals, want)
		})
	}
}

// TestNumpyRandom compares random and structured matrices with numpy.
func TestNumpyRandom(t *testing.T) {
	rng := newRNG(7)
	var cases []numpyCase
	for _, n := range []int{1, 2, 3, 5, 17, 64, 200} {
		cases = append(cases,
			numpyCase{name: "randsym" + strconv.Itoa(n), a: randSym(n, rng), sym: true, tol: 1e-13},
			numpyCase{name: "rand" + strconv.Itoa(n), a: randn(n, rng), tol: 1e-12})
	}
	q6 := randOrth(6, rng)
	// Repeated eigenvalues: symmetric with multiplicities 3, 2, 1, and a
	// general matrix with the pair ±2i twice and 0.5 three times.
	rep := similar(q6, diag(1, 1, 1, 2, 2, 3))
	block := fromRows(
		[]float64{0, -2, 0, 0, 0, 0},
		[]float64{2, 0, 0, 0, 0, 0},
		[]float64{0, 0, 0, -2, 0, 0},
		[]float64{0, 0, 2, 0, 0, 0},
		[]float64{0, 0, 0, 0, 0.5, 0},
		[]float64{0, 0, 0, 0, 0, 0.5})
	q7 := randOrth(7, rng)
	block7 := mat.NewDense[float64](7, 7)
	block7.View(0, 0, 6, 6).Copy(block)
	block7.Set(6, 6, 0.5)
	repGen := similar(q7, block7)
	// A rotation (eigenvalues ±i), a defective Jordan block (4×4, λ = 2),
	// as it is and hidden by an orthogonal similarity (then the computed
	// eigenvalues spread by about ε^(1/4) around 2, numpy's too), a cyclic
	// permutation (the 7th roots of unity; a matrix on which unshifted
	// and plainly shifted QR both stall), a random orthogonal matrix, an
	// upper triangular one, and one scaled badly by a diagonal
	// similarity (moduli of its entries from 1e-9 to 1e9).
	jordan := fromRows(
		[]float64{2, 1, 0, 0},
		[]float64{0, 2, 1, 0},
		[]float64{0, 0, 2, 1},
		[]float64{0, 0, 0, 2})
	cyc := mat.NewDense[float64](7, 7)
	for i := range 7 {
		cyc.Set((i+1)%7, i, 1)
	}
	tri := randn(9, rng)
	for i := range 9 {
		for j := range i {
			tri.Set(i, j, 0)
		}
	}
	skew := randn(12, rng)
	for i := range 12 {
		for j := range 12 {
			skew.Set(i, j, skew.At(i, j)*math.Pow(10, 1.5*float64(i-j)))
		}
	}
	wilkinson := mat.NewDense[float64](21, 21) // W21+: nearly equal pairs
	for i := range 21 {
		wilkinson.Set(i, i, math.Abs(float64(i-10)))
		if i > 0 {
			wilkinson.Set(i, i-1, 1)
			wilkinson.Set(i-1, i, 1)
		}
	}
	cases = append(cases,
		numpyCase{name: "symrepeated", a: rep, sym: true, tol: 1e-14},
		numpyCase{name: "symdiag", a: diag(3, -1, 4, 1, -5, 9, 2, 6), sym: true, tol: 0},
		numpyCase{name: "symzero", a: mat.NewDense[float64](5, 5), sym: true, tol: 0},
		numpyCase{name: "symwilkinson21", a: wilkinson, sym: true, tol: 1e-14},
		numpyCase{name: "repeated", a: repGen, tol: 1e-13}, // normal, so well-conditioned despite the repeats
		numpyCase{name: "diag", a: diag(3, -1, 4, 1, -5, 9, 2, 6), tol: 0},
		numpyCase{name: "rotation", a: fromRows([]float64{0, -1}, []float64{1, 0}), tol: 1e-15},
		numpyCase{name: "jordan", a: jordan, tol: 0}, // triangular: exact
		numpyCase{name: "jordanrotated", a: similar(randOrth(4, rng), jordan), tol: 1e-4},
		numpyCase{name: "cyclic7", a: cyc, tol: 1e-13},
		numpyCase{name: "orthogonal", a: randOrth(30, rng), tol: 1e-13},
		numpyCase{name: "triangular", a: tri, tol: 1e-15},
		numpyCase{name: "badlyscaled", a: skew, tol: 1e-13},
		numpyCase{name: "zero", a: mat.NewDense[float64](5, 5), tol: 0},
	)
	compareWithNumpy(t, cases)
}

// TestNumpyTrained compares on the matrices of a network this project
// trained: J before and after a few passes of DNMS (spectra), the
// covariance of its rates over the trials (PCA) and the Jacobian
// −I + J·diag(1 − r²) of its dynamics at a state of a trajectory (fixed
// point analysis).
func TestNumpyTrained(t *testing.T) {
	ref, err := rnn.ReferenceTask("dnms")
	require.NoError(t, err)
	net, err := rnn.New[float64](ref.Config, rand.New(rand.NewPCG(5, 6)))
	require.NoError(t, err)
	j0 := net.J.Clone()
	opt := ref.Options
	opt.MaxPasses = 5
	tr, err := rnn.NewTrainer(net, ref.Task, opt, ref.Output, 1)
	require.NoError(t, err)
	defer tr.Close()
	_, err = tr.Train(context.Background())
	require.NoError(t, err)
	require.False(t, net.J.Equal(j0), "training did not change J")

	traj, err := net.Run(ref.Task, ref.Output, rnn.RunOptions{})
	require.NoError(t, err)
	n := net.Units
	// Covariance of the rates over all steps of all conditions.
	mean := make([]float64, n)
	count := 0
	for _, tj := range traj {
		for s := 0; s < tj.R.Rows; s++ {
			mat.Axpy(1, tj.R.Row(s), mean)
			count++
		}
	}
	mat.Scal(1/float64(count), mean)
	cov := mat.NewDense[float64](n, n)
	dev := make([]float64, n)
	for _, tj := range traj {
		for s := 0; s < tj.R.Rows; s++ {
			copy(dev, tj.R.Row(s))
			mat.Axpy(-1, mean, dev)
			cov.AddOuter(1/float64(count-1), dev, dev)
		}
	}
	// The Jacobian at the state 300 steps into condition AB.
	r := traj[1].R.Row(300)
	jac := net.J.Clone()
	for i := range n {
		row := jac.Row(i)
		for k := range row {
			row[k] *= 1 - r[k]*r[k]
		}
		row[i]--
	}
	compareWithNumpy(t, []numpyCase{
		{name: "J0", a: j0, tol: 1e-12},
		{name: "Jtrained", a: net.J, tol: 1e-12},
		{name: "jacobian", a: jac, tol: 1e-12},
		{name: "cov", a: cov, sym: true, tol: 1e-13},
		{name: "Jsympart", a: symPart(net.J), sym: true, tol: 1e-13},
	})
}

func symPart(a *mat.Dense[float64]) *mat.Dense[float64] {
	s := a.Clone()
	for i := 0; i < a.Rows; i++ {
		for j := 0; j < a.Cols; j++ {
			s.Set(i, j, 0.5*(a.At(i, j)+a.At(j, i)))
		}
	}
	return s
}
