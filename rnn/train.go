package rnn

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"time"

	"github.com/hebbrnn/hebbrnn/mat"
)

// Progress is what a Trainer reports after every evaluation.
type Progress struct {
	Pass       int      // passes completed
	Trials     int      // learning trials completed
	Error      float64  // mean over conditions of the evaluated error (output + energy)
	Best       float64  // lowest Error so far
	CondErrors []Errors // per condition
	MeanAbsDJ  float64  // mean |ΔJ| per entry and trial since the last evaluation
	PctClipped float64  // percentage of ΔJ entries clipped since the last evaluation
	Elapsed    time.Duration
	Threads    int // goroutines the learning trials run on now
	// Accuracy is the fraction of the evaluated trials that were correct:
	// of a generated task, the validation trials that Gen.Correct accepts;
	// of a fixed task, the conditions whose output error is below
	// Options.CriterionError.
	Accuracy float64
	// TrialsToCriterion is the first learning trial (1-based) at which
	// 95 of the last 100 were correct (0: not reached yet): of a
	// generated task, by Gen.Correct; of a fixed task, by an output error
	// below Options.CriterionError.
	TrialsToCriterion int
}

// StopReason says why training ended.
type StopReason string

const (
	StopTolerance StopReason = "tolerance reached"
	StopPasses    StopReason = "maximum passes reached"
	StopDuration  StopReason = "maximum duration reached"
	StopCanceled  StopReason = "canceled"
)

// TrainState is the state of a training run beyond the network: with the
// network and the options it resumes a run exactly where it stopped.
type TrainState struct {
	Seed       uint64    `json:"seed"`
	Pass       int       `json:"pass"`       // passes completed
	Pos        int       `json:"pos"`        // trials of the current pass completed
	Order      []int     `json:"order"`      // order of the current pass
	Trials     int       `json:"trials"`     // learning trials completed
	Expected   []float64 `json:"expected"`   // expected error per condition (nil before the baseline)
	RNG        []byte    `json:"rng"`        // state of the training generator (perturbations, noise)
	OrderRNG   []byte    `json:"orderRng"`   // state of the generator of the order of conditions
	Error      float64   `json:"error"`      // latest evaluated error (NaN before the first)
	Best       float64   `json:"best"`       // lowest evaluated error
	EvalPass   int       `json:"evalPass"`   // pass of the latest evaluation
	ElapsedSec float64   `json:"elapsedSec"` // training time so far
	// Criterion is the count of trials to criterion.
	Criterion Criterion `json:"criterion"`
	// TaskRNG is the state of the generator that draws the learning
	// trials of a generated task (nil for a fixed task).
	TaskRNG []byte `json:"taskRng,omitempty"`
}

// The window of the trials to criterion: reached at the first learning
// trial at which at least CriterionHits of the last CriterionWindow
// learning trials were correct (a generated task's Gen.Correct; a fixed
// task's output error below Options.CriterionError).
const (
	CriterionWindow = 100
	CriterionHits   = 95
)

// Criterion counts Miconi's trials to criterion (docs/algorithm.md §3)
// over the learning trials in the order they run.
type Criterion struct {
	// Recent holds the outcomes of the last CriterionWindow learning
	// trials, bit k%CriterionWindow for the k-th (0-based) trial: set
	// when it was correct.
	Recent [2]uint64 `json:"recent"`
	// Reached is the first learning trial (1-based) at which the window
	// was full and held at least CriterionHits set bits; 0 until then.
	Reached int `json:"reached"`
}

// add records the outcome of learning trial k (0-based): whether it was
// correct.
func (c *Criterion) add(k int, below bool) {
	i := k % CriterionWindow
	w, bit := &c.Recent[i/64], uint64(1)<<(i%64)
	if below {
		*w |= bit
	} else {
		*w &^= bit
	}
	if c.Reached == 0 && k+1 >= CriterionWindow && c.hits() >= CriterionHits {
		c.Reached = k + 1
	}
}

// hits returns how many of the recorded outcomes are correct.
func (c *Criterion) hits() int {
	return bits.OnesCount64(c.Recent[0]) + bits.OnesCount64(c.Recent[1])
}

// check validates a checkpoint's criterion after trials learning trials.
func (c *Criterion) check(trials int) error {
	switch {
	case c.Recent[1]>>(CriterionWindow-64) != 0:
		return fmt.Errorf("checkpoint's criterion window has bits past its %d trials", CriterionWindow)
	case trials < CriterionWindow && c.hits() > trials:
		return fmt.Errorf("checkpoint's criterion window holds more outcomes than its %d learning trials", trials)
	case c.Reached != 0 && (c.Reached < CriterionWindow || c.Reached > trials):
		return fmt.Errorf("checkpoint's trials to criterion %d is not within %d..%d", c.Reached, CriterionWindow, trials)
	}
	return nil
}

// Trainer trains a network on a task with the hebbRNN rule.
type Trainer[T Float] struct {
	Net  *Network[T]
	Task *Task
	// Opt are the learning options. Method, TargetTimes, PerturbRate and
	// Beta are read once, when training starts (the first Train, Trial or
	// Evaluate); the others each time they are used.
	Opt Options
	Out Output
	// Src supplies perturbations and noise; nil means a RandomSource on
	// the trainer's generator.
	Src Source
	// WrapSource, when set, wraps the default source (for example in a
	// Recorder) when Src is nil; the run then stays the one its seed
	// gives.
	WrapSource func(Source) Source
	// Observe, when set, is called after every evaluation; an error stops
	// training with that error.
	Observe func(Progress) error
	// Threads is the number of goroutines a learning trial runs on (0 or
	// 1: the caller's alone). Results do not depend on it.
	Threads int
	// AdaptThreads makes Threads the most goroutines a trial may run on:
	// the trainer measures its trials as it goes and runs them on one
	// goroutine or on Threads, whichever is faster at the moment (two
	// goroutines lose badly when another process keeps a core busy). The
	// results stay those of any fixed thread count.
	AdaptThreads bool
	// ThreadsChanged, when set, is called when an adaptive trainer
	// changes its number of threads (Unit is the trial count then).
	ThreadsChanged func(ThreadChange)

	State TrainState

	pcg, orderPCG *rand.PCG
	rng, orderRng *rand.Rand
	data          *taskData[T]
	conds         int // the task's conditions (trial types)

	// Of a generated task: the generator of its learning trials, the
	// trial being learnt (drawn into, then converted into the learner's
	// slot of its type), the output of that trial before each step, and
	// the validation set that evaluations run.
	taskPCG    *rand.PCG
	taskRng    *rand.Rand
	drawn      *Trial
	drawnZ     *mat.Dense[float64]
	valid      []*Trial
	learner    *learner[T]
	eval       *lockstep[T]
	chooser    *chooser
	threadHook func(trial int) int // test hook: forces the thread count of a trial
	t0, t1     int
	sumDJ      float64
	clipped    int
	nTrials    int // trials since the last evaluation
}

// NewTrainer prepares training of net on task. seed seeds the training
// generator (perturbations, noise and the order of conditions).
func NewTrainer[T Float](net *Network[T], task *Task, opt Options, out Output, seed uint64) (*Trainer[T], error) {
	out, err := net.prepare(task, out)
	if err != nil {
		return nil, err
	}
	if err := opt.Validate(task.Steps()); err != nil {
		return nil, err
	}
	tr := &Trainer[T]{Net: net, Task: task, Opt: opt, Out: out, conds: task.Conditions(),
		State: TrainState{Seed: seed, Error: math.NaN(), Best: math.Inf(1)}}
	tr.pcg = rand.NewPCG(seed, trainStream)
	tr.rng = rand.New(tr.pcg)
	tr.orderPCG = rand.NewPCG(seed, orderStream)
	tr.orderRng = rand.New(tr.orderPCG)
	if task.Gen != nil {
		tr.taskPCG = rand.NewPCG(seed, taskStream)
		tr.taskRng = rand.New(tr.taskPCG)
	}
	return tr, nil
}

// The second words of the PCG generators of a run: the order of
// conditions has a generator of its own, so that a run replaying recorded
// perturbations visits the conditions in the recorded run's order.
// A generated task's learning trials come from a third generator of the
// seed; its validation set from one of Options.ValidationSeed.
const (
	trainStream      = 0x747261696e
	orderStream      = 0x6f72646572
	taskStream       = 0x747269616c73     // "trials"
	validationStream = 0x76616c6964617465 // "validate"
)

// Resume sets the trainer's state to st, saved by an earlier run of the
// same network, task and options.
func (tr *Trainer[T]) Resume(st TrainState) error {
	c := tr.conds
	switch {
	case st.Expected != nil && len(st.Expected) != c:
		return fmt.Errorf("checkpoint has expected errors of %d conditions, the task has %d", len(st.Expected), c)
	case st.Pos < 0 || st.Pos > c || (st.Pos > 0 && len(st.Order) != c):
		return fmt.Errorf("checkpoint's position %d in a pass of %d conditions is invalid", st.Pos, c)
	case st.Pass < 0 || st.Trials < 0:
		return errors.New("checkpoint has a negative pass or trial count")
	}
	if err := st.Criterion.check(st.Trials); err != nil {
		return err
	}
	for _, o := range st.Order {
		if o < 0 || o >= c {
			return fmt.Errorf("checkpoint's order names condition %d of %d", o, c)
		}
	}
	pcg, orderPCG := &rand.PCG{}, &rand.PCG{}
	if err := pcg.UnmarshalBinary(st.RNG); err != nil {
		return fmt.Errorf("checkpoint's generator state: %w", err)
	}
	if err := orderPCG.UnmarshalBinary(st.OrderRNG); err != nil {
		return fmt.Errorf("checkpoint's generator state of the order: %w", err)
	}
	var taskPCG *rand.PCG
	if tr.Task.Gen != nil {
		if st.TaskRNG == nil {
			return errors.New("checkpoint has no state of the generator of trials: it was not trained on a generated task")
		}
		taskPCG = &rand.PCG{}
		if err := taskPCG.UnmarshalBinary(st.TaskRNG); err != nil {
			return fmt.Errorf("checkpoint's generator state of the trials: %w", err)
		}
	}
	if tr.data != nil {
		return errors.New("Resume must come before training starts")
	}
	if taskPCG != nil {
		tr.taskPCG, tr.taskRng = taskPCG, rand.New(taskPCG)
	}
	tr.pcg, tr.orderPCG = pcg, orderPCG
	tr.rng, tr.orderRng = rand.New(pcg), rand.New(orderPCG)
	tr.State = st
	if r, ok := tr.Src.(*Replay); ok {
		r.SkipTrials(st.Trials)
	}
	return nil
}

// snapshot stores the generator state into State.
func (tr *Trainer[T]) snapshot() {
	var err error
	if tr.State.RNG, err = tr.pcg.MarshalBinary(); err != nil {
		panic(err) // PCG's encoding does not fail
	}
	if tr.State.OrderRNG, err = tr.orderPCG.MarshalBinary(); err != nil {
		panic(err)
	}
	if tr.taskPCG != nil {
		if tr.State.TaskRNG, err = tr.taskPCG.MarshalBinary(); err != nil {
			panic(err)
		}
	}
}

// Snapshot returns a copy of the training state, for a checkpoint.
func (tr *Trainer[T]) Snapshot() TrainState {
	tr.snapshot()
	st := tr.State
	st.Order = append([]int(nil), st.Order...)
	st.Expected = append([]float64(nil), st.Expected...)
	return st
}

func (tr *Trainer[T]) setup() {
	if tr.data != nil {
		return
	}
	if tr.Src == nil {
		q := tr.Opt.PerturbRate * tr.Net.Dt / 1000
		tr.Src = NewRandomSource(tr.rng, q, tr.Opt.Beta)
		if tr.WrapSource != nil {
			tr.Src = tr.WrapSource(tr.Src)
		}
	}
	tr.data = convertTask[T](tr.Task)
	tr.learner = newLearner(tr.Net, tr.data, tr.Out, max(1, tr.Threads))
	tr.learner.method, _ = ParseMethod(tr.Opt.Method) // checked by NewTrainer's Validate
	if g := tr.Task.Gen; g != nil {
		steps, in, out := g.Shape()
		tr.drawn = NewTrial(steps, in, out)
		tr.drawnZ = mat.NewDense[float64](steps, out)
		tr.learner.zrec = tr.drawnZ
		tr.valid = drawValidation(g, tr.Opt.ValidationPerType, tr.Opt.ValidationSeed)
		tr.eval = newLockstep(tr.Net, convertTrials[T](tr.valid, steps), tr.Out, tr.learner.team)
		tr.eval.zrec = make([]*mat.Dense[float64], len(tr.valid))
		for i := range tr.eval.zrec {
			tr.eval.zrec[i] = mat.NewDense[float64](steps, out)
		}
	} else {
		tr.eval = newLockstep(tr.Net, tr.data, tr.Out, tr.learner.team)
	}
	if tr.AdaptThreads || tr.threadHook != nil {
		tr.chooser = newChooser(tr.learner.team, "trial", func(c ThreadChange) {
			if tr.ThreadsChanged != nil {
				c.Unit = tr.State.Trials
				tr.ThreadsChanged(c)
			}
		})
		tr.chooser.force = tr.threadHook
	}
	tr.t0, tr.t1 = tr.Opt.targetRange(tr.data.steps)
}

// drawValidation draws the validation set of a generated task: per trial
// type, perType trials, from a generator of seed of its own. The trials
// come round the types (trial i is of type i mod types), so that a larger
// set begins with the trials of a smaller one.
func drawValidation(g Generator, perType int, seed uint64) []*Trial {
	types := len(g.Types())
	steps, in, out := g.Shape()
	r := rand.New(rand.NewPCG(seed, validationStream))
	trials := make([]*Trial, types*perType)
	for i := range trials {
		trials[i] = NewTrial(steps, in, out)
		trials[i].Type = i % types
		g.Draw(r, i%types, trials[i])
	}
	return trials
}

// convertTrials returns drawn trials as the conditions of a taskData.
func convertTrials[T Float](trials []*Trial, steps int) *taskData[T] {
	inputs, targets := make([]*mat.Dense[float64], len(trials)), make([]*mat.Dense[float64], len(trials))
	for i, tl := range trials {
		inputs[i], targets[i] = tl.Input, tl.Target
	}
	return newTaskData[T](steps, inputs, targets)
}

// drawTrial draws the learning trial of type c of a generated task into
// the learner's slot of that type.
func (tr *Trainer[T]) drawTrial(c int) {
	tr.Task.Gen.Draw(tr.taskRng, c, tr.drawn)
	mat.Convert(tr.data.targets[c], tr.drawn.Target)
	if tr.data.inputs[c] != nil {
		mat.Convert(tr.data.inputs[c], tr.drawn.Input)
	}
}

// evaluate runs every condition of a fixed task, or the validation set of
// a generated one, cleanly; its noise comes from a generator of its own,
// seeded by the seed and the trial count, so evaluations never change the
// training stream. It returns the errors per condition (of a generated
// task, per trial type: the mean over its validation trials), their mean,
// and the fraction of the evaluated trials that were correct.
func (tr *Trainer[T]) evaluate() ([]Errors, float64, float64) {
	noise := NewRandomSource(rand.New(rand.NewPCG(tr.State.Seed^uint64(tr.State.Trials), noiseStream)), 0, 0)
	errs := tr.eval.run(noise, tr.t0, tr.t1, nil)
	correct := 0
	if g := tr.Task.Gen; g != nil {
		per := make([]Errors, tr.conds)
		for i, e := range errs {
			k := i % tr.conds // drawValidation goes round the types
			per[k].Output += e.Output
			per[k].Energy += e.Energy
			if g.Correct(tr.valid[i], tr.eval.zrec[i]) {
				correct++
			}
		}
		n := float64(len(tr.valid) / tr.conds)
		for k := range per {
			per[k].Output /= n
			per[k].Energy /= n
		}
		return per, meanError(per), float64(correct) / float64(len(tr.valid))
	}
	for _, e := range errs {
		if e.Output < tr.Opt.CriterionError {
			correct++
		}
	}
	return errs, meanError(errs), float64(correct) / float64(len(errs))
}

// meanError returns the mean of the errors' totals.
func meanError(errs []Errors) float64 {
	mean := 0.0
	for _, e := range errs {
		mean += e.Total()
	}
	return mean / float64(len(errs))
}

// Result is the outcome of Train.
type Result struct {
	Reason StopReason
	Pass   int
	Error  float64 // latest evaluated error
}

// Train runs passes until the tolerance is reached, a limit of Opt is hit
// or ctx is canceled (checked between trials: the current trial always
// finishes). It can be called again to continue.
func (tr *Trainer[T]) Train(ctx context.Context) (Result, error) {
	tr.setup()
	st := &tr.State
	start := time.Now()
	base := time.Duration(st.ElapsedSec * float64(time.Second))
	elapsed := func() time.Duration { return base + time.Since(start) }
	defer func() { st.ElapsedSec = elapsed().Seconds() }()
	c := tr.conds
	if err := tr.baseline(); err != nil {
		return Result{Error: st.Error}, err
	}
	report := func() (Result, error, bool) {
		errs, mean, acc := tr.evaluate()
		st.Error, st.EvalPass = mean, st.Pass
		st.Best = min(st.Best, mean)
		st.ElapsedSec = elapsed().Seconds()
		p := Progress{Pass: st.Pass, Trials: st.Trials, Error: mean, Best: st.Best, CondErrors: errs, Elapsed: elapsed(), Threads: tr.learner.team.n,
			TrialsToCriterion: st.Criterion.Reached, Accuracy: acc}
		if tr.nTrials > 0 {
			cells := float64(tr.nTrials) * float64(tr.Net.Units) * float64(tr.Net.Units)
			p.MeanAbsDJ, p.PctClipped = tr.sumDJ/cells, 100*float64(tr.clipped)/cells
		}
		tr.sumDJ, tr.clipped, tr.nTrials = 0, 0, 0
		if tr.Observe != nil {
			if err := tr.Observe(p); err != nil {
				return Result{}, err, true
			}
		}
		if WithinTolerance(tr.Opt.Tolerance, mean, tr.Opt.TolerancePerCondition, len(errs), func(c int) float64 { return errs[c].Total() }) {
			return Result{StopTolerance, st.Pass, mean}, nil, true
		}
		return Result{}, nil, false
	}
	stop := func(reason StopReason) (Result, error) {
		if st.EvalPass != st.Pass || math.IsNaN(st.Error) || tr.nTrials > 0 {
			if r, err, done := report(); done {
				if err != nil {
					return r, err
				}
			}
		}
		return Result{reason, st.Pass, st.Error}, nil
	}
	for {
		if tr.Opt.MaxPasses > 0 && st.Pass >= tr.Opt.MaxPasses {
			return stop(StopPasses)
		}
		for st.Pos < c {
			if ctx.Err() != nil {
				return stop(StopCanceled)
			}
			if tr.Opt.MaxDuration > 0 && elapsed() >= tr.Opt.MaxDuration {
				return stop(StopDuration)
			}
			// The order is drawn right before the pass's first trial, after
			// the stop checks, so that a run stopped between passes
			// resumes with the generator where it was.
			if st.Pos == 0 {
				st.Order = tr.order(c)
			}
			if _, err := tr.step(st.Order[st.Pos]); err != nil {
				return Result{Pass: st.Pass, Error: st.Error}, err
			}
			st.Pos++
		}
		st.Pass++
		st.Pos = 0
		if st.Pass == 1 || st.Pass%tr.Opt.EvalEvery == 0 {
			if r, err, done := report(); done {
				return r, err
			}
		}
	}
}

func (tr *Trainer[T]) order(c int) []int {
	o := make([]int, c)
	for i := range o {
		o[i] = i
	}
	if tr.Opt.Order == "shuffled" {
		tr.orderRng.Shuffle(c, func(i, j int) { o[i], o[j] = o[j], o[i] })
	}
	return o
}

// baseline sets the expected errors to those of clean trials, once.
func (tr *Trainer[T]) baseline() error {
	st := &tr.State
	if st.Expected != nil {
		return nil
	}
	errs, _, _ := tr.evaluate()
	exp := make([]float64, len(errs))
	for i, e := range errs {
		exp[i] = e.Total()
		if !finite(exp[i]) {
			return fmt.Errorf("the network diverges before any learning: the clean trial of condition %d has error %v", i, exp[i])
		}
	}
	st.Expected = exp
	return nil
}

// Trial runs one learning trial of condition c (of a generated task: a
// trial of type c, drawn as in training) outside the pass schedule and
// applies its weight change: for programs that drive learning themselves,
// and for benchmarks. It returns the trial's errors.
func (tr *Trainer[T]) Trial(c int) (Errors, error) {
	if c < 0 || c >= tr.conds {
		return Errors{}, fmt.Errorf("condition %d is not one of the task's 0..%d", c, tr.conds-1)
	}
	tr.setup()
	if err := tr.baseline(); err != nil {
		return Errors{}, err
	}
	return tr.step(c)
}

// step runs one learning trial of condition c (of a generated task: draws
// a trial of type c first) and applies its weight change.
func (tr *Trainer[T]) step(c int) (Errors, error) {
	st := &tr.State
	if tr.Task.Gen != nil {
		tr.drawTrial(c)
	}
	if tr.chooser != nil {
		tr.chooser.begin()
		defer tr.chooser.end()
	}
	errs, err := tr.learner.trial(c, tr.Src, &tr.Opt, tr.t0, tr.t1)
	if err != nil {
		return errs, err
	}
	e := errs.Total()
	if !finite(e) {
		return errs, fmt.Errorf("training diverged at pass %d, condition %d: the trial's error is %v (J is kept as it was before this trial)", st.Pass+1, c, e)
	}
	if st.Trials >= tr.Opt.PlasticityDelay {
		alpha := -tr.Opt.rate(st.Trials) * (e - st.Expected[c])
		if tr.Opt.ScaleByExpected {
			alpha *= st.Expected[c]
		}
		clipped, sum := tr.learner.update(T(alpha), T(tr.Opt.MaxDJ))
		tr.clipped += clipped
		tr.sumDJ += sum
	}
	tr.nTrials++
	st.Criterion.add(st.Trials, tr.correct(errs))
	a := tr.Opt.AlphaR
	st.Expected[c] = a*st.Expected[c] + (1-a)*e
	st.Trials++
	return errs, nil
}

// correct says whether the learning trial just run, with errors errs, was
// correct: by Gen.Correct on its recorded output for a generated task, by
// an output error below Options.CriterionError for a fixed one.
func (tr *Trainer[T]) correct(errs Errors) bool {
	if g := tr.Task.Gen; g != nil {
		return g.Correct(tr.drawn, tr.drawnZ)
	}
	return errs.Output < tr.Opt.CriterionError
}

// Evaluate runs every condition (of a generated task, the validation set)
// cleanly, in lockstep, and returns the per-condition (per-type) errors
// and their mean, as the evaluations of Train do.
func (tr *Trainer[T]) Evaluate() ([]Errors, float64) {
	errs, mean, _ := tr.EvaluateAccuracy()
	return errs, mean
}

// EvaluateAccuracy is Evaluate that also returns the accuracy, the
// fraction of the evaluated trials that were correct (Progress.Accuracy).
func (tr *Trainer[T]) EvaluateAccuracy() ([]Errors, float64, float64) {
	tr.setup()
	return tr.evaluate()
}

// Close stops the goroutines of a trainer with Threads > 1. The trainer
// must not be used afterwards.
func (tr *Trainer[T]) Close() {
	if tr.learner != nil {
		tr.learner.team.close()
	}
}
