package rnn

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/mat"
)

// signGen is a small generated task for the tests: two trial types, a
// noisy cue on channel 0 (type 0, answer +1) or channel 1 (type 1, answer
// -1) for a drawn number of the first steps, and the answer as the target
// of every step. A trial is correct when the mean output over the second
// half has the answer's sign.
type signGen struct {
	steps int
	noise float64
}

func (g signGen) Types() []string { return []string{"plus", "minus"} }

func (g signGen) Shape() (steps, inputs, outputs int) { return g.steps, 2, 1 }

func (g signGen) Draw(r *rand.Rand, typ int, tr *Trial) {
	cue := g.steps/5 + r.IntN(g.steps/10+1)
	want := 1 - 2*float64(typ)
	for s := 0; s < g.steps; s++ {
		u := tr.Input.Row(s)
		for i := range u {
			u[i] = g.noise * r.NormFloat64()
		}
		if s < cue {
			u[typ]++
		}
		tr.Target.Set(s, 0, want)
	}
	tr.Type, tr.Context, tr.Value = typ, -1, float64(cue)
	if len(tr.Evidence) != 1 {
		tr.Evidence = make([]float64, 1)
	}
	tr.Evidence[0] = want
}

func (g signGen) Correct(tr *Trial, z *mat.Dense[float64]) bool {
	sum := 0.0
	for s := g.steps / 2; s < g.steps; s++ {
		sum += z.At(s, 0)
	}
	return sum*tr.Target.At(0, 0) > 0
}

// signTask is the generated task of signGen.
func signTask(steps int) *Task {
	t := NewGenerated("sign", signGen{steps: steps, noise: 0.3})
	t.OutputNames = []string{"answer"}
	return t
}

// trainSign trains a small network on signTask for passes passes (seed
// seed, threads goroutines) and returns the trainer and its reports.
func trainSign(t *testing.T, passes int, seed uint64, threads int, opt *Options) (*Trainer[float64], []Progress) {
	t.Helper()
	steps := 50
	o := smallOptions(steps)
	o.MaxPasses, o.EvalEvery = passes, 10
	if opt != nil {
		o = *opt
	}
	tr, err := NewTrainer(newNet[float64](t, smallConfig(), seed), signTask(steps), o, nil, seed)
	require.NoError(t, err)
	tr.Threads = threads
	var log []Progress
	tr.Observe = func(p Progress) error {
		p.Elapsed, p.Threads = 0, 0
		log = append(log, p)
		return nil
	}
	_, err = tr.Train(context.Background())
	require.NoError(t, err)
	tr.Close()
	return tr, log
}

// TestGeneratedTaskLearns trains on the noisy sign task and checks that
// the validation accuracy rises from chance to nearly every trial and that
// the trials to criterion counts correct learning trials.
func TestGeneratedTaskLearns(t *testing.T) {
	tr, log := trainSign(t, 200, 2, 1, nil)
	first, last := log[0], log[len(log)-1]
	t.Logf("accuracy %.3f → %.3f, error %.3f → %.3f, criterion at trial %d", first.Accuracy, last.Accuracy, first.Error, last.Error, last.TrialsToCriterion)
	require.Len(t, last.CondErrors, 2, "one error per trial type")
	require.LessOrEqual(t, first.Accuracy, 0.6, "after one pass the network is at chance")
	require.Less(t, last.Error, first.Error/4)
	require.GreaterOrEqual(t, last.Accuracy, 0.95)
	require.Greater(t, last.TrialsToCriterion, CriterionWindow, "the criterion is reached by learning")
	require.Equal(t, 400, tr.State.Trials)
}

// TestGeneratedThreadsBitIdentical trains the generated task on one and
// two goroutines: same weights, expected errors and reports.
func TestGeneratedThreadsBitIdentical(t *testing.T) {
	ref, refLog := trainSign(t, 30, 5, 1, nil)
	tr, log := trainSign(t, 30, 5, 2, nil)
	require.True(t, ref.Net.J.Equal(tr.Net.J), "J differs")
	require.Equal(t, ref.State.Expected, tr.State.Expected)
	require.Equal(t, refLog, log)
	require.Equal(t, ref.State.TaskRNG, tr.State.TaskRNG)
}

// TestGeneratedResume stops a run of the generated task after k passes
// (and once in the middle of a pass), saves a checkpoint, resumes it from
// the file and checks that it ends bit-identical to the uninterrupted run,
// with the same reports.
func TestGeneratedResume(t *testing.T) {
	const passes = 40
	full, fullLog := trainSign(t, passes, 7, 1, nil)
	resume := func(t *testing.T, tr *Trainer[float64]) (*Trainer[float64], []Progress) {
		path := filepath.Join(t.TempDir(), "ckpt.npz")
		require.NoError(t, WriteCheckpoint(path, tr))
		m, err := ReadModel(path)
		require.NoError(t, err)
		st, err := m.ResumeState()
		require.NoError(t, err)
		require.NotEmpty(t, st.TaskRNG, "the checkpoint keeps the generator of trials")
		net, err := NetworkOf[float64](m)
		require.NoError(t, err)
		opt := *m.Options
		opt.MaxPasses = passes
		tr2, err := NewTrainer(net, signTask(50), opt, nil, st.Seed)
		require.NoError(t, err)
		require.NoError(t, tr2.Resume(st))
		var log []Progress
		tr2.Observe = func(p Progress) error {
			p.Elapsed, p.Threads = 0, 0
			log = append(log, p)
			return nil
		}
		_, err = tr2.Train(context.Background())
		require.NoError(t, err)
		return tr2, log
	}
	t.Run("between evaluations", func(t *testing.T) {
		part, partLog := trainSign(t, 20, 7, 1, nil)
		tr, log := resume(t, part)
		require.True(t, full.Net.J.Equal(tr.Net.J), "J differs")
		require.Equal(t, full.State.Expected, tr.State.Expected)
		require.Equal(t, full.State.Criterion, tr.State.Criterion)
		require.Equal(t, fullLog, append(partLog, log...))
	})
	t.Run("in the middle of a pass", func(t *testing.T) {
		o := smallOptions(50)
		o.MaxPasses, o.EvalEvery = passes, 10
		tr, err := NewTrainer(newNet[float64](t, smallConfig(), 7), signTask(50), o, nil, 7)
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		tr.WrapSource = func(s Source) Source { return &cancelAfter{Source: s, n: 33, cancel: cancel} }
		_, err = tr.Train(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, tr.State.Pos)
		tr2, _ := resume(t, tr)
		require.True(t, full.Net.J.Equal(tr2.Net.J), "J differs")
		require.Equal(t, full.State.Expected, tr2.State.Expected)
		require.Equal(t, full.State.Criterion, tr2.State.Criterion)
	})
}

// TestGeneratedTrialAllocates checks that a learning trial of a generated
// task (drawing its trial, converting it, recording its output, judging
// it) allocates nothing, on one goroutine and on two, in both precisions.
func TestGeneratedTrialAllocates(t *testing.T) {
	for _, threads := range []int{1, 2} {
		o := smallOptions(50)
		tr, err := NewTrainer(newNet[float64](t, smallConfig(), 9), signTask(50), o, nil, 9)
		require.NoError(t, err)
		tr.Threads = threads
		_, err = tr.Trial(0) // set-up and baseline
		require.NoError(t, err)
		c := 0
		allocs := testing.AllocsPerRun(50, func() {
			if _, err := tr.Trial(c % 2); err != nil {
				t.Fatal(err)
			}
			c++
		})
		tr.Close()
		require.Zero(t, allocs, "threads=%d", threads)
		tr32, err := NewTrainer(newNet[float32](t, smallConfig(), 9), signTask(50), o, nil, 9)
		require.NoError(t, err)
		_, err = tr32.Trial(1)
		require.NoError(t, err)
		require.Zero(t, testing.AllocsPerRun(20, func() { _, _ = tr32.Trial(0) }))
	}
}

// TestGeneratedValidationSet checks the validation set: drawn from its
// own seed, so that runs of other seeds evaluate the same trials, of
// ValidationPerType trials of every type; the errors of a type are the
// mean over its trials.
func TestGeneratedValidationSet(t *testing.T) {
	o := smallOptions(50)
	o.ValidationPerType = 3
	a, err := NewTrainer(newNet[float64](t, smallConfig(), 1), signTask(50), o, nil, 1)
	require.NoError(t, err)
	b, err := NewTrainer(newNet[float64](t, smallConfig(), 1), signTask(50), o, nil, 2)
	require.NoError(t, err)
	errsA, meanA := a.Evaluate()
	b.Evaluate()
	require.Len(t, a.valid, 6)
	for i, tl := range a.valid {
		require.Equal(t, i%2, tl.Type)
		require.True(t, tl.Input.Equal(b.valid[i].Input), "trial %d: another run seed, the same validation trials", i)
	}
	require.False(t, a.valid[0].Input.Equal(a.valid[2].Input), "the trials of a type are drawn, not repeated")

	// The errors of each trial, run on their own, average to the type's.
	vt := &Task{}
	for _, tl := range a.valid {
		vt.Inputs, vt.Targets = append(vt.Inputs, tl.Input), append(vt.Targets, tl.Target)
	}
	traj, err := a.Net.Run(vt, nil, RunOptions{TargetTimes: o.TargetTimes})
	require.NoError(t, err)
	for k := range 2 {
		sum := 0.0
		for i := k; i < len(traj); i += 2 {
			sum += traj[i].Errors.Output
		}
		require.InDelta(t, sum/3, errsA[k].Output, 1e-12, "type %d", k)
	}
	require.InDelta(t, (errsA[0].Total()+errsA[1].Total())/2, meanA, 1e-15)

	o.ValidationSeed = 2
	c, err := NewTrainer(newNet[float64](t, smallConfig(), 1), signTask(50), o, nil, 1)
	require.NoError(t, err)
	c.Evaluate()
	require.False(t, a.valid[0].Input.Equal(c.valid[0].Input), "another validation seed, other trials")
}

// TestGeneratedTrialRecordsOutput checks that a learning trial judges the
// trial it drew by the output it produced: without perturbations or weight
// change, the recorded output is the clean run's Z of that trial.
func TestGeneratedTrialRecordsOutput(t *testing.T) {
	o := smallOptions(50)
	o.PerturbRate, o.PlasticityDelay = 0, 100
	for _, threads := range []int{1, 2} {
		tr, err := NewTrainer(newNet[float64](t, smallConfig(), 4), signTask(50), o, nil, 4)
		require.NoError(t, err)
		tr.Threads = threads
		for c := range 2 {
			errs, err := tr.Trial(c)
			require.NoError(t, err)
			require.Equal(t, c, tr.drawn.Type)
			traj, err := tr.Net.Run(&Task{Inputs: []*mat.Dense[float64]{tr.drawn.Input}, Targets: []*mat.Dense[float64]{tr.drawn.Target}},
				nil, RunOptions{TargetTimes: o.TargetTimes})
			require.NoError(t, err)
			require.True(t, traj[0].Z.Equal(tr.drawnZ), "threads=%d type %d", threads, c)
			require.Equal(t, traj[0].Errors, errs)
			require.Equal(t, tr.Task.Gen.Correct(tr.drawn, traj[0].Z), tr.State.Criterion.Recent[0]>>c&1 == 1)
		}
		tr.Close()
	}
}

// TestGeneratedTaskCheck: NewGenerated makes a task of one example trial
// per type, named by the types; a generated task whose examples do not
// fit its generator is refused with a one-line error, not a panic.
func TestGeneratedTaskCheck(t *testing.T) {
	task := signTask(50)
	require.NoError(t, task.Check())
	require.Equal(t, 2, task.Conditions())
	require.Equal(t, "minus", task.ConditionName(1))
	require.Equal(t, 1.0, task.Targets[0].At(0, 0))
	require.Equal(t, -1.0, task.Targets[1].At(0, 0))
	again := signTask(50)
	require.True(t, task.Inputs[0].Equal(again.Inputs[0]), "the examples are the same every time")

	short := signTask(50)
	short.Inputs, short.Targets = short.Inputs[:1], short.Targets[:1]
	_, err := NewTrainer(newNet[float64](t, smallConfig(), 1), short, smallOptions(50), nil, 1)
	require.EqualError(t, err, `generated task "sign" has 2 trial types but 1 example targets: Targets (and Inputs) must hold one trial of each type`)

	other := signTask(50)
	other.Gen = signGen{steps: 60, noise: 0.3}
	require.EqualError(t, other.Check(), `generated task "sign" draws trials of 60 steps × 2 inputs → 1 outputs, but its example trials are 50 × 2 → 1`)
}
