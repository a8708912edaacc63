package rnn

import (
	"fmt"
	"math/rand/v2"

	"github.com/hebbrnn/hebbrnn/mat"
)

// Trajectory is the clean run of one condition: the state before each step
// (Z T×B, R and X T×N), the output and energy errors, and the output
// function's record.
type Trajectory[T Float] struct {
	Z, R, X *mat.Dense[T]
	Errors  Errors
	Record  []Record
}

// lockstep runs every condition of a task at once, without perturbation or
// learning: one pass over J per step serves all conditions. The steps run
// on a team: each worker multiplies its rows of J by every condition's
// rates and advances those units of every condition, so the results do not
// depend on the number of workers. The rates are double-buffered (r[cur]
// is read by every worker while they write r[1-cur]).
type lockstep[T Float] struct {
	net     *Network[T]
	data    *taskData[T]
	x, z    *mat.Dense[T]
	exc     *mat.Dense[T]
	r       [2]*mat.Dense[T]
	cur     int
	sims    []*sim[T]
	team    *team
	jRows   []*mat.Dense[T] // per worker: its rows of J (of split)
	excCols []*mat.Dense[T] // per worker: its columns of exc
	split   int             // the worker count of jRows and excCols
	views   map[int][2][]*mat.Dense[T]
	u       [][]T // the step's input of each condition
	stepFn  func(w int)
	chooser *chooser // of an adaptive clean run
	// zrec, when set, receives the output of every condition before
	// each step (steps×B per condition), for Generator.Correct.
	zrec []*mat.Dense[float64]
}

// runBlock is the number of steps of a clean run over which an adaptive
// run measures its speed (see chooser).
const runBlock = 50

// useSplit points jRows and excCols at the blocks of the team's current
// worker count; the views of each count are made once.
func (ls *lockstep[T]) useSplit() {
	tm, n := ls.team, ls.net.Units
	v, ok := ls.views[tm.n]
	if !ok {
		for w := 0; w < tm.n; w++ {
			lo, hi := tm.rows(w)
			v[0] = append(v[0], ls.net.J.View(lo, 0, hi-lo, n))
			v[1] = append(v[1], ls.exc.View(0, lo, len(ls.sims), hi-lo))
		}
		ls.views[tm.n] = v
	}
	ls.jRows, ls.excCols, ls.split = v[0], v[1], tm.n
}

// newLockstep prepares the lockstep runs of a task on team tm.
func newLockstep[T Float](net *Network[T], data *taskData[T], out Output, tm *team) *lockstep[T] {
	c, n, b := len(data.targets), net.Units, len(net.OutputUnits)
	ls := &lockstep[T]{net: net, data: data, x: mat.NewDense[T](c, n), z: mat.NewDense[T](c, b),
		exc: mat.NewDense[T](c, n), r: [2]*mat.Dense[T]{mat.NewDense[T](c, n), mat.NewDense[T](c, n)},
		team: tm, u: make([][]T, c), views: map[int][2][]*mat.Dense[T]{}}
	for i := 0; i < c; i++ {
		ls.sims = append(ls.sims, newSim(net, out.Clone(), ls.x.Row(i), ls.r[0].Row(i), ls.z.Row(i)))
	}
	ls.useSplit()
	ls.stepFn = ls.stepRows
	return ls
}

// stepRows is one step of every condition for the units of worker w.
func (ls *lockstep[T]) stepRows(w int) {
	lo, hi := ls.team.rows(w)
	if lo == hi {
		return
	}
	ls.jRows[w].MulVecs(ls.excCols[w], ls.r[ls.cur])
	next := ls.r[1-ls.cur]
	for c, s := range ls.sims {
		s.advanceRows(lo, hi, ls.exc.Row(c), ls.u[c], nil, 0, next.Row(c))
	}
}

// run runs every condition for the task's steps and returns each
// condition's errors. With traj non-nil it records the trajectories.
func (ls *lockstep[T]) run(noise Source, t0, t1 int, traj []Trajectory[T]) []Errors {
	steps := ls.data.steps
	ls.cur = 0
	for c, s := range ls.sims {
		s.r = ls.r[0].Row(c)
		s.begin(nil, steps, t0, t1)
	}
	for t := 0; t < steps; t++ {
		if ls.chooser != nil && t%runBlock == 0 {
			if t > 0 {
				ls.chooser.end()
			}
			ls.chooser.begin()
		}
		if ls.split != ls.team.n {
			ls.useSplit()
		}
		for c, s := range ls.sims {
			if traj != nil {
				copy(traj[c].X.Row(t), s.x)
				copy(traj[c].R.Row(t), s.r)
				copy(traj[c].Z.Row(t), s.z)
			}
			if ls.zrec != nil {
				recordZ(ls.zrec[c].Row(t), s.z)
			}
			s.score(t, ls.data.targets[c].Row(t))
			s.drawNoise(noise)
			ls.u[c] = ls.data.input(c, t)
			s.input(ls.u[c])
		}
		ls.team.run(ls.stepFn)
		ls.cur = 1 - ls.cur
		for c, s := range ls.sims {
			s.r = ls.r[ls.cur].Row(c)
			s.output(t + 1)
		}
	}
	if ls.chooser != nil && steps > 0 {
		ls.chooser.end()
	}
	errs := make([]Errors, len(ls.sims))
	for c, s := range ls.sims {
		errs[c] = s.errors(steps)
		if traj != nil {
			traj[c].Errors = errs[c]
			traj[c].Record = s.out.Record()
		}
	}
	return errs
}

// recordZ copies an output z into a row of a record in float64.
func recordZ[T Float](dst []float64, z []T) {
	for i, v := range z {
		dst[i] = float64(v)
	}
}

// prepare checks the network, and that a task and an output function (nil
// for the identity) fit it; it returns the output function to use.
func (net *Network[T]) prepare(task *Task, out Output) (Output, error) {
	if out == nil {
		out = Identity{}
	}
	if err := net.Check(); err != nil {
		return nil, err
	}
	return out, net.checkTask(task, out)
}

// checkTask verifies that a task and an output function fit the network.
func (net *Network[T]) checkTask(task *Task, out Output) error {
	if err := task.Check(); err != nil {
		return err
	}
	if in := task.InputSize(); in != net.Inputs {
		return fmt.Errorf("the task has %d inputs, the network %d", in, net.Inputs)
	}
	b, err := out.Outputs(len(net.OutputUnits))
	if err != nil {
		return err
	}
	if b != task.TargetSize() {
		return fmt.Errorf("the network's output has %d values, the task's targets %d", b, task.TargetSize())
	}
	if b != net.Outputs {
		return fmt.Errorf("the output function makes %d outputs, the network has %d", b, net.Outputs)
	}
	return nil
}

// RunOptions are the options of a clean run.
type RunOptions struct {
	// TargetTimes is the first and last step of the output error (nil:
	// every step).
	TargetTimes *[2]int
	// Seed seeds the network noise (used only when the network has noise).
	Seed uint64
	// Threads is the number of goroutines the run uses, each owning a
	// block of units (0 or 1: one). The trajectories do not depend on it.
	Threads int
	// AdaptThreads makes Threads the most goroutines the run may use: it
	// measures blocks of steps as it goes and runs them on one goroutine
	// or on Threads, whichever is faster at the moment (see
	// Trainer.AdaptThreads).
	AdaptThreads bool
	// ThreadsChanged, when set, is called when an adaptive run changes
	// its number of threads (Unit is the step then).
	ThreadsChanged func(ThreadChange)

	threadHook func(block int) int // test hook: forces the thread count of a block of steps
}

// Run runs every condition of the task cleanly (no perturbation, no
// learning) and returns the trajectories. out may be nil for the identity.
func (net *Network[T]) Run(task *Task, out Output, opt RunOptions) ([]Trajectory[T], error) {
	out, err := net.prepare(task, out)
	if err != nil {
		return nil, err
	}
	steps := task.Steps()
	o := Options{TargetTimes: opt.TargetTimes}
	if tt := opt.TargetTimes; tt != nil && (tt[0] < 0 || tt[1] < tt[0] || tt[1] >= steps) {
		return nil, fmt.Errorf("target times [%d, %d] are not a range inside the task's steps 0..%d", tt[0], tt[1], steps-1)
	}
	t0, t1 := o.targetRange(steps)
	traj := make([]Trajectory[T], task.Conditions())
	for c := range traj {
		traj[c] = Trajectory[T]{Z: mat.NewDense[T](steps, net.Outputs), R: mat.NewDense[T](steps, net.Units),
			X: mat.NewDense[T](steps, net.Units)}
	}
	noise := NewRandomSource(rand.New(rand.NewPCG(opt.Seed, noiseStream)), 0, 0)
	tm := newTeam(max(1, opt.Threads), net.Units)
	defer tm.close()
	ls := newLockstep(net, convertTask[T](task), out, tm)
	if opt.AdaptThreads || opt.threadHook != nil {
		ls.chooser = newChooser(tm, fmt.Sprint(runBlock, " steps"), func(c ThreadChange) {
			if opt.ThreadsChanged != nil {
				c.Unit *= runBlock
				opt.ThreadsChanged(c)
			}
		})
		ls.chooser.force = opt.threadHook
	}
	ls.run(noise, t0, t1, traj)
	return traj, nil
}

// noiseStream is the second PCG word of the generators of clean runs'
// noise, apart from the training stream.
const noiseStream = 0x6e6f697365
