package main

import (
	"fmt"
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
	width          int
	read64, read32 time.Duration
	flopsPerNs     float64 // float64
}

// limitCache measures the limits of each width once per run.
type limitCache struct {
	n    int
	byW  map[int]coreLimits
	none map[int]bool
}

// get returns the limits at the width of tier's probes, measuring them
// the first time; ok is false for a tier without probes.
func (c *limitCache) get(tier string) (coreLimits, bool) {
	w := probeWidth(tier)
	if l, ok := c.byW[w]; ok {
		return l, true
	}
	if c.none[w] {
		return coreLimits{}, false
	}
	l, ok := measureLimits(c.n, w)
	if c.byW == nil {
		c.byW, c.none = map[int]coreLimits{}, map[int]bool{}
	}
	if ok {
		c.byW[w] = l
	} else {
		c.none[w] = true
	}
	return l, ok
}

// probeWidth is the vector width of a kernel tier's probes, 0 for a tier
// without (generic).
func probeWidth(tier string) int {
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

// measureLimits measures the limits at width for n×n matrices; ok is
// false when this CPU has no probe of that width.
func measureLimits(n, width int) (l coreLimits, ok bool) {
	if width == 0 {
		return l, false
	}
	const budget = 15 * time.Millisecond
	read := func(elems int) (time.Duration, bool) {
		buf := make([]float64, max(elems, limits.ChunkLen))
		for i := range buf {
			buf[i] = 1 // pages never written all read one page of zeros
		}
		if _, ok := limits.Read(width, buf, 1); !ok {
			return 0, false
		}
		d := timeIt(budget, func() { limits.Read(width, buf, 1) }) // an assembly call: never dropped
		// Read takes whole chunks: scale to the matrix's own size.
		done := len(buf) / limits.ChunkLen * limits.ChunkLen
		return time.Duration(float64(d) * float64(elems) / float64(done)), true
	}
	l.width = width
	var ok64, ok32 bool
	l.read64, ok64 = read(n * n)
	l.read32, ok32 = read((n*n + 1) / 2)
	const iters = 10000
	if !ok64 || !ok32 || !limits.FMA(width, iters) {
		return l, false
	}
	d := timeIt(budget, func() { limits.FMA(width, iters) })
	l.flopsPerNs = limits.FMAFlops(width, iters) / float64(d.Nanoseconds())
	return l, true
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
