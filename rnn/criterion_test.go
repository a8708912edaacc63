package rnn

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// feed adds the outcomes to c from learning trial k on and returns the
// trial count after them.
func feed(c *Criterion, k int, outcomes ...bool) int {
	for _, o := range outcomes {
		c.add(k, o)
		k++
	}
	return k
}

func repeat(n int, v bool) []bool {
	s := make([]bool, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func TestCriterionWindow(t *testing.T) {
	t.Run("95 of 100 reach at trial 100", func(t *testing.T) {
		var c Criterion
		k := feed(&c, 0, repeat(5, false)...)
		k = feed(&c, k, repeat(94, true)...)
		require.Zero(t, c.Reached, "99 trials: the window is not full")
		feed(&c, k, true)
		require.Equal(t, 100, c.Reached)
	})
	t.Run("94 of 100 do not", func(t *testing.T) {
		var c Criterion
		k := feed(&c, 0, repeat(6, false)...)
		k = feed(&c, k, repeat(94, true)...)
		require.Equal(t, 94, c.hits())
		require.Zero(t, c.Reached)
		// Trial 101 pushes trial 1's failure out: 95 of trials 2..101.
		feed(&c, k, true)
		require.Equal(t, 101, c.Reached)
	})
	t.Run("the first trial stays", func(t *testing.T) {
		var c Criterion
		k := feed(&c, 0, repeat(100, true)...)
		require.Equal(t, 100, c.Reached)
		k = feed(&c, k, repeat(50, false)...)
		feed(&c, k, repeat(200, true)...)
		require.Equal(t, 100, c.Reached, "the measure is the first trial; later trials do not move it")
	})
	t.Run("a window sliding over failures", func(t *testing.T) {
		// Failures at the trials (1-based) below: trials 1..100 hold
		// nine of them.
		var c Criterion
		fails := map[int]bool{}
		for _, f := range []int{10, 20, 30, 40, 50, 60, 70, 80, 90, 140, 150} {
			fails[f] = true
		}
		k := 0
		for k < 300 && c.Reached == 0 {
			k = feed(&c, k, !fails[k+1])
		}
		// Trials 51..150 hold failures 60, 70, 80, 90, 140, 150: six.
		// Trials 61..160 hold 70, 80, 90, 140, 150: five, the first window
		// with 95 below.
		require.Equal(t, 160, c.Reached)
	})
	t.Run("across a checkpoint", func(t *testing.T) {
		out := make([]bool, 400)
		for i := range out {
			out[i] = i%17 != 3 && (i < 150 || i%31 != 0) && i > 40
		}
		var whole Criterion
		feed(&whole, 0, out...)
		require.NotZero(t, whole.Reached)
		for _, cut := range []int{0, 37, 99, 100, 150, whole.Reached - 1, whole.Reached, 399} {
			var a Criterion
			feed(&a, 0, out[:cut]...)
			data, err := json.Marshal(TrainState{Trials: cut, Criterion: a})
			require.NoError(t, err)
			var st TrainState
			require.NoError(t, json.Unmarshal(data, &st))
			require.NoError(t, st.Criterion.check(cut))
			feed(&st.Criterion, cut, out[cut:]...)
			require.Equal(t, whole, st.Criterion, "cut after %d trials", cut)
		}
	})
}

func TestCriterionCheck(t *testing.T) {
	require.ErrorContains(t, (&Criterion{Recent: [2]uint64{0, 1 << 36}}).check(500), "bits past")
	require.ErrorContains(t, (&Criterion{Recent: [2]uint64{0xff, 0}}).check(3), "more outcomes")
	require.ErrorContains(t, (&Criterion{Reached: 50}).check(500), "not within")
	require.ErrorContains(t, (&Criterion{Reached: 300}).check(200), "not within")
	require.NoError(t, (&Criterion{Recent: [2]uint64{^uint64(0), 1<<36 - 1}, Reached: 150}).check(200))
}

// TestCriterionResume trains the small task until it reaches the
// criterion, and checks that a run interrupted before that, saved and
// resumed reports the same trial.
func TestCriterionResume(t *testing.T) {
	steps := 60
	opt := smallOptions(steps)
	opt.MaxPasses = 150
	opt.CriterionError = 0.5
	run := func(stopAfter int) *Trainer[float64] {
		tr, err := NewTrainer(newNet[float64](t, smallConfig(), 11), smallTask(steps), opt, nil, 11)
		require.NoError(t, err)
		var reported []int
		tr.Observe = func(p Progress) error { reported = append(reported, p.TrialsToCriterion); return nil }
		ctx := context.Background()
		if stopAfter > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithCancel(ctx)
			defer cancel()
			tr.WrapSource = func(s Source) Source { return &cancelAfter{Source: s, n: stopAfter, cancel: cancel} }
		}
		_, err = tr.Train(ctx)
		require.NoError(t, err)
		if stopAfter == 0 {
			require.Equal(t, tr.State.Criterion.Reached, reported[len(reported)-1], "the last evaluation reports it")
			return tr
		}
		path := filepath.Join(t.TempDir(), "ckpt.npz")
		require.NoError(t, WriteCheckpoint(path, tr))
		m, err := ReadModel(path)
		require.NoError(t, err)
		st, err := m.ResumeState()
		require.NoError(t, err)
		net, err := NetworkOf[float64](m)
		require.NoError(t, err)
		tr2, err := NewTrainer(net, smallTask(steps), *m.Options, nil, st.Seed)
		require.NoError(t, err)
		require.NoError(t, tr2.Resume(st))
		_, err = tr2.Train(context.Background())
		require.NoError(t, err)
		return tr2
	}
	full := run(0)
	reached := full.State.Criterion.Reached
	t.Logf("criterion error %g reached at trial %d of %d", opt.CriterionError, reached, full.State.Trials)
	require.Greater(t, reached, CriterionWindow, "the small task reaches the criterion after learning, not at once")
	for _, stop := range []int{reached - 50, reached - 1} {
		tr := run(stop)
		require.Equal(t, full.State.Criterion, tr.State.Criterion, "interrupted after %d trials", stop)
	}
}
