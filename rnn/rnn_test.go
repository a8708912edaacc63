package rnn

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/stretchr/testify/require"
)

// smallTask is a two-condition cue task: input c is on for the first
// steps/4 steps of condition c, which wants +1 (c = 0) or -1 (c = 1).
func smallTask(steps int) *Task {
	t := &Task{Name: "small"}
	for c := 0; c < 2; c++ {
		u := mat.NewDense[float64](steps, 2)
		f := mat.NewDense[float64](steps, 1)
		for s := 0; s < steps; s++ {
			if s < steps/4 {
				u.Set(s, c, 1)
			}
			f.Set(s, 0, 1-2*float64(c))
		}
		t.Inputs = append(t.Inputs, u)
		t.Targets = append(t.Targets, f)
	}
	return t
}

func smallConfig() Config {
	return Config{Units: 40, Inputs: 2, Outputs: 1, P: 1, G: 1.3, Dt: 1, Tau: 10, Act: Tanh}
}

func smallOptions(steps int) Options {
	o := DefaultOptions()
	o.Eta, o.PerturbRate, o.MaxDJ, o.EvalEvery, o.Order = 2, 30, 3e-3, 5, "shuffled"
	o.TargetTimes = &[2]int{steps / 2, steps - 1}
	return o
}

func newNet[T Float](t *testing.T, c Config, seed uint64) *Network[T] {
	t.Helper()
	net, err := New[T](c, rand.New(rand.NewPCG(seed, 7)))
	require.NoError(t, err)
	return net
}

func TestLearningReducesError(t *testing.T) {
	for _, prec := range []string{"f64", "f32"} {
		t.Run(prec, func(t *testing.T) {
			steps := 120
			task := smallTask(steps)
			opt := smallOptions(steps)
			opt.MaxPasses = 150
			var first, last float64
			observe := func(p Progress) error {
				if p.Pass == 1 {
					first = p.Error
				}
				last = p.Error
				return nil
			}
			var err error
			if prec == "f64" {
				tr, e := NewTrainer(newNet[float64](t, smallConfig(), 3), task, opt, nil, 3)
				require.NoError(t, e)
				tr.Observe = observe
				_, err = tr.Train(context.Background())
			} else {
				tr, e := NewTrainer(newNet[float32](t, smallConfig(), 3), task, opt, nil, 3)
				require.NoError(t, e)
				tr.Observe = observe
				_, err = tr.Train(context.Background())
			}
			require.NoError(t, err)
			t.Logf("error after pass 1: %.3f, after %d passes: %.3f", first, opt.MaxPasses, last)
			require.Less(t, last, first/3, "learning must cut the error by 3×")
		})
	}
}

// train runs the small task for the given passes and returns the trainer.
func trainSmall[T Float](t *testing.T, passes int, seed uint64) *Trainer[T] {
	t.Helper()
	steps := 60
	opt := smallOptions(steps)
	opt.MaxPasses = passes
	tr, err := NewTrainer(newNet[T](t, smallConfig(), seed), smallTask(steps), opt, nil, seed)
	require.NoError(t, err)
	_, err = tr.Train(context.Background())
	require.NoError(t, err)
	return tr
}

func TestReproducible(t *testing.T) {
	a, b := trainSmall[float64](t, 12, 5), trainSmall[float64](t, 12, 5)
	require.True(t, a.Net.J.Equal(b.Net.J), "same seed, same weights")
	require.Equal(t, a.State.Expected, b.State.Expected)
	c := trainSmall[float64](t, 12, 6)
	require.False(t, a.Net.J.Equal(c.Net.J), "another seed explores otherwise")
	f, g := trainSmall[float32](t, 12, 5), trainSmall[float32](t, 12, 5)
	require.True(t, f.Net.J.Equal(g.Net.J))
}

// cancelAfter is a Source that cancels a context when its trial count
// reaches n.
type cancelAfter struct {
	Source
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) BeginTrial(cond, steps, units int) error {
	c.n--
	if c.n == 0 {
		c.cancel()
	}
	return c.Source.BeginTrial(cond, steps, units)
}

// TestResume interrupts a run in the middle of a pass and between two
// passes, saves a checkpoint, resumes from the file and checks the result
// is bit-identical to an uninterrupted run.
func TestResume(t *testing.T) {
	steps := 60
	opt := smallOptions(steps)
	opt.MaxPasses = 9
	full := trainSmall[float64](t, 9, 11)
	for _, stopAfter := range []int{9, 10} {
		tr, err := NewTrainer(newNet[float64](t, smallConfig(), 11), smallTask(steps), opt, nil, 11)
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		tr.WrapSource = func(s Source) Source { return &cancelAfter{Source: s, n: stopAfter, cancel: cancel} }
		res, err := tr.Train(ctx)
		require.NoError(t, err)
		require.Equal(t, StopCanceled, res.Reason)
		require.Equal(t, stopAfter, tr.State.Trials, "the trial under way when canceled finishes")
		require.Equal(t, stopAfter%2, tr.State.Pos)

		path := filepath.Join(t.TempDir(), "ckpt.npz")
		require.NoError(t, WriteCheckpoint(path, tr))
		m, err := ReadModel(path)
		require.NoError(t, err)
		st, err := m.ResumeState()
		require.NoError(t, err)
		net, err := NetworkOf[float64](m)
		require.NoError(t, err)
		require.True(t, net.J.Equal(tr.Net.J), "the checkpoint holds J exactly")
		tr2, err := NewTrainer(net, smallTask(steps), *m.Options, nil, st.Seed)
		require.NoError(t, err)
		require.NoError(t, tr2.Resume(st))
		_, err = tr2.Train(context.Background())
		require.NoError(t, err)
		require.True(t, full.Net.J.Equal(tr2.Net.J), "stopped after %d trials: the resumed run ends bit-identical to the uninterrupted one", stopAfter)
		require.Equal(t, full.State.Expected, tr2.State.Expected)
		require.Equal(t, full.State.Trials, tr2.State.Trials)
	}
}

func TestRecordReplay(t *testing.T) {
	steps := 60
	opt := smallOptions(steps)
	opt.MaxPasses = 4
	net0 := newNet[float64](t, smallConfig(), 21)
	tr, err := NewTrainer(net0.Clone(), smallTask(steps), opt, nil, 21)
	require.NoError(t, err)
	rec := NewRecorder(NewRandomSource(tr.rng, opt.PerturbRate/1000, opt.Beta))
	tr.Src = rec
	_, err = tr.Train(context.Background())
	require.NoError(t, err)
	require.Equal(t, 8, rec.Rec.Trials())
	events := 0
	for _, v := range rec.Rec.D {
		if v != 0 {
			events++
			require.LessOrEqual(t, math.Abs(v), opt.Beta)
		}
	}
	// 8 trials × 60 steps × 40 units at 3% per step: about 576 events
	require.InDelta(t, 576, events, 150)

	path := filepath.Join(t.TempDir(), "pert.npz")
	require.NoError(t, WriteRecording(path, rec.Rec))
	back, err := ReadRecording(path)
	require.NoError(t, err)
	require.Equal(t, rec.Rec, back)

	tr2, err := NewTrainer(net0.Clone(), smallTask(steps), opt, nil, 999) // another seed: only the replay matters
	require.NoError(t, err)
	tr2.Src = NewReplay(back, rand.New(rand.NewPCG(1, 1)))
	opt.Order = "linear"
	_, err = tr2.Train(context.Background())
	require.Error(t, err, "a shuffled replay with another seed visits conditions in another order")

	opt.Order = "linear"
	a, err := NewTrainer(net0.Clone(), smallTask(steps), opt, nil, 5)
	require.NoError(t, err)
	rec2 := NewRecorder(NewRandomSource(a.rng, 0.03, opt.Beta))
	a.Src = rec2
	_, err = a.Train(context.Background())
	require.NoError(t, err)
	b, err := NewTrainer(net0.Clone(), smallTask(steps), opt, nil, 77)
	require.NoError(t, err)
	b.Src = NewReplay(rec2.Rec, rand.New(rand.NewPCG(1, 1)))
	_, err = b.Train(context.Background())
	require.NoError(t, err)
	require.True(t, a.Net.J.Equal(b.Net.J), "replaying a record reproduces the run")
}

// TestEligibilityProduct checks that the trial's eligibility formed as one
// product D3ᵀ·R3 equals the sum of the per-step rank-1 terms.
func TestEligibilityProduct(t *testing.T) {
	steps := 80
	net := newNet[float64](t, smallConfig(), 31)
	opt := smallOptions(steps)
	opt.AlphaX = 0.3
	data := convertTask[float64](smallTask(steps))
	var es []*mat.Dense[float64]
	for _, rank1 := range []bool{false, true} {
		l := newLearner(net, data, Identity{}, 1)
		l.rank1 = rank1
		src := NewRandomSource(rand.New(rand.NewPCG(1, 2)), 0.05, 0.5)
		_, err := l.trial(1, src, &opt, 40, 79)
		require.NoError(t, err)
		es = append(es, l.e.Clone())
	}
	scale := 0.0
	for _, v := range es[1].Data {
		scale = max(scale, math.Abs(v))
	}
	require.Greater(t, scale, 0.0)
	for i, v := range es[0].Data {
		require.InDelta(t, es[1].Data[i], v, 1e-12*scale, "entry %d", i)
	}
}

func TestStepMatchesRun(t *testing.T) {
	ref, err := ReferenceTask("co")
	require.NoError(t, err)
	net := newNet[float64](t, ref.Config, 41)
	traj, err := net.Run(ref.Task, ref.Output, RunOptions{})
	require.NoError(t, err)
	s, err := net.NewState(ref.Output, 0)
	require.NoError(t, err)
	steps := ref.Task.Steps()
	s.Reset(steps)
	u := make([]float64, net.Inputs)
	for tt := 0; tt < steps; tt++ {
		require.InDeltaSlice(t, traj[2].X.Row(tt), s.X, 1e-12, "step %d", tt)
		require.InDeltaSlice(t, traj[2].Z.Row(tt), s.Z, 1e-12, "step %d", tt)
		copy(u, ref.Task.Inputs[2].Row(tt))
		s.Step(u)
	}
	allocs := testing.AllocsPerRun(100, func() { s.Step(u) })
	require.Zero(t, allocs, "a step allocates nothing")
	require.Panics(t, func() { s.Step(u[:1]) })
}

// TestLockstepMatchesSeparate checks that running conditions in lockstep
// gives the trajectories of running them one by one.
func TestLockstepMatchesSeparate(t *testing.T) {
	ref, err := ReferenceTask("dnms")
	require.NoError(t, err)
	c := ref.Config
	c.Units = 60
	net := newNet[float64](t, c, 51)
	all, err := net.Run(ref.Task, nil, RunOptions{TargetTimes: ref.Options.TargetTimes})
	require.NoError(t, err)
	for k := range all {
		one := &Task{Inputs: ref.Task.Inputs[k : k+1], Targets: ref.Task.Targets[k : k+1]}
		sep, err := net.Run(one, nil, RunOptions{TargetTimes: ref.Options.TargetTimes})
		require.NoError(t, err)
		require.InDeltaSlice(t, sep[0].X.Data, all[k].X.Data, 1e-10)
		require.InDelta(t, sep[0].Errors.Output, all[k].Errors.Output, 1e-12)
	}
}

func TestArm(t *testing.T) {
	a := NewArm()
	steps := 150
	a.Reset(steps)
	z := make([]float64, 2)
	for tt := 0; tt < 50; tt++ {
		a.Step(tt, []float64{5, 5}, z)
		require.Equal(t, []float64{0, 0}, z, "no movement before the window")
	}
	a.Step(50, []float64{0, 0}, z)
	require.InDeltaSlice(t, []float64{0, 0}, z, 1e-15, "the hand starts at the origin")
	for tt := 51; tt <= 150; tt++ {
		a.Step(tt, []float64{1000, -1000}, z)
	}
	rec := a.Record()
	require.Len(t, rec, 3)
	ang := rec[0]
	require.Equal(t, "angles", ang.Name)
	require.Equal(t, steps+1, ang.Rows)
	require.InDelta(t, 1.5*math.Pi, ang.Data[2*150], 1e-12, "shoulder clamped at 1.5π")
	require.InDelta(t, math.Pi/20, ang.Data[2*150+1], 1e-12, "elbow clamped at π/20")
	hand := rec[2].Data[2*150:]
	require.InDeltaSlice(t, z, hand, 1e-12)
	_, err := a.Outputs(3)
	require.Error(t, err)
}

func TestBadConfig(t *testing.T) {
	good := smallConfig()
	cases := map[string]func(c *Config){
		"at least one unit":         func(c *Config) { c.Units = 0 },
		"outside [0, 1]":            func(c *Config) { c.P = 1.5 },
		"dt = 0":                    func(c *Config) { c.Dt = 0 },
		"tau = -1":                  func(c *Config) { c.Tau = -1 },
		"noise = NaN":               func(c *Config) { c.Noise = math.NaN() },
		"output unit 40 is outside": func(c *Config) { c.OutputUnits, c.BiasUnitIdx = []int{40}, []int{} },
		"listed twice":              func(c *Config) { c.BiasUnits, c.OutputUnits, c.BiasUnitIdx = 1, []int{3}, []int{3} },
		"together or not at all":    func(c *Config) { c.BiasUnits, c.OutputUnits = 1, []int{3} },
		"at least one output":       func(c *Config) { c.Outputs = 0 },
	}
	for want, mutate := range cases {
		c := good
		mutate(&c)
		_, err := New[float64](c, rand.New(rand.NewPCG(1, 1)))
		require.ErrorContains(t, err, want)
	}
	j := mat.NewDense[float64](40, 40)
	j.Set(3, 4, math.Inf(1))
	_, err := FromMatrices[float64](good, j, mat.NewDense[float64](40, 2), mat.NewDense[float64](40, 1), nil, nil)
	require.ErrorContains(t, err, "J[3][4] is +Inf")
	_, err = FromMatrices[float64](good, mat.NewDense[float64](40, 40), mat.NewDense[float64](40, 3), mat.NewDense[float64](40, 1), nil, nil)
	require.ErrorContains(t, err, "wIn is 40×3, want 40×2")

	net := newNet[float64](t, good, 1)
	bad := smallTask(50)
	bad.Targets[1].Set(7, 0, math.NaN())
	_, err = NewTrainer(net, bad, smallOptions(50), nil, 1)
	require.ErrorContains(t, err, "target of condition 1 has NaN at step 7")
	opt := smallOptions(50)
	opt.TargetTimes = &[2]int{10, 50}
	_, err = NewTrainer(net, smallTask(50), opt, nil, 1)
	require.ErrorContains(t, err, "targetTimes [10, 50]")
	_, err = ParseOptions([]byte(`{"eta": 0.1, "etta": 2}`), DefaultOptions())
	require.ErrorContains(t, err, "etta")
	for _, bad := range []string{`{"eta": 0.05}}`, `{"eta": 0.05}]`, `null`, `[]`, `3`, ``, `{"eta": 0.1} {}`} {
		_, err = ParseOptions([]byte(bad), DefaultOptions())
		require.Error(t, err, "%s", bad)
	}
	o, err := ParseOptions([]byte(`{"eta": 0.3}`), DefaultOptions())
	require.NoError(t, err)
	require.Equal(t, 0.3, o.Eta)
	require.Equal(t, 0.33, o.AlphaR, "missing keys keep their defaults")
}

// TestDivergence checks that a blow-up stops training with an error naming
// the pass and condition, and leaves J finite.
func TestDivergence(t *testing.T) {
	c := smallConfig()
	c.Act = Linear
	c.G = 1
	opt := smallOptions(600)
	opt.MaxPasses, opt.Eta, opt.MaxDJ, opt.Order = 3, 1e6, 1e6, "linear"
	net := newNet[float64](t, c, 1)
	tr, err := NewTrainer(net, smallTask(600), opt, nil, 1)
	require.NoError(t, err)
	_, err = tr.Train(context.Background())
	require.ErrorContains(t, err, "training diverged at pass 1, condition")
	require.NoError(t, net.Check(), "J stays finite")

	c.G = 300 // diverges in the clean baseline trials already
	tr, err = NewTrainer(newNet[float64](t, c, 1), smallTask(600), opt, nil, 1)
	require.NoError(t, err)
	_, err = tr.Train(context.Background())
	require.ErrorContains(t, err, "diverges before any learning")
	require.Nil(t, tr.State.Expected)
	require.NoError(t, WriteCheckpoint(filepath.Join(t.TempDir(), "c.npz"), tr), "the state still makes a checkpoint")
}

// TestThreadsBitIdentical trains with 1, 2 and 3 goroutines and checks that
// weights, expected errors and the reported figures are identical.
func TestThreadsBitIdentical(t *testing.T) {
	steps := 60
	c := smallConfig()
	c.Units = 71 // blocks of 16 units do not divide it
	c.Noise = 0.05
	var ref *Trainer[float64]
	var refLog []Progress
	for _, threads := range []int{1, 2, 3} {
		opt := smallOptions(steps)
		opt.MaxPasses = 6
		opt.EvalEvery = 2
		tr, err := NewTrainer(newNet[float64](t, c, 8), smallTask(steps), opt, nil, 8)
		require.NoError(t, err)
		tr.Threads = threads
		var log []Progress
		tr.Observe = func(p Progress) error {
			require.Equal(t, threads, p.Threads)
			p.Elapsed, p.Threads = 0, 0
			log = append(log, p)
			return nil
		}
		_, err = tr.Train(context.Background())
		require.NoError(t, err)
		tr.Close()
		if ref == nil {
			ref, refLog = tr, log
			continue
		}
		require.True(t, ref.Net.J.Equal(tr.Net.J), "threads=%d: J differs", threads)
		require.Equal(t, ref.State.Expected, tr.State.Expected, "threads=%d", threads)
		require.Equal(t, refLog, log, "threads=%d: reports differ", threads)
	}
}

// TestInputProductKept checks that keeping WIn·u while the input holds
// still gives the bits of computing it afresh at every step, for inputs
// that repeat, change, return to an earlier value and flip the sign of a
// zero, and after a reset.
func TestInputProductKept(t *testing.T) {
	c := smallConfig()
	c.Inputs = 3
	net := newNet[float64](t, c, 61)
	s, err := net.NewState(nil, 0)
	require.NoError(t, err)
	x := append([]float64(nil), s.X...)
	r := append([]float64(nil), s.R...)
	exc := make([]float64, c.Units)
	k := net.Dt / net.Tau
	negZero := math.Copysign(0, -1)
	inputs := [][]float64{{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {0, 0.5, 0}, {0, 0.5, 0}, {1, 0, 0},
		{0, 0, 0}, {negZero, 0, 0}, {negZero, 0, 0}, {0, 0, 2}, {0, 0, 2}}
	for round := 0; round < 2; round++ {
		for i, u := range inputs {
			net.J.MulVec(exc, 1, r, 0)
			net.WIn.MulVec(exc, 1, u, 1)
			mat.Leak(k, exc, x)
			mat.Tanh(r, x)
			s.Step(u)
			for j := range x {
				require.Equal(t, math.Float64bits(x[j]), math.Float64bits(s.X[j]), "round %d step %d unit %d", round, i, j)
			}
		}
		s.Reset(0)
		copy(x, net.X0)
		mat.Tanh(r, x)
	}
}

// TestRunThreadsBitIdentical checks that a clean run gives the same
// trajectories, bit for bit, whatever the number of goroutines, with
// network noise, an output function and a network that blocks of 16 units
// do not divide.
func TestRunThreadsBitIdentical(t *testing.T) {
	ref, err := ReferenceTask("co")
	require.NoError(t, err)
	c := ref.Config
	c.Units = 71
	c.Noise = 0.05
	net := newNet[float64](t, c, 9)
	var want []Trajectory[float64]
	for _, threads := range []int{0, 1, 2, 3, 5} {
		got, err := net.Run(ref.Task, ref.Output, RunOptions{Seed: 4, Threads: threads})
		require.NoError(t, err)
		if want == nil {
			want = got
			continue
		}
		for k := range got {
			require.True(t, want[k].X.Equal(got[k].X), "threads=%d condition %d: X differs", threads, k)
			require.True(t, want[k].R.Equal(got[k].R), "threads=%d condition %d: R differs", threads, k)
			require.True(t, want[k].Z.Equal(got[k].Z), "threads=%d condition %d: Z differs", threads, k)
			require.Equal(t, want[k].Errors, got[k].Errors, "threads=%d condition %d", threads, k)
			require.Equal(t, want[k].Record, got[k].Record, "threads=%d condition %d", threads, k)
		}
	}
}

// TestActivationSlopes checks every rate function's derivative against a
// central difference of its rates, on both sides of 0.
func TestActivationSlopes(t *testing.T) {
	x := []float64{-2, -0.7, -0.05, -1e-3, 1e-3, 0.05, 0.3, 1.5}
	for _, act := range []Activation{Tanh, RectTanh, BaselineTanh, Linear} {
		d := make([]float64, len(x))
		act.Slopes(d, x)
		const h = 1e-6
		lo, hi := make([]float64, len(x)), make([]float64, len(x))
		rlo, rhi := make([]float64, len(x)), make([]float64, len(x))
		for i, v := range x {
			lo[i], hi[i] = v-h, v+h
		}
		act.Rates(rlo, lo)
		act.Rates(rhi, hi)
		for i := range x {
			require.InDelta(t, (rhi[i]-rlo[i])/(2*h), d[i], 1e-6, "%v at x = %v", act, x[i])
		}
	}
}
