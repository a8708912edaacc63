package bench_test

// The machine's own limits (package internal/limits), measured in the
// same run as what they bound: the rate of independent float64
// multiply-adds at each vector width, which bounds GemmTN, and the rate
// at which one core reads the recurrent matrix of N = 200 from L2, which
// bounds Gemv and so a step. BenchmarkOverLimit times each subject and its
// floor alternately and reports their ratio, which holds while the speed
// of a shared host drifts within the run:
//
//	go test ./bench/ -run '^$' -bench 'OverLimit' -count 5
//
// LimitFMA, LimitRead and LimitTrial give the limits themselves, and
// LimitClock the core's clock rate, by which LimitFMA and LimitRead also
// report their rates per cycle and OverLimit its subjects in cycles. On an
// architecture without probes (or with -tags purego) these benchmarks
// skip.

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/hebbrnn/hebbrnn/internal/limits"
	"github.com/hebbrnn/hebbrnn/kernel"
	"github.com/hebbrnn/hebbrnn/rnn"
)

func limitWidths(b *testing.B) []int {
	w := limits.Widths()
	if len(w) == 0 {
		b.Skipf("machine limits: no probes on %s (or built with purego)", runtime.GOARCH)
	}
	return w
}

// BenchmarkLimitFMA reports the float64 multiply-add rate (GFLOP/s;
// float32 is twice) and the milliseconds a 200×200, k = 1000 GemmTN
// (8·10⁷ flops) would take at it, in float64 (limit-ms) and float32
// (limit32-ms).
func BenchmarkLimitFMA(b *testing.B) {
	const iters = 10000
	for _, w := range limitWidths(b) {
		b.Run(fmt.Sprintf("bits=%d", w), func(b *testing.B) {
			g0 := clock()
			for b.Loop() {
				limits.FMA(w, iters)
			}
			flopsPerNs := limits.FMAFlops(w, iters) * float64(b.N) / float64(b.Elapsed().Nanoseconds())
			b.ReportMetric(flopsPerNs, "GFLOP/s")
			perCycle(b, g0, flopsPerNs, "flop/cycle")
			gemm := 2 * limitN * limitN * float64(limitSteps)
			b.ReportMetric(gemm/flopsPerNs/1e6, "limit-ms")
			b.ReportMetric(gemm/flopsPerNs/2/1e6, "limit32-ms")
		})
	}
}

// BenchmarkLimitClock reports the core's clock rate (limits.Clock), the
// rate at which every other figure here converts to cycles.
func BenchmarkLimitClock(b *testing.B) {
	if _, ok := limits.Clock(1); !ok {
		b.Skipf("machine limits: no clock probe on %s (or built with purego)", runtime.GOARCH)
	}
	var ghz []float64
	for b.Loop() {
		g, _ := limits.Clock(1)
		ghz = append(ghz, g)
	}
	b.ReportMetric(median(ghz), "GHz")
}

// clock returns the clock rate in GHz, 0 without the probe.
func clock() float64 {
	g, _ := limits.Clock(3)
	return g
}

// clockAround returns the mean of the clock g0, measured before a
// benchmark's loop, and the clock now, after it (0 without the probe).
func clockAround(g0 float64) float64 { return (g0 + clock()) / 2 }

// perCycle reports rate (per ns) per cycle of the clock around the
// benchmark's loop (clockAround), under unit.
func perCycle(b *testing.B, g0, rate float64, unit string) {
	if g := clockAround(g0); g > 0 {
		b.ReportMetric(rate/g, unit)
	}
}

// BenchmarkLimitRead reads buffers the size of the N = 200 recurrent
// matrix in float32 and float64 (and one that fits L1), at each width.
func BenchmarkLimitRead(b *testing.B) {
	widths := limitWidths(b)
	for _, bytes := range []int{32768, 160000, 320000} {
		b.Run(fmt.Sprintf("bytes=%d", bytes), func(b *testing.B) {
			for _, w := range widths {
				b.Run(fmt.Sprintf("bits=%d", w), func(b *testing.B) {
					buf := limits.Buffer(bytes / 8)
					n := len(buf) / limits.ChunkLen * limits.ChunkLen * 8
					b.SetBytes(int64(n))
					g0 := clock()
					for b.Loop() {
						sink64 += must(limits.Read(w, buf, 1))
					}
					perCycle(b, g0, float64(n)*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "B/cycle")
				})
			}
		})
	}
}

func must(v float64, ok bool) float64 {
	if !ok {
		panic("limits: probe refused a width it listed")
	}
	return v
}

// The floors below are for DNMS at N = 200: a trial of 1000 steps.
const limitN, limitSteps = 200, 1000

// floor is what one core's limits allow for work on the N = 200 network in
// one precision at one width: one pass over the recurrent matrix (read),
// the multiply-adds of the eligibility product (fma), and a learning
// trial (trial on one thread, trial2 on two).
type floor struct {
	width, iters int
	buf          []float64
}

func newFloor(width int, prec string) floor {
	bytes, flops := limitN*limitN*8, 2.0*limitN*limitN*limitSteps
	if prec == "f32" { // half the bytes; twice the flops per instruction
		bytes, flops = bytes/2, flops/2
	}
	return floor{width, int(flops / limits.FMAFlops(width, 1)), limits.Buffer(bytes / 8)}
}

func (f floor) read() { sink64 += must(limits.Read(f.width, f.buf, 1)) }

func (f floor) fma() { limits.FMA(f.width, f.iters) }

func (f floor) reads() {
	for range limitSteps {
		f.read()
	}
}

// trial is the floor of a one-thread learning trial: the 1000 passes over
// the recurrent matrix of its 1000 matrix-vector products, then the
// multiply-adds of its eligibility product. It leaves out everything else
// a step does (tanh, the leak, the perturbation).
func (f floor) trial() {
	f.reads()
	f.fma()
}

// trial2 is the floor on two cores: the reads on one, the multiply-adds on
// the other at the same time (as a two-thread trial's overlap scheme runs
// its step chain and its eligibility product), until both are done. Cores
// that share a host slow each other down; this floor includes that.
func (f floor) trial2() {
	var wg sync.WaitGroup
	wg.Go(f.fma)
	f.reads()
	wg.Wait()
}

// BenchmarkLimitTrial reports the floors of a learning trial (trial and
// trial2) as limit-ms.
func BenchmarkLimitTrial(b *testing.B) {
	widths := limitWidths(b)
	for _, threads := range []int{1, 2} {
		for _, prec := range []string{"f64", "f32"} {
			b.Run(fmt.Sprintf("threads=%d/prec=%s", threads, prec), func(b *testing.B) {
				for _, w := range widths {
					b.Run(fmt.Sprintf("bits=%d", w), func(b *testing.B) {
						f := newFloor(w, prec)
						run := f.trial
						if threads == 2 {
							run = f.trial2
						}
						for b.Loop() {
							run()
						}
						b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "limit-ms")
					})
				}
			})
		}
	}
}

// BenchmarkOverLimit times, on this CPU's fastest tier at N = 200, each
// subject and its floor at the tier's vector width alternately, and
// reports the median of the ratios of the pairs (x-limit) with the
// medians of both times (µs):
//
//   - gemv: Gemv (y = J·r) against one pass over J;
//   - gemmTN: the eligibility product of a trial, GemmTN 200×200 with
//     k = 1000, against its multiply-adds at the probe's rate;
//   - step: State.Step of DNMS, the embedded step, against one pass over J;
//   - trial: a learning trial of DNMS on one and two threads against
//     floor.trial and floor.trial2.
func BenchmarkOverLimit(b *testing.B) {
	width := limits.TierWidth(kernel.Impl64())
	if width == 0 || !slices.Contains(limitWidths(b), width) {
		b.Skipf("machine limits: no probe for the %s tier", kernel.Impl64())
	}
	b.Run("gemv", func(b *testing.B) {
		precisions(b, func(b *testing.B) { gemvOverLimit(b, width, "f64", kernel.Gemv64) },
			func(b *testing.B) { gemvOverLimit(b, width, "f32", kernel.Gemv32) })
	})
	b.Run("gemmTN", func(b *testing.B) {
		precisions(b, func(b *testing.B) { gemmOverLimit(b, width, "f64", kernel.GemmTN64) },
			func(b *testing.B) { gemmOverLimit(b, width, "f32", kernel.GemmTN32) })
	})
	b.Run("step", func(b *testing.B) {
		precisions(b, func(b *testing.B) { stepOverLimit[float64](b, width, "f64") },
			func(b *testing.B) { stepOverLimit[float32](b, width, "f32") })
	})
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("trial/threads=%d", threads), func(b *testing.B) {
			precisions(b, func(b *testing.B) { trialOverLimit[float64](b, width, "f64", threads) },
				func(b *testing.B) { trialOverLimit[float32](b, width, "f32", threads) })
		})
	}
}

// pairs times reps calls of subject, then reps calls of limit, once per
// iteration, and reports the median ratio of the two (x-limit), the
// median time of one call of each (µs), and with the clock measured before
// and after the pairs (GHz), the median subject in thousands of cycles
// (subject-kcyc), which compares across hosts of different clocks.
func pairs(b *testing.B, reps int, subject, limit func()) {
	var ts, tl, ratio []float64
	g0 := clock()
	for b.Loop() {
		t0 := time.Now()
		for range reps {
			subject()
		}
		t1 := time.Now()
		for range reps {
			limit()
		}
		t2 := time.Now()
		s, l := t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds()
		ts, tl, ratio = append(ts, s), append(tl, l), append(ratio, s/l)
	}
	b.ReportMetric(median(ratio), "x-limit")
	b.ReportMetric(median(ts)/float64(reps)*1e6, "subject-µs")
	b.ReportMetric(median(tl)/float64(reps)*1e6, "limit-µs")
	if g := clockAround(g0); g > 0 {
		b.ReportMetric(g, "GHz")
		b.ReportMetric(median(ts)/float64(reps)*1e6*g, "subject-kcyc")
	}
}

func gemvOverLimit[T float](b *testing.B, width int, prec string, gemv func(m, n int, alpha T, a []T, lda int, x []T, beta T, y []T)) {
	r := rand.New(rand.NewPCG(3, 3))
	a, x, y := randVec[T](r, limitN*limitN), randVec[T](r, limitN), make([]T, limitN)
	f := newFloor(width, prec)
	pairs(b, 50, func() { gemv(limitN, limitN, 1, a, limitN, x, 0, y) }, f.read)
}

func gemmOverLimit[T float](b *testing.B, width int, prec string, gemm func(m, n, k int, alpha T, a []T, lda int, bb []T, ldb int, c []T, ldc int)) {
	r := rand.New(rand.NewPCG(8, 8))
	a, bm, c := randVec[T](r, limitSteps*limitN), randVec[T](r, limitSteps*limitN), randVec[T](r, limitN*limitN)
	f := newFloor(width, prec)
	pairs(b, 1, func() { gemm(limitN, limitN, limitSteps, 1e-9, a, limitN, bm, limitN, c, limitN) }, f.fma)
}

func stepOverLimit[T rnn.Float](b *testing.B, width int, prec string) {
	tr := dnmsTrainer[T](b, limitN)
	s, err := tr.Net.NewState(nil, 0)
	if err != nil {
		b.Fatal(err)
	}
	u := []T{1, 0}
	f := newFloor(width, prec)
	pairs(b, 50, func() { s.Step(u) }, f.read)
}

func trialOverLimit[T rnn.Float](b *testing.B, width int, prec string, threads int) {
	tr := dnmsTrainer[T](b, limitN)
	tr.Threads = threads
	defer tr.Close()
	if _, err := tr.Trial(0); err != nil { // set-up and baseline outside the timing
		b.Fatal(err)
	}
	f := newFloor(width, prec)
	limit := f.trial
	if threads == 2 {
		limit = f.trial2
	}
	c := 0
	pairs(b, 1, func() {
		if _, err := tr.Trial(c % 4); err != nil {
			b.Fatal(err)
		}
		c++
	}, limit)
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	v = slices.Clone(v)
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}
