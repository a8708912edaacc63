package analysis

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
)

func TestChoice(t *testing.T) {
	z := mat.NewDense[float64](6, 2)
	for i, v := range []float64{5, 5, -1, -1, 0.5, 0} {
		z.Set(i, 0, v)
		z.Set(i, 1, 100) // only output 0 decides
	}
	assert.Equal(t, 1.0, Choice(z, 0, 5))
	assert.Equal(t, -1.0, Choice(z, 2, 4))
	assert.Equal(t, 0.0, Choice(z, 5, 5))
	assert.Equal(t, 1.0, Choice(mat.NewDense[float32](1, 1), 0, 0)+1, "a zero mean is no choice")
}

// drawLogistic draws n binary outcomes of p(x) = 1/(1+exp(-(a+b·x))) at
// evidence levels spread over [-1, 1].
func drawLogistic(r *rand.Rand, n int, a, b float64) ([]float64, []bool) {
	x, y := make([]float64, n), make([]bool, n)
	for i := range x {
		x[i] = float64(i%9-4) / 4
		y[i] = r.Float64() < 1/(1+math.Exp(-(a+b*x[i])))
	}
	return x, y
}

func TestFitLogistic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	x, y := drawLogistic(r, 40000, 0.3, 2.5)
	fit, err := FitLogistic(x, y)
	require.NoError(t, err)
	assert.False(t, fit.Separated)
	assert.InDelta(t, 0.3, fit.Bias, 0.06)
	assert.InDelta(t, 2.5, fit.Slope, 0.1)
	// The maximum of the likelihood: its score equations hold.
	var s0, s1 float64
	for i, v := range x {
		e := fit.P(v)
		if y[i] {
			e--
		}
		s0 += e
		s1 += e * v
	}
	assert.InDelta(t, 0, s0, 1e-6)
	assert.InDelta(t, 0, s1, 1e-5)
	// A flat curve.
	x, y = drawLogistic(r, 40000, -0.2, 0)
	fit, err = FitLogistic(x, y)
	require.NoError(t, err)
	assert.InDelta(t, 0, fit.Slope, 0.06)
	assert.InDelta(t, 0.5, fit.P(-0.2/1e9), 0.1)
}

func TestFitLogisticSeparated(t *testing.T) {
	x := []float64{-2, -1, -0.5, 0.5, 1, 2}
	fit, err := FitLogistic(x, []bool{false, false, false, true, true, true})
	require.NoError(t, err)
	assert.True(t, fit.Separated)
	assert.Greater(t, fit.Slope, 10.0, "a step: steep")
	assert.Less(t, fit.P(-0.5), 0.01)
	assert.Greater(t, fit.P(0.5), 0.99)
	fit, err = FitLogistic(x, []bool{true, true, true, true, true, true})
	require.NoError(t, err)
	assert.True(t, fit.Separated)
	assert.Greater(t, fit.P(0), 0.99)

	_, err = FitLogistic([]float64{1}, []bool{true, false})
	require.ErrorContains(t, err, "1 evidence values and 2 choices")
	_, err = FitLogistic([]float64{math.NaN()}, []bool{true})
	require.ErrorContains(t, err, "NaN")
}

// TestPsychometricContexts: trials of two contexts and two channels whose
// choice follows the attended channel give, per context, a steep curve of
// the attended channel and a flat one of the other.
func TestPsychometricContexts(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	levels := []float64{-0.4, -0.2, -0.1, -0.05, 0.05, 0.1, 0.2, 0.4}
	var trials []*rnn.Trial
	var choices []float64
	for ctx := range 2 {
		for _, a := range levels {
			for _, b := range levels {
				for range 10 {
					tr := &rnn.Trial{Context: ctx, Evidence: []float64{a, b}}
					att := tr.Evidence[ctx]
					c := -1.0
					if r.Float64() < 1/(1+math.Exp(-12*att)) {
						c = 1
					}
					trials, choices = append(trials, tr), append(choices, c)
				}
			}
		}
	}
	curves, err := Psychometric(trials, choices)
	require.NoError(t, err)
	require.Len(t, curves, 4)
	for _, c := range curves {
		assert.Equal(t, levels, c.Levels)
		for k := range c.N {
			assert.Equal(t, 80, c.N[k])
		}
		if c.Channel == c.Context {
			assert.InDelta(t, 12, c.Fit.Slope, 2.5, "attended: context %d", c.Context)
			assert.Less(t, c.Plus[0], 0.1)
			assert.Greater(t, c.Plus[len(c.Plus)-1], 0.9)
		} else {
			assert.Less(t, math.Abs(c.Fit.Slope), 1.2, "ignored: context %d", c.Context)
		}
	}
	slope := func(ctx, ch int) float64 { return math.Abs(curves[2*ctx+ch].Fit.Slope) }
	assert.Greater(t, slope(0, 0), 5*slope(0, 1))
	assert.Greater(t, slope(1, 1), 5*slope(1, 0))

	_, err = Psychometric([]*rnn.Trial{{Context: -1}}, []float64{1})
	require.ErrorContains(t, err, "no decisions")
	_, err = Psychometric(trials, choices[1:])
	require.Error(t, err)
}

// network builds a network of n units from explicit weights.
func network(t *testing.T, c rnn.Config, j []float64, win []float64, wfb []float64, bias []float64) *rnn.Network[float64] {
	t.Helper()
	n := c.Units
	jm, err := mat.FromSlice(n, n, j)
	require.NoError(t, err)
	wi := mat.NewDense[float64](n, c.Inputs)
	if win != nil {
		wi, err = mat.FromSlice(n, c.Inputs, win)
		require.NoError(t, err)
	}
	wf := mat.NewDense[float64](n, c.Outputs)
	if wfb != nil {
		wf, err = mat.FromSlice(n, c.Outputs, wfb)
		require.NoError(t, err)
	}
	net, err := rnn.FromMatrices[float64](c, jm, wi, wf, bias, nil)
	require.NoError(t, err)
	return net
}

func randomNetwork(t *testing.T, c rnn.Config, seed uint64) *rnn.Network[float64] {
	t.Helper()
	net, err := rnn.New[float64](c, rand.New(rand.NewPCG(seed, 7)))
	require.NoError(t, err)
	return net
}

// TestFixedPointJZero: with J = 0 the one fixed point is x* = wIn·u, and
// ∂F/∂x = -I.
func TestFixedPointJZero(t *testing.T) {
	c := rnn.Config{Units: 6, Inputs: 2, Outputs: 1, P: 1, G: 1, Dt: 1, Tau: 10, Act: rnn.Tanh}
	net := randomNetwork(t, c, 1)
	net.J.Zero()
	u := []float64{0.7, -1.2}
	d, err := NewDynamics(net, u, nil)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(5, 6))
	var starts [][]float64
	for range 5 {
		s := make([]float64, 6)
		for i := range s {
			s[i] = 3 * r.NormFloat64()
		}
		starts = append(starts, s)
	}
	pts, err := d.FindFixedPoints(starts, FindOptions{})
	require.NoError(t, err)
	require.Len(t, pts, 1)
	want := make([]float64, 6)
	net.WIn.MulVec(want, 1, u, 0)
	assert.InDeltaSlice(t, want, pts[0].X, 1e-12)
	assert.Less(t, pts[0].Q, 1e-24)
	assert.Equal(t, 5, pts[0].Starts)
	assert.True(t, pts[0].Stable)
	for _, e := range pts[0].Eigenvalues {
		assert.InDelta(t, -1, real(e), 1e-12)
		assert.InDelta(t, 0, imag(e), 1e-12)
	}
}

// TestFixedPointLinear: a linear network with bias units and output
// feedback has the one fixed point x* = (I - W)⁻¹·c over its free units,
// and ∂F/∂x = W - I, whose eigenvalues are those of W minus 1.
func TestFixedPointLinear(t *testing.T) {
	c := rnn.Config{Units: 12, Inputs: 3, Outputs: 2, P: 1, G: 0.6, Dt: 1, Tau: 10, Act: rnn.Linear, BiasUnits: 2, Feedback: true}
	net := randomNetwork(t, c, 2)
	mat.Scal(0.3, net.WFb.Data)
	u := []float64{1, -0.5, 0.25}
	d, err := NewDynamics(net, u, rnn.Identity{})
	require.NoError(t, err)
	start := make([]float64, 12)
	m, err := d.Minimize(start, FindOptions{})
	require.NoError(t, err)
	assert.Less(t, m.Q, 1e-24)
	assert.Less(t, m.Iterations, 20, "Gauss–Newton on a linear F converges at once")
	// x* of the network itself: many steps from x0 converge to it when
	// the dynamics are stable.
	for i, b := range net.BiasUnits {
		assert.Equal(t, net.BiasValue[i], m.X[b], "bias units stay at their values")
	}
	x := simulate(t, net, u, start, 20000)
	assert.InDeltaSlice(t, x, m.X, 1e-9)

	pts, err := d.FindFixedPoints([][]float64{start}, FindOptions{})
	require.NoError(t, err)
	require.Len(t, pts, 1)
	w := d.w.Clone() // W - I
	for a := range w.Rows {
		w.Set(a, a, w.At(a, a)-1)
	}
	want, err := Spectrum(w)
	require.NoError(t, err)
	sortByReal(want)
	require.Len(t, pts[0].Eigenvalues, 10, "free units only")
	for i := range want {
		assert.InDelta(t, 0, cmplx.Abs(want[i]-pts[0].Eigenvalues[i]), 1e-9)
	}
	assert.Equal(t, real(want[0]) < 0, pts[0].Stable)
}

// simulate runs the network from x0 under the constant input u for the
// given steps, through rnn's own step, and returns x.
func simulate(t *testing.T, net *rnn.Network[float64], u, x0 []float64, steps int) []float64 {
	t.Helper()
	n := net.Clone()
	n.X0 = slices.Clone(x0)
	s, err := n.NewState(nil, 0)
	require.NoError(t, err)
	for range steps {
		s.Step(u)
	}
	return slices.Clone(s.X)
}

// TestDynamicsIsTheStep: one step of the network is x + (dt/τ)·F(x) for
// every activation, with bias units, feedback and input.
func TestDynamicsIsTheStep(t *testing.T) {
	for _, act := range []rnn.Activation{rnn.Tanh, rnn.RectTanh, rnn.BaselineTanh, rnn.Linear} {
		c := rnn.Config{Units: 15, Inputs: 2, Outputs: 2, P: 0.8, G: 1.4, Dt: 1, Tau: 7, Act: act, BiasUnits: 3, Feedback: true}
		net := randomNetwork(t, c, 3)
		u := []float64{0.4, -0.9}
		d, err := NewDynamics(net, u, nil)
		require.NoError(t, err)
		r := rand.New(rand.NewPCG(8, uint64(act)))
		x0 := make([]float64, 15)
		for i := range x0 {
			x0[i] = r.NormFloat64()
		}
		x1 := simulate(t, net, u, x0, 1)
		f := make([]float64, len(d.Free))
		d.F(d.Reduce(x0), f)
		y0 := d.Reduce(d.Expand(d.Reduce(x0)))
		for a := range f {
			assert.InDelta(t, y0[a]+f[a]/7, d.Reduce(x1)[a], 1e-13, "%v, unit %d", act, d.Free[a])
		}
	}
}

// TestJacobianFiniteDifferences checks ∂F/∂x against central differences.
func TestJacobianFiniteDifferences(t *testing.T) {
	for _, act := range []rnn.Activation{rnn.Tanh, rnn.RectTanh, rnn.BaselineTanh, rnn.Linear} {
		c := rnn.Config{Units: 10, Inputs: 1, Outputs: 1, P: 1, G: 1.5, Dt: 1, Tau: 30, Act: act, BiasUnits: 1, Feedback: true}
		net := randomNetwork(t, c, 4)
		d, err := NewDynamics(net, []float64{0.3}, nil)
		require.NoError(t, err)
		r := rand.New(rand.NewPCG(9, uint64(act)))
		nf := len(d.Free)
		y := make([]float64, nf)
		for i := range y {
			y[i] = r.NormFloat64()
		}
		jac := mat.NewDense[float64](nf, nf)
		d.Jacobian(y, jac)
		fp, fm := make([]float64, nf), make([]float64, nf)
		const h = 1e-6
		for b := range nf {
			yp, ym := slices.Clone(y), slices.Clone(y)
			yp[b] += h
			ym[b] -= h
			d.F(yp, fp)
			d.F(ym, fm)
			for a := range nf {
				assert.InDelta(t, (fp[a]-fm[a])/(2*h), jac.At(a, b), 1e-7, "%v: ∂F%d/∂x%d", act, a, b)
			}
		}
	}
}

// TestFixedPointsBistable: two uncoupled tanh units with self-excitation
// g = 2 > 1 have nine fixed points, each unit at 0 or ±x* (x* = g·tanh x*):
// four stable (both at ±x*), four saddles and an unstable origin.
func TestFixedPointsBistable(t *testing.T) {
	const g = 2.0
	c := rnn.Config{Units: 2, Inputs: 0, Outputs: 1, P: 1, G: g, Dt: 1, Tau: 10, Act: rnn.Tanh}
	net := network(t, c, []float64{g, 0, 0, g}, nil, nil, nil)
	d, err := NewDynamics(net, nil, nil)
	require.NoError(t, err)
	xs := 2.0
	for range 100 {
		xs = g * math.Tanh(xs)
	}
	var starts [][]float64
	for _, a := range []float64{-3, -1.2, -0.3, 0.3, 1.2, 3} {
		for _, b := range []float64{-3, -1.2, -0.3, 0.3, 1.2, 3} {
			starts = append(starts, []float64{a, b})
		}
	}
	starts = append(starts, []float64{0.01, -0.02})
	pts, err := d.FindFixedPoints(starts, FindOptions{})
	require.NoError(t, err)
	require.Len(t, pts, 9)
	stable := 0
	for _, p := range pts {
		assert.Less(t, p.Q, 1e-20)
		pos := 0
		for i, v := range p.X {
			switch {
			case math.Abs(v) < 1e-9:
				// an unstable direction: φ'(0)·g - 1 = g - 1
				assert.InDelta(t, g-1, real(p.Eigenvalues[0]), 1e-9, "unit %d at 0", i)
				pos++
			default:
				assert.InDelta(t, xs, math.Abs(v), 1e-9)
			}
		}
		if p.Stable {
			stable++
			assert.Equal(t, 0, pos, "a stable point has no unit at 0: %v", p.X)
			want := g*(1-math.Tanh(xs)*math.Tanh(xs)) - 1
			for _, e := range p.Eigenvalues {
				assert.InDelta(t, want, real(e), 1e-9)
			}
		} else {
			assert.Greater(t, pos, 0, "an unstable point has a unit at 0: %v", p.X)
		}
	}
	assert.Equal(t, 4, stable)
}

func TestDynamicsErrors(t *testing.T) {
	c := rnn.Config{Units: 4, Inputs: 1, Outputs: 2, P: 1, G: 1, Dt: 1, Tau: 10, Act: rnn.Tanh, Feedback: true}
	net := randomNetwork(t, c, 5)
	_, err := NewDynamics(net, []float64{1, 2}, nil)
	require.ErrorContains(t, err, "input of 2 values for a network of 1 inputs")
	_, err = NewDynamics(net, nil, rnn.NewArm())
	require.ErrorContains(t, err, "feeds its output back")
	d, err := NewDynamics(net, nil, nil)
	require.NoError(t, err)
	_, err = d.Minimize([]float64{1}, FindOptions{})
	require.ErrorContains(t, err, "start of 1 values for 4 units")
	_, err = d.Minimize([]float64{1, math.Inf(1), 0, 0}, FindOptions{})
	require.ErrorContains(t, err, "+Inf")
}

// TestPCA: states on a plane in 5 dimensions have two components; the
// projections reproduce the plane's coordinates up to sign.
func TestPCA(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	e1 := []float64{1, 1, 0, 0, 0}
	e2 := []float64{0, 0, 1, -1, 0}
	mat.Scal(1/math.Sqrt2, e1)
	mat.Scal(1/math.Sqrt2, e2)
	off := []float64{3, -1, 2, 0, 5}
	var states []*mat.Dense[float64]
	for range 3 {
		s := mat.NewDense[float64](50, 5)
		for i := range 50 {
			a, b := 3*r.NormFloat64(), r.NormFloat64()
			row := s.Row(i)
			copy(row, off)
			mat.Axpy(a, e1, row)
			mat.Axpy(b, e2, row)
		}
		states = append(states, s)
	}
	p, err := FitPCA(states)
	require.NoError(t, err)
	assert.Equal(t, 150, p.Samples)
	assert.InDelta(t, 1, p.Explained[0]+p.Explained[1], 1e-12)
	assert.Greater(t, p.Explained[0], 0.8)
	for i := 2; i < 5; i++ {
		assert.InDelta(t, 0, p.Variance[i], 1e-12)
	}
	// the first two axes span the plane of e1 and e2
	col := func(j int) []float64 {
		v := make([]float64, 5)
		for i := range v {
			v[i] = p.Components.At(i, j)
		}
		return v
	}
	for j := range 2 {
		a, b := mat.Dot(col(j), e1), mat.Dot(col(j), e2)
		assert.InDelta(t, 1, a*a+b*b, 1e-12, "axis %d", j)
	}
	assert.InDelta(t, 0, mat.Dot(col(0), col(1)), 1e-12)
	// projections on the first two axes give back each state about the
	// mean; the third is zero
	pr := p.Project(states[0], 3)
	require.Equal(t, 3, pr.Cols)
	for i := range 50 {
		back := slices.Clone(p.Mean)
		mat.Axpy(pr.At(i, 0), col(0), back)
		mat.Axpy(pr.At(i, 1), col(1), back)
		assert.InDeltaSlice(t, states[0].Row(i), back, 1e-9)
		assert.InDelta(t, 0, pr.At(i, 2), 1e-9)
	}
	// the variances are those of the projections
	var v0 float64
	for _, s := range states {
		q := p.Project(s, 1)
		for i := range q.Rows {
			v0 += q.At(i, 0) * q.At(i, 0) / 149
		}
	}
	assert.InDelta(t, p.Variance[0], v0, 1e-9)
	_, err = FitPCA(nil)
	require.Error(t, err)
	_, err = FitPCA([]*mat.Dense[float64]{mat.NewDense[float64](1, 3)})
	require.ErrorContains(t, err, "need 2 samples")
}

// TestSlowPoint: one tanh unit with self-excitation 2 under an input just
// past the saddle-node of its left pair of fixed points keeps their ghost:
// a slow point where F' = 0 (x = -acosh √2) with q = ½F² > 0, beside the
// true fixed point on the right. A QMax below its q leaves it out.
func TestSlowPoint(t *testing.T) {
	c := rnn.Config{Units: 1, Inputs: 1, Outputs: 1, P: 1, G: 2, Dt: 1, Tau: 10, Act: rnn.Tanh}
	net := network(t, c, []float64{2}, []float64{1}, nil, nil)
	d, err := NewDynamics(net, []float64{0.6}, nil)
	require.NoError(t, err)
	xg := -math.Acosh(math.Sqrt2)
	fg := -xg + 2*math.Tanh(xg) + 0.6
	m, err := d.Minimize([]float64{-1.5}, FindOptions{})
	require.NoError(t, err)
	assert.InDelta(t, xg, m.X[0], 1e-6)
	assert.InDelta(t, fg*fg/2, m.Q, 1e-12)

	pts, err := d.FindFixedPoints([][]float64{{-1.5}, {-0.3}, {3}}, FindOptions{QMax: 0.01})
	require.NoError(t, err)
	require.Len(t, pts, 2)
	assert.Less(t, pts[0].Q, 1e-25, "the fixed point first")
	assert.Greater(t, pts[0].X[0], 1.0)
	assert.True(t, pts[0].Stable)
	assert.InDelta(t, fg*fg/2, pts[1].Q, 1e-12)
	assert.InDelta(t, 0, real(pts[1].Eigenvalues[0]), 1e-6, "F' = 0 at the ghost")
	assert.Equal(t, math.Tanh(pts[0].X[0]), pts[0].R[0])

	pts, err = d.FindFixedPoints([][]float64{{-1.5}, {3}}, FindOptions{QMax: 1e-3})
	require.NoError(t, err)
	require.Len(t, pts, 1, "q of the ghost is above QMax")
}

func TestSampleStates(t *testing.T) {
	a, b := mat.NewDense[float64](3, 2), mat.NewDense[float64](2, 2)
	for i := range 3 {
		a.Set(i, 0, float64(i))
	}
	for i := range 2 {
		b.Set(i, 0, float64(10+i))
	}
	r := rand.New(rand.NewPCG(1, 1))
	seen := map[float64]int{}
	for _, s := range SampleStates([]*mat.Dense[float64]{a, b}, 5000, r) {
		require.Len(t, s, 2)
		seen[s[0]]++
	}
	assert.Len(t, seen, 5, "every row of both matrices")
	for v, n := range seen {
		assert.InDelta(t, 1000, n, 150, "row %v drawn uniformly", v)
	}
	assert.Nil(t, SampleStates(nil, 3, r))
}
