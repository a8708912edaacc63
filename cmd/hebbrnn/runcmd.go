package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/hebbrnn/hebbrnn/internal/matfile"
	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// readModelFlag reads the model named by a flag; problems are usage
// errors. A .mat model may leave sizes to the task (sizes); note names,
// on one line, the sizes and settings it took that the file did not give
// ("" if none), for the caller to print once the model is known to fit.
func readModelFlag(flagName, path string, sizes modelSizes) (m *rnn.ModelFile, note string, err error) {
	if path == "" {
		return nil, "", usagef("%s is required (a model or checkpoint .npz written by hebbrnn train)", flagName)
	}
	if !hasExt(path, ".npz") && !hasExt(path, ".mat") {
		return nil, "", usagef("%s: %s is not a .npz or .mat model file", flagName, path)
	}
	if err := fileMustExist(flagName, path); err != nil {
		return nil, "", err
	}
	if !hasExt(path, ".mat") {
		if m, err = rnn.ReadModel(path); err != nil {
			return nil, "", usagef("%s: %s: %v", flagName, path, err)
		}
		return m, "", nil
	}
	m, took, err := readMatModel(path, sizes)
	if err != nil {
		hint := ""
		if sizes == noSizes {
			hint = " (export-model has no task to take sizes from)"
		}
		return nil, "", usagef("%s: %s: %v%s", flagName, path, err, hint)
	}
	if took != "" {
		note = fmt.Sprintf("%s: %s: took %s", flagName, path, took)
	}
	return m, note, nil
}

func cmdRun(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", "hebbrnn run --model M.npz --task NAME|FILE --out traj.npz|traj.mat [--plots DIR]\n\n"+
		"Runs every condition of the task cleanly (no perturbation, no learning) and writes the\n"+
		"trajectories: Z (outputs), R (rates), X (activations) and the errors of each condition.", stdout)
	modelF := fs.String("model", "", "model or checkpoint `file` (.npz), or a .mat model as export-model writes it")
	taskF := fs.String("task", "", "task: "+builtinTasks+", or a task `file` (.npz or .mat)")
	variantF := fs.String("variant", "", "variant of a built-in task: "+strings.Join(rnn.Variants, " or ")+" (default: the model's, else hebbrnn)")
	outF := fs.String("out", "", "trajectories `file`: .npz (Z (C,T,B), R, X (C,T,N), errors (C,2), the task's inputs and targets) or .mat (Z, R, X as 1×C cells of B×T / N×T matrices, errors C×2, the task's inp and targ); see README")
	plots := fs.String("plots", "", "also draw outputs.svg (and hand.svg for the arm) into this `directory`")
	precision := fs.String("precision", "", "arithmetic: f64 or f32 (default: the model's)")
	targetTimes := fs.String("target-times", "", "steps A:B (0-based, inclusive) of the error (default: the checkpoint's or the task's)")
	seed := fs.Uint64("seed", 1, "seed of the network noise (used only when the network has noise)")
	var threads threadsValue
	fs.Var(&threads, "threads", threadsUsage("run", "block of steps"))
	if err := fs.parse(args); err != nil {
		return err
	}
	if err := checkPrecision(*precision, true); err != nil {
		return err
	}
	if *outF == "" {
		return usagef("--out is required (a .npz or .mat file)")
	}
	if err := npzOrMatOutput("--out", *outF); err != nil {
		return err
	}
	if *plots != "" {
		if err := outputDir("--plots", *plots); err != nil {
			return err
		}
	}
	variant := "" // the model's
	if fs.isSet("variant") {
		variant = *variantF
	}
	spec, m, note, err := readTaskAndModel(*taskF, *modelF, variant)
	if err != nil {
		return err
	}
	steps := spec.Task.Steps()
	var tt *[2]int
	switch {
	case fs.isSet("target-times"):
		if tt, err = parseRange("--target-times", *targetTimes); err != nil {
			return err
		}
		if tt != nil && tt[1] >= steps {
			return usagef("--target-times: %s reaches past the task's last step %d", *targetTimes, steps-1)
		}
	case m.Options != nil:
		tt = m.Options.TargetTimes
	default:
		tt = spec.Options.TargetTimes
	}
	if tt != nil && tt[1] >= steps {
		tt = nil
	}
	prec := *precision
	if prec == "" {
		prec = m.Precision
	}
	if prec == "f32" {
		return runModel[float32](m, note, spec, tt, *seed, int(threads), *outF, *plots, stdout, stderr)
	}
	return runModel[float64](m, note, spec, tt, *seed, int(threads), *outF, *plots, stdout, stderr)
}

// runModel runs the network of m (note: what readModelFlag took for it)
// on every condition of the task.
func runModel[T rnn.Float](m *rnn.ModelFile, note string, spec *taskSpec, tt *[2]int, seed uint64, threads int, out, plotsDir string, stdout, stderr io.Writer) error {
	net, err := rnn.NetworkOf[T](m)
	if err != nil {
		return usagef("--model: %v", err)
	}
	ro := rnn.RunOptions{TargetTimes: tt, Seed: seed, Threads: threads}
	if threads == 0 {
		ro.Threads, ro.AdaptThreads = autoThreads[T](net.Units), true
		ro.ThreadsChanged = func(c rnn.ThreadChange) { fmt.Fprintf(stderr, "step %d: %s\n", c.Unit, c) }
	}
	traj, err := net.Run(spec.Task, spec.Out.Clone(), ro)
	if err != nil {
		return usagef("the network of --model does not fit --task %s: %v", spec.Name, err)
	}
	if note != "" {
		fmt.Fprintln(stderr, note)
	}
	if hasExt(out, ".mat") {
		err = writeMatTrajectories(out, traj, spec.Task)
	} else {
		err = rnn.WriteTrajectories(out, traj, spec.Task)
	}
	if err != nil {
		return err
	}
	if plotsDir != "" {
		if err := os.MkdirAll(plotsDir, 0o755); err != nil {
			return err
		}
		if err := writeTrajPlots(plotsDir, trajSetOf(traj, net.Dt), spec.Task, tt); err != nil {
			return err
		}
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "condition\toutput error\tenergy error\t")
	mean := 0.0
	for c, tj := range traj {
		fmt.Fprintf(tw, "%d\t%.5g\t%.5g\t\n", c+1, tj.Errors.Output, tj.Errors.Energy)
		mean += tj.Errors.Total()
	}
	tw.Flush()
	window := "every step"
	if tt != nil {
		window = fmt.Sprintf("steps %d..%d", tt[0], tt[1])
	}
	fmt.Fprintf(stdout, "mean error %.5g over %s (%s)\nwrote %s", mean/float64(len(traj)), plural(len(traj), "condition"), window, out)
	if plotsDir != "" {
		fmt.Fprintf(stdout, " and plots in %s", dirSlash(plotsDir))
	}
	fmt.Fprintln(stdout)
	return nil
}

// colMajorT returns a T×k row-major matrix as a k×T MATLAB matrix: the
// same numbers in the same order.
func colMajorT[T rnn.Float](d *mat.Dense[T]) *matfile.Numeric {
	return matfile.NewMatrix(d.Cols, d.Rows, mat.ConvertVec[float64](d.Flat()))
}

// colMajor returns a row-major matrix as the MATLAB matrix of the same
// shape.
func colMajor(d *mat.Dense[float64]) *matfile.Numeric {
	data := make([]float64, d.Rows*d.Cols)
	for i := 0; i < d.Rows; i++ {
		for j, v := range d.Row(i) {
			data[j*d.Rows+i] = v
		}
	}
	return matfile.NewMatrix(d.Rows, d.Cols, data)
}

// writeMatTrajectories writes a run of task as MATLAB expects it: Z, R and
// X as 1×C cell arrays of B×T and N×T matrices, errors C×2 (output,
// energy), the output function's record (e.g. hand) as 1×C cells of
// 2×(T+1), and the task as in a task file: inp (when it has inputs) and
// targ, 1×C cells of I×T and B×T.
func writeMatTrajectories[T rnn.Float](path string, traj []rnn.Trajectory[T], task *rnn.Task) error {
	c := len(traj)
	cells := func(get func(tj rnn.Trajectory[T]) *matfile.Numeric) *matfile.Cell {
		cl := &matfile.Cell{Dims: []int{1, c}}
		for _, tj := range traj {
			cl.Elems = append(cl.Elems, get(tj))
		}
		return cl
	}
	errs := make([]float64, 2*c)
	for i, tj := range traj {
		errs[i], errs[c+i] = tj.Errors.Output, tj.Errors.Energy
	}
	vars := []matfile.Var{
		{Name: "Z", Value: cells(func(tj rnn.Trajectory[T]) *matfile.Numeric { return colMajorT(tj.Z) })},
		{Name: "R", Value: cells(func(tj rnn.Trajectory[T]) *matfile.Numeric { return colMajorT(tj.R) })},
		{Name: "X", Value: cells(func(tj rnn.Trajectory[T]) *matfile.Numeric { return colMajorT(tj.X) })},
		{Name: "errors", Value: matfile.NewMatrix(c, 2, errs)},
	}
	for k, rec := range traj[0].Record {
		cl := &matfile.Cell{Dims: []int{1, c}}
		for _, tj := range traj {
			if len(tj.Record) <= k || tj.Record[k].Name != rec.Name {
				return fmt.Errorf("output record %q differs between conditions", rec.Name)
			}
			r := tj.Record[k]
			cl.Elems = append(cl.Elems, matfile.NewMatrix(r.Cols, r.Rows, slices.Clone(r.Data)))
		}
		vars = append(vars, matfile.Var{Name: rec.Name, Value: cl})
	}
	return matfile.WriteFile(path, append(vars, taskVars(task)...))
}

func cmdExportModel(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export-model", "hebbrnn export-model --model M.npz --out M.mat\n\n"+
		"Writes a model for MATLAB/Octave: J (N×N), wIn (N×I), wFb (N×B), biasValue, biasUnits and\n"+
		"outputUnits (1-based), x0 (N×1) and the configuration (N, I, B, p, g, dt, tau, actFun,\n"+
		"netNoiseSigma, energyCost, feedback, precision).", stdout)
	modelF := fs.String("model", "", "model or checkpoint `file` (.npz)")
	outF := fs.String("out", "", "MATLAB `file` to write (.mat)")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *outF == "" || !hasExt(*outF, ".mat") {
		return usagef("--out: %q must name a .mat file", *outF)
	}
	if err := outputFile("--out", *outF); err != nil {
		return err
	}
	m, _, err := readModelFlag("--model", *modelF, noSizes)
	if err != nil {
		return err
	}
	if _, err := rnn.NetworkOf[float64](m); err != nil {
		return usagef("--model: %s: %v", *modelF, err)
	}
	if err := matfile.WriteFile(*outF, modelVars(m)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (N=%d, I=%d, B=%d)\n", *outF, m.Config.Units, m.Config.Inputs, m.Config.Outputs)
	return nil
}

// modelVars returns the MATLAB variables of a model.
func modelVars(m *rnn.ModelFile) []matfile.Var {
	c := m.Config
	oneBased := func(v []int) *matfile.Numeric {
		d := make([]float64, len(v))
		for i, u := range v {
			d[i] = float64(u + 1)
		}
		return matfile.NewMatrix(1, len(d), d)
	}
	scalar := func(v float64) *matfile.Numeric { return matfile.NewMatrix(1, 1, []float64{v}) }
	x0 := m.X0
	if x0 == nil {
		x0 = make([]float64, c.Units)
	}
	fb := 0.0
	if c.Feedback {
		fb = 1
	}
	prec := m.Precision
	if prec == "" {
		prec = "f64"
	}
	outUnits, biasUnits := c.OutputUnits, c.BiasUnitIdx
	if outUnits == nil {
		for i := 0; i < c.Outputs; i++ {
			outUnits = append(outUnits, i)
		}
		for i := 0; i < c.BiasUnits; i++ {
			biasUnits = append(biasUnits, c.Outputs+i)
		}
	}
	return []matfile.Var{
		{Name: "J", Value: colMajor(m.J)},
		{Name: "wIn", Value: colMajor(m.WIn)},
		{Name: "wFb", Value: colMajor(m.WFb)},
		{Name: "biasValue", Value: matfile.NewMatrix(1, len(m.BiasValue), slices.Clone(m.BiasValue))},
		{Name: "biasUnits", Value: oneBased(biasUnits)},
		{Name: "outputUnits", Value: oneBased(outUnits)},
		{Name: "x0", Value: matfile.NewMatrix(c.Units, 1, slices.Clone(x0))},
		{Name: "N", Value: scalar(float64(c.Units))},
		{Name: "I", Value: scalar(float64(c.Inputs))},
		{Name: "B", Value: scalar(float64(c.Outputs))},
		{Name: "p", Value: scalar(c.P)},
		{Name: "g", Value: scalar(c.G)},
		{Name: "dt", Value: scalar(c.Dt)},
		{Name: "tau", Value: scalar(c.Tau)},
		{Name: "actFun", Value: matfile.NewString(c.Act.String())},
		{Name: "netNoiseSigma", Value: scalar(c.Noise)},
		{Name: "energyCost", Value: scalar(c.EnergyCost)},
		{Name: "feedback", Value: &matfile.Numeric{Dims: []int{1, 1}, Class: matfile.Logical, Data: []float64{fb}}},
		{Name: "precision", Value: matfile.NewString(prec)},
	}
}

func cmdPlot(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("plot", "hebbrnn plot [--log run.jsonl] [--traj traj.npz|traj.mat [--task T]] --out DIR\n\n"+
		"Draws learning.svg from a training log, and outputs.svg (hand.svg for the arm) from a\n"+
		"trajectories file of hebbrnn run; --task adds the targets and the error window.", stdout)
	logF := fs.String("log", "", "training log `file` (.jsonl)")
	trajF := fs.String("traj", "", "trajectories `file` (.npz or .mat) written by hebbrnn run")
	taskF := fs.String("task", "", "task of the trajectories, to draw the targets ("+builtinTasks+", or a file)")
	variantF := fs.String("variant", rnn.DefaultVariant, "variant of a built-in --task: "+strings.Join(rnn.Variants, " or "))
	targetTimes := fs.String("target-times", "", "error window A:B to shade (default: the task's)")
	tol := fs.Float64("tolerance", -1, "tolerance line of the learning curve (default: the log's)")
	outF := fs.String("out", "", "output `directory`")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *outF == "" {
		return usagef("--out is required (the directory for the plots)")
	}
	if *logF == "" && *trajF == "" {
		return usagef("nothing to plot: give --log and/or --traj")
	}
	if err := outputDir("--out", *outF); err != nil {
		return err
	}
	var hist []logEntry
	if *logF != "" {
		if err := fileMustExist("--log", *logF); err != nil {
			return err
		}
		h, err := readLog(*logF)
		if err != nil {
			return usagef("--log: %v", err)
		}
		if len(h) == 0 {
			return usagef("--log: %s holds no evaluations", *logF)
		}
		hist = h
	}
	var ts *trajSet
	var spec *taskSpec
	var tt *[2]int
	if *trajF != "" {
		if err := fileMustExist("--traj", *trajF); err != nil {
			return err
		}
		var err error
		if ts, err = readTrajSet(*trajF); err != nil {
			return usagef("--traj: %v", err)
		}
		if *taskF != "" {
			if spec, err = loadTaskVariant("--task", *taskF, *variantF); err != nil {
				return err
			}
			t := spec.Task
			if t.Conditions() != len(ts.Z) || t.Steps() != ts.T || t.TargetSize() != ts.B {
				return usagef("--task: %s has %d conditions × %d steps × %d outputs, the trajectories %d × %d × %d",
					spec.Name, t.Conditions(), t.Steps(), t.TargetSize(), len(ts.Z), ts.T, ts.B)
			}
			tt = spec.Options.TargetTimes
			ts.Dt = spec.Config.Dt // the task's step, as run --plots draws it
		}
		if fs.isSet("target-times") {
			if tt, err = parseRange("--target-times", *targetTimes); err != nil {
				return err
			}
			if tt != nil && tt[1] >= ts.T {
				return usagef("--target-times: %s reaches past the last step %d", *targetTimes, ts.T-1)
			}
		}
	} else if *taskF != "" {
		return usagef("--task needs --traj")
	}
	if err := os.MkdirAll(*outF, 0o755); err != nil {
		return err
	}
	var wrote []string
	if hist != nil {
		t := *tol
		if t < 0 {
			t = hist[len(hist)-1].Tolerance
		}
		var task *rnn.Task
		if spec != nil {
			task = spec.Task
		}
		if err := learningFigure(hist, t, task).WriteFile(filepath.Join(*outF, "learning.svg")); err != nil {
			return err
		}
		wrote = append(wrote, "learning.svg")
	}
	if ts != nil {
		var task *rnn.Task
		if spec != nil {
			task = spec.Task
		}
		if err := writeTrajPlots(*outF, ts, task, tt); err != nil {
			return err
		}
		wrote = append(wrote, "outputs.svg")
		if len(ts.Records["hand"]) > 0 {
			wrote = append(wrote, "hand.svg")
		}
	}
	fmt.Fprintf(stdout, "wrote %s in %s\n", strings.Join(wrote, ", "), dirSlash(*outF))
	return nil
}

// readTrajSet reads the outputs and the arm record of a trajectories file.
func readTrajSet(path string) (*trajSet, error) {
	if hasExt(path, ".mat") {
		return readMatTrajSet(path)
	}
	if !hasExt(path, ".npz") {
		return nil, fmt.Errorf("%s is neither a .npz nor a .mat trajectories file", path)
	}
	z, err := npy.ReadNPZFile(path)
	if err != nil {
		return nil, err
	}
	s, ok := z.Shape("Z")
	if !ok {
		return nil, fmt.Errorf("%s: missing array \"Z\" (outputs, shape (C, T, B))", path)
	}
	if len(s) != 3 || s[0] == 0 || s[1] == 0 || s[2] == 0 {
		return nil, fmt.Errorf("%s: Z has shape %v, want (C, T, B)", path, s)
	}
	data, err := z.Float64("Z", s...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c, steps, b := s[0], s[1], s[2]
	ts := &trajSet{T: steps, B: b, Records: map[string][][]float64{}}
	for i := 0; i < c; i++ {
		ts.Z = append(ts.Z, data[i*steps*b:(i+1)*steps*b])
	}
	for _, name := range []string{"hand", "elbow", "angles"} {
		rs, ok := z.Shape(name)
		if !ok {
			continue
		}
		if len(rs) != 3 || rs[0] != c || rs[2] != 2 {
			return nil, fmt.Errorf("%s: %s has shape %v, want (%d, T+1, 2)", path, name, rs, c)
		}
		d, err := z.Float64(name, rs...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		n := rs[1] * 2
		for i := 0; i < c; i++ {
			ts.Records[name] = append(ts.Records[name], d[i*n:(i+1)*n])
		}
	}
	return ts, nil
}

// readMatTrajSet reads the outputs and the arm record of a MATLAB
// trajectories file as run writes it: Z a 1×C cell of B×T matrices, hand,
// elbow and angles 1×C cells of 2×(T+1). A B×T column-major matrix holds
// the numbers of a T×B row-major one in the same order.
func readMatTrajSet(path string) (*trajSet, error) {
	vars, err := matfile.ReadFile(path)
	if err != nil {
		return nil, err
	}
	v, ok := matfile.Lookup(vars, "Z")
	if !ok {
		return nil, fmt.Errorf("%s: missing variable \"Z\" (outputs, a 1×C cell of B×T matrices)", path)
	}
	zs, err := matCells(path, "Z", v)
	if err != nil {
		return nil, err
	}
	b, steps := zs[0].Dims[0], zs[0].Dims[1]
	ts := &trajSet{T: steps, B: b, Records: map[string][][]float64{}}
	for i, m := range zs {
		if m.Dims[0] != b || m.Dims[1] != steps || b == 0 {
			return nil, fmt.Errorf("%s: Z{%d} is %d×%d, want %d×%d like Z{1} (B×T, B > 0)", path, i+1, m.Dims[0], m.Dims[1], b, steps)
		}
		ts.Z = append(ts.Z, m.Data)
	}
	for _, name := range []string{"hand", "elbow", "angles"} {
		v, ok := matfile.Lookup(vars, name)
		if !ok {
			continue
		}
		rs, err := matCells(path, name, v)
		if err != nil {
			return nil, err
		}
		if len(rs) != len(zs) {
			return nil, fmt.Errorf("%s: %s has %d cells, Z %d: one per condition", path, name, len(rs), len(zs))
		}
		for i, m := range rs {
			if m.Dims[0] != 2 || m.Dims[1] != rs[0].Dims[1] {
				return nil, fmt.Errorf("%s: %s{%d} is %d×%d, want 2×(T+1) like %s{1}", path, name, i+1, m.Dims[0], m.Dims[1], name)
			}
			ts.Records[name] = append(ts.Records[name], m.Data)
		}
	}
	return ts, nil
}
