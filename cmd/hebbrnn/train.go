package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"github.com/hebbrnn/hebbrnn/internal/atomicfile"
	"github.com/hebbrnn/hebbrnn/kernel"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// autoThreads is the default number of goroutines of a learning trial
// (train) and of a clean run (run). Each step ends in a barrier, and the
// step's serial part stays on one goroutine, so a second thread pays only
// when J is large enough for its half of the matrix-vector product to take
// a few microseconds. Measured on this project's 2-core machine (medians,
// bench/RESULTS.md): with J of 320 KB (f64, N = 200) two threads make a
// trial 26% and the lockstep evaluation 32% faster; with 160 to 180 KB
// (f32 N = 200, f64 N = 150) they make the trial no faster or slower and
// the f32 evaluation 29% slower. Hence all CPUs from 256 KiB of J (f64
// N ≥ 182, f32 N ≥ 256), one below.
func autoThreads[T rnn.Float](units int) int {
	var z T
	if units*units*int(unsafe.Sizeof(z)) < 256<<10 {
		return 1
	}
	return runtime.NumCPU()
}

// defaultMaxPasses bounds a new run of a built-in task that names no
// limit of its own: DNMS reaches its tolerance in about 2000 passes when it
// does (the original took 1760).
const defaultMaxPasses = 6000

// Streams of the generators this command derives from --seed, apart from
// the trainer's own.
const (
	netStream    = 0x6e6574776f726b // "network": initial weights
	replayStream = 0x7265706c6179   // "replay": network noise of a replayed run
)

// trainJob is a validated train command line.
type trainJob struct {
	spec      *taskSpec
	opt       rnn.Options
	cfg       rnn.Config     // network of a new run
	model     *rnn.ModelFile // --model or --resume
	resume    bool
	seed      uint64
	precision string
	threads   int

	dir, out, logPath, plotsDir string
	recordPath, replayPath      string
	replay                      *rnn.Recording
	quiet                       bool
	stderr                      io.Writer
}

// optionFlags maps the keys of the learning options to their flags, to
// name the flag in an error of rnn.Options.Validate.
var optionFlags = map[string]string{
	"eta": "--eta", "perturbRate": "--perturb-rate", "beta": "--beta", "maxdJ": "--max-dj",
	"alphaX": "--alpha-x", "alphaR": "--alpha-r", "targetTimes": "--target-times", "order": "--order",
	"evalEvery": "--eval-every", "tolerance": "--tolerance", "maxPasses": "--max-passes",
	"method": "--method", "maximum": "--max-time",
}

func cmdTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train", "hebbrnn train [--task dnms|co|FILE.npz|FILE.mat] [flags]\n\n"+
		"Trains a network with reward-modulated Hebbian learning. By default everything goes to\n"+
		"run-TASK/: model.npz (the network, rewritten as a checkpoint at every evaluation),\n"+
		"log.jsonl (one JSON object per evaluation) and plots/ (SVG, refreshed as it trains).\n"+
		"Ctrl-C stops after the current trial and saves; a second Ctrl-C exits at once.", stdout)
	taskF := fs.String("task", "dnms", "task: dnms, co, or a task `file` (.npz with targets (C,T,B) and inputs (C,T,I), or .mat with cell arrays inp {I×T} and targ {B×T})")
	modelF := fs.String("model", "", "start from the network in this model `file` (.npz, or .mat as export-model writes it) instead of a new random one")
	resumeF := fs.String("resume", "", "continue the run saved in this checkpoint `file` (.npz) exactly where it stopped")
	// Network.
	neurons := fs.Int("neurons", 0, "number of recurrent units N (default: the task's reference; 200 for a task file)")
	sparsity := fs.Float64("sparsity", 0, "connection probability p of J in [0, 1] (default: the task's reference, 1)")
	gain := fs.Float64("gain", 0, "gain g of the initial J (default: the task's reference)")
	dt := fs.Float64("dt", 0, "time step in ms (default 1)")
	tau := fs.Float64("tau", 0, "time constant in ms (default 30)")
	activation := fs.String("activation", "", "rate function: tanh, recttanh, baselinetanh or linear (default tanh)")
	noise := fs.Float64("noise", 0, "standard deviation of the network noise (default 0)")
	biasUnits := fs.Int("bias-units", 0, "number of bias units (default: the task's reference)")
	feedback := fs.Bool("feedback", false, "feed the output back through wFb")
	energy := fs.Float64("energy-cost", 0, "weight c of the energy error (default: the task's reference)")
	// Learning options.
	optionsF := fs.String("options", "", "learning options `file` (JSON, keys of rnn.Options); flags override it")
	eta := fs.Float64("eta", 0, "learning rate (default: the task's reference options)")
	perturbRate := fs.Float64("perturb-rate", 0, "perturbations per unit per second (Hz) (default: the task's reference options)")
	beta := fs.Float64("beta", 0, "perturbation amplitude: U(-beta, beta) (default: the task's reference options)")
	maxDJ := fs.Float64("max-dj", 0, "bound on |ΔJ| of one weight per trial (default: the task's reference options)")
	alphaX := fs.Float64("alpha-x", 0, "decay of the trace of x, in [0, 1] (default: the task's reference options)")
	alphaR := fs.Float64("alpha-r", 0, "decay of the expected error, in [0, 1] (default: the task's reference options)")
	targetTimes := fs.String("target-times", "", "steps A:B (0-based, inclusive) counted by the error, or \"all\"")
	order := fs.String("order", "", "order of conditions in a pass: shuffled or linear (default: the task's reference options)")
	evalEvery := fs.Int("eval-every", 0, "evaluate (log, checkpoint, plot) every `k` passes and after the first")
	tolerance := fs.Float64("tolerance", 0, "stop when the evaluated error is ≤ this (0: never)")
	maxPasses := fs.Int("max-passes", 0, "stop after this many passes (0: no limit)")
	maxTime := fs.String("max-time", "", "stop after this much training time (e.g. 90s, 2h; 0: no limit)")
	method := fs.String("method", "", "learning rule: hebbian (default) or node (node perturbation)")
	// Run.
	seed := fs.Uint64("seed", 1, "seed of the initial weights, the perturbations and the order of conditions")
	precision := fs.String("precision", "", "arithmetic: f64 or f32 (default f64, or the model's)")
	threads := fs.Int("threads", 0, "goroutines a learning trial runs on, each owning a block of units (default: all CPUs when J takes 256 KiB or more, else 1); results do not depend on it")
	dir := fs.String("dir", "", "output `directory` for model.npz, log.jsonl and plots/ (default run-TASK, or the checkpoint's directory)")
	out := fs.String("out", "", "the trained network and checkpoint `file` (.npz; default DIR/model.npz)")
	logF := fs.String("log", "", "training log `file`, one JSON object per evaluation (default DIR/log.jsonl; \"none\" for no log)")
	plots := fs.String("plots", "", "`directory` of SVG plots (default DIR/plots; \"none\" for no plots)")
	record := fs.String("record-perturbations", "", "write every learning trial's perturbations to this `file` (.npz, dense: T×N numbers per trial)")
	replay := fs.String("replay-perturbations", "", "replay the perturbations recorded in this `file` (.npz) instead of drawing them")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	force := fs.Bool("force", false, "overwrite an existing model or log of a new run")
	if err := fs.parse(args); err != nil {
		return err
	}

	job := &trainJob{seed: *seed, quiet: *quiet, stderr: stderr}
	if err := checkPrecision(*precision, true); err != nil {
		return err
	}
	job.precision = *precision
	if fs.isSet("threads") && (*threads < 1 || *threads > 1<<16) {
		return usagef("--threads: %d must be at least 1", *threads)
	}
	job.threads = *threads // 0: chosen by autoThreads once the network is known
	netFlags := []string{"neurons", "sparsity", "gain", "dt", "tau", "activation", "noise", "bias-units", "feedback", "energy-cost"}
	switch {
	case *resumeF != "" && *modelF != "":
		return usagef("--model and --resume exclude each other (a checkpoint holds its network)")
	case *resumeF != "" && fs.isSet("seed"):
		return usagef("--seed cannot be used with --resume: the checkpoint holds the state of its generator")
	case *resumeF != "" && *record != "":
		return usagef("--record-perturbations cannot be used with --resume: a recording covers one whole run")
	case *record != "" && *replay != "":
		return usagef("--record-perturbations and --replay-perturbations exclude each other")
	}
	if *resumeF != "" || *modelF != "" {
		for _, name := range netFlags {
			if fs.isSet(name) {
				which := "--model"
				if *resumeF != "" {
					which = "--resume"
				}
				return usagef("--%s cannot be used with %s: the network comes from the file", name, which)
			}
		}
	}

	spec, err := loadTask("--task", *taskF)
	if err != nil {
		return err
	}
	job.spec = spec
	steps := spec.Task.Steps()

	// The network's file.
	base := spec.Options
	if path, flagName := *resumeF+*modelF, map[bool]string{true: "--resume", false: "--model"}[*resumeF != ""]; path != "" {
		if *resumeF != "" && !hasExt(path, ".npz") {
			return usagef("%s: %s is not a .npz checkpoint", flagName, path)
		}
		m, err := readModelFlag(flagName, path)
		if err != nil {
			return err
		}
		if _, err := rnn.NetworkOf[float64](m); err != nil {
			return usagef("%s: %s: %v", flagName, path, err)
		}
		job.model = m
		if *resumeF != "" {
			if _, err := m.ResumeState(); err != nil {
				return usagef("--resume: %s: %v", path, err)
			}
			base = *m.Options
			job.resume = true
		}
		if job.precision == "" {
			job.precision = m.Precision
		} else if job.resume && m.Precision != "" && m.Precision != job.precision {
			return usagef("--precision: the checkpoint was trained in %s; resuming in %s would not continue it exactly", m.Precision, job.precision)
		}
	}
	if job.precision == "" {
		job.precision = "f64"
	}

	// Learning options: the task's (or the checkpoint's), then the file,
	// then the flags. A new run of a built-in task without any limit stops
	// after defaultMaxPasses, so that the plain command ends even for a
	// seed whose learning stalls above the tolerance.
	opt := base
	if !job.resume && spec.Builtin && opt.MaxPasses == 0 && !fs.isSet("max-time") {
		opt.MaxPasses = defaultMaxPasses
	}
	if *optionsF != "" {
		if err := fileMustExist("--options", *optionsF); err != nil {
			return err
		}
		data, err := os.ReadFile(*optionsF)
		if err != nil {
			return usagef("--options: %v", err)
		}
		if opt, err = rnn.ParseOptions(data, base); err != nil {
			return usagef("--options: %s: %v", *optionsF, err)
		}
	}
	setF := func(name string, dst *float64, v float64) {
		if fs.isSet(name) {
			*dst = v
		}
	}
	setF("eta", &opt.Eta, *eta)
	setF("perturb-rate", &opt.PerturbRate, *perturbRate)
	setF("beta", &opt.Beta, *beta)
	setF("max-dj", &opt.MaxDJ, *maxDJ)
	setF("alpha-x", &opt.AlphaX, *alphaX)
	setF("alpha-r", &opt.AlphaR, *alphaR)
	setF("tolerance", &opt.Tolerance, *tolerance)
	if fs.isSet("target-times") {
		tt, err := parseRange("--target-times", *targetTimes)
		if err != nil {
			return err
		}
		if tt != nil && tt[1] >= steps {
			return usagef("--target-times: %s reaches past the task's last step %d", *targetTimes, steps-1)
		}
		opt.TargetTimes = tt
	}
	if fs.isSet("order") {
		opt.Order = *order
	}
	if fs.isSet("method") {
		opt.Method = *method
	}
	if fs.isSet("eval-every") {
		opt.EvalEvery = *evalEvery
	}
	if fs.isSet("max-passes") {
		opt.MaxPasses = *maxPasses
	}
	if fs.isSet("max-time") {
		if opt.MaxDuration, err = parseDuration("--max-time", *maxTime); err != nil {
			return err
		}
	}
	if err := opt.Validate(steps); err != nil {
		return usagef("%s", optionsError(err, fs, *optionsF))
	}
	job.opt = opt

	// A new network's configuration.
	if job.model == nil {
		cfg := spec.Config
		checks := []struct {
			name string
			ok   bool
			want string
		}{
			{"neurons", *neurons >= 1, "at least 1"},
			{"sparsity", *sparsity >= 0 && *sparsity <= 1, "in [0, 1]"},
			{"gain", !math.IsNaN(*gain) && !math.IsInf(*gain, 0), "a finite number"},
			{"dt", *dt > 0 && !math.IsInf(*dt, 0), "a positive number"},
			{"tau", *tau > 0 && !math.IsInf(*tau, 0), "a positive number"},
			{"noise", *noise >= 0 && !math.IsInf(*noise, 0), "a finite number ≥ 0"},
			{"bias-units", *biasUnits >= 0, "≥ 0"},
			{"energy-cost", *energy >= 0 && !math.IsInf(*energy, 0), "a finite number ≥ 0"},
		}
		for _, c := range checks {
			if fs.isSet(c.name) && !c.ok {
				return usagef("--%s: %s must be %s", c.name, fs.Lookup(c.name).Value, c.want)
			}
		}
		if fs.isSet("neurons") {
			cfg.Units = *neurons
		}
		setF("sparsity", &cfg.P, *sparsity)
		setF("gain", &cfg.G, *gain)
		setF("dt", &cfg.Dt, *dt)
		setF("tau", &cfg.Tau, *tau)
		setF("noise", &cfg.Noise, *noise)
		setF("energy-cost", &cfg.EnergyCost, *energy)
		if fs.isSet("bias-units") {
			cfg.BiasUnits = *biasUnits
		}
		if fs.isSet("feedback") {
			cfg.Feedback = *feedback
		}
		if fs.isSet("activation") {
			if cfg.Act, err = rnn.ParseActivation(*activation); err != nil {
				return usagef("--activation: %v", err)
			}
		}
		if cfg.Outputs+cfg.BiasUnits > cfg.Units {
			return usagef("--neurons: %d units cannot hold %d output and %d bias units", cfg.Units, cfg.Outputs, cfg.BiasUnits)
		}
		if err := cfg.Validate(); err != nil {
			return usagef("network: %v", err)
		}
		job.cfg = cfg
	}

	// Output paths.
	job.dir = *dir
	if job.dir == "" {
		if job.resume && !fs.isSet("out") {
			job.dir = filepath.Dir(*resumeF)
		} else {
			job.dir = "run-" + spec.Name
		}
	}
	job.out = *out
	switch {
	case job.out != "":
	case job.resume:
		job.out = *resumeF
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
	job.logPath = pick(*logF, filepath.Join(job.dir, "log.jsonl"))
	job.plotsDir = pick(*plots, filepath.Join(job.dir, "plots"))
	if !*force && !(job.resume && sameFile(job.out, *resumeF)) {
		if _, err := os.Stat(job.out); err == nil {
			return usagef("--out: %s already exists (use --force to overwrite it, or --resume %s to continue it)", job.out, job.out)
		}
	}
	if !*force && !job.resume && job.logPath != "" {
		if _, err := os.Stat(job.logPath); err == nil {
			return usagef("--log: %s already exists (use --force to overwrite it)", job.logPath)
		}
	}
	if *record != "" {
		if !hasExt(*record, ".npz") {
			return usagef("--record-perturbations: %s must end in .npz", *record)
		}
		if job.opt.MaxPasses == 0 {
			return usagef("--record-perturbations needs --max-passes: the recording holds every trial densely (T×N numbers each)")
		}
		job.recordPath = *record
	}
	if *replay != "" {
		if err := fileMustExist("--replay-perturbations", *replay); err != nil {
			return err
		}
		rec, err := rnn.ReadRecording(*replay)
		if err != nil {
			return usagef("--replay-perturbations: %v", err)
		}
		units := job.cfg.Units
		if job.model != nil {
			units = job.model.Config.Units
		}
		if rec.Trials() > 0 && (rec.Steps != steps || rec.Units != units) {
			return usagef("--replay-perturbations: %s holds trials of %d steps × %d units, this run has %d × %d", *replay, rec.Steps, rec.Units, steps, units)
		}
		c := spec.Task.Conditions()
		most := rec.Trials() / c
		if most == 0 {
			return usagef("--replay-perturbations: %s holds %d trials, fewer than one pass of %d conditions", *replay, rec.Trials(), c)
		}
		if job.opt.MaxPasses == 0 || job.opt.MaxPasses > most {
			job.opt.MaxPasses = most
		}
		job.replay, job.replayPath = rec, *replay
	}
	for _, d := range []string{filepath.Dir(job.out), job.plotsDir, dirOf(job.logPath), dirOf(job.recordPath)} {
		if d == "" {
			continue
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return usagef("cannot create directory %s: %v", d, err)
		}
	}
	if job.threads > 0 {
		runtime.GOMAXPROCS(max(job.threads, runtime.GOMAXPROCS(0)))
	}
	if job.precision == "f32" {
		return train[float32](job)
	}
	return train[float64](job)
}

func dirOf(path string) string {
	if path == "" {
		return ""
	}
	return filepath.Dir(path)
}

// sameFile reports whether two paths name the same file.
func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// optionsError names the flag (or the options file) behind an error of
// rnn.Options.Validate.
func optionsError(err error, fs *flagSet, optionsFile string) string {
	msg := err.Error()
	key, _, _ := strings.Cut(msg, " ")
	if f, ok := optionFlags[key]; ok && fs.isSet(strings.TrimPrefix(f, "--")) {
		return f + ": " + msg
	}
	if optionsFile != "" {
		return "--options: " + optionsFile + ": " + msg
	}
	return "learning options: " + msg
}

// logEntry is one line of the training log.
type logEntry struct {
	Pass       int          `json:"pass"`
	Trials     int          `json:"trials"`
	Error      jsonFloat    `json:"error"`
	Best       jsonFloat    `json:"best"`
	CondErrors []rnn.Errors `json:"condErrors"` // per condition: [output error, energy error]
	MeanAbsDJ  jsonFloat    `json:"meanAbsDJ"`
	PctClipped jsonFloat    `json:"pctClipped"`
	ElapsedSec jsonFloat    `json:"elapsedSec"`
	Tolerance  float64      `json:"tolerance,omitempty"`
}

// jsonFloat is a float64 that encodes NaN and ±Inf as null.
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(f))
}

func (f *jsonFloat) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = jsonFloat(math.NaN())
		return nil
	}
	return json.Unmarshal(b, (*float64)(f))
}

// readLog reads a training log.
func readLog(path string) ([]logEntry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []logEntry
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<26)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var e logEntry
		if err := json.Unmarshal(line, &e); err != nil {
			return nil, fmt.Errorf("%s: line %d: %v", path, n, err)
		}
		for i, c := range e.CondErrors {
			if math.IsNaN(c.Output) || math.IsNaN(c.Energy) {
				return nil, fmt.Errorf("%s: line %d: condErrors[%d] is not a number", path, n, i)
			}
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// writeLog writes the whole log atomically.
func writeLog(path string, entries []logEntry) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		for i := range entries {
			if err := enc.Encode(&entries[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

func train[T rnn.Float](job *trainJob) error {
	spec, opt := job.spec, job.opt
	var net *rnn.Network[T]
	var err error
	if job.model != nil {
		net, err = rnn.NetworkOf[T](job.model)
	} else {
		net, err = rnn.New[T](job.cfg, rand.New(rand.NewPCG(job.seed, netStream)))
	}
	if err != nil {
		return usagef("network: %v", err)
	}
	seed := job.seed
	var st rnn.TrainState
	if job.resume {
		st, _ = job.model.ResumeState()
		seed = st.Seed
	}
	tr, err := rnn.NewTrainer(net, spec.Task, opt, spec.Out.Clone(), seed)
	if err != nil {
		if job.model != nil {
			return usagef("the network of %s does not fit --task %s: %v", map[bool]string{true: "--resume", false: "--model"}[job.resume], spec.Name, err)
		}
		return usagef("%v", err)
	}
	var recorder *rnn.Recorder
	switch {
	case job.replay != nil:
		tr.Src = rnn.NewReplay(job.replay, rand.New(rand.NewPCG(seed, replayStream)))
	case job.recordPath != "":
		tr.WrapSource = func(src rnn.Source) rnn.Source {
			recorder = rnn.NewRecorder(src)
			return recorder
		}
	}
	if job.threads == 0 {
		job.threads = autoThreads[T](net.Units)
	}
	tr.Threads = job.threads
	defer tr.Close()
	var history []logEntry
	if job.resume {
		if err := tr.Resume(st); err != nil {
			return usagef("--resume: %v", err)
		}
		if job.logPath != "" {
			if old, err := readLog(job.logPath); err == nil {
				for _, e := range old {
					if e.Trials <= st.Trials {
						history = append(history, e)
					}
				}
			} else if !errors.Is(err, os.ErrNotExist) {
				return usagef("--log: %v", err)
			}
		}
	}

	pr := newProgress(job.stderr, job.quiet, opt.Tolerance, tr.State.Pass, time.Duration(tr.State.ElapsedSec*float64(time.Second)))
	pr.history = history
	n, c := net.Units, spec.Task.Conditions()
	what := "new network"
	if job.resume {
		what = fmt.Sprintf("resuming at pass %d", tr.State.Pass)
	} else if job.model != nil {
		what = "network from --model"
	}
	limits := []string{}
	if opt.Tolerance > 0 {
		limits = append(limits, fmt.Sprintf("tolerance %g", opt.Tolerance))
	}
	if opt.MaxPasses > 0 {
		limits = append(limits, fmt.Sprintf("max %d passes", opt.MaxPasses))
	}
	if opt.MaxDuration > 0 {
		limits = append(limits, "max "+opt.MaxDuration.String())
	}
	if len(limits) == 0 {
		limits = append(limits, "no limit: Ctrl-C stops")
	}
	impl := kernel.Impl64()
	if job.precision == "f32" {
		impl = kernel.Impl32()
	}
	pr.message(fmt.Sprintf("hebbrnn train: task %s (%d conditions × %d steps), %s N=%d I=%d B=%d, %s (%s kernels), seed %d, %d threads; eta %g, %g Hz, evaluation every %d passes, %s",
		spec.Name, c, spec.Task.Steps(), what, n, net.Inputs, net.Outputs, job.precision, impl, tr.State.Seed, job.threads,
		opt.Eta, opt.PerturbRate, opt.EvalEvery, strings.Join(limits, ", ")))
	if job.replay != nil {
		pr.message(fmt.Sprintf("replaying %d recorded trials from %s (at most %d passes)", job.replay.Trials(), job.replayPath, opt.MaxPasses))
	}
	if job.recordPath != "" {
		mb := float64(opt.MaxPasses) * float64(c) * float64(spec.Task.Steps()) * float64(n) * 8 / (1 << 20)
		pr.message(fmt.Sprintf("recording perturbations to %s (up to %.0f MiB)", job.recordPath, mb))
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// A process killed in the middle of writing leaves a hidden temporary
	// next to the file it was replacing; this run owns these outputs, so
	// it clears such leftovers.
	for _, p := range []string{job.out, job.logPath, job.recordPath} {
		if p != "" {
			_ = atomicfile.RemoveStale(p)
		}
	}
	if job.plotsDir != "" {
		for _, name := range []string{"learning.svg", "outputs.svg", "hand.svg"} {
			_ = atomicfile.RemoveStale(filepath.Join(job.plotsDir, name))
		}
	}
	writeCheckpoint := func() error { return rnn.WriteCheckpoint(job.out, tr) }
	var interrupted atomic.Bool
	plotter := &trainPlots[T]{dir: job.plotsDir, spec: spec, net: net, tol: opt.Tolerance, tt: opt.TargetTimes}
	tr.Observe = func(p rnn.Progress) error {
		e := logEntry{Pass: p.Pass, Trials: p.Trials, Error: jsonFloat(p.Error), Best: jsonFloat(p.Best), CondErrors: p.CondErrors,
			MeanAbsDJ: jsonFloat(p.MeanAbsDJ), PctClipped: jsonFloat(p.PctClipped), ElapsedSec: jsonFloat(p.Elapsed.Seconds()), Tolerance: opt.Tolerance}
		pr.history = append(pr.history, e)
		if job.logPath != "" {
			if err := writeLog(job.logPath, pr.history); err != nil {
				return err
			}
		}
		if err := writeCheckpoint(); err != nil {
			return err
		}
		if err := plotter.update(pr.history, false); err != nil {
			return err
		}
		pr.update(p)
		return nil
	}

	sigc := make(chan os.Signal, 2)
	signal.Notify(sigc, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigc)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for n := 0; ; n++ {
			select {
			case <-sigc:
			case <-done:
				return
			}
			if n == 0 {
				interrupted.Store(true)
				cancel()
				pr.message("stopping after the current trial, then saving (Ctrl-C again exits at once; the last checkpoint stays intact)")
				continue
			}
			if !job.quiet {
				fmt.Fprintf(job.stderr, "\nhebbrnn train: interrupted again, exiting now; last checkpoint: %s\n", job.out)
			}
			os.Exit(exitInterrupted)
		}
	}()

	res, trainErr := tr.Train(ctx)
	pr.finish()
	save := func() error {
		if err := writeCheckpoint(); err != nil {
			return err
		}
		if recorder != nil {
			if err := rnn.WriteRecording(job.recordPath, recorder.Rec); err != nil {
				return err
			}
		}
		return plotter.update(pr.history, true)
	}
	if trainErr != nil {
		if err := save(); err != nil {
			return fmt.Errorf("%v; saving the checkpoint failed too: %v", trainErr, err)
		}
		return fmt.Errorf("%v (the network before the failure is saved in %s)", trainErr, job.out)
	}
	if err := save(); err != nil {
		return err
	}
	why := string(res.Reason)
	if interrupted.Load() {
		why = "interrupted"
	}
	pr.message(fmt.Sprintf("stopped at pass %d (%s): error %.4g, best %.4g, %s of training", res.Pass, why, res.Error, tr.State.Best,
		formatDuration(time.Duration(tr.State.ElapsedSec*float64(time.Second)))))
	saved := []string{"model and checkpoint " + job.out}
	if job.logPath != "" {
		saved = append(saved, "log "+job.logPath)
	}
	if job.plotsDir != "" {
		saved = append(saved, "plots "+job.plotsDir+string(filepath.Separator))
	}
	if recorder != nil {
		saved = append(saved, "perturbations "+job.recordPath)
	}
	pr.message("saved " + strings.Join(saved, ", "))
	if interrupted.Load() {
		hint := "hebbrnn train --resume " + job.out
		if spec.Name != "dnms" {
			hint += " --task " + taskArg(spec)
		}
		pr.message("to continue: " + hint)
		return errInterrupted
	}
	return nil
}

// taskArg returns the --task value that names spec.
func taskArg(spec *taskSpec) string {
	if spec.Arg != "" {
		return spec.Arg
	}
	return spec.Name
}
