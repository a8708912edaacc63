package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/hebbrnn/hebbrnn/internal/jsonl"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"github.com/hebbrnn/hebbrnn/internal/atomicfile"
	"github.com/hebbrnn/hebbrnn/mat"
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
	modelNote string         // what a .mat model took from the task and the defaults
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

func cmdTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train", trainSynopsis, stdout)
	var f trainFlags
	f.register(fs)
	if err := fs.parse(args); err != nil {
		return err
	}
	job, err := f.job(fs, stderr)
	if err != nil {
		return err
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
	// TrialsToCriterion is the first learning trial at which 95 of the
	// last 100 had an output error below the criterion error; null until
	// then.
	TrialsToCriterion *int `json:"trialsToCriterion"`
	// Accuracy is the fraction of the evaluated trials that were correct
	// (rnn.Progress.Accuracy); nil in the lines of a log written before
	// the measure, which a resumed run keeps as they are.
	Accuracy *jsonFloat `json:"accuracy,omitempty"`
	// Threads is the number of goroutines the trials run on at this
	// evaluation; ThreadChanges are the changes of an adaptive run
	// (--threads auto) since the previous entry.
	Threads       int           `json:"threads,omitempty"`
	ThreadChanges []threadEntry `json:"threadChanges,omitempty"`
	Version       string        `json:"version,omitempty"` // of hebbrnn, on the first line of a log
}

// threadEntry is a change of the thread count: from From to To threads
// after Trial learning trials, and why.
type threadEntry struct {
	Trial  int    `json:"trial"`
	From   int    `json:"from"`
	To     int    `json:"to"`
	Reason string `json:"reason"`
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
	return jsonl.Read(path, func(_ int, e *logEntry) error {
		for i, c := range e.CondErrors {
			if math.IsNaN(c.Output) || math.IsNaN(c.Energy) {
				return fmt.Errorf("condErrors[%d] is not a number", i)
			}
		}
		return nil
	})
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

// trainRun is one run of train: the trainer and what reports on it.
type trainRun[T rnn.Float] struct {
	job      *trainJob
	net      *rnn.Network[T]
	tr       *rnn.Trainer[T]
	recorder *rnn.Recorder // of --record-perturbations, else nil
	pr       *progress
	plotter  *trainPlots[T]
	changes  []threadEntry       // thread changes since the last log entry
	j0       *mat.Dense[float64] // J before training, kept in the checkpoint (nil: unknown)
}

func train[T rnn.Float](job *trainJob) error {
	r, err := newTrainRun[T](job)
	if err != nil {
		return err
	}
	defer r.tr.Close()
	r.banner()
	r.clearStale()
	r.tr.Observe = r.observe
	ctx, stop := r.handleSignals()
	defer stop()
	res, trainErr := r.tr.Train(ctx)
	r.pr.finish()
	return r.finish(res, trainErr, ctx.Err() != nil)
}

// newTrainRun builds the network and its trainer, resumed from the
// checkpoint of --resume with its log, and the progress report.
func newTrainRun[T rnn.Float](job *trainJob) (*trainRun[T], error) {
	var net *rnn.Network[T]
	var err error
	if job.model != nil {
		net, err = rnn.NetworkOf[T](job.model)
	} else {
		net, err = rnn.NewNetwork[T](job.cfg, job.spec.Init, rand.New(rand.NewPCG(job.seed, netStream)))
	}
	if err != nil {
		return nil, usagef("network: %v", err)
	}
	seed := job.seed
	var st rnn.TrainState
	if job.resume {
		st, _ = job.model.ResumeState()
		seed = st.Seed
	}
	tr, err := rnn.NewTrainer(net, job.spec.Task, job.opt, job.spec.Out.Clone(), seed)
	if err != nil {
		if job.model != nil {
			return nil, usagef("the network of %s does not fit --task %s: %v", map[bool]string{true: "--resume", false: "--model"}[job.resume], job.spec.Name, err)
		}
		return nil, usagef("%v", err)
	}
	r := &trainRun[T]{job: job, net: net, tr: tr, j0: initialJ(job, net)}
	switch {
	case job.replay != nil:
		tr.Src = rnn.NewReplay(job.replay, rand.New(rand.NewPCG(seed, replayStream)))
	case job.recordPath != "":
		tr.WrapSource = func(src rnn.Source) rnn.Source {
			r.recorder = rnn.NewRecorder(src)
			return r.recorder
		}
	}
	if job.threads == 0 {
		job.threads = autoThreads[T](net.Units)
		tr.AdaptThreads = job.threads > 1
	}
	tr.Threads = job.threads
	tr.ThreadsChanged = r.threadsChanged
	var history []logEntry
	if job.resume {
		if history, err = resumeRun(tr, st, job.logPath); err != nil {
			tr.Close()
			return nil, err
		}
	}
	r.pr = newProgress(job.stderr, job.quiet, job.opt.Tolerance, tr.State.Pass, time.Duration(tr.State.ElapsedSec*float64(time.Second)))
	r.pr.history = history
	r.plotter = &trainPlots[T]{dir: job.plotsDir, spec: job.spec, net: net, tol: job.opt.Tolerance, tt: job.opt.TargetTimes}
	return r, nil
}

// resumeRun resumes tr at st and returns the entries of the log at
// logPath (if any) up to st.
func resumeRun[T rnn.Float](tr *rnn.Trainer[T], st rnn.TrainState, logPath string) ([]logEntry, error) {
	if err := tr.Resume(st); err != nil {
		return nil, usagef("--resume: %v", err)
	}
	if logPath == "" {
		return nil, nil
	}
	old, err := readLog(logPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, usagef("--log: %v", err)
	}
	var history []logEntry
	for _, e := range old {
		if e.Trials <= st.Trials {
			history = append(history, e)
		}
	}
	return history, nil
}

// banner prints what the run trains, how, and until when.
func (r *trainRun[T]) banner() {
	job, spec, opt := r.job, r.job.spec, r.job.opt
	n, c := r.net.Units, spec.Task.Conditions()
	what := "new network"
	if job.resume {
		what = fmt.Sprintf("resuming at pass %d the network", r.tr.State.Pass)
	} else if job.model != nil {
		what = "network from --model"
	}
	limits := []string{}
	if opt.Tolerance > 0 {
		limits = append(limits, fmt.Sprintf("tolerance %g (%s)", opt.Tolerance, toleranceOn(opt)))
	}
	if opt.MaxPasses > 0 {
		limits = append(limits, "max "+plural(opt.MaxPasses, "pass"))
	}
	if opt.MaxDuration > 0 {
		limits = append(limits, "max "+opt.MaxDuration.String())
	}
	if len(limits) == 0 {
		limits = append(limits, "no limit: Ctrl-C stops")
	}
	impl := kernelTier(job.precision)
	name := spec.Name
	if spec.Variant != "" && spec.Variant != rnn.DefaultVariant {
		name += " (variant " + spec.Variant + ")"
	}
	shape := plural(c, "condition") + " × " + plural(spec.Task.Steps(), "step")
	if spec.Task.Gen != nil {
		shape = fmt.Sprintf("%s × %s, drawn; validation set of %d per type, seed %d",
			plural(c, "trial type"), plural(spec.Task.Steps(), "step"), opt.ValidationPerType, opt.ValidationSeed)
	}
	eta := fmt.Sprintf("eta %g", opt.Eta)
	if opt.EtaHalfLife > 0 {
		eta += fmt.Sprintf(" halved every %g learning trials", opt.EtaHalfLife)
	}
	perturb := fmt.Sprintf("perturbation %g Hz of U(±%g)", opt.PerturbRate, opt.Beta)
	if opt.PerturbExcitation {
		perturb += "·dt/τ"
	}
	r.pr.message(fmt.Sprintf("hebbrnn train, version %s: task %s (%s), %s N=%d I=%d B=%d, %s, %s (%s kernels), seed %d, %s; %s, %s, evaluation every %s, %s",
		version(), name, shape, what, n, r.net.Inputs, r.net.Outputs, plural(len(r.net.BiasUnits), "bias unit"),
		job.precision, impl, r.tr.State.Seed, r.threadsNote(),
		eta, perturb, plural(opt.EvalEvery, "pass"), strings.Join(limits, ", ")))
	if job.modelNote != "" {
		r.pr.message(job.modelNote)
	}
	if w := silentNetwork(r.net, opt.InitialNoise); w != "" {
		r.pr.message(w)
	}
	if job.replay != nil {
		r.pr.message(fmt.Sprintf("replaying %d recorded trials from %s (at most %d passes)", job.replay.Trials(), job.replayPath, opt.MaxPasses))
	}
	if job.recordPath != "" {
		mb := float64(opt.MaxPasses) * float64(c) * float64(spec.Task.Steps()) * float64(n) * 8 / (1 << 20)
		r.pr.message(fmt.Sprintf("recording perturbations to %s (up to %.0f MiB)", job.recordPath, mb))
	}
}

// threadsNote says in the banner how many threads the trials run on.
func (r *trainRun[T]) threadsNote() string {
	if r.tr.AdaptThreads {
		return fmt.Sprintf("%d threads or 1, whichever is faster at the moment", r.job.threads)
	}
	return plural(r.job.threads, "thread")
}

// threadsChanged reports a change of the thread count of an adaptive
// run: at once on a line of its own, and in the next log entry.
func (r *trainRun[T]) threadsChanged(c rnn.ThreadChange) {
	r.changes = append(r.changes, threadEntry{Trial: c.Unit, From: c.From, To: c.To, Reason: c.Reason})
	r.pr.message(fmt.Sprintf("trial %d: %s", c.Unit, c))
}

// clearStale removes the hidden temporaries that a process killed in the
// middle of writing leaves next to the file it was replacing: this run
// owns these outputs.
func (r *trainRun[T]) clearStale() {
	job := r.job
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
}

// observe records an evaluation: the log, the checkpoint, the plots and
// the progress line.
func (r *trainRun[T]) observe(p rnn.Progress) error {
	job := r.job
	e := logEntry{Pass: p.Pass, Trials: p.Trials, Error: jsonFloat(p.Error), Best: jsonFloat(p.Best), CondErrors: p.CondErrors,
		MeanAbsDJ: jsonFloat(p.MeanAbsDJ), PctClipped: jsonFloat(p.PctClipped), ElapsedSec: jsonFloat(p.Elapsed.Seconds()), Tolerance: job.opt.Tolerance,
		Threads: p.Threads, ThreadChanges: r.changes}
	acc := jsonFloat(p.Accuracy)
	e.Accuracy = &acc
	if p.TrialsToCriterion > 0 {
		n := p.TrialsToCriterion
		e.TrialsToCriterion = &n
	}
	r.changes = nil
	if len(r.pr.history) == 0 {
		e.Version = version()
	}
	r.pr.history = append(r.pr.history, e)
	if job.logPath != "" {
		if err := writeLog(job.logPath, r.pr.history); err != nil {
			return err
		}
	}
	if err := rnn.WriteCheckpointWith(job.out, r.tr, r.info()); err != nil {
		return err
	}
	if err := r.plotter.update(r.pr.history, false); err != nil {
		return err
	}
	r.pr.update(p)
	return nil
}

// handleSignals returns a context that the first interrupt (or SIGTERM)
// cancels, so that training stops after the current trial and saves; a
// second one exits at once, leaving the last checkpoint. stop ends both.
func (r *trainRun[T]) handleSignals() (ctx context.Context, stop func()) {
	ctx, stopCtx := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// Every signal reaches sigc as well: the first is the one that
	// cancels ctx, the second exits.
	sigc := make(chan os.Signal, 2)
	signal.Notify(sigc, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		for n := 0; ; n++ {
			select {
			case <-sigc:
			case <-done:
				return
			}
			if n == 0 {
				r.pr.message("stopping after the current trial, then saving (Ctrl-C again exits at once; the last checkpoint stays intact)")
				continue
			}
			if !r.job.quiet {
				fmt.Fprintf(r.job.stderr, "\nhebbrnn train: interrupted again, exiting now; last checkpoint: %s\n", r.job.out)
			}
			os.Exit(exitInterrupted)
		}
	}()
	return ctx, func() {
		close(done)
		signal.Stop(sigc)
		stopCtx()
	}
}

// finish saves the outcome of Train (res, trainErr; interrupted: by a
// signal) and reports it.
func (r *trainRun[T]) finish(res rnn.Result, trainErr error, interrupted bool) error {
	job := r.job
	if trainErr != nil {
		if err := r.save(); err != nil {
			return fmt.Errorf("%v; saving the checkpoint failed too: %v", trainErr, err)
		}
		return fmt.Errorf("%v (the network before the failure is saved in %s)", trainErr, job.out)
	}
	if err := r.save(); err != nil {
		return err
	}
	why := string(res.Reason)
	if res.Reason == rnn.StopTolerance {
		why += " by " + toleranceOn(r.job.opt)
	}
	if interrupted {
		why = "interrupted"
	}
	crit := ""
	if h := r.pr.history; len(h) > 0 && h[len(h)-1].Accuracy != nil {
		crit = fmt.Sprintf(", accuracy %.3g%%", 100*float64(*h[len(h)-1].Accuracy))
	}
	if n := r.tr.State.Criterion.Reached; n > 0 {
		crit += fmt.Sprintf(", criterion reached at trial %d", n)
	}
	r.pr.message(fmt.Sprintf("stopped at pass %d (%s): error %.4g, best %.4g%s, %s of training", res.Pass, why, res.Error, r.tr.State.Best, crit,
		formatDuration(time.Duration(r.tr.State.ElapsedSec*float64(time.Second)))))
	saved := []string{"model and checkpoint " + job.out}
	if job.logPath != "" {
		saved = append(saved, "log "+job.logPath)
	}
	if job.plotsDir != "" {
		saved = append(saved, "plots "+dirSlash(job.plotsDir))
	}
	if r.recorder != nil {
		saved = append(saved, "perturbations "+job.recordPath)
	}
	r.pr.message("saved " + strings.Join(saved, ", "))
	if interrupted {
		r.pr.message("to continue: hebbrnn train --resume " + job.out)
		return errInterrupted
	}
	return nil
}

// toleranceOn says what the tolerance of opt bounds.
func toleranceOn(opt rnn.Options) string {
	if opt.TolerancePerCondition {
		return "every condition's error"
	}
	return "the mean error over conditions"
}

// info is what the checkpoint records besides the network and the state.
func (r *trainRun[T]) info() rnn.CheckpointInfo {
	return rnn.CheckpointInfo{Task: r.job.spec.ref(), Version: version(), J0: r.j0}
}

// save writes the checkpoint, the recording and the final plots.
func (r *trainRun[T]) save() error {
	if err := rnn.WriteCheckpointWith(r.job.out, r.tr, r.info()); err != nil {
		return err
	}
	if r.recorder != nil {
		if err := rnn.WriteRecording(r.job.recordPath, r.recorder.Rec); err != nil {
			return err
		}
	}
	return r.plotter.update(r.pr.history, true)
}
