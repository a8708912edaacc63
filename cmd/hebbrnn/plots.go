package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/hebbrnn/hebbrnn/internal/plot"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// trajSet is a clean run of every condition in float64, for plotting.
type trajSet struct {
	T, B    int
	Dt      float64                // ms per step; 0 when unknown (time is then in steps)
	Z       [][]float64            // per condition, T×B row-major
	Records map[string][][]float64 // per name, per condition: rows×2 ("hand", "elbow", "angles")
}

func trajSetOf[T rnn.Float](traj []rnn.Trajectory[T], dt float64) *trajSet {
	ts := &trajSet{Dt: dt, Records: map[string][][]float64{}}
	for _, tj := range traj {
		ts.T, ts.B = tj.Z.Rows, tj.Z.Cols
		z := make([]float64, 0, ts.T*ts.B)
		for t := 0; t < tj.Z.Rows; t++ {
			for _, v := range tj.Z.Row(t) {
				z = append(z, float64(v))
			}
		}
		ts.Z = append(ts.Z, z)
		for _, r := range tj.Record {
			if r.Cols == 2 {
				ts.Records[r.Name] = append(ts.Records[r.Name], r.Data)
			}
		}
	}
	return ts
}

// times returns the time of every step for the x axis, its label, and
// the length of a step in those units: milliseconds when the step length
// is known, steps otherwise.
func (ts *trajSet) times() (t []float64, label string, unit float64) {
	unit, label = 1, "time step"
	if ts.Dt > 0 {
		unit, label = ts.Dt, "time (ms)"
	}
	t = make([]float64, ts.T)
	for i := range t {
		t[i] = float64(i) * unit
	}
	return t, label, unit
}

// maxPanels bounds the panels of the outputs figure.
const maxPanels = 16

// learningFigure draws the error against the pass, with the conditions,
// the tolerance and the percentage of clipped weight changes, and the
// accuracy when the log has it. task, when known, names the conditions (a
// generated task's trial types).
func learningFigure(hist []logEntry, tol float64, task *rnn.Task) *plot.Figure {
	var acc []float64
	for _, e := range hist {
		if e.Accuracy != nil {
			acc = make([]float64, len(hist))
			break
		}
	}
	cols := 2
	if acc != nil {
		cols = 3
	}
	f := plot.NewFigure(550*float64(cols), 450, 1, cols)
	f.Title = "Learning curve"
	a, b := f.At(0, 0), f.At(0, 1)
	a.Title, a.XLabel, a.YLabel = "Evaluated error", "pass", "error (output + energy)"
	b.Title, b.XLabel, b.YLabel = "Weight changes clipped", "pass", "% of ΔJ entries clipped"
	a.LogY, a.Legend = true, true
	x := make([]float64, len(hist))
	y := make([]float64, len(hist))
	clip := make([]float64, len(hist))
	nc := 0
	for i, e := range hist {
		x[i], y[i], clip[i] = float64(e.Pass), float64(e.Error), float64(e.PctClipped)
		nc = max(nc, len(e.CondErrors))
		if !(y[i] > 0) {
			a.LogY = false
		}
	}
	if nc <= 8 {
		for c := 0; c < nc; c++ {
			yc := make([]float64, len(hist))
			for i, e := range hist {
				yc[i] = math.NaN()
				if c < len(e.CondErrors) {
					yc[i] = e.CondErrors[c].Total()
				}
				if a.LogY && !(yc[i] > 0) {
					yc[i] = math.NaN()
				}
			}
			a.Series = append(a.Series, plot.Series{X: x, Y: yc, Label: conditionName(task, c), Width: 1, Opacity: 0.55})
		}
	}
	a.Series = append(a.Series, plot.Series{X: x, Y: y, Label: "mean", Color: "#000000", Width: 2.2})
	if tol > 0 {
		a.HLines = []plot.HLine{{Y: tol, Label: fmt.Sprintf("tolerance %g", tol), Color: "#D55E00", Dashed: true}}
	}
	b.Series = []plot.Series{{X: x, Y: clip, Color: plot.Palette[0]}}
	b.YMin = plot.F(0)
	if acc != nil {
		c := f.At(0, 2)
		c.Title, c.XLabel, c.YLabel = "Accuracy", "pass", "% of evaluated trials correct"
		for i, e := range hist {
			acc[i] = math.NaN()
			if e.Accuracy != nil {
				acc[i] = 100 * float64(*e.Accuracy)
			}
		}
		c.Series = []plot.Series{{X: x, Y: acc, Color: plot.Palette[1]}}
		c.YMin, c.YMax = plot.F(0), plot.F(100)
	}
	return f
}

// outputsFigure draws the outputs against the targets, per condition,
// with the error window shaded.
func outputsFigure(ts *trajSet, task *rnn.Task, tt *[2]int) *plot.Figure {
	c := min(len(ts.Z), maxPanels)
	cols := min(c, 4)
	rows := (c + cols - 1) / cols
	f := plot.NewFigure(300*float64(cols)+200, 260*float64(rows)+60, rows, cols)
	f.Title = "Outputs (solid) against targets (dashed)"
	if len(ts.Z) > c {
		f.Title += fmt.Sprintf(", first %d of %d conditions", c, len(ts.Z))
	}
	t, xlabel, unit := ts.times()
	for k := 0; k < c; k++ {
		a := f.At(k/cols, k%cols)
		a.Title = conditionName(task, k)
		if k/cols == rows-1 {
			a.XLabel = xlabel
		}
		if k%cols == 0 {
			a.YLabel = "output"
		}
		for b := 0; b < ts.B && b < len(plot.Palette); b++ {
			col := plot.Palette[b]
			name := fmt.Sprintf("output %d", b+1)
			if task != nil {
				name = task.OutputName(b)
			}
			if task != nil && k < task.Conditions() && task.TargetSize() == ts.B {
				tg := make([]float64, ts.T)
				for s := range tg {
					tg[s] = task.Targets[k].At(s, b)
				}
				a.Series = append(a.Series, plot.Series{X: t, Y: tg, Label: "target: " + name, Color: col, Dashed: true, Width: 1.5})
			}
			z := make([]float64, ts.T)
			for s := range z {
				z[s] = ts.Z[k][s*ts.B+b]
			}
			a.Series = append(a.Series, plot.Series{X: t, Y: z, Label: name, Color: col})
		}
		if tt != nil {
			a.VSpans = []plot.VSpan{{X0: float64(tt[0]) * unit, X1: float64(tt[1]) * unit, Label: "error window"}}
		}
		a.Legend = k == cols-1 // right of the first row, outside the data
		a.LegendOutside = true
	}
	for k := c; k < rows*cols; k++ {
		f.Axes[k] = nil
	}
	return f
}

// handFigure draws the hand paths of the reaching task in the plane, the
// target circles and the arm at the end of each reach.
func handFigure(ts *trajSet, task *rnn.Task) *plot.Figure {
	hands, elbows := ts.Records["hand"], ts.Records["elbow"]
	if len(hands) == 0 {
		return nil
	}
	f := plot.NewFigure(880, 700, 1, 1)
	a := f.Axes[0]
	a.Title, a.XLabel, a.YLabel = "Hand paths", "x", "y"
	a.EqualAspect, a.Legend, a.LegendOutside = true, true, true
	for k, h := range hands {
		col := plot.Palette[k%len(plot.Palette)]
		if task != nil && k < task.Conditions() && task.TargetSize() == 2 {
			last := task.Steps() - 1
			a.Circles = append(a.Circles, plot.Circle{X: task.Targets[k].At(last, 0), Y: task.Targets[k].At(last, 1), R: 0.1, Color: col, Fill: true})
		}
		n := len(h) / 2
		xs, ys := make([]float64, n), make([]float64, n)
		for i := 0; i < n; i++ {
			xs[i], ys[i] = h[2*i], h[2*i+1]
		}
		label := ""
		if len(hands) <= 8 {
			label = conditionName(task, k)
		}
		a.Series = append(a.Series, plot.Series{X: xs, Y: ys, Label: label, Color: col})
		if k < len(elbows) && n > 0 {
			// The arm at the end: shoulder, elbow, hand. The shoulder is
			// where the hand sat at the start minus the start's offset:
			// the arm's segments are |elbow - shoulder| = L0 and
			// |hand - elbow| = L1, with the shoulder fixed over the trial.
			e := elbows[k]
			sh := shoulder(ts, k)
			armLabel := ""
			if k == len(hands)-1 {
				armLabel = "arm at the end"
			}
			a.Series = append(a.Series, plot.Series{X: []float64{sh[0], e[2*(n-1)], xs[n-1]}, Y: []float64{sh[1], e[2*(n-1)+1], ys[n-1]},
				Label: armLabel, Color: "#555555", Width: 1, Opacity: 0.6})
			a.Points = append(a.Points, plot.Point{X: e[2*(n-1)], Y: e[2*(n-1)+1], R: 3, Color: "#555555"}, plot.Point{X: xs[n-1], Y: ys[n-1], R: 4, Color: col})
		}
	}
	a.Points = append(a.Points, plot.Point{X: 0, Y: 0, R: 3})
	return f
}

// shoulder returns the fixed shoulder of condition k's arm, from its
// angles and elbow record: elbow = shoulder + L0·(cos(a0+π), sin(a0)).
func shoulder(ts *trajSet, k int) [2]float64 {
	ang, el := ts.Records["angles"], ts.Records["elbow"]
	if k >= len(ang) || k >= len(el) || len(ang[k]) < 2 {
		return [2]float64{math.NaN(), math.NaN()}
	}
	l0 := rnn.NewArm().L[0]
	a0 := ang[k][0]
	return [2]float64{el[k][0] - l0*math.Cos(a0+math.Pi), el[k][1] - l0*math.Sin(a0)}
}

// writeTrajPlots writes outputs.svg (and hand.svg for the arm) into dir.
func writeTrajPlots(dir string, ts *trajSet, task *rnn.Task, tt *[2]int) error {
	if err := outputsFigure(ts, task, tt).WriteFile(filepath.Join(dir, "outputs.svg")); err != nil {
		return err
	}
	if f := handFigure(ts, task); f != nil {
		if err := f.WriteFile(filepath.Join(dir, "hand.svg")); err != nil {
			return err
		}
	}
	return nil
}

// trainPlots refreshes the plots of a training run.
type trainPlots[T rnn.Float] struct {
	dir     string
	spec    *taskSpec
	net     *rnn.Network[T]
	tol     float64
	tt      *[2]int
	lastRun time.Time
	cost    time.Duration
}

// update writes the learning curve, and the outputs when the last clean
// run for them is old enough that another costs little (always when
// final).
func (p *trainPlots[T]) update(hist []logEntry, final bool) error {
	if p.dir == "" {
		return nil
	}
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return err
	}
	if len(hist) > 0 {
		if err := learningFigure(hist, p.tol, p.spec.Task).WriteFile(filepath.Join(p.dir, "learning.svg")); err != nil {
			return err
		}
	}
	if !final && !p.lastRun.IsZero() && time.Since(p.lastRun) < max(2*time.Second, 20*p.cost) {
		return nil
	}
	start := time.Now()
	traj, err := p.net.Run(p.spec.Task, p.spec.Out.Clone(), rnn.RunOptions{TargetTimes: p.tt})
	if err != nil {
		return err
	}
	if err := writeTrajPlots(p.dir, trajSetOf(traj, p.net.Dt), p.spec.Task, p.tt); err != nil {
		return err
	}
	p.lastRun, p.cost = time.Now(), time.Since(start)
	return nil
}

// conditionName names condition k of task, which may be unknown (nil).
func conditionName(task *rnn.Task, k int) string {
	if task == nil {
		return rnn.NameOr(nil, k, "condition")
	}
	return task.ConditionName(k)
}
