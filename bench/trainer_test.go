package bench_test

// Benchmarks of the trainer on the DNMS reference task (N = 200, T = 1000
// unless the name says otherwise), every kernel implementation in one run:
//
//	go test ./bench/ -run '^$' -bench 'LearningTrial|Evaluate|CleanTrials|InferenceStep' -benchtime 20x
//
// A learning trial is one perturbed trial with its eligibility product and
// weight update; its GFLOP/s counts 2·N² per step for J·r and 2·T·N² for
// the eligibility product (4·T·N² in all, 160 MFLOP at N = 200).

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/hebbrnn/hebbrnn/kernel"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// dnmsTrainer returns a trainer on DNMS with n units.
func dnmsTrainer[T rnn.Float](b *testing.B, n int) *rnn.Trainer[T] {
	ref, err := rnn.ReferenceTask("dnms")
	if err != nil {
		b.Fatal(err)
	}
	c := ref.Config
	c.Units = n
	net, err := rnn.New[T](c, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		b.Fatal(err)
	}
	tr, err := rnn.NewTrainer(net, ref.Task, ref.Options, ref.Output, 1)
	if err != nil {
		b.Fatal(err)
	}
	return tr
}

func precisions(b *testing.B, f64, f32 func(b *testing.B)) {
	b.Run("prec=f64", f64)
	b.Run("prec=f32", f32)
}

// benchLearningTrial times a trial on threads goroutines (0: adaptive, on
// one or two, as --threads auto).
func benchLearningTrial[T rnn.Float](b *testing.B, n, threads int) {
	forTiers(b, func(b *testing.B) {
		tr := dnmsTrainer[T](b, n)
		tr.Threads = threads
		if threads == 0 {
			tr.Threads, tr.AdaptThreads = 2, true
		}
		defer tr.Close()
		if _, err := tr.Trial(0); err != nil { // set-up and baseline outside the timing
			b.Fatal(err)
		}
		b.ReportAllocs()
		c := 0
		for b.Loop() {
			if _, err := tr.Trial(c % 4); err != nil {
				b.Fatal(err)
			}
			c++
		}
		report(b, 4*1000*float64(n)*float64(n))
	})
}

// report adds ms/trial and GFLOP/s for an operation of flops per loop.
func report(b *testing.B, flops float64) {
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(ns/1e6, "ms/op")
	b.ReportMetric(flops/ns, "GFLOP/s")
}

func BenchmarkLearningTrial(b *testing.B) {
	for _, threads := range []int{1, 2, 0} {
		name := fmt.Sprint(threads)
		if threads == 0 {
			name = "auto"
		}
		b.Run("n=200/threads="+name, func(b *testing.B) {
			precisions(b, func(b *testing.B) { benchLearningTrial[float64](b, 200, threads) },
				func(b *testing.B) { benchLearningTrial[float32](b, 200, threads) })
		})
	}
}

// BenchmarkLearningTrialN is the sweep over network sizes (f64, fastest
// implementation).
func BenchmarkLearningTrialN(b *testing.B) {
	for _, n := range []int{100, 200, 500, 1000, 2000} {
		b.Run(fmt.Sprintf("n=%d/impl=%s", n, kernel.Impl64()), func(b *testing.B) {
			tr := dnmsTrainer[float64](b, n)
			if _, err := tr.Trial(0); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tr.Trial(1); err != nil {
					b.Fatal(err)
				}
			}
			report(b, 4*1000*float64(n)*float64(n))
		})
	}
}

// BenchmarkEvaluate is the clean evaluation of the 4 conditions in
// lockstep, on one and two threads; BenchmarkCleanTrials runs the same 4
// conditions one by one on one thread.
func BenchmarkEvaluate(b *testing.B) {
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("threads=%d", threads), func(b *testing.B) {
			precisions(b, func(b *testing.B) { benchEvaluate[float64](b, threads) },
				func(b *testing.B) { benchEvaluate[float32](b, threads) })
		})
	}
}

func benchEvaluate[T rnn.Float](b *testing.B, threads int) {
	forTiers(b, func(b *testing.B) {
		tr := dnmsTrainer[T](b, 200)
		tr.Threads = threads
		defer tr.Close()
		tr.Evaluate() // set-up outside the timing
		b.ReportAllocs()
		for b.Loop() {
			tr.Evaluate()
		}
		report(b, 4*1000*2*200*200)
	})
}

func BenchmarkCleanTrials(b *testing.B) {
	precisions(b, func(b *testing.B) { benchClean[float64](b) }, func(b *testing.B) { benchClean[float32](b) })
}

func benchClean[T rnn.Float](b *testing.B) {
	forTiers(b, func(b *testing.B) {
		tr := dnmsTrainer[T](b, 200)
		s, err := tr.Net.NewState(nil, 0)
		if err != nil {
			b.Fatal(err)
		}
		task := tr.Task
		u := make([]T, 2)
		b.ReportAllocs()
		for b.Loop() {
			for c := 0; c < task.Conditions(); c++ {
				s.Reset(task.Steps())
				for t := 0; t < task.Steps(); t++ {
					row := task.Inputs[c].Row(t)
					u[0], u[1] = T(row[0]), T(row[1])
					s.Step(u)
				}
			}
		}
		report(b, 4*1000*2*200*200)
	})
}

// BenchmarkInferenceStep is one step of an embedded network (N = 200).
func BenchmarkInferenceStep(b *testing.B) {
	precisions(b, func(b *testing.B) { benchStep[float64](b) }, func(b *testing.B) { benchStep[float32](b) })
}

func benchStep[T rnn.Float](b *testing.B) {
	forTiers(b, func(b *testing.B) {
		tr := dnmsTrainer[T](b, 200)
		s, err := tr.Net.NewState(nil, 0)
		if err != nil {
			b.Fatal(err)
		}
		u := []T{1, 0}
		b.ReportAllocs()
		for b.Loop() {
			s.Step(u)
		}
		ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(ns/1e3, "µs/step")
	})
}

// BenchmarkPass is one pass of DNMS (4 learning trials) through Train.
func BenchmarkPass(b *testing.B) {
	tr := dnmsTrainer[float64](b, 200)
	b.ReportAllocs()
	for b.Loop() {
		tr.Opt.MaxPasses = tr.State.Pass + 1
		if _, err := tr.Train(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	report(b, 4*4*1000*200*200)
}
