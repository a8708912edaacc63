package rnn

import (
	"fmt"
	"slices"
	"time"
)

// ThreadChange is a change of the number of threads of an adaptive run
// (Trainer.AdaptThreads, RunOptions.AdaptThreads): from From to To threads
// after Unit units of work (learning trials of a trainer, steps of a clean
// run), and why.
type ThreadChange struct {
	Unit     int
	From, To int
	Reason   string
}

func (c ThreadChange) String() string {
	return fmt.Sprintf("%d → %d threads: %s", c.From, c.To, c.Reason)
}

// chooser picks, unit of work by unit of work (a learning trial, or a
// block of steps of a clean run), how many of a team's workers are active:
// all of them or one. Results do not depend on it (see team); only speed
// does, and which is faster depends on what else the machine runs, so it
// measures while it runs:
//   - when the caller's waits for the other workers take more of a unit
//     than its own work, or in more than a quarter of the unit's calls the
//     caller ran a block whose worker had not started (a partner's core is
//     taken by another process), it falls back to one thread at once;
//   - now and then it runs a few units on the other choice (a probe) and
//     keeps whichever took less time per unit. Probes that lose come ever
//     more rarely (every 32 units at first, at most every 1024), so that a
//     loaded machine pays little for them.
type chooser struct {
	team  *team
	most  int
	force func(unit int) int // test hook: the count for a unit (≤ 0: adapt)
	what  string             // what a unit is, for the reasons: "trial"

	unit      int          // units completed
	start     time.Time    // of the current unit
	recent    [2][]float64 // seconds per unit of the latest units: [0] one thread, [1] most
	probeFrom int          // the count before the current probe (0: no probe)
	probeLeft int          // units left in the current probe
	probeT    []float64    // seconds per unit of the probe so far
	scratch   []float64    // for median
	next      int          // unit at which the next probe starts
	every     int          // units between probes
	change    func(ThreadChange)
}

const (
	probeUnits = 4    // units of a probe; the first warms up and is not counted
	probeFirst = 8    // unit of the first probe
	probeMin   = 32   // units between probes after a change
	probeMax   = 1024 // at most this many units between probes
	keepRecent = 8    // units per choice whose median is compared
)

func newChooser(tm *team, what string, change func(ThreadChange)) *chooser {
	c := &chooser{team: tm, most: tm.most, what: what, every: probeMin, next: probeFirst, change: change}
	c.probeT = make([]float64, 0, probeUnits)
	c.scratch = make([]float64, 0, max(probeUnits, keepRecent))
	for i := range c.recent {
		c.recent[i] = make([]float64, 0, keepRecent)
	}
	return c
}

// begin starts a unit: it sets the active count for it and starts its
// clock.
func (c *chooser) begin() {
	if c.force != nil {
		if n := c.force(c.unit); n > 0 {
			c.team.setActive(n)
		}
	} else if c.most > 1 && c.probeFrom == 0 && c.unit >= c.next {
		c.probeFrom, c.probeLeft, c.probeT = c.team.n, probeUnits, c.probeT[:0]
		c.team.setActive(c.other(c.team.n))
	}
	c.team.takeStats()
	c.start = time.Now()
}

// end ends a unit.
func (c *chooser) end() {
	d := time.Since(c.start)
	c.observe(d, c.team.takeStats())
}

// other is the choice other than n.
func (c *chooser) other(n int) int {
	if n == 1 {
		return c.most
	}
	return 1
}

func slotOf(n int) int { return min(n-1, 1) }

// observe takes the time of the unit just run and the team's stats of it,
// and decides the active count of the next.
func (c *chooser) observe(d time.Duration, st teamStats) {
	c.unit++
	if c.force != nil || c.most == 1 || c.unit == 1 {
		return // the first unit wakes the workers and fills the caches
	}
	sec := d.Seconds()
	// Waiting took more than working, or the caller often ran blocks whose
	// worker had not started: a partner has no core.
	busy := c.team.n > 1 && (2*st.Wait > d || 4*st.Steals > st.Calls)
	switch {
	case c.probeFrom != 0 && busy:
		c.endProbe(false)
	case c.probeFrom != 0:
		c.probeLeft--
		if c.probeLeft < probeUnits-1 {
			c.probeT = append(c.probeT, sec)
		}
		if c.probeLeft > 0 {
			return
		}
		probed, base := c.median(c.probeT), c.median(c.recent[slotOf(c.probeFrom)])
		won := probed < 0.97*base
		if won {
			r := &c.recent[slotOf(c.team.n)]
			*r = append((*r)[:0], c.probeT...)
			c.report(c.probeFrom, fmt.Sprintf("%.3g ms per %s against %.3g", 1000*probed, c.what, 1000*base))
		}
		c.endProbe(won)
	case busy:
		from := c.team.n
		c.team.setActive(1)
		c.recent[0] = c.recent[0][:0]
		c.next = c.unit + c.every
		c.report(from, "the other CPU is busy")
	default:
		r := &c.recent[slotOf(c.team.n)]
		if len(*r) == keepRecent {
			copy(*r, (*r)[1:])
			*r = (*r)[:keepRecent-1]
		}
		*r = append(*r, sec)
	}
}

// endProbe ends the current probe: won keeps the probed choice, otherwise
// the choice before it returns and probes come more rarely.
func (c *chooser) endProbe(won bool) {
	if won {
		c.every = probeMin
	} else {
		c.team.setActive(c.probeFrom)
		c.every = min(2*c.every, probeMax)
	}
	c.probeFrom, c.probeLeft, c.probeT = 0, 0, c.probeT[:0]
	c.next = c.unit + c.every
}

// report tells of a change from from to the current count.
func (c *chooser) report(from int, reason string) {
	if c.change != nil && from != c.team.n {
		c.change(ThreadChange{Unit: c.unit, From: from, To: c.team.n, Reason: reason})
	}
}

// median returns the median of v (a huge value when v is empty, so that
// any measurement beats it).
func (c *chooser) median(v []float64) float64 {
	if len(v) == 0 {
		return 1e300
	}
	s := append(c.scratch[:0], v...)
	slices.Sort(s)
	return (s[(len(s)-1)/2] + s[len(s)/2]) / 2
}
