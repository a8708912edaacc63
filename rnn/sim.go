package rnn

import (
	"math"

	"github.com/hebbrnn/hebbrnn/mat"
)

// taskData is a task converted to the network's element type.
type taskData[T Float] struct {
	inputs  []*mat.Dense[T] // per condition T×I, nil without input
	targets []*mat.Dense[T]
	steps   int
}

func convertTask[T Float](t *Task) *taskData[T] {
	var inputs []*mat.Dense[float64]
	if t.InputSize() > 0 {
		inputs = t.Inputs
	}
	return newTaskData[T](t.Steps(), inputs, t.Targets)
}

// newTaskData converts the inputs (none, or one per target, nil for no
// input) and targets of conditions of the given steps.
func newTaskData[T Float](steps int, inputs, targets []*mat.Dense[float64]) *taskData[T] {
	d := &taskData[T]{steps: steps}
	for c, f := range targets {
		d.targets = append(d.targets, converted[T](f))
		var in *mat.Dense[T]
		if c < len(inputs) && inputs[c] != nil {
			in = converted[T](inputs[c])
		}
		d.inputs = append(d.inputs, in)
	}
	return d
}

// converted returns a copy of m with element type T.
func converted[T Float](m *mat.Dense[float64]) *mat.Dense[T] {
	d := mat.NewDense[T](m.Rows, m.Cols)
	mat.Convert(d, m)
	return d
}

func (d *taskData[T]) input(c, t int) []T {
	if d.inputs[c] == nil {
		return nil
	}
	return d.inputs[c].Row(t)
}

// sim is the state of one trial of one condition: the activation x, the
// rates r, the output z, and the scratch its steps need. Its slices may be
// rows of matrices shared by conditions running in lockstep.
type sim[T Float] struct {
	net    *Network[T]
	out    Output
	x, r   []T
	z      []T
	rf, zf []float64 // output-unit rates and output, for the output function
	noise  []T       // network noise of the step
	k      T         // dt/tau

	// win is WIn·u for the input uLast. Task inputs hold still for many
	// steps, so the product is recomputed only when u changes (winNew);
	// adding the kept product gives the same bits as adding a new one.
	win, uLast []T
	winNew     bool
	winValid   bool

	// error accumulators of the running trial
	t0, t1     int
	err0, err1 float64
}

func newSim[T Float](net *Network[T], out Output, x, r, z []T) *sim[T] {
	b := len(net.OutputUnits)
	return &sim[T]{net: net, out: out, x: x, r: r, z: z, rf: make([]float64, b), zf: make([]float64, b),
		k: T(net.Dt / net.Tau), win: mat.NewVec[T](len(x)), uLast: make([]T, net.Inputs)}
}

// begin starts a trial from x0 (nil: the network's X0).
func (s *sim[T]) begin(x0 []T, steps, t0, t1 int) {
	if x0 == nil {
		x0 = s.net.X0
	}
	copy(s.x, x0)
	s.winValid = false
	s.setBias()
	s.net.activate(s.r, s.x)
	s.out.Reset(steps)
	s.output(0)
	s.t0, s.t1 = t0, t1
	s.err0, s.err1 = 0, 0
}

func (s *sim[T]) setBias() {
	for i, u := range s.net.BiasUnits {
		s.x[u] = s.net.BiasValue[i]
	}
}

// output computes z = h(t, r[outputUnits]).
func (s *sim[T]) output(t int) {
	for i, u := range s.net.OutputUnits {
		s.rf[i] = float64(s.r[u])
	}
	s.out.Step(t, s.rf, s.zf)
	for i, v := range s.zf {
		s.z[i] = T(v)
	}
}

// score adds step t's state (before its update) to the trial's errors.
func (s *sim[T]) score(t int, target []T) {
	for _, u := range s.net.OutputUnits {
		s.err1 += math.Abs(float64(s.r[u]))
	}
	if t >= s.t0 && t <= s.t1 {
		for i, v := range s.z {
			s.err0 += math.Abs(float64(v - target[i]))
		}
	}
}

// errors returns the output and energy errors of a finished trial of the
// given number of steps.
func (s *sim[T]) errors(steps int) Errors {
	b := float64(len(s.z))
	return Errors{
		Output: s.err0 / (float64(s.t1-s.t0+1) * b),
		Energy: s.net.EnergyCost * s.err1 / (float64(steps) * float64(len(s.net.OutputUnits))),
	}
}

// drawNoise draws the network noise of one step (σ·N(0,1) per unit).
func (s *sim[T]) drawNoise(src Source) {
	if s.net.Noise == 0 {
		return
	}
	if s.noise == nil {
		s.noise = make([]T, len(s.x))
	}
	for i := range s.noise {
		s.noise[i] = T(s.net.Noise * src.Normal())
	}
}

// input prepares the input u of the coming step (nil without input); it
// runs once per step before advanceRows, on one goroutine.
func (s *sim[T]) input(u []T) {
	if u == nil {
		return
	}
	s.winNew = !s.winValid || !sameBits(u, s.uLast)
	if s.winNew {
		copy(s.uLast, u)
		s.winValid = true
	}
}

// sameBits reports whether a and b hold the same values, telling 0 from -0.
func sameBits[T Float](a, b []T) bool {
	for i, v := range a {
		if v != b[i] || (v == 0 && math.Signbit(float64(v)) != math.Signbit(float64(b[i]))) {
			return false
		}
	}
	return true
}

// advanceRows finishes step t for units lo..hi-1, given (J·r)[lo:hi] in
// exc[lo:hi] (overwritten): it adds WIn·u (u as given to input; nil
// without input), the feedback of z and the noise drawn by drawNoise,
// integrates x, adds the perturbations (each scaled by pertScale), resets
// the bias units and writes φ(x) into rnext. Workers call it on disjoint
// blocks of units; the caller then sets s.r = rnext and calls output.
func (s *sim[T]) advanceRows(lo, hi int, exc, u []T, pert []Event, pertScale T, rnext []T) {
	net := s.net
	if u != nil {
		if s.winNew {
			net.WIn.MulVecRows(lo, hi, s.win, 1, u, 0)
		}
		mat.Axpy(1, s.win[lo:hi], exc[lo:hi])
	}
	if net.Feedback {
		net.WFb.MulVecRows(lo, hi, exc, 1, s.z, 1)
	}
	e, x := exc[lo:hi], s.x[lo:hi]
	if net.Noise > 0 {
		mat.Axpy(1, s.noise[lo:hi], e) // e + 1·v, rounded once: e + v
	}
	mat.Leak(s.k, e, x)
	for _, p := range pert {
		if p.Unit >= lo && p.Unit < hi {
			s.x[p.Unit] += pertScale * T(p.Value)
		}
	}
	for i, u := range net.BiasUnits {
		if u >= lo && u < hi {
			s.x[u] = net.BiasValue[i]
		}
	}
	net.activate(rnext[lo:hi], x)
}

// advance finishes step t for every unit (see advanceRows) on one
// goroutine and computes the new output.
func (s *sim[T]) advance(t int, exc, u []T, pert []Event, pertScale T, noise Source, rnext []T) {
	s.drawNoise(noise)
	s.input(u)
	s.advanceRows(0, len(s.x), exc, u, pert, pertScale, rnext)
	s.r = rnext
	s.output(t + 1)
}

// activate computes r = φ(x).
func (net *Network[T]) activate(r, x []T) { activateAs(net.Act, r, x) }

// activateAs computes r = φ(x) for the rate function act.
func activateAs[T Float](act Activation, r, x []T) {
	switch act {
	case Tanh:
		mat.Tanh(r, x)
	case Linear:
		copy(r, x)
	case RectTanh:
		mat.Tanh(r, x)
		for i, v := range x {
			if v <= 0 {
				r[i] = 0
			}
		}
	case BaselineTanh:
		r = r[:len(x)]
		for i, v := range x {
			if v > 0 {
				r[i] = v / 0.9
			} else {
				r[i] = v / 0.1
			}
		}
		mat.Tanh(r, r)
		for i, v := range x {
			if v > 0 {
				r[i] *= 0.9
			} else {
				r[i] *= 0.1
			}
		}
	}
}
