package rnn

import (
	"time"

	"github.com/hebbrnn/hebbrnn/mat"
)

// learner runs learning trials of one condition at a time and forms their
// eligibility, on a team of one or more goroutines.
//
// A trial is one of three bodies, one per way of forming the eligibility:
// trialProduct (the hebbian rule, as a product D3ᵀ·R3 summed in blocks of
// steps), trialNode (node perturbation) and trialRank1 (the hebbian rule by
// a rank-1 update at every step; the same rule, slower, kept to test the
// product against). They share begin and step. trialProduct spreads over
// the team in one of two schemes (overlap.go): the team runs the units of
// every step in parallel, or one worker runs the steps while the others
// add the finished blocks to the eligibility.
type learner[T Float] struct {
	net        *Network[T]
	data       *taskData[T]
	s          *sim[T]
	team       *team
	ra, rb     []T // the rates of this and the previous step, swapped every step
	exc        []T
	xtrace, x0 []T
	d3, r3     *mat.Dense[T] // (x - xtrace)³ and rprev³ of the steps of a few blocks (factorRow)
	e          *mat.Dense[T] // N×N eligibility
	delta      []T           // x - xtrace of a step, for trialRank1
	// method is the rule, parsed once from Options.Method by the trainer;
	// rank1 makes hebbian trials run trialRank1 instead of trialProduct.
	method Method
	rank1  bool
	// zrec, when set, receives the output before each step of a trial
	// (steps×B), for Generator.Correct.
	zrec *mat.Dense[float64]

	// The arguments of the team's calls: in for a step (stepFn,
	// stepFactorsFn), prod and blockNow for the eligibility product
	// (clearFn, blockFn), alpha and limit for the weight update
	// (updateFn). The caller sets them before team.run; the workers only
	// read them.
	in                                                stepIn[T]
	prod                                              stepRange // the steps of the product
	blockNow                                          int       // the block blockFn adds
	alpha, limit                                      T
	stepFn, stepFactorsFn, clearFn, blockFn, updateFn func(w int)

	// ringRows is the number of rows of d3 and r3 that a trial uses, as a
	// ring of blocks of the product (factorRow): one block in the row
	// scheme, overlapRing blocks in the overlap scheme.
	ringRows int

	// Blocks of rowAlign rows of J and of the eligibility, for the weight
	// update, and each block's clipped count and Σ|ΔJ|.
	jBlocks, eBlocks []*mat.Dense[T]
	clipped          []int
	sumAbs           []float64

	// The eligibility product and its schemes (overlap.go).
	block     int    // steps per block of the product (defaultBlock; tests set less)
	scheme    scheme // the scheme forced by setScheme, or chosen by measurement
	auto      bool   // the scheme is chosen by measurement
	calib     calibration
	chain     *signal        // overlap: the steps worker 0 has finished
	parts     []rowPart      // overlap: the parts of the rows of E
	partsFor  int            // overlap: the team size parts was made for
	onBlock   func(w, b int) // overlap: if set, called as worker w takes block b (tests slow helpers down with it)
	ov        overlapArgs[T]
	ovPanic   any // overlap: the panic of worker 0's steps, passed on after the team's call
	overlapFn func(w int)
}

// stepIn is what one step of a learning trial takes.
type stepIn[T Float] struct {
	t         int
	u         []T     // the step's input (nil without input)
	rprev     []T     // the rates before the step
	next      []T     // receives the rates after the step
	events    []Event // the step's perturbations
	pertScale T       // scale of the perturbations: 1, or dt/tau when they add to the excitation
	alphaX    T       // decay of the trace of x
}

// stepRange is the steps from..to-1 of a trial.
type stepRange struct{ from, to int }

func newLearner[T Float](net *Network[T], data *taskData[T], out Output, threads int) *learner[T] {
	n, steps := net.Units, data.steps
	l := &learner[T]{net: net, data: data, ra: mat.NewVec[T](n), rb: mat.NewVec[T](n), exc: mat.NewVec[T](n),
		xtrace: mat.NewVec[T](n), x0: mat.NewVec[T](n),
		e: mat.NewDense[T](n, n), delta: mat.NewVec[T](n), team: newTeam(threads, n),
		block: defaultBlock, auto: true, chain: newSignal()}
	l.s = newSim(net, out.Clone(), mat.NewVec[T](n), l.ra, mat.NewVec[T](len(net.OutputUnits)))
	l.factorRows(min(steps, overlapRing*defaultBlock))
	l.stepFn = func(w int) { l.stepRows(w, &l.in) }
	l.stepFactorsFn = func(w int) { l.stepFactorsRows(w, &l.in) }
	l.clearFn = func(w int) { l.clearRows(l.team.rows(w)) }
	l.blockFn = func(w int) {
		lo, hi := l.team.rows(w)
		l.addBlock(l.blockNow, lo, hi)
	}
	l.updateFn = func(w int) { l.updateRows(w, l.alpha, l.limit) }
	l.overlapFn = l.overlapRows
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
	if err := l.begin(c, src, opt, t0, t1); err != nil {
		return Errors{}, err
	}
	switch {
	case l.method == MethodNode:
		l.trialNode(c, src, opt)
	case l.rank1:
		l.trialRank1(c, src, opt)
	default:
		l.trialProduct(c, src, opt)
	}
	return l.s.errors(l.data.steps), nil
}

// trialProduct is a trial of the hebbian rule: at every step it also keeps
// (x - xtrace)³ and rprev³ of every unit and updates their trace; the
// eligibility is the product D3ᵀ·R3 over the steps from EligibilityFrom,
// summed block by block (addBlock) in the same order whatever the scheme
// and the number of workers, so that its bits depend on neither.
//
// In the row scheme the team splits every step's units (stepFactorsRows)
// and, as soon as a block of steps is done, adds its product to E, each
// worker its rows. In the overlap scheme (trialOverlap) one worker runs the
// steps while the others add each block of finished steps to E. Either
// way the factors are kept for a few blocks only, in a ring (factorRow),
// so that the factors of the trial (3.2 MB in float64 at N = 200, T =
// 1000) do not stream through the cache and push J out of L2: a one-thread
// trial is about 10% faster than with the product after the trial.
func (l *learner[T]) trialProduct(c int, src Source, opt *Options) {
	steps := l.data.steps
	l.prod = stepRange{min(opt.EligibilityFrom, steps), steps}
	sch, timed := l.pickScheme()
	var start time.Time
	if timed {
		start = time.Now()
	}
	l.ringRows = l.block
	if sch == schemeOverlap {
		l.ringRows = overlapRing * l.block
	}
	l.factorRows(min(steps, l.ringRows))
	if sch == schemeOverlap {
		l.trialOverlap(c, src, opt)
	} else {
		l.team.run(l.clearFn)
		b, end := 0, l.blockEnd(0)
		for t := 0; t < steps; t++ {
			l.step(c, t, src, opt, l.stepFactorsFn)
			if t+1 == end {
				l.blockNow = b
				l.team.run(l.blockFn)
				b++
				end = l.blockEnd(b)
			}
		}
	}
	if timed {
		l.measured(sch, time.Since(start))
	}
}

// blockEnd returns the step after the last of block b of the product, or
// -1 past the last block.
func (l *learner[T]) blockEnd(b int) int {
	if b >= l.blocks() {
		return -1
	}
	_, to := l.blockSteps(b)
	return to
}

// factorRows makes d3 and r3 hold at least rows rows (factorRow never
// exceeds the step, nor the ring): allocated once for the default blocks,
// again only if a test makes the blocks longer.
func (l *learner[T]) factorRows(rows int) {
	if l.d3 == nil || l.d3.Rows < rows {
		n := l.net.Units
		l.d3, l.r3 = mat.NewDensePadded[T](rows, n), mat.NewDensePadded[T](rows, n)
	}
}

// factorRow returns the row of d3 and r3 that keeps the factors of step t:
// its place in the ring of l.ringRows rows, counted from the first step of
// the product, so that block b starts at row (b·block) mod ringRows. The
// steps before the product write rows that the steps of the first blocks
// overwrite before their products are added.
func (l *learner[T]) factorRow(t int) int {
	if t < l.prod.from {
		return t % l.ringRows
	}
	return (t - l.prod.from) % l.ringRows
}

// trialNode is a trial of node perturbation: after every step from
// EligibilityFrom, the row of each perturbed unit (other than a bias unit)
// of the eligibility gains its perturbation times rprev.
func (l *learner[T]) trialNode(c int, src Source, opt *Options) {
	l.e.Zero()
	for t := 0; t < l.data.steps; t++ {
		in := l.step(c, t, src, opt, l.stepFn)
		if t < opt.EligibilityFrom {
			continue
		}
		for _, e := range in.events {
			if !l.net.isBias(e.Unit) {
				mat.Axpy(in.pertScale*T(e.Value), in.rprev, l.e.Row(e.Unit))
			}
		}
	}
}

// trialRank1 is a trial of the hebbian rule formed step by step: after
// every step from EligibilityFrom, E[i][j] gains (Δx[i]·rprev[j])³ with
// Δx = x - xtrace; the trace follows x after every step.
func (l *learner[T]) trialRank1(c int, src Source, opt *Options) {
	l.e.Zero()
	for t := 0; t < l.data.steps; t++ {
		in := l.step(c, t, src, opt, l.stepFn)
		if t >= opt.EligibilityFrom {
			for i, xi := range l.s.x {
				l.delta[i] = xi - l.xtrace[i]
			}
			l.e.AddCubeOuter(l.delta, in.rprev)
		}
		l.traceRows(0, l.net.Units, in.alphaX)
	}
}

// begin starts a trial of condition c: the initial state (with
// InitialNoise), its trace, and the inputs of every step that do not
// change during the trial.
func (l *learner[T]) begin(c int, src Source, opt *Options, t0, t1 int) error {
	net, s, steps := l.net, l.s, l.data.steps
	if err := src.BeginTrial(c, steps, net.Units); err != nil {
		return err
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
	l.in.pertScale, l.in.alphaX = 1, T(opt.AlphaX)
	if opt.PerturbExcitation {
		l.in.pertScale = s.k
	}
	return nil
}

// step runs step t of condition c with work (stepFn or stepFactorsFn) as
// the team's work, or with nil on the calling goroutine alone (all units,
// with the factors of the product: stepFactorsUnits), and returns its
// inputs. Before the step it scores the state, draws the step's
// perturbations (dropped before PerturbFrom) and noise and sets l.in;
// after it, the new rates become current and the output follows them.
func (l *learner[T]) step(c, t int, src Source, opt *Options, work func(w int)) *stepIn[T] {
	s, in := l.s, &l.in
	if l.zrec != nil {
		recordZ(l.zrec.Row(t), s.z)
	}
	s.score(t, l.data.targets[c].Row(t))
	in.events = src.Perturb(t, in.events[:0])
	if t < opt.PerturbFrom {
		in.events = in.events[:0]
	}
	s.drawNoise(src)
	in.t, in.u, in.rprev = t, l.data.input(c, t), s.r
	s.input(in.u)
	in.next = l.ra
	if &in.rprev[0] == &l.ra[0] {
		in.next = l.rb
	}
	if work != nil {
		l.team.run(work)
	} else {
		l.stepFactorsUnits(0, l.net.Units, in)
	}
	s.r = in.next
	s.output(t + 1)
	return in
}

// stepRows runs step in for the units of worker w (stepUnits).
func (l *learner[T]) stepRows(w int, in *stepIn[T]) {
	lo, hi := l.team.rows(w)
	l.stepUnits(lo, hi, in)
}

// stepFactorsRows runs step in for the units of worker w, with their
// factors of the product (stepFactorsUnits).
func (l *learner[T]) stepFactorsRows(w int, in *stepIn[T]) {
	lo, hi := l.team.rows(w)
	l.stepFactorsUnits(lo, hi, in)
}

// stepUnits runs step in for units lo..hi-1: their J·rprev, then the rest
// of their update (sim.advanceRows).
func (l *learner[T]) stepUnits(lo, hi int, in *stepIn[T]) {
	l.net.J.MulVecRows(lo, hi, l.exc, 1, in.rprev, 0)
	l.s.advanceRows(lo, hi, l.exc, in.u, in.events, in.pertScale, in.next)
}

// stepFactorsUnits runs step in for units lo..hi-1 (stepUnits), then keeps
// their factors of the eligibility product and updates their trace.
func (l *learner[T]) stepFactorsUnits(lo, hi int, in *stepIn[T]) {
	l.stepUnits(lo, hi, in)
	row := l.factorRow(in.t)
	mat.CubeDiff(l.d3.Row(row)[lo:hi], l.s.x[lo:hi], l.xtrace[lo:hi])
	mat.Cube(l.r3.Row(row)[lo:hi], in.rprev[lo:hi])
	l.traceRows(lo, hi, in.alphaX)
}

// traceRows updates the trace of x, with decay a, for units lo..hi-1.
func (l *learner[T]) traceRows(lo, hi int, a T) {
	x := l.s.x
	if a != 0 {
		for i := lo; i < hi; i++ {
			l.xtrace[i] = a*l.xtrace[i] + (1-a)*x[i]
		}
	} else {
		copy(l.xtrace[lo:hi], x[lo:hi])
	}
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

func (l *learner[T]) updateRows(w int, alpha, limit T) {
	lo, hi := l.team.rows(w)
	for b := lo / rowAlign; b*rowAlign < hi; b++ {
		l.clipped[b], l.sumAbs[b] = l.jBlocks[b].MaskedUpdate(alpha, limit, l.eBlocks[b])
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
