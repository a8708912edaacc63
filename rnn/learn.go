package rnn

import (
	"github.com/hebbrnn/hebbrnn/mat"
)

// learner runs learning trials of one condition at a time and forms their
// eligibility, on a team of one or more goroutines.
type learner[T Float] struct {
	net        *Network[T]
	data       *taskData[T]
	s          *sim[T]
	team       *team
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

	// The step under way, for the workers.
	t              int
	u, rprev, next []T
	opt            *Options
	pertScale      T
	node           bool
	stepFn, eligFn func(w int)

	// Blocks of rowAlign rows of J and of the eligibility, for the weight
	// update, and each block's clipped count and Σ|ΔJ|.
	jBlocks, eBlocks []*mat.Dense[T]
	clipped          []int
	sumAbs           []float64
	alpha, limit     T
	updateFn         func(w int)
}

func newLearner[T Float](net *Network[T], data *taskData[T], out Output, threads int) *learner[T] {
	n, steps := net.Units, data.steps
	l := &learner[T]{net: net, data: data, ra: mat.NewVec[T](n), rb: mat.NewVec[T](n), exc: mat.NewVec[T](n),
		xtrace: mat.NewVec[T](n), x0: mat.NewVec[T](n), d3: mat.NewDensePadded[T](steps, n), r3: mat.NewDensePadded[T](steps, n),
		e: mat.NewDense[T](n, n), team: newTeam(threads, n)}
	l.s = newSim(net, out.Clone(), mat.NewVec[T](n), l.ra, mat.NewVec[T](len(net.OutputUnits)))
	l.stepFn, l.eligFn, l.updateFn = l.stepRows, l.eligRows, l.updateRows
	for lo := 0; lo < n; lo += rowAlign {
		hi := min(n, lo+rowAlign)
		l.jBlocks = append(l.jBlocks, net.J.View(lo, 0, hi-lo, n))
		l.eBlocks = append(l.eBlocks, l.e.View(lo, 0, hi-lo, n))
	}
	l.clipped = make([]int, len(l.jBlocks))
	l.sumAbs = make([]float64, len(l.jBlocks))
	return l
}

// trial runs a learning trial of condition c with the perturbations and
// noise of src, leaves its eligibility in l.e and returns its errors.
func (l *learner[T]) trial(c int, src Source, opt *Options, t0, t1 int) (Errors, error) {
	net, s, steps, n := l.net, l.s, l.data.steps, l.net.Units
	if err := src.BeginTrial(c, steps, n); err != nil {
		return Errors{}, err
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
	l.opt, l.node = opt, opt.Method == "node"
	if l.node || l.rank1 {
		l.e.Zero()
		if l.delta == nil {
			l.delta = mat.NewVec[T](n)
		}
	}
	l.pertScale = 1
	if opt.PerturbExcitation {
		l.pertScale = s.k
	}
	for t := 0; t < steps; t++ {
		s.score(t, l.data.targets[c].Row(t))
		l.ev = src.Perturb(t, l.ev[:0])
		if t < opt.PerturbFrom {
			l.ev = l.ev[:0]
		}
		s.drawNoise(src)
		l.t, l.u, l.rprev = t, l.data.input(c, t), s.r
		s.input(l.u)
		l.next = l.ra
		if &l.rprev[0] == &l.ra[0] {
			l.next = l.rb
		}
		l.team.run(l.stepFn)
		s.r = l.next
		s.output(t + 1)
		if t >= opt.EligibilityFrom {
			if l.node {
				for _, e := range l.ev {
					if !net.isBias(e.Unit) {
						mat.Axpy(l.pertScale*T(e.Value), l.rprev, l.e.Row(e.Unit))
					}
				}
			} else if l.rank1 {
				for i, xi := range s.x {
					l.delta[i] = xi - l.xtrace[i] // xtrace is updated below for rank1
				}
				l.e.AddCubeOuter(l.delta, l.rprev)
			}
		}
		if l.rank1 {
			l.traceRows(0, n)
		}
	}
	if !l.node && !l.rank1 {
		l.team.run(l.eligFn)
	}
	return s.errors(steps), nil
}

// stepRows is one step of the trial for the units of worker w.
func (l *learner[T]) stepRows(w int) {
	lo, hi := l.team.rows(w)
	l.net.J.MulVecRows(lo, hi, l.exc, 1, l.rprev, 0)
	l.s.advanceRows(lo, hi, l.exc, l.u, l.ev, l.pertScale, l.next)
	if l.node || l.rank1 {
		return
	}
	mat.CubeDiff(l.d3.Row(l.t)[lo:hi], l.s.x[lo:hi], l.xtrace[lo:hi])
	mat.Cube(l.r3.Row(l.t)[lo:hi], l.rprev[lo:hi])
	l.traceRows(lo, hi)
}

// traceRows updates the trace of x for units lo..hi-1.
func (l *learner[T]) traceRows(lo, hi int) {
	x := l.s.x
	if a := T(l.opt.AlphaX); a != 0 {
		for i := lo; i < hi; i++ {
			l.xtrace[i] = a*l.xtrace[i] + (1-a)*x[i]
		}
	} else {
		copy(l.xtrace[lo:hi], x[lo:hi])
	}
}

// eligRows forms the rows of worker w of the eligibility as one product:
// E[lo:hi] = D3[:, lo:hi]ᵀ·R3, over the steps from EligibilityFrom.
func (l *learner[T]) eligRows(w int) {
	lo, hi := l.team.rows(w)
	if lo == hi {
		return
	}
	steps, n := l.data.steps, l.net.Units
	from := min(l.opt.EligibilityFrom, steps)
	e := l.e.View(lo, 0, hi-lo, n)
	e.Zero()
	e.AddMulTN(1, l.d3.View(from, lo, steps-from, hi-lo), l.r3.View(from, 0, steps-from, n))
}

// update applies J += clamp(alpha·E, ±limit) where J ≠ 0 and returns the
// number of clipped entries and Σ|ΔJ|, summed block by block in a fixed
// order whatever the number of workers.
func (l *learner[T]) update(alpha, limit T) (clipped int, sumAbs float64) {
	l.alpha, l.limit = alpha, limit
	l.team.run(l.updateFn)
	for b := range l.clipped {
		clipped += l.clipped[b]
		sumAbs += l.sumAbs[b]
	}
	return clipped, sumAbs
}

func (l *learner[T]) updateRows(w int) {
	lo, hi := l.team.rows(w)
	for b := lo / rowAlign; b*rowAlign < hi; b++ {
		l.clipped[b], l.sumAbs[b] = l.jBlocks[b].MaskedUpdate(l.alpha, l.limit, l.eBlocks[b])
	}
}

func (net *Network[T]) isBias(u int) bool {
	for _, b := range net.BiasUnits {
		if b == u {
			return true
		}
	}
	return false
}
