package sweep

import (
	"bytes"
	"fmt"
	"github.com/hebbrnn/hebbrnn/internal/jsonl"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/hebbrnn/hebbrnn/internal/plot"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// LogEntry is what collection reads of a line of a run's log.jsonl.
type LogEntry struct {
	Pass       int         `json:"pass"`
	Trials     int         `json:"trials"`
	Error      *float64    `json:"error"`
	Best       *float64    `json:"best"`
	CondErrors [][]float64 `json:"condErrors"` // per condition: [output, energy]
	ElapsedSec *float64    `json:"elapsedSec"`
	Tolerance  float64     `json:"tolerance"`
	// TrialsToCriterion is the first learning trial at which 95 of the
	// last 100 were below the criterion error (nil: not reached, or a log
	// written before the measure).
	TrialsToCriterion *int `json:"trialsToCriterion"`
	// Accuracy is the fraction of the evaluated trials that were correct
	// (nil in a log written before the measure).
	Accuracy *float64 `json:"accuracy"`
}

func num(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// ReadLog reads a run's log.jsonl.
func ReadLog(path string) ([]LogEntry, error) {
	return jsonl.Read[LogEntry](path, nil)
}

// Result is one run's row of results.csv.
type Result struct {
	Run      Run
	Status   Status
	Passes   int
	Trials   int
	ToTol    int // passes to tolerance; -1 when not reached
	ToCrit   int // trials to criterion; -1 when not reached
	Final    float64
	Best     float64
	Accuracy float64 // final accuracy; NaN when the log has none
	Seconds  float64
	Kernel   string
	Curve    [][2]float64 // pass, error
	Finished bool         // done
}

// passesToTolerance returns the first logged pass at which training
// would stop at its tolerance: the mean error within it and, perCondition,
// every condition's (-1 if never, or without a tolerance).
func passesToTolerance(log []LogEntry, perCondition bool) int {
	for _, e := range log {
		total := func(c int) float64 {
			sum := 0.0
			for _, v := range e.CondErrors[c] {
				sum += v
			}
			return sum
		}
		if rnn.WithinTolerance(e.Tolerance, num(e.Error), perCondition, len(e.CondErrors), total) {
			return e.Pass
		}
	}
	return -1
}

// perCondition tells whether run r stops at its tolerance only when every
// condition is within it.
func (p *Plan) perCondition(r Run) bool {
	for _, s := range p.settings(r) {
		if s.Key.Name == "tolerancePerCondition" {
			return s.Value.(bool)
		}
	}
	return false
}

// ReadResult reads run i of the study.
func ReadResult(study string, p *Plan, i int, alive Alive) Result {
	dir := RunDir(study, i)
	res := Result{Run: p.Run(i), Status: RunStatus(dir, alive), ToTol: -1, ToCrit: -1, Final: math.NaN(), Best: math.NaN(), Accuracy: math.NaN(), Seconds: math.NaN()}
	if res.Status.Record != nil {
		res.Kernel = res.Status.Record.Kernel
	}
	res.Finished = res.Status.State == Done
	log, err := ReadLog(filepath.Join(dir, "log.jsonl"))
	if err != nil || len(log) == 0 {
		return res
	}
	last := log[len(log)-1]
	res.Passes, res.Trials = last.Pass, last.Trials
	res.Final, res.Best, res.Seconds = num(last.Error), num(last.Best), num(last.ElapsedSec)
	res.Accuracy = num(last.Accuracy)
	res.ToTol = passesToTolerance(log, p.perCondition(res.Run))
	if n := last.TrialsToCriterion; n != nil {
		res.ToCrit = *n
	}
	for _, e := range log {
		res.Curve = append(res.Curve, [2]float64{float64(e.Pass), num(e.Error)})
	}
	return res
}

func csvFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return ""
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// csvCount writes a count, or nothing for -1 (not reached).
func csvCount(n int) string {
	if n < 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// ResultsCSV returns results.csv.
func ResultsCSV(p *Plan, results []Result) []byte {
	var b bytes.Buffer
	b.WriteString("index,task,seed")
	for _, g := range p.Grid {
		b.WriteString("," + g.Key.Name)
	}
	b.WriteString(",status,passes,trials,passes_to_tolerance,trials_to_criterion,final_error,best_error,final_accuracy,seconds,kernel\n")
	for _, r := range results {
		fmt.Fprintf(&b, "%d,%s,%d", r.Run.Index, csvField(TaskName(r.Run.Task)), r.Run.Seed)
		for _, v := range r.Run.Values {
			b.WriteString("," + csvField(FormatValue(v)))
		}
		fmt.Fprintf(&b, ",%s,%d,%d,%s,%s,%s,%s,%s,%s,%s\n", csvField(r.Status.String()), r.Passes, r.Trials, csvCount(r.ToTol), csvCount(r.ToCrit),
			csvFloat(r.Final), csvFloat(r.Best), csvFloat(r.Accuracy), csvFloat(r.Seconds), csvField(r.Kernel))
	}
	return b.Bytes()
}

// Quantile returns the q-quantile of sorted xs, interpolated linearly
// between order statistics (R's type 7); NaN when xs is empty. xs may end
// in +Inf (runs that never got there): a quantile that falls on one, or
// between a finite value and one, is +Inf.
func Quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	h := q * float64(len(xs)-1)
	lo := math.Floor(h)
	i := int(lo)
	switch {
	case i+1 >= len(xs) || h == lo:
		return xs[min(i, len(xs)-1)]
	case math.IsInf(xs[i+1], 1):
		return math.Inf(1)
	}
	return xs[i] + (h-lo)*(xs[i+1]-xs[i])
}

// never turns a count of passes or trials into a quantity to take
// quartiles of: -1, never reached, counts as later than every run that
// reached it (+Inf), so that the median of a point whose runs do not all
// reach it is not taken over the fast ones alone.
func never(n int) float64 {
	if n < 0 {
		return math.Inf(1)
	}
	return float64(n)
}

// reached counts the finite values of xs.
func reached(xs []float64) int {
	n := 0
	for _, x := range xs {
		if !math.IsInf(x, 1) {
			n++
		}
	}
	return n
}

// point is the runs of one task and grid point.
type point struct {
	label   string
	results []Result
}

func points(p *Plan, results []Result) []point {
	n := p.Count() / len(p.Seeds)
	pts := make([]point, n)
	for _, r := range results {
		k := p.Point(r.Run.Index)
		if pts[k].label == "" {
			parts := []string{TaskName(r.Run.Task)}
			for j, g := range p.Grid {
				parts = append(parts, g.Key.Name+"="+FormatValue(r.Run.Values[j]))
			}
			pts[k].label = strings.Join(parts, " ")
		}
		pts[k].results = append(pts[k].results, r)
	}
	return pts
}

// SummaryCSV returns summary.csv: per task and grid point the finished
// runs, how many reached the tolerance and the median and quartiles of
// their passes to tolerance, how many reached the criterion and the
// median and quartiles of their trials to criterion, and the median and
// quartiles of the final errors and of the final accuracies.
func SummaryCSV(p *Plan, results []Result) []byte {
	var b bytes.Buffer
	b.WriteString("task")
	for _, g := range p.Grid {
		b.WriteString("," + g.Key.Name)
	}
	b.WriteString(",runs,reached,passes_to_tolerance_q1,passes_to_tolerance_median,passes_to_tolerance_q3," +
		"reached_criterion,trials_to_criterion_q1,trials_to_criterion_median,trials_to_criterion_q3," +
		"final_error_q1,final_error_median,final_error_q3,final_accuracy_q1,final_accuracy_median,final_accuracy_q3\n")
	for _, pt := range points(p, results) {
		if len(pt.results) == 0 {
			continue
		}
		r0 := pt.results[0].Run
		b.WriteString(csvField(TaskName(r0.Task)))
		for _, v := range r0.Values {
			b.WriteString("," + csvField(FormatValue(v)))
		}
		var tol, crit, final, acc []float64
		runs := 0
		for _, r := range pt.results {
			if !r.Finished {
				continue
			}
			runs++
			tol = append(tol, never(r.ToTol))
			crit = append(crit, never(r.ToCrit))
			if !math.IsNaN(r.Final) {
				final = append(final, r.Final)
			}
			if !math.IsNaN(r.Accuracy) {
				acc = append(acc, r.Accuracy)
			}
		}
		slices.Sort(tol)
		slices.Sort(crit)
		slices.Sort(final)
		slices.Sort(acc)
		quartiles := func(xs []float64) {
			for _, q := range []float64{0.25, 0.5, 0.75} {
				b.WriteString("," + csvFloat(Quantile(xs, q)))
			}
		}
		fmt.Fprintf(&b, ",%d,%d", runs, reached(tol))
		quartiles(tol)
		fmt.Fprintf(&b, ",%d", reached(crit))
		quartiles(crit)
		quartiles(final)
		quartiles(acc)
		b.WriteString("\n")
	}
	return b.Bytes()
}

// Plots writes plots/learning.svg (each grid point's learning curves
// overlaid with their median) and plots/passes.svg (passes to tolerance
// per grid point: the runs, their median and interquartile range).
func Plots(dir string, p *Plan, results []Result) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	pts := points(p, results)
	cols := min(len(pts), 3)
	rows := (len(pts) + cols - 1) / cols
	f := plot.NewFigure(float64(380*cols), float64(300*rows+40), rows, cols)
	f.Title = "Learning curves: runs (dot: end) and median"
	for k, pt := range pts {
		a := f.Axes[k]
		a.Title, a.XLabel, a.YLabel = pt.label, "pass", "error"
		var curves [][][2]float64
		for _, r := range pt.results {
			if len(r.Curve) == 0 {
				continue
			}
			x, y := make([]float64, len(r.Curve)), make([]float64, len(r.Curve))
			for i, c := range r.Curve {
				x[i], y[i] = c[0], c[1]
			}
			a.Series = append(a.Series, plot.Series{X: x, Y: y, Color: plot.Palette[0], Width: 1.2, Opacity: 0.5})
			// Where the run ended (a run that stopped at once has no line).
			a.Points = append(a.Points, plot.Point{X: x[len(x)-1], Y: y[len(y)-1], R: 2.5, Color: plot.Palette[0]})
			curves = append(curves, r.Curve)
		}
		if mx, my := medianCurve(curves); len(mx) > 0 {
			a.Series = append(a.Series, plot.Series{X: mx, Y: my, Color: "#000000", Width: 2.2})
		}
	}
	if err := writeFigure(f, filepath.Join(dir, "learning.svg")); err != nil {
		return err
	}
	g := plot.NewFigure(900, 450, 1, 1)
	a := g.At(0, 0)
	a.Title, a.XLabel, a.YLabel = "Passes to tolerance per grid point (dots: runs; bar: median and IQR)", "grid point (see summary.csv, in order)", "passes to tolerance"
	for k, pt := range pts {
		var xs []float64
		for _, r := range pt.results {
			if r.ToTol >= 0 {
				xs = append(xs, float64(r.ToTol))
				a.Points = append(a.Points, plot.Point{X: float64(k + 1), Y: float64(r.ToTol), R: 3, Color: plot.Palette[0]})
			}
		}
		if len(xs) == 0 {
			continue
		}
		slices.Sort(xs)
		x := float64(k + 1)
		a.Series = append(a.Series, plot.Series{X: []float64{x, x}, Y: []float64{Quantile(xs, 0.25), Quantile(xs, 0.75)}, Color: "#000000", Width: 2})
		a.Points = append(a.Points, plot.Point{X: x, Y: Quantile(xs, 0.5), R: 5, Color: "#D55E00"})
	}
	a.XMin, a.XMax = plot.F(0.5), plot.F(float64(len(pts))+0.5)
	return writeFigure(g, filepath.Join(dir, "passes.svg"))
}

// writeFigure writes f, leaving out its panels without data; with none,
// it removes the file instead (no run has data for it yet).
func writeFigure(f *plot.Figure, path string) error {
	n := 0
	for k, a := range f.Axes {
		if a != nil && len(a.Series) == 0 && len(a.Points) == 0 {
			f.Axes[k] = nil
		}
		if f.Axes[k] != nil {
			n++
		}
	}
	if n == 0 {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	return f.WriteFile(path)
}

// medianCurve returns the median error per logged pass over the curves,
// each held at its last value after it ends (a run that stopped at its
// tolerance stays there) and left out before it begins.
func medianCurve(curves [][][2]float64) (x, y []float64) {
	seen := map[float64]bool{}
	for _, c := range curves {
		for _, e := range c {
			if !seen[e[0]] {
				seen[e[0]] = true
				x = append(x, e[0])
			}
		}
	}
	slices.Sort(x)
	pos := make([]int, len(curves)) // per curve: entries at or before the pass
	for _, pass := range x {
		var v []float64
		for k, c := range curves {
			for pos[k] < len(c) && c[pos[k]][0] <= pass {
				pos[k]++
			}
			if pos[k] > 0 && !math.IsNaN(c[pos[k]-1][1]) {
				v = append(v, c[pos[k]-1][1])
			}
		}
		slices.Sort(v)
		y = append(y, Quantile(v, 0.5))
	}
	return x, y
}
