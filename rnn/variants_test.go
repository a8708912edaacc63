package rnn

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRuleVariants trains the small task with the rule options of Miconi's
// code and with node perturbation: each must learn.
func TestRuleVariants(t *testing.T) {
	steps := 120
	for name, set := range map[string]func(o *Options){
		"node": func(o *Options) { o.Method = "node"; o.Eta = 5 },
		"miconi": func(o *Options) {
			m := MiconiOptions(steps)
			m.TargetTimes, m.MaxDJ, m.Eta, m.PlasticityDelay, m.Beta = o.TargetTimes, 3e-3, 2, 20, 16
			*o = m
		},
	} {
		t.Run(name, func(t *testing.T) {
			opt := smallOptions(steps)
			set(&opt)
			opt.MaxPasses, opt.EvalEvery = 200, 10
			tr, err := NewTrainer(newNet[float64](t, smallConfig(), 3), smallTask(steps), opt, nil, 3)
			require.NoError(t, err)
			var first, last float64
			tr.Observe = func(p Progress) error {
				if p.Pass == 1 {
					first = p.Error
				}
				last = p.Error
				return nil
			}
			_, err = tr.Train(context.Background())
			require.NoError(t, err)
			t.Logf("%s: error %.3f after pass 1, %.3f after %d", name, first, last, opt.MaxPasses)
			require.Less(t, last, first/2)
		})
	}
}

// TestConcurrentStates steps several States on one shared network at once.
func TestConcurrentStates(t *testing.T) {
	ref, err := ReferenceTask("dnms")
	require.NoError(t, err)
	c := ref.Config
	c.Units = 50
	net := newNet[float32](t, c, 61)
	want, err := net.Run(ref.Task, nil, RunOptions{})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(cond int) {
			defer wg.Done()
			s, err := net.NewState(nil, 0)
			if err != nil {
				t.Error(err)
				return
			}
			u := make([]float32, 2)
			for tt := 0; tt < 300; tt++ {
				for k, v := range want[cond].X.Row(tt) {
					if d := v - s.X[k]; d > 1e-4 || d < -1e-4 {
						t.Errorf("goroutine %d step %d unit %d: %v, want %v", cond, tt, k, s.X[k], v)
						return
					}
				}
				row := ref.Task.Inputs[cond].Row(tt)
				u[0], u[1] = float32(row[0]), float32(row[1])
				s.Step(u)
			}
		}(g)
	}
	wg.Wait()
}
