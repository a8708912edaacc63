package main

import (
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/hebbrnn/hebbrnn/rnn"
)

// trainFlags are the flags of train.
type trainFlags struct {
	task, model, resume, variant string
	// Network.
	neurons, biasUnits                     int
	sparsity, gain, dt, tau, noise, energy float64
	activation                             string
	feedback                               bool
	// Learning options.
	options                                                  string
	eta, perturbRate, beta, maxDJ, alphaX, alphaR, tolerance float64
	criterionError                                           float64
	validationPerType                                        int
	validationSeed                                           uint64
	targetTimes, order, maxTime, method                      string
	evalEvery, maxPasses                                     int
	// Run.
	seed                                 uint64
	precision                            string
	threads                              threadsValue
	dir, out, log, plots, record, replay string
	quiet, force                         bool
	tolPerCondition                      bool
}

const trainSynopsis = "hebbrnn train [--task NAME|FILE.npz|FILE.mat] [flags]\n\n" +
	"Trains a network with reward-modulated Hebbian learning. By default everything goes to\n" +
	"run-TASK/: model.npz (the network, rewritten as a checkpoint at every evaluation),\n" +
	"log.jsonl (one JSON object per evaluation) and plots/ (SVG, refreshed as it trains).\n" +
	"Ctrl-C stops after the current trial and saves; a second Ctrl-C exits at once."

// register defines the flags on fs.
func (f *trainFlags) register(fs *flagSet) {
	fs.StringVar(&f.task, "task", "dnms", "task: "+builtinTasks+", or a task `file` (.npz with targets (C,T,B) and inputs (C,T,I), or .mat with cell arrays inp {I×T} and targ {B×T})")
	fs.StringVar(&f.variant, "variant", rnn.DefaultVariant, "settings of a built-in task: "+strings.Join(rnn.Variants, " or ")+
		" (miconi: the network, task timing and rule of Miconi's code, for dnms and mante; default: the checkpoint's with --resume)")
	fs.StringVar(&f.model, "model", "", "start from the network in this model `file` (.npz, or .mat as export-model writes it) instead of a new random one")
	fs.StringVar(&f.resume, "resume", "", "continue the run saved in this checkpoint `file` (.npz) exactly where it stopped")
	// Network.
	fs.IntVar(&f.neurons, "neurons", 0, "number of recurrent units N (default: the task's reference; 200 for a task file)")
	fs.Float64Var(&f.sparsity, "sparsity", 0, "connection probability p of J in [0, 1] (default: the task's reference, 1)")
	fs.Float64Var(&f.gain, "gain", 0, "gain g of the initial J (default: the task's reference)")
	fs.Float64Var(&f.dt, "dt", 0, "time step in ms (default 1)")
	fs.Float64Var(&f.tau, "tau", 0, "time constant in ms (default 30)")
	fs.StringVar(&f.activation, "activation", "", "rate function: tanh, recttanh, baselinetanh or linear (default tanh)")
	fs.Float64Var(&f.noise, "noise", 0, "standard deviation of the network noise (default 0)")
	fs.IntVar(&f.biasUnits, "bias-units", 0, "number of bias units (default: the task's reference)")
	fs.BoolVar(&f.feedback, "feedback", false, "feed the output back through wFb")
	fs.Float64Var(&f.energy, "energy-cost", 0, "weight c of the energy error (default: the task's reference)")
	// Learning options.
	fs.StringVar(&f.options, "options", "", "learning options `file`: a JSON object with any of the keys "+strings.Join(optionKeys(), ", ")+"; flags override it")
	fs.Float64Var(&f.eta, "eta", 0, "learning rate (default: the task's reference options)")
	fs.Float64Var(&f.perturbRate, "perturb-rate", 0, "perturbations per unit per second (Hz) (default: the task's reference options)")
	fs.Float64Var(&f.beta, "beta", 0, "perturbation amplitude: U(-beta, beta) (default: the task's reference options)")
	fs.Float64Var(&f.maxDJ, "max-dj", 0, "bound on |ΔJ| of one weight per trial (default: the task's reference options)")
	fs.Float64Var(&f.alphaX, "alpha-x", 0, "decay of the trace of x, in [0, 1] (default: the task's reference options)")
	fs.Float64Var(&f.alphaR, "alpha-r", 0, "decay of the expected error, in [0, 1] (default: the task's reference options)")
	fs.StringVar(&f.targetTimes, "target-times", "", "steps A:B (0-based, inclusive) counted by the error, or \"all\"")
	fs.StringVar(&f.order, "order", "", "order of conditions in a pass: shuffled or linear (default: the task's reference options)")
	fs.IntVar(&f.evalEvery, "eval-every", 0, "evaluate (log, checkpoint, plot) every `k` passes and after the first")
	fs.Float64Var(&f.tolerance, "tolerance", 0, "stop when the evaluated error, the mean over the conditions, is ≤ this (0: never; one condition may still miss)")
	fs.BoolVar(&f.tolPerCondition, "tolerance-per-condition", false, "stop at the tolerance only when every condition's error is ≤ it, not just the mean")
	fs.Float64Var(&f.criterionError, "criterion-error", 0, "a learning trial whose output error is below this counts as correct for the trials to criterion, the first trial at which 95 of the last 100 were (default 1, fitting targets of ±1)")
	fs.IntVar(&f.validationPerType, "validation-per-type", 0, "trials of each trial type in the validation set of a generated task, which every evaluation runs (default 8)")
	fs.Uint64Var(&f.validationSeed, "validation-seed", 0, "seed of the validation set of a generated task, apart from --seed so that every seed of a study is evaluated on the same trials (default 1)")
	fs.IntVar(&f.maxPasses, "max-passes", 0, "stop after this many passes (0: no limit)")
	fs.StringVar(&f.maxTime, "max-time", "", "stop after this much training time (e.g. 90s, 2h; 0: no limit)")
	fs.StringVar(&f.method, "method", "", "learning rule: hebbian (default) or node (node perturbation)")
	// Run.
	fs.Uint64Var(&f.seed, "seed", 1, "seed of the initial weights, the perturbations and the order of conditions")
	fs.StringVar(&f.precision, "precision", "", "arithmetic: f64 or f32 (default f64, or the model's)")
	fs.Var(&f.threads, "threads", threadsUsage("learning trial", "trial"))
	fs.StringVar(&f.dir, "dir", "", "output `directory` for model.npz, log.jsonl and plots/ (default run-TASK, or the checkpoint's directory)")
	fs.StringVar(&f.out, "out", "", "the trained network and checkpoint `file` (.npz; default DIR/model.npz)")
	fs.StringVar(&f.log, "log", "", "training log `file`, one JSON object per evaluation (default DIR/log.jsonl; \"none\" for no log)")
	fs.StringVar(&f.plots, "plots", "", "`directory` of SVG plots (default DIR/plots; \"none\" for no plots)")
	fs.StringVar(&f.record, "record-perturbations", "", "write every learning trial's perturbations to this `file` (.npz, dense: T×N numbers per trial)")
	fs.StringVar(&f.replay, "replay-perturbations", "", "replay the perturbations recorded in this `file` (.npz) instead of drawing them")
	fs.BoolVar(&f.quiet, "quiet", false, "print nothing but errors")
	fs.BoolVar(&f.force, "force", false, "overwrite an existing model or log of a new run")
}

// optionFlag is a flag that sets a learning option: key is the option's
// key in rnn.Options (as an rnn.OptionError names it), apply sets the
// option from the flag's value (steps: the task's).
type optionFlag struct {
	flag, key string
	apply     func(f *trainFlags, o *rnn.Options, steps int) error
}

// optionFlags are the flags of the learning options, applied in this
// order over the task's options and the options file.
var optionFlags = []optionFlag{
	{"eta", "eta", func(f *trainFlags, o *rnn.Options, _ int) error { o.Eta = f.eta; return nil }},
	{"perturb-rate", "perturbRate", func(f *trainFlags, o *rnn.Options, _ int) error { o.PerturbRate = f.perturbRate; return nil }},
	{"beta", "beta", func(f *trainFlags, o *rnn.Options, _ int) error { o.Beta = f.beta; return nil }},
	{"max-dj", "maxdJ", func(f *trainFlags, o *rnn.Options, _ int) error { o.MaxDJ = f.maxDJ; return nil }},
	{"alpha-x", "alphaX", func(f *trainFlags, o *rnn.Options, _ int) error { o.AlphaX = f.alphaX; return nil }},
	{"alpha-r", "alphaR", func(f *trainFlags, o *rnn.Options, _ int) error { o.AlphaR = f.alphaR; return nil }},
	{"tolerance", "tolerance", func(f *trainFlags, o *rnn.Options, _ int) error { o.Tolerance = f.tolerance; return nil }},
	{"tolerance-per-condition", "tolerancePerCondition", func(f *trainFlags, o *rnn.Options, _ int) error {
		o.TolerancePerCondition = f.tolPerCondition
		return nil
	}},
	{"criterion-error", "criterionError", func(f *trainFlags, o *rnn.Options, _ int) error { o.CriterionError = f.criterionError; return nil }},
	{"validation-per-type", "validationPerType", func(f *trainFlags, o *rnn.Options, _ int) error {
		o.ValidationPerType = f.validationPerType
		return nil
	}},
	{"validation-seed", "validationSeed", func(f *trainFlags, o *rnn.Options, _ int) error { o.ValidationSeed = f.validationSeed; return nil }},
	{"target-times", "targetTimes", func(f *trainFlags, o *rnn.Options, steps int) error {
		tt, err := parseRange("--target-times", f.targetTimes)
		if err != nil {
			return err
		}
		if tt != nil && tt[1] >= steps {
			return usagef("--target-times: %s reaches past the task's last step %d", f.targetTimes, steps-1)
		}
		o.TargetTimes = tt
		return nil
	}},
	{"order", "order", func(f *trainFlags, o *rnn.Options, _ int) error { o.Order = f.order; return nil }},
	{"method", "method", func(f *trainFlags, o *rnn.Options, _ int) error { o.Method = f.method; return nil }},
	{"eval-every", "evalEvery", func(f *trainFlags, o *rnn.Options, _ int) error { o.EvalEvery = f.evalEvery; return nil }},
	{"max-passes", "maxPasses", func(f *trainFlags, o *rnn.Options, _ int) error { o.MaxPasses = f.maxPasses; return nil }},
	{"max-time", "maxDuration", func(f *trainFlags, o *rnn.Options, _ int) (err error) {
		o.MaxDuration, err = parseDuration("--max-time", f.maxTime)
		return err
	}},
}

// netFlag is a flag that sets the configuration of a new network: ok
// checks its value (nil: any value is checked by apply), which must be
// want; apply sets it.
type netFlag struct {
	flag  string
	ok    func(f *trainFlags) bool
	want  string
	apply func(f *trainFlags, c *rnn.Config) error
}

// netFlags are the flags of a new network, which --model and --resume
// exclude; all values are checked before any is applied.
var netFlags = []netFlag{
	{"neurons", func(f *trainFlags) bool { return f.neurons >= 1 }, "at least 1",
		func(f *trainFlags, c *rnn.Config) error { c.Units = f.neurons; return nil }},
	{"sparsity", func(f *trainFlags) bool { return f.sparsity >= 0 && f.sparsity <= 1 }, "in [0, 1]",
		func(f *trainFlags, c *rnn.Config) error { c.P = f.sparsity; return nil }},
	{"gain", func(f *trainFlags) bool { return !math.IsNaN(f.gain) && !math.IsInf(f.gain, 0) }, "a finite number",
		func(f *trainFlags, c *rnn.Config) error { c.G = f.gain; return nil }},
	{"dt", func(f *trainFlags) bool { return f.dt > 0 && !math.IsInf(f.dt, 0) }, "a positive number",
		func(f *trainFlags, c *rnn.Config) error { c.Dt = f.dt; return nil }},
	{"tau", func(f *trainFlags) bool { return f.tau > 0 && !math.IsInf(f.tau, 0) }, "a positive number",
		func(f *trainFlags, c *rnn.Config) error { c.Tau = f.tau; return nil }},
	{"activation", nil, "", func(f *trainFlags, c *rnn.Config) (err error) {
		if c.Act, err = rnn.ParseActivation(f.activation); err != nil {
			return usagef("--activation: %v", err)
		}
		return nil
	}},
	{"noise", func(f *trainFlags) bool { return f.noise >= 0 && !math.IsInf(f.noise, 0) }, "a finite number ≥ 0",
		func(f *trainFlags, c *rnn.Config) error { c.Noise = f.noise; return nil }},
	{"bias-units", func(f *trainFlags) bool { return f.biasUnits >= 0 }, "≥ 0",
		func(f *trainFlags, c *rnn.Config) error { c.BiasUnits = f.biasUnits; return nil }},
	{"feedback", nil, "", func(f *trainFlags, c *rnn.Config) error { c.Feedback = f.feedback; return nil }},
	{"energy-cost", func(f *trainFlags) bool { return f.energy >= 0 && !math.IsInf(f.energy, 0) }, "a finite number ≥ 0",
		func(f *trainFlags, c *rnn.Config) error { c.EnergyCost = f.energy; return nil }},
}

// job validates the parsed flags into a train job, creating its output
// directories.
func (f *trainFlags) job(fs *flagSet, stderr io.Writer) (*trainJob, error) {
	job := &trainJob{seed: f.seed, quiet: f.quiet, stderr: stderr}
	if err := f.checkCombinations(fs); err != nil {
		return nil, err
	}
	job.precision = f.precision
	job.threads = int(f.threads) // 0: auto, chosen by autoThreads once the network is known
	task, variant := f.task, f.variant
	if f.resume != "" {
		// A task file given with --task is taken as it is, whatever
		// became of the checkpoint's.
		resumed, resumedVariant, err := resumedTask(f.resume)
		if err != nil && !fs.isSet("task") {
			return nil, err
		}
		if resumed != "" && !fs.isSet("task") {
			task = resumed
		}
		if resumed != "" {
			if fs.isSet("variant") && variant != resumedVariant {
				return nil, usagef("--variant: the checkpoint was trained with variant %s; resuming with %s would not continue it (leave --variant out)", resumedVariant, variant)
			}
			variant = resumedVariant
		}
	}
	spec, err := loadTaskVariant("--task", task, variant)
	if err != nil {
		return nil, err
	}
	job.spec = spec
	base, err := job.readNetworkFile(f)
	if err != nil {
		return nil, err
	}
	if job.precision == "" {
		job.precision = "f64"
	}
	if job.opt, err = f.learningOptions(fs, job, base); err != nil {
		return nil, err
	}
	if job.model == nil {
		if job.cfg, err = f.network(fs, spec.Config); err != nil {
			return nil, err
		}
	}
	if err := job.outputPaths(f, fs); err != nil {
		return nil, err
	}
	if err := job.perturbationFiles(f); err != nil {
		return nil, err
	}
	for _, d := range []string{filepath.Dir(job.out), job.plotsDir, dirOf(job.logPath), dirOf(job.recordPath)} {
		if d == "" {
			continue
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, usagef("cannot create directory %s: %v", d, err)
		}
	}
	return job, nil
}

// checkCombinations checks --precision and --threads, and the flags that
// exclude each other.
func (f *trainFlags) checkCombinations(fs *flagSet) error {
	if err := checkPrecision(f.precision, true); err != nil {
		return err
	}
	switch {
	case f.resume != "" && f.model != "":
		return usagef("--model and --resume exclude each other (a checkpoint holds its network)")
	case f.resume != "" && fs.isSet("seed"):
		return usagef("--seed cannot be used with --resume: the checkpoint holds the state of its generator")
	case f.resume != "" && f.record != "":
		return usagef("--record-perturbations cannot be used with --resume: a recording covers one whole run")
	case f.record != "" && f.replay != "":
		return usagef("--record-perturbations and --replay-perturbations exclude each other")
	}
	if f.resume != "" || f.model != "" {
		for _, nf := range netFlags {
			if fs.isSet(nf.flag) {
				which := "--model"
				if f.resume != "" {
					which = "--resume"
				}
				return usagef("--%s cannot be used with %s: the network comes from the file", nf.flag, which)
			}
		}
	}
	return nil
}

// readNetworkFile reads the network of --model or --resume, if any, and
// returns the options the learning options start from: the task's, or the
// checkpoint's.
func (job *trainJob) readNetworkFile(f *trainFlags) (rnn.Options, error) {
	base := job.spec.Options
	path, flagName := f.resume+f.model, "--model"
	if f.resume != "" {
		flagName = "--resume"
	}
	if path == "" {
		return base, nil
	}
	if f.resume != "" && !hasExt(path, ".npz") {
		return base, usagef("%s: %s is not a .npz checkpoint", flagName, path)
	}
	m, note, err := readModelFlag(flagName, path, modelSizes{job.spec.Config.Inputs, job.spec.Config.Outputs})
	if err != nil {
		return base, err
	}
	if _, err := rnn.NetworkOf[float64](m); err != nil {
		return base, usagef("%s: %s: %v", flagName, path, err)
	}
	job.model, job.modelNote = m, note
	if f.resume != "" {
		if _, err := m.ResumeState(); err != nil {
			return base, usagef("--resume: %s: %v", path, err)
		}
		base = *m.Options
		job.resume = true
	}
	if job.precision == "" {
		job.precision = m.Precision
	} else if job.resume && m.Precision != "" && m.Precision != job.precision {
		return base, usagef("--precision: the checkpoint was trained in %s; resuming in %s would not continue it exactly", m.Precision, job.precision)
	}
	return base, nil
}

// learningOptions returns the learning options: base (the task's or the
// checkpoint's), then the options file over base, then the flags. A new
// run of a built-in task without any limit stops after defaultMaxPasses,
// so that the plain command ends even for a seed whose learning stalls
// above the tolerance.
func (f *trainFlags) learningOptions(fs *flagSet, job *trainJob, base rnn.Options) (rnn.Options, error) {
	opt := base
	if !job.resume && job.spec.Builtin && opt.MaxPasses == 0 && !fs.isSet("max-time") {
		opt.MaxPasses = defaultMaxPasses
	}
	if f.options != "" {
		if err := fileMustExist("--options", f.options); err != nil {
			return opt, err
		}
		data, err := os.ReadFile(f.options)
		if err != nil {
			return opt, usagef("--options: %v", err)
		}
		// Over opt, not base: a limit the file does not set stays.
		if opt, err = rnn.ParseOptions(data, opt); err != nil {
			if key, ok := unknownKey(err); ok {
				return opt, usagef("--options: %s: unknown key %q (the keys are %s)", f.options, key, strings.Join(optionKeys(), ", "))
			}
			return opt, usagef("--options: %s: %v", f.options, err)
		}
	}
	steps := job.spec.Task.Steps()
	for _, of := range optionFlags {
		if fs.isSet(of.flag) {
			if err := of.apply(f, &opt, steps); err != nil {
				return opt, err
			}
		}
	}
	if err := opt.Validate(steps); err != nil {
		return opt, f.optionsError(err, fs)
	}
	return opt, nil
}

// optionsError names the flag (or the options file) behind an error of
// rnn.Options.Validate.
func (f *trainFlags) optionsError(err error, fs *flagSet) error {
	var oe *rnn.OptionError
	if errors.As(err, &oe) {
		for _, of := range optionFlags {
			if of.key == oe.Key && fs.isSet(of.flag) {
				return usagef("--%s: %v", of.flag, err)
			}
		}
	}
	if f.options != "" {
		return usagef("--options: %s: %v", f.options, err)
	}
	return usagef("learning options: %v", err)
}

// network returns the configuration of a new network: the task's, cfg,
// with the flags over it.
func (f *trainFlags) network(fs *flagSet, cfg rnn.Config) (rnn.Config, error) {
	for _, nf := range netFlags {
		if fs.isSet(nf.flag) && nf.ok != nil && !nf.ok(f) {
			return cfg, usagef("--%s: %s must be %s", nf.flag, fs.Lookup(nf.flag).Value, nf.want)
		}
	}
	for _, nf := range netFlags {
		if fs.isSet(nf.flag) {
			if err := nf.apply(f, &cfg); err != nil {
				return cfg, err
			}
		}
	}
	if cfg.Outputs+cfg.BiasUnits > cfg.Units {
		return cfg, usagef("--neurons: %d units cannot hold %d output and %d bias units", cfg.Units, cfg.Outputs, cfg.BiasUnits)
	}
	if err := cfg.Validate(); err != nil {
		return cfg, usagef("network: %v", err)
	}
	return cfg, nil
}

// outputPaths sets the paths of the model, the log and the plots, and
// checks that a new run overwrites none without --force.
func (job *trainJob) outputPaths(f *trainFlags, fs *flagSet) error {
	job.dir = f.dir
	if job.dir == "" {
		if job.resume && !fs.isSet("out") {
			job.dir = filepath.Dir(f.resume)
		} else {
			job.dir = "run-" + job.spec.Name
			if job.spec.Variant != "" && job.spec.Variant != rnn.DefaultVariant {
				job.dir += "-" + job.spec.Variant
			}
		}
	}
	job.out = f.out
	switch {
	case job.out != "":
	case job.resume:
		job.out = f.resume
	default:
		job.out = filepath.Join(job.dir, "model.npz")
	}
	if !hasExt(job.out, ".npz") {
		return usagef("--out: %s must end in .npz", job.out)
	}
	pick := func(v, def string) string {
		switch v {
		case "":
			return def
		case "none", "-":
			return ""
		}
		return v
	}
	job.logPath = pick(f.log, filepath.Join(job.dir, "log.jsonl"))
	job.plotsDir = pick(f.plots, filepath.Join(job.dir, "plots"))
	if !f.force && !(job.resume && sameFile(job.out, f.resume)) {
		if _, err := os.Stat(job.out); err == nil {
			return usagef("--out: %s already exists (use --force to overwrite it, or --resume %s to continue it)", job.out, job.out)
		}
	}
	if !f.force && !job.resume && job.logPath != "" {
		if _, err := os.Stat(job.logPath); err == nil {
			return usagef("--log: %s already exists (use --force to overwrite it)", job.logPath)
		}
	}
	return nil
}

// perturbationFiles checks --record-perturbations, and reads the
// recording of --replay-perturbations, which bounds the run to the passes
// it holds.
func (job *trainJob) perturbationFiles(f *trainFlags) error {
	if f.record != "" {
		if !hasExt(f.record, ".npz") {
			return usagef("--record-perturbations: %s must end in .npz", f.record)
		}
		if job.opt.MaxPasses == 0 {
			return usagef("--record-perturbations needs --max-passes: the recording holds every trial densely (T×N numbers each)")
		}
		job.recordPath = f.record
	}
	if f.replay == "" {
		return nil
	}
	if err := fileMustExist("--replay-perturbations", f.replay); err != nil {
		return err
	}
	rec, err := rnn.ReadRecording(f.replay)
	if err != nil {
		return usagef("--replay-perturbations: %v", err)
	}
	units := job.cfg.Units
	if job.model != nil {
		units = job.model.Config.Units
	}
	steps := job.spec.Task.Steps()
	if rec.Trials() > 0 && (rec.Steps != steps || rec.Units != units) {
		return usagef("--replay-perturbations: %s holds trials of %d steps × %d units, this run has %d × %d", f.replay, rec.Steps, rec.Units, steps, units)
	}
	c := job.spec.Task.Conditions()
	most := rec.Trials() / c
	if most == 0 {
		return usagef("--replay-perturbations: %s holds %d trials, fewer than one pass of %d conditions", f.replay, rec.Trials(), c)
	}
	if job.opt.MaxPasses == 0 || job.opt.MaxPasses > most {
		job.opt.MaxPasses = most
	}
	job.replay, job.replayPath = rec, f.replay
	return nil
}

// optionKeys returns the keys of a learning-options file: the JSON names
// of rnn.Options.
func optionKeys() []string {
	var keys []string
	t := reflect.TypeFor[rnn.Options]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
}

// unknownKey returns the key named by an error of encoding/json about a
// field the options do not have.
func unknownKey(err error) (string, bool) {
	_, after, ok := strings.Cut(err.Error(), "json: unknown field ")
	if !ok {
		return "", false
	}
	key, err2 := strconv.Unquote(after)
	return key, err2 == nil
}
