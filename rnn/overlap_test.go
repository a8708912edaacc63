package rnn

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/stretchr/testify/require"
)

// firstBitDiff returns the first element where a and b differ in their bits
// (-1 when none does).
func firstBitDiff[T Float](a, b *mat.Dense[T]) int {
	for i, v := range a.Data {
		if math.Float64bits(float64(v)) != math.Float64bits(float64(b.Data[i])) {
			return i
		}
	}
	return -1
}

// TestSchemesBitIdentical runs the same hebbian trials with 1, 2 and 3
// workers in both schemes, with blocks that divide neither the steps nor
// the units' blocks of 16, and in the overlap scheme also with helpers
// slowed down so that worker 0 takes over part of their blocks; it checks
// that the eligibility of every trial and the weights after each update
// have the same bits, and that the sum in blocks is the product of the
// whole trial up to rounding.
func TestSchemesBitIdentical(t *testing.T) {
	for _, prec := range []string{"f64", "f32"} {
		t.Run(prec, func(t *testing.T) {
			if prec == "f64" {
				schemesBitIdentical[float64](t)
			} else {
				schemesBitIdentical[float32](t)
			}
		})
	}
}

func schemesBitIdentical[T Float](t *testing.T) {
	const steps, trials = 101, 3
	c := smallConfig()
	c.Units = 71 // blocks of 16 units do not divide it
	c.Noise = 0.05
	net0 := newNet[T](t, c, 12)
	task := smallTask(steps)
	data := convertTask[T](task)
	for _, from := range []int{0, 7, steps} {
		opt := smallOptions(steps)
		opt.AlphaX = 0.3
		opt.EligibilityFrom = from
		var refE []*mat.Dense[T]
		var refJ *mat.Dense[T]
		for _, threads := range []int{1, 2, 3} {
			for _, mode := range []string{"rows", "overlap", "overlap-slow"} {
				name := fmt.Sprintf("from=%d threads=%d scheme=%s", from, threads, mode)
				net := net0.Clone()
				l := newLearner(net, data, Identity{}, threads)
				l.method = MethodHebbian
				l.block = 24 // 101 steps: 4 blocks and a tail of 5 (or 4 of 94 from step 7)
				l.setScheme(schemeRows)
				var byWorker0 atomic.Int64
				if mode != "rows" {
					l.setScheme(schemeOverlap)
				}
				if mode == "overlap-slow" {
					l.onBlock = func(w, b int) {
						if w > 0 {
							time.Sleep(time.Millisecond)
						} else {
							byWorker0.Add(1)
						}
					}
				}
				src := NewRandomSource(rand.New(rand.NewPCG(5, 6)), 0.05, 0.5)
				var es []*mat.Dense[T]
				for i := range trials {
					l.e.Data[0] = 1e9 // a trial must not add to what E held
					_, err := l.trial(i%2, src, &opt, steps/2, steps-1)
					require.NoError(t, err, name)
					es = append(es, l.e.Clone())
					l.update(T(0.5), T(1e-3))
				}
				l.team.close()
				if mode == "overlap-slow" && threads > 1 && from < steps {
					require.Positive(t, byWorker0.Load(), "%s: worker 0 takes blocks from slow helpers", name)
				}
				if refE == nil {
					refE, refJ = es, net.J
					continue
				}
				for i := range es {
					require.Equal(t, -1, firstBitDiff(refE[i], es[i]), "%s: trial %d: E differs", name, i)
				}
				require.Equal(t, -1, firstBitDiff(refJ, net.J), "%s: J differs", name)
			}
		}
		if from == steps {
			for _, v := range refE[0].Data {
				require.Zero(t, v, "no step counts: E is zero")
			}
			continue
		}
		// The blocks sum to the product of the whole trial (one block).
		net := net0.Clone()
		l := newLearner(net, data, Identity{}, 1)
		l.method = MethodHebbian
		l.block = steps
		src := NewRandomSource(rand.New(rand.NewPCG(5, 6)), 0.05, 0.5)
		_, err := l.trial(0, src, &opt, steps/2, steps-1)
		require.NoError(t, err)
		scale := 0.0
		for _, v := range l.e.Data {
			scale = max(scale, math.Abs(float64(v)))
		}
		require.Greater(t, scale, 0.0)
		tol := 1e-12
		if !isFloat64[T]() {
			tol = 1e-5
		}
		for i, v := range l.e.Data {
			require.InDelta(t, float64(refE[0].Data[i]), float64(v), tol*scale, "from=%d entry %d", from, i)
		}
	}
}

func isFloat64[T Float]() bool {
	var z T
	_, ok := any(z).(float64)
	return ok
}

// TestTrainerSchemes trains with 1, 2 and 3 threads, in each scheme and
// with the scheme chosen by measurement, and checks that the weights are
// the same; and that the measurement chose a scheme after its trials.
func TestTrainerSchemes(t *testing.T) {
	const steps = 90
	c := smallConfig()
	c.Units = 50
	var ref *mat.Dense[float64]
	for _, threads := range []int{1, 2, 3} {
		for _, mode := range []string{"rows", "overlap", "auto"} {
			opt := smallOptions(steps)
			opt.MaxPasses = 5
			tr, err := NewTrainer(newNet[float64](t, c, 21), smallTask(steps), opt, nil, 21)
			require.NoError(t, err)
			tr.Threads = threads
			tr.setup()
			tr.learner.block = 32
			switch mode {
			case "rows":
				tr.learner.setScheme(schemeRows)
			case "overlap":
				tr.learner.setScheme(schemeOverlap)
			}
			_, err = tr.Train(context.Background())
			require.NoError(t, err)
			tr.Close()
			name := fmt.Sprintf("threads=%d scheme=%s", threads, mode)
			if mode == "auto" {
				k := tr.learner.calib
				if threads == 1 {
					require.Zero(t, k.trials, "%s: nothing to choose on one thread", name)
				} else {
					require.True(t, k.done, "%s: the measurement ends after its trials (%d trials)", name, k.trials)
					// It ends at the second trial at the earliest (the warm-up
					// and one row trial, when that is clearly slower), at the
					// latest after the warm-up and calibrationPairs pairs; a
					// trial of either scheme may end it when one is clearly
					// slower.
					require.True(t, k.trials >= 2 && k.trials <= 1+2*calibrationPairs, "%s: the measurement took %d trials", name, k.trials)
				}
			}
			if ref == nil {
				ref = tr.Net.J
				continue
			}
			require.Equal(t, -1, firstBitDiff(ref, tr.Net.J), "%s: J differs", name)
		}
	}
}

// TestCalibrationChooses feeds the measurement trial times and checks the
// trials it asks for and the scheme it keeps.
func TestCalibrationChooses(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct {
		name   string
		times  []time.Duration // overlap (warm-up), rows, overlap, rows, overlap
		trials int
		want   scheme
	}{
		{"rows clearly slower than the warm-up", []time.Duration{6 * ms, 10 * ms}, 2, schemeOverlap},
		{"rows clearly faster", []time.Duration{12 * ms, 5 * ms, 10 * ms}, 3, schemeRows},
		{"overlap clearly faster", []time.Duration{12 * ms, 10 * ms, 5 * ms}, 3, schemeOverlap},
		{"close, then overlap", []time.Duration{12 * ms, 10 * ms, 9 * ms, 11 * ms, 9 * ms}, 5, schemeOverlap},
		{"close, best of each", []time.Duration{12 * ms, 10 * ms, 9 * ms, 8 * ms, 9 * ms}, 5, schemeRows},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &learner[float64]{team: &team{n: 2}, auto: true}
			for i, d := range tc.times {
				s, timed := l.pickScheme()
				require.True(t, timed, "trial %d", i+1)
				require.Equal(t, []scheme{schemeOverlap, schemeRows}[i%2], s, "trial %d", i+1)
				l.measured(s, d)
				require.Equal(t, i+1 == tc.trials, l.calib.done, "trial %d", i+1)
			}
			require.Equal(t, tc.trials, l.calib.trials)
			require.Equal(t, tc.want, l.scheme)
			s, timed := l.pickScheme()
			require.Equal(t, tc.want, s)
			require.False(t, timed, "no timing after the choice")
			l.team.n = 3
			s, timed = l.pickScheme()
			require.True(t, timed, "a new team size measures again")
			require.Equal(t, schemeOverlap, s)
			require.False(t, l.calib.done)
		})
	}
}

// TestSignalWakes checks that waiters that went to sleep wake when the
// counter reaches their value, and not before.
func TestSignalWakes(t *testing.T) {
	s := newSignal()
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.wait(int64(i + 1))
		}()
	}
	// Every waiter goes past its spins to sleep; each set then wakes the
	// ones whose value has come, and none is left sleeping.
	require.Eventually(t, func() bool { return s.sleepers.Load() == 3 }, 10*time.Second, time.Millisecond,
		"the waiters never went to sleep")
	for v := int64(1); v <= 3; v++ {
		s.set(v)
		require.Eventually(t, func() bool { return s.sleepers.Load() == int32(3-v) }, 10*time.Second, time.Millisecond,
			"after set(%d), %d waiters still sleep, want %d", v, s.sleepers.Load(), 3-v)
	}
	wg.Wait()
}

// panicOutput is the identity output, which panics at step 50 when armed.
type panicOutput struct {
	Identity
	armed *atomic.Bool
}

func (o panicOutput) Step(t int, r, z []float64) {
	if t == 50 && o.armed.Load() {
		panic("output fails")
	}
	o.Identity.Step(t, r, z)
}

func (o panicOutput) Clone() Output { return o }

// TestOverlapPanic checks that a panic of the output function during an
// overlapped trial reaches the caller and leaves the team usable: no
// helper is left waiting, and the next trial gives the eligibility of a run
// that never panicked.
func TestOverlapPanic(t *testing.T) {
	const steps = 101
	net := newNet[float64](t, smallConfig(), 14)
	data := convertTask[float64](smallTask(steps))
	opt := smallOptions(steps)
	var es []*mat.Dense[float64]
	for _, withPanic := range []bool{false, true} {
		armed := new(atomic.Bool)
		l := newLearner(net, data, panicOutput{armed: armed}, 2)
		l.method = MethodHebbian
		l.block = 16
		l.setScheme(schemeOverlap)
		if withPanic {
			armed.Store(true)
			src := NewRandomSource(rand.New(rand.NewPCG(1, 2)), 0.05, 0.5)
			require.PanicsWithValue(t, "output fails", func() { _, _ = l.trial(0, src, &opt, 50, 100) })
			armed.Store(false)
			time.Sleep(50 * time.Millisecond) // a helper still waiting for the steps would be asleep by now
			require.Zero(t, l.chain.sleepers.Load(), "no helper waits for the steps of the trial that panicked")
		}
		src := NewRandomSource(rand.New(rand.NewPCG(3, 4)), 0.05, 0.5)
		_, err := l.trial(1, src, &opt, 50, 100)
		require.NoError(t, err)
		es = append(es, l.e.Clone())
		l.team.close()
	}
	require.Equal(t, -1, firstBitDiff(es[0], es[1]), "the trial after the panic")
}

// BenchmarkTrialScheme times a learning trial of DNMS (T = 1000; trial and
// weight update) in each scheme and block size:
//
//	go test ./rnn/ -run '^$' -bench TrialScheme -benchtime 20x -count 5
func BenchmarkTrialScheme(b *testing.B) {
	for _, n := range []int{200} {
		for _, threads := range []int{1, 2} {
			for _, prec := range []string{"f64", "f32"} {
				for _, sch := range []scheme{schemeRows, schemeOverlap} {
					if threads == 1 && sch == schemeOverlap {
						continue
					}
					for _, block := range []int{64, 128, 256} {
						name := fmt.Sprintf("n=%d/threads=%d/prec=%s/scheme=%v/block=%d", n, threads, prec, sch, block)
						b.Run(name, func(b *testing.B) {
							if prec == "f64" {
								benchTrialScheme[float64](b, n, threads, sch, block)
							} else {
								benchTrialScheme[float32](b, n, threads, sch, block)
							}
						})
					}
				}
			}
		}
	}
}

func benchTrialScheme[T Float](b *testing.B, n, threads int, sch scheme, block int) {
	ref, err := ReferenceTask("dnms")
	require.NoError(b, err)
	c := ref.Config
	c.Units = n
	net, err := New[T](c, rand.New(rand.NewPCG(1, 1)))
	require.NoError(b, err)
	tr, err := NewTrainer(net, ref.Task, ref.Options, ref.Output, 1)
	require.NoError(b, err)
	tr.Threads = threads
	defer tr.Close()
	tr.setup()
	tr.learner.block = block
	tr.learner.setScheme(sch)
	_, err = tr.Trial(0)
	require.NoError(b, err)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := tr.Trial(i % 4); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/op")
}
