package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/hebbrnn/hebbrnn/internal/matfile"
	"github.com/hebbrnn/hebbrnn/internal/plot"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// cmdTask writes a task's inputs and targets to a file (numpy or MATLAB)
// and/or draws them, one panel per condition.
func cmdTask(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("task", "hebbrnn task --task NAME|FILE [--out task.npz|task.mat] [--plots DIR]\n\n"+
		"Writes a task as a file and/or draws it. task.npz holds inputs (C,T,I) and targets (C,T,B),\n"+
		"time-major; task.mat holds the cell arrays inp (each I×T) and targ (each B×T) that\n"+
		"hebbrnn train --task FILE.mat reads back. --plots DIR draws task.svg.", stdout)
	taskF := fs.String("task", "dnms", "`task`: "+builtinTasks+", or a .npz / .mat task file")
	variantF := fs.String("variant", rnn.DefaultVariant, "variant of a built-in task: "+strings.Join(rnn.Variants, " or ")+" (miconi: the DNMS of Miconi's code, cues from step 1 and targets ±0.98)")
	outF := fs.String("out", "", "`file` to write: .npz (numpy) or .mat (MATLAB)")
	plotsF := fs.String("plots", "", "`directory` for task.svg")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *outF == "" && *plotsF == "" {
		return usagef("nothing to do: give --out task.npz (or .mat) and/or --plots DIR")
	}
	if *outF != "" {
		if err := npzOrMatOutput("--out", *outF); err != nil {
			return err
		}
	}
	if *plotsF != "" {
		if err := outputDir("--plots", *plotsF); err != nil {
			return err
		}
	}
	spec, err := loadTaskVariant("--task", *taskF, *variantF)
	if err != nil {
		return err
	}
	t := spec.Task
	if *outF != "" {
		if hasExt(*outF, ".npz") {
			err = rnn.WriteTask(*outF, t)
		} else {
			err = matfile.WriteFile(*outF, taskVars(t))
		}
		if err != nil {
			return err
		}
		conds := plural(t.Conditions(), "condition")
		if t.Gen != nil {
			conds = "one drawn trial of each of " + plural(t.Conditions(), "trial type")
		}
		fmt.Fprintf(stdout, "wrote %s (%s: %s × %d steps, %s, %s)\n",
			*outF, spec.Name, conds, t.Steps(), plural(t.InputSize(), "input"), plural(t.TargetSize(), "output"))
	}
	if *plotsF != "" {
		path := filepath.Join(*plotsF, "task.svg")
		if err := taskFigure(spec).WriteFile(path); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", path)
	}
	return nil
}

// taskVars returns a task as hebbRNN's examples hold it: 1×C cell arrays
// inp (each I×T; absent without inputs) and targ (each B×T).
func taskVars(t *rnn.Task) []matfile.Var {
	c := t.Conditions()
	targ := &matfile.Cell{Dims: []int{1, c}}
	inp := &matfile.Cell{Dims: []int{1, c}}
	for k := range c {
		targ.Elems = append(targ.Elems, colMajorT(t.Targets[k]))
		if t.InputSize() > 0 {
			inp.Elems = append(inp.Elems, colMajorT(t.Inputs[k]))
		}
	}
	if t.InputSize() == 0 {
		return []matfile.Var{{Name: "targ", Value: targ}}
	}
	return []matfile.Var{{Name: "inp", Value: inp}, {Name: "targ", Value: targ}}
}

// taskFigure draws every condition's inputs (solid) and targets (dashed)
// against time in ms, with the error window of the task's options shaded.
func taskFigure(spec *taskSpec) *plot.Figure {
	t := spec.Task
	c := min(t.Conditions(), maxPanels)
	cols := min(c, 4)
	rows := (c + cols - 1) / cols
	f := plot.NewFigure(300*float64(cols)+240, 260*float64(rows)+60, rows, cols)
	f.Title = fmt.Sprintf("Task %s: inputs (solid), targets (dashed)", spec.Name)
	if t.Conditions() > c {
		f.Title = fmt.Sprintf("Task %s, first %d of %d conditions", spec.Name, c, t.Conditions())
	}
	dt := spec.Config.Dt
	if dt == 0 {
		dt = 1
	}
	ms := make([]float64, t.Steps())
	for i := range ms {
		ms[i] = float64(i) * dt
	}
	column := func(d interface{ At(i, j int) float64 }, j int) []float64 {
		v := make([]float64, len(ms))
		for i := range v {
			v[i] = d.At(i, j)
		}
		return v
	}
	for k := range c {
		a := f.At(k/cols, k%cols)
		a.Title = t.ConditionName(k)
		if k/cols == rows-1 {
			a.XLabel = "time (ms)"
		}
		for i := 0; i < t.InputSize(); i++ {
			a.Series = append(a.Series, plot.Series{X: ms, Y: column(t.Inputs[k], i), Label: t.InputName(i),
				Color: plot.Palette[i%len(plot.Palette)], Width: 1.5})
		}
		for b := 0; b < t.TargetSize(); b++ {
			a.Series = append(a.Series, plot.Series{X: ms, Y: column(t.Targets[k], b), Label: "target: " + t.OutputName(b),
				Color: plot.Palette[(t.InputSize()+b)%len(plot.Palette)], Dashed: true, Width: 1.5})
		}
		if tt := spec.Options.TargetTimes; tt != nil {
			a.VSpans = []plot.VSpan{{X0: float64(tt[0]) * dt, X1: float64(tt[1]) * dt, Label: "error window"}}
		}
		a.Legend = k == cols-1 // right of the first row, outside the data
		a.LegendOutside = true
	}
	for k := c; k < rows*cols; k++ {
		f.Axes[k] = nil
	}
	return f
}

// plural returns "1 thing" or "n things" ("n passes" for a thing in s).
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	if strings.HasSuffix(thing, "s") {
		return fmt.Sprintf("%d %ses", n, thing)
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
