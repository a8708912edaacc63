// Command reprofig summarises a study of hebbrnn sweep for
// docs/reproduction.md: the quartiles of the runs' trials to criterion
// (a run that never reached it counts as later than every run that did)
// and a figure of the evaluated error against learning trials, the
// median and the interquartile range over the runs, from their logs.
//
//	go run ./scripts/reprofig --study STUDY --out docs/reproduction/dnms-error.svg
package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/hebbrnn/hebbrnn/internal/jsonl"
	"github.com/hebbrnn/hebbrnn/internal/plot"
	"github.com/hebbrnn/hebbrnn/sweep"
)

// entry is what reprofig reads of a line of a training log.
type entry struct {
	Trials            int      `json:"trials"`
	Error             *float64 `json:"error"`
	TrialsToCriterion *int     `json:"trialsToCriterion"`
}

func main() {
	study := flag.String("study", "", "the study `directory` (hebbrnn sweep plan/run)")
	out := flag.String("out", "", "the SVG `file` to write")
	title := flag.String("title", "", "the figure's title")
	paper := flag.String("paper", "", "the paper's median and quartiles of trials to criterion, `Q1:MEDIAN:Q3`, drawn as a band")
	minTrials := flag.Int("min-trials", 0, "leave out the runs whose log ends before this many `trials` (unfinished)")
	flag.Parse()
	if err := run(*study, *out, *title, *paper, *minTrials); err != nil {
		fmt.Fprintln(os.Stderr, "reprofig:", err)
		os.Exit(2)
	}
}

func run(study, out, title, paper string, minTrials int) error {
	if study == "" || out == "" {
		return errors.New("needs --study DIR and --out FILE.svg")
	}
	logs, err := filepath.Glob(filepath.Join(study, "runs", "*", "log.jsonl"))
	if err != nil || len(logs) == 0 {
		return fmt.Errorf("%s: no runs/*/log.jsonl (run hebbrnn sweep run --dir %s first)", study, study)
	}
	slices.SortFunc(logs, func(a, b string) int { return runIndex(a) - runIndex(b) })
	var reached []float64
	var never, unfinished []int
	last := math.MaxInt
	byTrial := map[int][]float64{}
	for _, path := range logs {
		es, err := jsonl.Read[entry](path, nil)
		if err != nil {
			return err
		}
		if len(es) == 0 {
			return fmt.Errorf("%s is empty", path)
		}
		end := es[len(es)-1]
		if end.Trials < minTrials {
			unfinished = append(unfinished, runIndex(path))
			continue
		}
		last = min(last, end.Trials)
		if c := end.TrialsToCriterion; c != nil {
			reached = append(reached, float64(*c))
		} else {
			never = append(never, runIndex(path))
		}
		for _, e := range es {
			if e.Error != nil {
				byTrial[e.Trials] = append(byTrial[e.Trials], *e.Error)
			}
		}
	}
	n := len(logs) - len(unfinished)
	if n == 0 {
		return fmt.Errorf("%s: no run has reached %d trials yet", study, minTrials)
	}
	if len(unfinished) > 0 {
		fmt.Printf("left out %d unfinished runs %v\n", len(unfinished), unfinished)
	}
	slices.Sort(reached)
	all := slices.Clone(reached)
	for range never {
		all = append(all, math.Inf(1))
	}
	fmt.Printf("%d runs, each at least %d trials; %d reached the criterion", n, last, len(reached))
	if len(never) > 0 {
		fmt.Printf(" (not runs %v)", never)
	}
	fmt.Printf("\ntrials to criterion: Q1 %s, median %s, Q3 %s (a run that never reached it counts as > %d)\n",
		quantileText(all, 0.25, last), quantileText(all, 0.5, last), quantileText(all, 0.75, last), last)
	fmt.Printf("reached at: %v\n", reached)

	var x, q1, med, q3 []float64
	trials := make([]int, 0, len(byTrial))
	for t, v := range byTrial {
		if len(v) == n { // every run evaluated at this trial
			trials = append(trials, t)
		}
	}
	slices.Sort(trials)
	for _, t := range trials {
		v := byTrial[t]
		slices.Sort(v)
		x = append(x, float64(t))
		q1 = append(q1, sweep.Quantile(v, 0.25))
		med = append(med, sweep.Quantile(v, 0.5))
		q3 = append(q3, sweep.Quantile(v, 0.75))
	}
	f := plot.NewFigure(760, 420, 1, 1)
	f.Title = title
	a := f.At(0, 0)
	a.XLabel, a.YLabel = "learning trials", "error (clean evaluation)"
	a.Series = []plot.Series{
		{X: x, Y: med, Label: fmt.Sprintf("median of %d runs", n), Color: "#000000", Width: 2.2},
		{X: x, Y: q1, Label: "quartiles", Color: plot.Palette[0], Width: 1.2, Dashed: true},
		{X: x, Y: q3, Color: plot.Palette[0], Width: 1.2, Dashed: true},
	}
	a.YMin = plot.F(0)
	a.Legend = true
	if len(all) > 0 {
		if m := sweep.Quantile(all, 0.5); !math.IsInf(m, 0) {
			a.VSpans = append(a.VSpans, plot.VSpan{X0: sweep.Quantile(all, 0.25), X1: math.Min(sweep.Quantile(all, 0.75), float64(last)),
				Label: fmt.Sprintf("our trials to criterion: IQR (median %g)", m), Color: plot.Palette[2]})
		}
	}
	if paper != "" {
		var p [3]float64
		if _, err := fmt.Sscanf(paper, "%g:%g:%g", &p[0], &p[1], &p[2]); err != nil {
			return fmt.Errorf("--paper %q: want Q1:MEDIAN:Q3", paper)
		}
		a.VSpans = append(a.VSpans, plot.VSpan{X0: p[0], X1: p[2], Label: fmt.Sprintf("the paper's IQR (median %g)", p[1]), Color: plot.Palette[3], Opacity: 0.12})
	}
	return f.WriteFile(out)
}

// runIndex returns the index of the run whose log is at path.
func runIndex(path string) int {
	i, err := strconv.Atoi(filepath.Base(filepath.Dir(path)))
	if err != nil {
		return -1
	}
	return i
}

func quantileText(xs []float64, q float64, last int) string {
	if len(xs) == 0 {
		return "-"
	}
	v := sweep.Quantile(xs, q)
	if math.IsInf(v, 0) {
		return fmt.Sprintf("> %d", last)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
