package main

import (
	"fmt"
	"io"
	"math/cmplx"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hebbrnn/hebbrnn/analysis"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// The streams of the random draws of analyze, apart from each other and
// from the network noise (seeded by --seed itself).
const (
	analyzeTrialStream = 0x616e2d747269616c // the trials of PCA and fixed points
	analyzeSweepStream = 0x616e2d7377656570 // the psychometric sweep
	analyzeStartStream = 0x616e2d7374617274 // the starts of the fixed-point search
)

// analyzeChunk is the number of trials run at once (bounds the memory of
// the psychometric sweep).
const analyzeChunk = 32

// pcaDims is the number of principal components kept per sample in
// pca.npz and drawn.
const pcaDims = 3

// analyzeJob is what analyze was asked to do.
type analyzeJob struct {
	spec                            *taskSpec
	model                           *rnn.ModelFile
	net                             *rnn.Network[float64]
	out                             string
	trials, starts                  int
	seed                            uint64
	threads                         int
	psychometric, pca, spectrum, fp bool
	intervals                       bool
	askedIntervals                  bool    // --intervals given: its failure is an error, not a note
	tt                              *[2]int // the response window (nil: every step)
	stderr                          io.Writer
}

func cmdAnalyze(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("analyze", "hebbrnn analyze --model M.npz --task T --out DIR [--trials K] [--seed S]\n\n"+
		"Analyses a trained network on a task and writes the figures and the numbers behind them\n"+
		"into DIR: psychometric.svg/csv (tasks with decisions), intervals.svg/csv (timing tasks),\n"+
		"pca.svg/npz, spectrum.svg/csv (J before and after training) and fixedpoints.svg/csv/npz.\n"+
		"With none of --psychometric, --intervals, --pca, --spectrum, --fixed-points every analysis\n"+
		"that applies to the task is made.", stdout)
	modelF := fs.String("model", "", "model or checkpoint `file` (.npz) written by hebbrnn train, or a .mat model")
	taskF := fs.String("task", "", "task: "+builtinTasks+", or a task `file` (.npz or .mat)")
	outF := fs.String("out", "", "output `directory`")
	trials := fs.Int("trials", 8, "trials `K` per trial type (PCA, fixed points), per evidence level (psychometric curves) and per sample interval (intervals)")
	starts := fs.Int("starts", 16, "starting states `S` of the fixed-point search per input condition, drawn from the trajectories")
	seed := fs.Uint64("seed", 1, "seed of the drawn trials, of the starting states and of the network noise")
	psych := fs.Bool("psychometric", false, "psychometric curves (tasks with decisions only)")
	intervals := fs.Bool("intervals", false, "produced against sample intervals (timing tasks only: rsg)")
	pca := fs.Bool("pca", false, "principal components of the trajectories")
	spectrum := fs.Bool("spectrum", false, "eigenvalues of J before and after training")
	fixed := fs.Bool("fixed-points", false, "fixed and slow points of the autonomous dynamics")
	var threads threadsValue
	fs.Var(&threads, "threads", threadsUsage("run", "block of steps"))
	if err := fs.parse(args); err != nil {
		return err
	}
	if *outF == "" {
		return usagef("--out is required (the directory for the figures and numbers)")
	}
	if fi, err := os.Stat(*outF); err == nil && !fi.IsDir() {
		return usagef("--out: %s is a file, not a directory", *outF)
	}
	if *trials < 1 || *trials > 100000 {
		return usagef("--trials: %d is not a count from 1 to 100000", *trials)
	}
	if *starts < 1 || *starts > 100000 {
		return usagef("--starts: %d is not a count from 1 to 100000", *starts)
	}
	spec, m, note, err := readTaskAndModel(*taskF, *modelF, "")
	if err != nil {
		return err
	}
	job := &analyzeJob{spec: spec, model: m, out: *outF, trials: *trials, starts: *starts, seed: *seed,
		threads: int(threads), stderr: stderr}
	_, sweeps := spec.Task.Gen.(rnn.Sweeper)
	if *psych && !sweeps {
		return usagef("--psychometric: task %s makes no decisions (its trials carry no evidence to sweep); leave the flag out for the other analyses", spec.Name)
	}
	_, times := spec.Task.Gen.(rnn.Timer)
	if *intervals && !times {
		return usagef("--intervals: task %s answers with no produced interval (only timing tasks such as rsg do); leave the flag out for the other analyses", spec.Name)
	}
	job.psychometric, job.intervals, job.pca, job.spectrum, job.fp = *psych, *intervals, *pca, *spectrum, *fixed
	job.askedIntervals = *intervals
	if !*psych && !*intervals && !*pca && !*spectrum && !*fixed {
		job.psychometric, job.intervals, job.pca, job.spectrum, job.fp = sweeps, times, true, true, true
	}
	if job.net, err = rnn.NetworkOf[float64](m); err != nil {
		return usagef("--model: %v", err)
	}
	if err := fitsTask(job.net, spec); err != nil {
		return usagef("the network of --model does not fit --task %s: %v", spec.Name, err)
	}
	job.tt = responseWindow(m, spec)
	res, err := job.compute()
	if err != nil {
		return err
	}
	if note != "" {
		fmt.Fprintln(stderr, note)
	}
	if err := outputDir("--out", *outF); err != nil {
		return err
	}
	wrote, err := job.write(res)
	if err != nil {
		return err
	}
	res.summary(stdout, job)
	fmt.Fprintf(stdout, "wrote %s in %s\n", strings.Join(wrote, ", "), dirSlash(*outF))
	return nil
}

// readTaskAndModel reads --task (required) and --model, a .mat model
// taking its sizes from the task; note is readModelFlag's. variant
// "" takes the variant recorded in the model (else the default).
func readTaskAndModel(taskArg, modelArg, variant string) (spec *taskSpec, m *rnn.ModelFile, note string, err error) {
	if taskArg == "" {
		return nil, nil, "", usagef("--task is required (%s, or a .npz / .mat task file)", builtinTasks)
	}
	if variant == "" {
		variant = modelVariant(modelArg, taskArg)
	}
	if spec, err = loadTaskVariant("--task", taskArg, variant); err != nil {
		return nil, nil, "", err
	}
	m, note, err = readModelFlag("--model", modelArg, modelSizes{spec.Config.Inputs, spec.Config.Outputs})
	if err != nil {
		return nil, nil, "", err
	}
	return spec, m, note, nil
}

// fitsTask checks that the network takes the task's inputs and makes its
// outputs, as a run would.
func fitsTask(net *rnn.Network[float64], spec *taskSpec) error {
	t := spec.Task
	if in := t.InputSize(); in != net.Inputs {
		return fmt.Errorf("the task has %s, the network %d", plural(in, "input"), net.Inputs)
	}
	b, err := spec.Out.Outputs(len(net.OutputUnits))
	if err != nil {
		return err
	}
	if b != t.TargetSize() {
		return fmt.Errorf("the network's output has %d values, the task's targets %d", b, t.TargetSize())
	}
	return nil
}

// responseWindow is the window of the choices: the checkpoint's target
// times, else the task's, else every step.
func responseWindow(m *rnn.ModelFile, spec *taskSpec) *[2]int {
	tt := spec.Options.TargetTimes
	if m.Options != nil && m.Options.TargetTimes != nil {
		tt = m.Options.TargetTimes
	}
	if tt != nil && tt[1] >= spec.Task.Steps() {
		return nil
	}
	return tt
}

// window returns the first and last step of the response window.
func (job *analyzeJob) window() (int, int) {
	if job.tt == nil {
		return 0, job.spec.Task.Steps() - 1
	}
	return job.tt[0], job.tt[1]
}

// inputCond is a constant input under which fixed points are sought: the
// input of the last step of a trial type (averaged over its trials), for
// every type that shares it.
type inputCond struct {
	U      []float64
	Types  []int
	Points []analysis.FixedPoint
	Note   string // why there are no points, when the search was not made
}

// analyzeResult is everything analyze computed.
type analyzeResult struct {
	typeNames             []string
	trials                []*rnn.Trial // the trials of PCA and the fixed points
	traj                  []rnn.Trajectory[float64]
	pca                   *analysis.PCA
	proj                  []*mat.Dense[float64] // per trial, steps×pcaDims
	typeMeans             []*mat.Dense[float64] // per type, steps×pcaDims (nil for a type without trials)
	specBefore, specAfter []complex128
	inputs                []*inputCond
	curves                []analysis.Curve
	intervals             *analysis.Intervals
	ivSamples, ivProduced []float64               // every trial of the interval sweep (produced -1: none)
	ivTol                 func(T float64) float64 // the task's tolerance of a correct produced interval
	channels, contexts    []string                // names of the sweep's evidence channels and contexts
	notes                 []string
}

// compute runs the analyses; every error of bad input comes before any
// file is written.
func (job *analyzeJob) compute() (*analyzeResult, error) {
	res := &analyzeResult{}
	t := job.spec.Task
	if job.pca || job.fp {
		if err := job.trajectories(res); err != nil {
			return nil, err
		}
	}
	if job.pca || job.fp {
		p, err := analysis.FitPCA(rates(res.traj))
		if err != nil {
			return nil, err
		}
		res.pca = p
		for _, tj := range res.traj {
			res.proj = append(res.proj, p.Project(tj.R, pcaDims))
		}
		res.typeMeans = meanByType(res.proj, res.trials, len(res.typeNames))
	}
	if job.spectrum {
		var err error
		if res.specAfter, err = analysis.Spectrum(job.model.J); err != nil {
			return nil, fmt.Errorf("spectrum of J: %w", err)
		}
		if job.model.J0 != nil {
			if res.specBefore, err = analysis.Spectrum(job.model.J0); err != nil {
				return nil, fmt.Errorf("spectrum of J0: %w", err)
			}
		} else {
			res.notes = append(res.notes, "the model keeps no J from before training (J0; written by hebbrnn train since this version): the spectrum shows J after training only")
		}
	}
	if job.fp {
		if err := job.fixedPoints(res); err != nil {
			return nil, err
		}
	}
	if job.psychometric {
		sw := t.Gen.(rnn.Sweeper)
		sweep := sw.Sweep(rand.New(rand.NewPCG(job.seed, analyzeSweepStream)), job.trials)
		t0, t1 := job.window()
		choices := make([]float64, 0, len(sweep))
		if err := job.eachRun(sweep, func(_ int, tj rnn.Trajectory[float64]) {
			choices = append(choices, analysis.Choice(tj.Z, t0, t1))
		}); err != nil {
			return nil, err
		}
		curves, err := analysis.Psychometric(sweep, choices)
		if err != nil {
			return nil, usagef("--psychometric: task %s: %v", job.spec.Name, err)
		}
		res.curves = curves
		res.channels, res.contexts = sw.EvidenceNames()
	}
	if job.intervals {
		if err := job.intervalSweep(res); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// ivStep is the step between the sample intervals of --intervals.
const ivStep = 10

// intervalSweep runs --trials noise-free trials of every sample interval
// from the task's shortest to its longest in steps of ivStep (and the
// longest), and the produced interval of each.
func (job *analyzeJob) intervalSweep(res *analyzeResult) error {
	tm := job.spec.Task.Gen.(rnn.Timer)
	lo, hi := tm.Intervals()
	var samples []int
	for T := lo; T < hi; T += ivStep {
		samples = append(samples, T)
	}
	samples = append(samples, hi)
	var sweep []*rnn.Trial
	steps, in, out := tm.Shape()
	for _, T := range samples {
		for range job.trials {
			tr := rnn.NewTrial(steps, in, out)
			tm.Fill(tr, T)
			sweep = append(sweep, tr)
		}
	}
	if err := job.eachRun(sweep, func(i int, tj rnn.Trajectory[float64]) {
		res.ivSamples = append(res.ivSamples, sweep[i].Value)
		res.ivProduced = append(res.ivProduced, float64(tm.Produced(sweep[i], tj.Z)))
	}); err != nil {
		return err
	}
	iv, err := analysis.IntervalReproduction(res.ivSamples, res.ivProduced, tm.Tolerance)
	if err != nil && !job.askedIntervals {
		// made by default: the other analyses are still written
		res.notes = append(res.notes, fmt.Sprintf("intervals: %v; no intervals.svg/csv", err))
		res.ivSamples, res.ivProduced = nil, nil
		return nil
	}
	if err != nil {
		return usagef("--intervals: task %s: %v (is the network trained on it? leave the flag out for the other analyses)", job.spec.Name, err)
	}
	res.intervals, res.ivTol = iv, tm.Tolerance
	return nil
}

// trajectories draws the trials of PCA and the fixed points (--trials per
// type of a generated task; the conditions of a fixed one) and runs them.
func (job *analyzeJob) trajectories(res *analyzeResult) error {
	t := job.spec.Task
	if g := t.Gen; g != nil {
		res.typeNames = g.Types()
		steps, in, out := g.Shape()
		r := rand.New(rand.NewPCG(job.seed, analyzeTrialStream))
		for typ := range res.typeNames {
			for range job.trials {
				tr := rnn.NewTrial(steps, in, out)
				g.Draw(r, typ, tr)
				tr.Type = typ
				res.trials = append(res.trials, tr)
			}
		}
	} else {
		for c := range t.Conditions() {
			res.typeNames = append(res.typeNames, t.ConditionName(c))
			tr := &rnn.Trial{Type: c, Target: t.Targets[c], Context: -1}
			if t.InputSize() > 0 {
				tr.Input = t.Inputs[c]
			}
			res.trials = append(res.trials, tr)
		}
	}
	return job.eachRun(res.trials, func(_ int, tj rnn.Trajectory[float64]) {
		tj.Record = nil
		res.traj = append(res.traj, tj)
	})
}

// eachRun runs trials cleanly, analyzeChunk at a time, and calls each
// with the index of every trial and its trajectory, in order.
func (job *analyzeJob) eachRun(trials []*rnn.Trial, each func(i int, tj rnn.Trajectory[float64])) error {
	for lo := 0; lo < len(trials); lo += analyzeChunk {
		traj, err := job.run(trials[lo:min(lo+analyzeChunk, len(trials))], uint64(lo))
		if err != nil {
			return err
		}
		for k, tj := range traj {
			each(lo+k, tj)
		}
	}
	return nil
}

// run runs trials cleanly (their noise seeded by --seed and the index of
// the first).
func (job *analyzeJob) run(trials []*rnn.Trial, first uint64) ([]rnn.Trajectory[float64], error) {
	task := &rnn.Task{Name: job.spec.Name}
	for _, tr := range trials {
		task.Targets = append(task.Targets, tr.Target)
		if tr.Input != nil {
			task.Inputs = append(task.Inputs, tr.Input)
		}
	}
	ro := rnn.RunOptions{Seed: job.seed + first, Threads: job.threads}
	if job.threads == 0 {
		ro.Threads, ro.AdaptThreads = autoThreads[float64](job.net.Units), true
	}
	traj, err := job.net.Run(task, job.spec.Out.Clone(), ro)
	if err != nil {
		return nil, usagef("the network of --model does not fit --task %s: %v", job.spec.Name, err)
	}
	return traj, nil
}

func rates(traj []rnn.Trajectory[float64]) []*mat.Dense[float64] {
	out := make([]*mat.Dense[float64], len(traj))
	for i, tj := range traj {
		out[i] = tj.R
	}
	return out
}

// meanByType averages the projections of the trials of each type.
func meanByType(proj []*mat.Dense[float64], trials []*rnn.Trial, types int) []*mat.Dense[float64] {
	means := make([]*mat.Dense[float64], types)
	counts := make([]int, types)
	for i, p := range proj {
		typ := trials[i].Type
		if means[typ] == nil {
			means[typ] = mat.NewDense[float64](p.Rows, p.Cols)
		}
		mat.Axpy(1, p.Flat(), means[typ].Data)
		counts[typ]++
	}
	for typ, m := range means {
		if m != nil {
			mat.Scal(1/float64(counts[typ]), m.Data)
		}
	}
	return means
}

// fixedPoints groups the trial types by the input of their last step and
// searches the fixed and slow points under each such input, from states
// drawn on the trajectories of its trials.
func (job *analyzeJob) fixedPoints(res *analyzeResult) error {
	ni := job.net.Inputs
	sums := make([][]float64, len(res.typeNames))
	counts := make([]int, len(res.typeNames))
	for _, tr := range res.trials {
		if sums[tr.Type] == nil {
			sums[tr.Type] = make([]float64, ni)
		}
		if tr.Input != nil {
			mat.Axpy(1, tr.Input.Row(tr.Input.Rows-1), sums[tr.Type])
		}
		counts[tr.Type]++
	}
	for typ, s := range sums {
		if counts[typ] == 0 {
			continue
		}
		mat.Scal(1/float64(counts[typ]), s)
		found := false
		for _, ic := range res.inputs {
			if slices.Equal(ic.U, s) {
				ic.Types = append(ic.Types, typ)
				found = true
				break
			}
		}
		if !found {
			res.inputs = append(res.inputs, &inputCond{U: s, Types: []int{typ}})
		}
	}
	r := rand.New(rand.NewPCG(job.seed, analyzeStartStream))
	for _, ic := range res.inputs {
		d, err := analysis.NewDynamics(job.net, ic.U, job.spec.Out)
		if err != nil {
			ic.Note = err.Error()
			res.notes = append(res.notes, "fixed points: "+err.Error())
			continue
		}
		var states []*mat.Dense[float64]
		for i, tr := range res.trials {
			if slices.Contains(ic.Types, tr.Type) {
				states = append(states, res.traj[i].X)
			}
		}
		pts, err := d.FindFixedPoints(analysis.SampleStates(states, job.starts, r), analysis.FindOptions{})
		if err != nil {
			return fmt.Errorf("fixed points: %w", err)
		}
		ic.Points = pts
	}
	return nil
}

// names returns the names of types.
func (res *analyzeResult) names(types []int) string {
	var s []string
	for _, t := range types {
		s = append(s, res.typeNames[t])
	}
	return strings.Join(s, ", ")
}

// summary prints the main numbers.
func (res *analyzeResult) summary(w io.Writer, job *analyzeJob) {
	for _, n := range res.notes {
		fmt.Fprintln(job.stderr, "note: "+n)
	}
	if res.pca != nil {
		cum := 0.0
		for _, v := range res.pca.Explained[:min(pcaDims, len(res.pca.Explained))] {
			cum += v
		}
		fmt.Fprintf(w, "PCA: %s × %d steps; PC1-%d explain %.1f%% of the variance (PC1 %.1f%%)\n",
			plural(len(res.trials), "trial"), job.spec.Task.Steps(), pcaDims, 100*cum, 100*res.pca.Explained[0])
	}
	if res.specAfter != nil {
		fmt.Fprintf(w, "spectrum of J: radius %.4g after training", cmplx.Abs(res.specAfter[0]))
		if res.specBefore != nil {
			fmt.Fprintf(w, ", %.4g before", cmplx.Abs(res.specBefore[0]))
		}
		fmt.Fprintln(w)
	}
	for k, ic := range res.inputs {
		if ic.Note != "" {
			continue
		}
		stable := 0
		maxQ := 0.0
		for _, p := range ic.Points {
			if p.Stable {
				stable++
			}
			maxQ = max(maxQ, p.Q)
		}
		fmt.Fprintf(w, "fixed points under input %d (%s): %d found, %d stable", k+1, res.names(ic.Types), len(ic.Points), stable)
		if len(ic.Points) > 0 {
			fmt.Fprintf(w, ", q ≤ %.2g", maxQ)
		}
		fmt.Fprintln(w)
	}
	if iv := res.intervals; iv != nil {
		fmt.Fprintf(w, "intervals: %d sample intervals %g-%g ms × %s: produced = %.4g + %.4g·T (slope %.3f), %.1f%% answered, %.1f%% correct\n",
			len(iv.Samples), iv.Samples[0], iv.Samples[len(iv.Samples)-1], plural(job.trials, "trial"),
			iv.Fit.Intercept, iv.Fit.Slope, iv.Fit.Slope, 100*iv.FracAnswered, 100*iv.FracCorrect)
	}
	for _, c := range res.curves {
		fmt.Fprintf(w, "psychometric: %s, %s: slope %.4g, bias %.4g", res.contextName(c.Context), res.channelName(c.Channel), roundTiny(c.Fit.Slope), c.Fit.Bias)
		if c.Fit.Separated {
			fmt.Fprint(w, " (the choices are all alike or split by the evidence: no finite fit, a step)")
		}
		fmt.Fprintln(w)
	}
}

// contextName names context c of the psychometric sweep.
func (res *analyzeResult) contextName(c int) string {
	if c < 0 {
		return "all trials"
	}
	return rnn.NameOr(res.contexts, c, "context")
}

// channelName names evidence channel c of the psychometric sweep.
func (res *analyzeResult) channelName(c int) string { return rnn.NameOr(res.channels, c, "channel") }

// write writes the figures and the numbers into a new directory inside
// job.out and then moves them into job.out, so that a failure leaves no
// half of them; it returns the names written.
func (job *analyzeJob) write(res *analyzeResult) ([]string, error) {
	tmp, err := os.MkdirTemp(job.out, ".analyze-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	type outFile struct {
		name  string
		write func(path string) error
	}
	var outs []outFile
	if res.curves != nil {
		outs = append(outs, outFile{"psychometric.svg", psychometricFigure(res).WriteFile}, outFile{"psychometric.csv", res.writePsychometricCSV})
	}
	if res.intervals != nil {
		outs = append(outs, outFile{"intervals.svg", intervalsFigure(res).WriteFile}, outFile{"intervals.csv", res.writeIntervalsCSV})
	}
	if job.pca {
		outs = append(outs, outFile{"pca.svg", pcaFigure(res, job.net.Dt).WriteFile}, outFile{"pca.npz", res.writePCA})
	}
	if res.specAfter != nil {
		outs = append(outs, outFile{"spectrum.svg", spectrumFigure(res).WriteFile}, outFile{"spectrum.csv", res.writeSpectrumCSV})
	}
	if job.fp {
		outs = append(outs, outFile{"fixedpoints.svg", fixedPointFigure(res).WriteFile}, outFile{"fixedpoints.csv", res.writeFixedPointsCSV},
			outFile{"fixedpoints.npz", func(p string) error { return res.writeFixedPoints(p, job.net) }})
	}
	var files []string
	for _, o := range outs {
		if err := o.write(filepath.Join(tmp, o.name)); err != nil {
			return nil, fmt.Errorf("%s: %w", o.name, err)
		}
		files = append(files, o.name)
	}
	for _, f := range files {
		if err := os.Rename(filepath.Join(tmp, f), filepath.Join(job.out, f)); err != nil {
			return nil, err
		}
	}
	return files, nil
}
