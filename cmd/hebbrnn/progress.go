package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/hebbrnn/hebbrnn/rnn"
)

// progress prints training progress on stderr: one updating line on a
// terminal, a line per evaluation otherwise, nothing when quiet.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	tty     bool
	quiet   bool
	tol     float64
	open    bool // a \r line is on screen
	history []logEntry

	startPass    int
	startElapsed time.Duration
}

func newProgress(w io.Writer, quiet bool, tol float64, pass int, elapsed time.Duration) *progress {
	return &progress{w: w, tty: isTerminal(w), quiet: quiet, tol: tol, startPass: pass, startElapsed: elapsed}
}

// isTerminal reports whether w is a character device (and TERM is not
// "dumb").
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// message prints a line of its own.
func (p *progress) message(s string) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.open {
		fmt.Fprint(p.w, "\r\033[K")
		p.open = false
	}
	fmt.Fprintln(p.w, s)
}

// finish ends the updating line.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.open && !p.quiet {
		fmt.Fprintln(p.w)
	}
	p.open = false
}

// update shows an evaluation.
func (p *progress) update(pg rnn.Progress) {
	if p.quiet {
		return
	}
	line := p.line(pg)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K"+line)
		p.open = true
	} else {
		fmt.Fprintln(p.w, line)
	}
}

func (p *progress) line(pg rnn.Progress) string {
	var b strings.Builder
	fmt.Fprintf(&b, "pass %d  error %.4g  best %.4g  accuracy %.3g%%  clipped %.1f%%", pg.Pass, pg.Error, pg.Best, 100*pg.Accuracy, pg.PctClipped)
	rate := 0.0
	if dt := (pg.Elapsed - p.startElapsed).Seconds(); dt > 0 && pg.Pass > p.startPass {
		rate = float64(pg.Pass-p.startPass) / dt
		fmt.Fprintf(&b, "  %.3g passes/s", rate)
	}
	if pg.Threads > 0 {
		fmt.Fprintf(&b, "  %s", plural(pg.Threads, "thread"))
	}
	fmt.Fprintf(&b, "  elapsed %s", formatDuration(pg.Elapsed))
	if p.tol > 0 && rate > 0 {
		if lo, hi, ok := passesToTolerance(p.history, p.tol); ok {
			b.WriteString("  ETA " + etaRange(lo/rate, hi/rate))
		}
	}
	return b.String()
}

// etaRange shows the time left, lo to hi seconds: "2m10s", "1m50s–2m40s",
// or "> 1m50s" when the error may not come down at all.
func etaRange(lo, hi float64) string {
	d := func(s float64) string { return formatDuration(time.Duration(s * float64(time.Second))) }
	switch {
	case math.IsInf(hi, 1) || hi > 1e9:
		return "> " + d(lo)
	case d(lo) == d(hi):
		return d(lo)
	}
	return d(lo) + "–" + d(hi)
}

// passesToTolerance estimates the passes left until the error reaches
// tol, from a least-squares line through log(error) against pass over
// the recent evaluations: lo and hi are the estimates of the slope minus
// and plus its standard error (hi is +Inf when the shallower slope does
// not go down), so that the noise of the curve shows as a range rather
// than as jumps of a single figure. It declines when the trend does not
// go down.
func passesToTolerance(hist []logEntry, tol float64) (lo, hi float64, ok bool) {
	var pts [][2]float64
	for _, e := range hist {
		if v := float64(e.Error); v > 0 && !math.IsInf(v, 0) && e.Pass > 0 {
			pts = append(pts, [2]float64{float64(e.Pass), math.Log(v)})
		}
	}
	if len(pts) < 4 {
		return 0, 0, false
	}
	// The latest half of the curve, at most 20 points.
	k := max(4, min(20, len(pts)/2))
	pts = pts[len(pts)-k:]
	var sx, sy, sxx, sxy float64
	for _, q := range pts {
		sx, sy, sxx, sxy = sx+q[0], sy+q[1], sxx+q[0]*q[0], sxy+q[0]*q[1]
	}
	n := float64(len(pts))
	den := n*sxx - sx*sx
	if den <= 0 {
		return 0, 0, false
	}
	slope := (n*sxy - sx*sy) / den
	if !(slope < 0) {
		return 0, 0, false
	}
	mx, my := sx/n, sy/n
	var rss float64
	for _, q := range pts {
		r := q[1] - (my + slope*(q[0]-mx))
		rss += r * r
	}
	se := math.Sqrt(rss / (n - 2) / (den / n))
	last := pts[len(pts)-1][0]
	// The line through the centroid with slope s reaches log(tol) at
	// mx + (log(tol) - my)/s.
	left := func(s float64) float64 {
		if !(s < 0) {
			return math.Inf(1)
		}
		return mx + (math.Log(tol)-my)/s - last
	}
	mid := left(slope)
	if mid <= 0 || mid > 1e8 {
		return 0, 0, false
	}
	return max(left(slope-se), 0), left(slope + se), true
}
