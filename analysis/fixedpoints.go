package analysis

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/hebbrnn/hebbrnn/linalg"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// Dynamics is the autonomous dynamics of a network under a constant input
// u, without noise, as one step of the network integrates it
// (docs/algorithm.md §2):
//
//	τ·dx/dt = F(x) = -x + J·φ(x) + wIn·u + wFb·z,   z = φ(x)[outputUnits]
//
// over the free units (all but the bias units, whose x stays at their
// bias values; their rates enter F as constants). A step of the network
// is x ← x + (dt/τ)·F(x), so its fixed points are the zeros of F. With
// output feedback the output function must be the identity (z is then the
// output units' rates, folded into J's columns).
type Dynamics struct {
	Free []int     // the free units, ascending
	U    []float64 // the input
	net  *rnn.Network[float64]
	w    *mat.Dense[float64] // free×free: J (+ wFb at the output columns)
	c    []float64           // free: wIn·u + the bias units' drive
	base []float64           // N: x with the bias units at their values
	r, d []float64           // scratch: φ and φ' of the free units
}

// NewDynamics returns the dynamics of net under the constant input u
// (length net.Inputs; nil for none). out is the network's output
// function (nil: the identity); a network with feedback needs the
// identity.
func NewDynamics(net *rnn.Network[float64], u []float64, out rnn.Output) (*Dynamics, error) {
	if err := net.Check(); err != nil {
		return nil, err
	}
	if u == nil {
		u = make([]float64, net.Inputs)
	}
	if len(u) != net.Inputs {
		return nil, fmt.Errorf("input of %d values for a network of %d inputs", len(u), net.Inputs)
	}
	if net.Feedback && out != nil {
		if _, ok := out.(rnn.Identity); !ok {
			return nil, fmt.Errorf("the network feeds its output back through %T, not the identity: its autonomous dynamics have no fixed points of the rates alone", out)
		}
	}
	n := net.Units
	d := &Dynamics{U: slices.Clone(u), net: net, base: make([]float64, n)}
	bias := make([]bool, n)
	for i, b := range net.BiasUnits {
		bias[b] = true
		d.base[b] = net.BiasValue[i]
	}
	for i := 0; i < n; i++ {
		if !bias[i] {
			d.Free = append(d.Free, i)
		}
	}
	nf := len(d.Free)
	if nf == 0 {
		return nil, errors.New("every unit is a bias unit: nothing moves")
	}
	// The full effective recurrent matrix: J plus wFb at the output units.
	full := net.J.Clone()
	if net.Feedback {
		for b, o := range net.OutputUnits {
			for i := 0; i < n; i++ {
				full.Set(i, o, full.At(i, o)+net.WFb.At(i, b))
			}
		}
	}
	rb := make([]float64, n)
	net.Act.Rates(rb, d.base) // the bias units' rates (others unused)
	d.w = mat.NewDense[float64](nf, nf)
	d.c = make([]float64, nf)
	win := make([]float64, n)
	if net.Inputs > 0 {
		net.WIn.MulVec(win, 1, u, 0)
	}
	for a, i := range d.Free {
		row := full.Row(i)
		for b, j := range d.Free {
			d.w.Set(a, b, row[j])
		}
		s := win[i]
		for _, j := range net.BiasUnits {
			s += row[j] * rb[j]
		}
		d.c[a] = s
	}
	d.r, d.d = make([]float64, nf), make([]float64, nf)
	return d, nil
}

// Reduce returns the free units of a full state x (length N).
func (d *Dynamics) Reduce(x []float64) []float64 {
	out := make([]float64, len(d.Free))
	for a, i := range d.Free {
		out[a] = x[i]
	}
	return out
}

// Expand returns the full state (length N) of the free units' state y:
// the bias units at their values.
func (d *Dynamics) Expand(y []float64) []float64 {
	out := slices.Clone(d.base)
	for a, i := range d.Free {
		out[i] = y[a]
	}
	return out
}

// F writes F(y) of the free units' state y into f and returns q(y) =
// ½|F(y)|².
func (d *Dynamics) F(y, f []float64) float64 {
	d.net.Act.Rates(d.r, y)
	copy(f, d.c)
	d.w.MulVec(f, 1, d.r, 1)
	q := 0.0
	for a, v := range y {
		f[a] -= v
		q += f[a] * f[a]
	}
	return q / 2
}

// Jacobian writes ∂F/∂y at y into jac (free×free): -I + W·diag(φ'(y)).
func (d *Dynamics) Jacobian(y []float64, jac *mat.Dense[float64]) {
	d.net.Act.Slopes(d.d, y)
	for a := range y {
		row, src := jac.Row(a), d.w.Row(a)
		for b, v := range src {
			row[b] = v * d.d[b]
		}
		row[a]--
	}
}

// FindOptions are the options of the search for fixed and slow points.
type FindOptions struct {
	// MaxIter bounds the Levenberg–Marquardt iterations from each start
	// (0: 200).
	MaxIter int
	// QTol stops a search once q ≤ QTol (0: 1e-30); it also stops when
	// a step no longer lowers q or is below 1e-14 of |x|.
	QTol float64
	// QMax keeps only the minima with q ≤ QMax (0: 1e-3): fixed points
	// and slow points, not the other local minima of q.
	QMax float64
	// MergeDist merges the points closer than this (Euclidean, in x) into
	// the one of lowest q (0: 1e-3·sqrt(free units)).
	MergeDist float64
}

func (o FindOptions) withDefaults(nf int) FindOptions {
	if o.MaxIter <= 0 {
		o.MaxIter = 200
	}
	if o.QTol <= 0 {
		o.QTol = 1e-30
	}
	if o.QMax <= 0 {
		o.QMax = 1e-3
	}
	if o.MergeDist <= 0 {
		o.MergeDist = 1e-3 * math.Sqrt(float64(nf))
	}
	return o
}

// Minimum is the end of one minimisation of q.
type Minimum struct {
	X          []float64 // the full state (length N)
	Q          float64
	Iterations int
}

// Minimize minimises q(x) = ½|F(x)|² from the full state x0 by
// Levenberg–Marquardt on the analytic Jacobian: each step solves
// (AᵀA + μI)·δ = -AᵀF with A = ∂F/∂x, and μ shrinks after a step that
// lowers q and grows after one that does not.
func (d *Dynamics) Minimize(x0 []float64, opt FindOptions) (Minimum, error) {
	nf := len(d.Free)
	opt = opt.withDefaults(nf)
	if len(x0) != d.net.Units {
		return Minimum{}, fmt.Errorf("start of %d values for %d units", len(x0), d.net.Units)
	}
	y := d.Reduce(x0)
	for _, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Minimum{}, fmt.Errorf("start holds %v", v)
		}
	}
	f, fn, yn := make([]float64, nf), make([]float64, nf), make([]float64, nf)
	g, delta := make([]float64, nf), make([]float64, nf)
	jac, ata, sys := mat.NewDense[float64](nf, nf), mat.NewDense[float64](nf, nf), mat.NewDense[float64](nf, nf)
	q := d.F(y, f)
	mu := 1e-3
	iter := 0
	for ; iter < opt.MaxIter && q > opt.QTol; iter++ {
		d.Jacobian(y, jac)
		ata.Zero()
		ata.AddMulTN(1, jac, jac)
		for a := range g {
			g[a] = 0
		}
		for a, v := range f { // g = Aᵀ·F
			mat.Axpy(v, jac.Row(a), g)
		}
		improved, small := false, false
		for !improved && mu < 1e20 {
			sys.Copy(ata)
			scale := 0.0
			for a := 0; a < nf; a++ {
				scale = max(scale, ata.At(a, a))
			}
			for a := 0; a < nf; a++ {
				sys.Set(a, a, sys.At(a, a)+mu*max(scale, 1e-300))
			}
			for a, v := range g {
				delta[a] = -v
			}
			if !cholSolve(sys, delta) {
				mu *= 10
				continue
			}
			for a := range y {
				yn[a] = y[a] + delta[a]
			}
			qn := d.F(yn, fn)
			if qn < q {
				copy(y, yn)
				copy(f, fn)
				small = norm(delta) <= 1e-14*(1+norm(y))
				q = qn
				mu = max(mu/10, 1e-15)
				improved = true
			} else {
				mu *= 10
			}
		}
		if !improved || small {
			iter++
			break
		}
	}
	return Minimum{X: d.Expand(y), Q: q, Iterations: iter}, nil
}

// cholSolve solves a·x = b for a symmetric positive definite a, in place
// (a becomes its Cholesky factor, b the solution); false when a is not
// positive definite.
func cholSolve(a *mat.Dense[float64], b []float64) bool {
	n := a.Rows
	for j := 0; j < n; j++ {
		rj := a.Row(j)
		s := rj[j] - mat.Dot(rj[:j], rj[:j])
		if !(s > 0) {
			return false
		}
		rj[j] = math.Sqrt(s)
		for i := j + 1; i < n; i++ {
			ri := a.Row(i)
			ri[j] = (ri[j] - mat.Dot(ri[:j], rj[:j])) / rj[j]
		}
	}
	for i := 0; i < n; i++ { // L·z = b
		ri := a.Row(i)
		b[i] = (b[i] - mat.Dot(ri[:i], b[:i])) / ri[i]
	}
	for i := n - 1; i >= 0; i-- { // Lᵀ·x = z
		s := b[i]
		for k := i + 1; k < n; k++ {
			s -= a.At(k, i) * b[k]
		}
		b[i] = s / a.At(i, i)
	}
	return true
}

func norm(v []float64) float64 { return math.Sqrt(mat.Dot(v, v)) }

// FixedPoint is a fixed or slow point of the dynamics.
type FixedPoint struct {
	X []float64 // the full state (length N)
	R []float64 // its rates φ(X)
	Q float64   // ½|F(X)|²
	// Eigenvalues of ∂F/∂x at X (free units; in units of 1/τ), by
	// decreasing real part. The point is stable when every real part is
	// negative.
	Eigenvalues []complex128
	Stable      bool
	// Starts is the number of starts whose minima merged into it.
	Starts int
}

// FindFixedPoints minimises q from every start (full states, e.g. sampled
// on the network's trajectories), keeps the minima with q ≤ opt.QMax,
// merges those within opt.MergeDist of one of lower q, and returns them
// by increasing q with the eigenvalues of their Jacobians.
func (d *Dynamics) FindFixedPoints(starts [][]float64, opt FindOptions) ([]FixedPoint, error) {
	opt = opt.withDefaults(len(d.Free))
	var mins []Minimum
	for i, s := range starts {
		m, err := d.Minimize(s, opt)
		if err != nil {
			return nil, fmt.Errorf("start %d: %w", i, err)
		}
		if m.Q <= opt.QMax {
			mins = append(mins, m)
		}
	}
	sort.SliceStable(mins, func(a, b int) bool { return mins[a].Q < mins[b].Q })
	var pts []FixedPoint
	jac := mat.NewDense[float64](len(d.Free), len(d.Free))
next:
	for _, m := range mins {
		for k := range pts {
			if dist(pts[k].X, m.X) <= opt.MergeDist {
				pts[k].Starts++
				continue next
			}
		}
		d.Jacobian(d.Reduce(m.X), jac)
		ev, err := linalg.Eigenvalues(jac)
		if err != nil {
			return nil, fmt.Errorf("eigenvalues of the Jacobian: %w", err)
		}
		sortByReal(ev)
		r := make([]float64, len(m.X))
		d.net.Act.Rates(r, m.X)
		pts = append(pts, FixedPoint{X: m.X, R: r, Q: m.Q, Eigenvalues: ev, Stable: real(ev[0]) < 0, Starts: 1})
	}
	return pts, nil
}

func dist(a, b []float64) float64 {
	s := 0.0
	for i, v := range a {
		s += (v - b[i]) * (v - b[i])
	}
	return math.Sqrt(s)
}

// sortByReal sorts eigenvalues by decreasing real part, then imaginary.
func sortByReal(ev []complex128) {
	slices.SortStableFunc(ev, func(a, b complex128) int {
		if real(a) != real(b) {
			if real(a) > real(b) {
				return -1
			}
			return 1
		}
		if imag(a) > imag(b) {
			return -1
		}
		if imag(a) < imag(b) {
			return 1
		}
		return 0
	})
}

// SampleStates draws k full states from the rows of the given state
// matrices (each steps×N, e.g. the X of clean runs), uniformly over all
// rows, from r.
func SampleStates(states []*mat.Dense[float64], k int, r *rand.Rand) [][]float64 {
	total := 0
	for _, s := range states {
		total += s.Rows
	}
	if total == 0 {
		return nil
	}
	out := make([][]float64, 0, k)
	for range k {
		i := r.IntN(total)
		for _, s := range states {
			if i < s.Rows {
				out = append(out, slices.Clone(s.Row(i)))
				break
			}
			i -= s.Rows
		}
	}
	return out
}
