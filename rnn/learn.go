package rnn

import (
	"github.com/hebbrnn/hebbrnn/mat"
)

// learner runs learning trials of one condition at a time and forms their
// eligibility.
type learner[T Float] struct {
	net        *Network[T]
	data       *taskData[T]
	s          *sim[T]
	ra, rb     []T // the rates of this and the previous step, swapped every step
	exc        []T
	xtrace, x0 []T
	d3, r3     *mat.Dense[T] // steps×N: (x - xtrace)³ and rprev³ of every step
	e          *mat.Dense[T] // N×N eligibility
	ev         []Event
	// rank1 forms the eligibility by a rank-1 update at every step instead
	// of one product at the end of the trial (the same rule, slower; kept
	// to test the product against).
	rank1 bool
	delta []T
}

func newLearner[T Float](net *Network[T], data *taskData[T], out Output) *learner[T] {
	n, steps := net.Units, data.steps
	l := &learner[T]{net: net, data: data, ra: mat.NewVec[T](n), rb: mat.NewVec[T](n), exc: mat.NewVec[T](n),
		xtrace: mat.NewVec[T](n), x0: mat.NewVec[T](n), d3: mat.NewDense[T](steps, n), r3: mat.NewDense[T](steps, n),
		e: mat.NewDense[T](n, n)}
	l.s = newSim(net, out.Clone(), mat.NewVec[T](n), l.ra, mat.NewVec[T](len(net.OutputUnits)))
	return l
}

// trial runs a learning trial of condition c with the perturbations and
// noise of src, leaves its eligibility in l.e and returns its errors.
func (l *learner[T]) trial(c int, src Source, opt *Options, t0, t1 int) ([2]float64, error) {
	net, s, steps, n := l.net, l.s, l.data.steps, l.net.Units
	if err := src.BeginTrial(c, steps, n); err != nil {
		return [2]float64{}, err
	}
	x0 := net.X0
	if opt.InitialNoise > 0 {
		for i := range l.x0 {
			l.x0[i] = net.X0[i] + T(opt.InitialNoise*(2*src.Uniform()-1))
		}
		x0 = l.x0
	}
	s.r = l.ra
	s.begin(x0, steps, t0, t1)
	copy(l.xtrace, s.x)
	node := opt.Method == "node"
	if node || l.rank1 {
		l.e.Zero()
		if l.delta == nil {
			l.delta = mat.NewVec[T](n)
		}
	}
	alphaX := T(opt.AlphaX)
	pertScale := T(1)
	if opt.PerturbExcitation {
		pertScale = s.k
	}
	for t := 0; t < steps; t++ {
		s.score(t, l.data.targets[c].Row(t))
		net.J.MulVec(l.exc, 1, s.r, 0)
		l.ev = src.Perturb(t, l.ev[:0])
		if t < opt.PerturbFrom {
			l.ev = l.ev[:0]
		}
		rprev := s.r
		next := l.ra
		if &rprev[0] == &l.ra[0] {
			next = l.rb
		}
		s.advance(t, l.exc, l.data.input(c, t), l.ev, pertScale, src, next)
		if node {
			if t >= opt.EligibilityFrom {
				for _, e := range l.ev {
					if !net.isBias(e.Unit) {
						mat.Axpy(pertScale*T(e.Value), rprev, l.e.Row(e.Unit))
					}
				}
			}
			continue
		}
		d3, r3, x := l.d3.Row(t), l.r3.Row(t), s.x
		if l.rank1 && t >= opt.EligibilityFrom {
			for i, xi := range x {
				l.delta[i] = xi - l.xtrace[i]
			}
			l.e.AddCubeOuter(l.delta, rprev)
		}
		for i, xi := range x {
			d := xi - l.xtrace[i]
			d3[i] = d * d * d
			r := rprev[i]
			r3[i] = r * r * r
		}
		if alphaX == 0 {
			copy(l.xtrace, x)
		} else {
			for i, xi := range x {
				l.xtrace[i] = alphaX*l.xtrace[i] + (1-alphaX)*xi
			}
		}
	}
	if !node && !l.rank1 {
		from := min(opt.EligibilityFrom, steps)
		l.e.Zero()
		l.e.AddMulTN(1, l.d3.View(from, 0, steps-from, n), l.r3.View(from, 0, steps-from, n))
	}
	return s.errors(steps), nil
}

func (net *Network[T]) isBias(u int) bool {
	for _, b := range net.BiasUnits {
		if b == u {
			return true
		}
	}
	return false
}
