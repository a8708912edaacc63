// Package limits measures what one core of this machine can do at most, so
// that the benchmarks can set the kernels beside the machine's own limits
// in the same run: the rate of independent float64 fused multiply-adds at
// each vector width, and the rate at which one core reads a buffer that
// stays in one level of its caches (chosen by the buffer's size).
//
// These are the two figures that bound the trainer's kernels: GemmTN is
// multiply-adds, Gemv reads the recurrent matrix from L2 once per step.
// They change from host to host and from hour to hour on shared machines,
// which is why they are measured next to the kernels rather than assumed.
// A third probe, Clock, measures the core's clock rate, so that limits and
// times convert to flops, bytes and cycles of one clock tick, which
// compare across hosts that differ in their clocks only.
//
// amd64 has probes of 512 bits (AVX-512F) and 256 bits (AVX2 and FMA),
// arm64 of 128 bits (NEON), and both the clock probe; elsewhere Widths is
// empty and the functions report false.
package limits

import "time"

// Widths lists the vector widths in bits whose probes this CPU can run,
// widest first.
func Widths() []int { return widths() }

// FMA runs iters rounds of independent float64 multiply-adds of width
// bits each, as many chains as cover the latency of the CPU's FMA units
// (12 on amd64, 24 on arm64; FMAFlops counts them). It reports false, running
// nothing, when this CPU has no probe of that width.
func FMA(width, iters int) bool {
	if iters <= 0 || !has(width) {
		return false
	}
	fma(width, iters)
	return true
}

// FMAFlops is the number of floating-point operations (a multiply-add
// counts two) that FMA(width, iters) performs.
func FMAFlops(width, iters int) float64 {
	return 2 * fmaChains * float64(width/64) * float64(iters)
}

// ChunkLen is the number of float64 elements Read takes at a time (512
// bytes, eight 64-byte lines); Read reads the first len(buf) rounded down
// to a multiple of ChunkLen.
const ChunkLen = 64

// Read reads buf from start to end reps times with loads of width bits,
// adding them into independent accumulators (one add per load, so that
// the loads, not the arithmetic, bound it), and returns the sum of the
// elements read in the last pass (so that the reads cannot be dropped) and
// true. It reports false when this CPU has no probe of that width or buf
// has fewer than ChunkLen elements.
func Read(width int, buf []float64, reps int) (float64, bool) {
	n := len(buf) / ChunkLen * ChunkLen
	if n == 0 || reps <= 0 || !has(width) {
		return 0, false
	}
	return read(width, &buf[0], n, reps), true
}

// TierWidth is the vector width of the probes that match a kernel tier of
// package kernel ("avx512", "avx2", "neon"), 0 for a tier without (the
// generic Go code).
func TierWidth(tier string) int {
	switch tier {
	case "avx512":
		return 512
	case "avx2":
		return 256
	case "neon":
		return 128
	}
	return 0
}

// Buffer returns n float64 ones for Read. They are written, not left zero:
// pages never written all map to one page of zeros, which reads from L1
// whatever the size.
func Buffer(n int) []float64 {
	buf := make([]float64, n)
	for i := range buf {
		buf[i] = 1
	}
	return buf
}

func has(width int) bool {
	for _, w := range widths() {
		if w == width {
			return true
		}
	}
	return false
}

// AddsPerRound is the number of additions in one round of Adds.
const AddsPerRound = 8

// Adds runs rounds rounds of AddsPerRound integer additions of step, each
// waiting for the one before, and returns their sum (rounds ·
// AddsPerRound · step, modulo 2⁶⁴) and true; false, running nothing, on an
// architecture without the probe or when rounds < 1. An addition of two
// registers takes one cycle on every amd64 and arm64 core, so the rounds
// take rounds · AddsPerRound cycles of the core's clock, whatever its
// caches and vector units: Clock times them.
func Adds(rounds int, step uint64) (uint64, bool) {
	if rounds < 1 || !hasAdds {
		return 0, false
	}
	return adds(rounds, step), true
}

// clockRounds is the rounds of one sample of Clock: 2¹⁸ · 8 cycles, about
// 0.8 ms at 2.5 GHz.
const clockRounds = 1 << 18

// Clock returns the clock rate of the core it runs on, in GHz, from the
// fastest of samples timings of Adds (about 2 million cycles each; an
// interrupted sample can only look slower), and true; false without the
// probe. The limits of one core in bytes or flops per cycle, and the
// times of the kernels in cycles, then compare across hosts whose clocks
// differ; on a shared host the clock also changes from hour to hour.
func Clock(samples int) (float64, bool) {
	if !hasAdds {
		return 0, false
	}
	best := time.Duration(1<<63 - 1)
	for range max(samples, 1) {
		start := time.Now()
		adds(clockRounds, 1)
		best = min(best, time.Since(start))
	}
	return clockRounds * AddsPerRound / float64(max(best.Nanoseconds(), 1)), true
}
