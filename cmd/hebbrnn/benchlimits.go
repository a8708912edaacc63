package main

import (
	"fmt"
	"sync"
	"time"

	"github.com/hebbrnn/hebbrnn/internal/limits"
)

// coreLimits are one core's limits at the vector width of a kernel tier
// (package limits), measured by `hebbrnn bench` beside the kernels: the
// time of one pass over an n×n matrix in each precision (which bounds a
// matrix-vector product and so a step), and the rate of float64
// multiply-adds (which bounds the eligibility product; float32 goes at
// twice the rate).
type coreLimits struct {
	read64, read32 time.Duration
	flopsPerNs     float64 // float64
	ok             bool    // measured: the CPU has probes of the width
}

// limitCache measures the limits of each width once per run.
type limitCache struct {
	n      int
	byW    map[int]coreLimits
	shown  []int   // the widths measured, in the order first asked
	ghz    float64 // the clock, measured with the first limits (0: no probe)
	floors map[floorKey]time.Duration
}

// floorKey names a measured floor of a learning trial on several cores.
type floorKey struct {
	width   int
	prec    string
	threads int
}

// get returns the limits at the width of tier's probes, measuring them
// the first time; ok is false for a tier without probes.
func (c *limitCache) get(tier string) (coreLimits, bool) {
	w := limits.TierWidth(tier)
	l, seen := c.byW[w]
	if !seen {
		l = measureLimits(c.n, w)
		if c.byW == nil {
			c.byW = map[int]coreLimits{}
		}
		c.byW[w] = l
		if l.ok {
			c.shown = append(c.shown, w)
			if c.ghz == 0 {
				c.ghz, _ = limits.Clock(5)
			}
		}
	}
	return l, l.ok
}

// measureLimits measures the limits at width for n×n matrices; l.ok is
// false when this CPU has no probe of that width.
func measureLimits(n, width int) (l coreLimits) {
	if width == 0 {
		return l
	}
	const budget = 15 * time.Millisecond
	read := func(elems int) (time.Duration, bool) {
		buf := limits.Buffer(max(elems, limits.ChunkLen))
		if _, ok := limits.Read(width, buf, 1); !ok {
			return 0, false
		}
		d := timeIt(budget, func() { limits.Read(width, buf, 1) }) // an assembly call: never dropped
		// Read takes whole chunks: scale to the matrix's own size.
		done := len(buf) / limits.ChunkLen * limits.ChunkLen
		return time.Duration(float64(d) * float64(elems) / float64(done)), true
	}
	var ok64, ok32 bool
	l.read64, ok64 = read(n * n)
	l.read32, ok32 = read((n*n + 1) / 2)
	const iters = 10000
	if !ok64 || !ok32 || !limits.FMA(width, iters) {
		return coreLimits{}
	}
	d := timeIt(budget, func() { limits.FMA(width, iters) })
	l.flopsPerNs = limits.FMAFlops(width, iters) / float64(d.Nanoseconds())
	l.ok = true
	return l
}

// read is the time of one pass over the n×n matrix in precision prec.
func (l coreLimits) read(prec string) time.Duration {
	if prec == "f32" {
		return l.read32
	}
	return l.read64
}

// flops is the time of the given number of multiply-add flops in
// precision prec.
func (l coreLimits) flops(prec string, flops float64) time.Duration {
	rate := l.flopsPerNs
	if prec == "f32" {
		rate *= 2
	}
	return time.Duration(flops / rate)
}

// limitCols formats a time and its limit as the columns "limit" and
// "× limit" of `hebbrnn bench`; "-" when there is no limit.
func limitCols(d, limit time.Duration) string {
	if limit <= 0 {
		return "-\t-"
	}
	return fmt.Sprintf("%s\t%.2f", fmtNs(limit), float64(d)/float64(limit))
}

// trialFloor returns the floor of a learning trial of benchSteps steps on
// threads ≥ 2 cores at the width of tier's probes, measured (the median
// of 5 runs) the first time: as the overlap scheme runs such a trial, one
// core reads J once per step while the others share the eligibility's
// multiply-adds, all at the same time, until all are done. Cores of one
// host slow each other down, and the floor includes that. It is 0 for a
// tier without probes.
func (c *limitCache) trialFloor(tier, prec string, threads int) time.Duration {
	w := limits.TierWidth(tier)
	if _, ok := c.get(tier); !ok || threads < 2 {
		return 0
	}
	key := floorKey{w, prec, threads}
	if d, ok := c.floors[key]; ok {
		return d
	}
	elems, flops := c.n*c.n, 2*float64(c.n)*float64(c.n)*benchSteps
	if prec == "f32" { // half the bytes; twice the flops per instruction
		elems, flops = (elems+1)/2, flops/2
	}
	buf := limits.Buffer(max(elems, limits.ChunkLen))
	iters := max(1, int(flops/limits.FMAFlops(w, 1))/(threads-1))
	d, _ := median(5, func() error {
		var wg sync.WaitGroup
		for range threads - 1 {
			wg.Go(func() { limits.FMA(w, iters) })
		}
		for range benchSteps {
			limits.Read(w, buf, 1)
		}
		wg.Wait()
		return nil
	})
	if c.floors == nil {
		c.floors = map[floorKey]time.Duration{}
	}
	c.floors[key] = d
	return d
}
