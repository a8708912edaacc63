package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/hebbrnn/hebbrnn/internal/atomicfile"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/hebbrnn/hebbrnn/kernel"
	"github.com/hebbrnn/hebbrnn/sweep"
)

const sweepSynopsis = `hebbrnn sweep SUBCOMMAND [flags]

Studies: one rule trained over a cross product of tasks, grid values and seeds.
  hebbrnn sweep plan    --spec study.json --dir STUDY   STUDY/plan.json + STUDY/runs.tsv
  hebbrnn sweep run     --dir STUDY [-j N]              run the study here, N runs at once
  hebbrnn sweep task    --dir STUDY --index I           what one array task runs
  hebbrnn sweep status  --dir STUDY                     per run: pending / running / done / interrupted / failed
  hebbrnn sweep collect --dir STUDY [--complete]        results.csv, summary.csv, plots/*.svg
  hebbrnn sweep slurm   --dir STUDY [--submit] ...      a Slurm job array of the unfinished runs`

func cmdSweep(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("missing subcommand (plan, run, task, status, collect or slurm; see hebbrnn sweep -h)")
	}
	subs := map[string]func([]string, io.Writer, io.Writer) error{
		"plan": sweepPlan, "run": sweepRun, "task": sweepTask, "status": sweepStatus, "collect": sweepCollect, "slurm": sweepSlurm,
	}
	if f, ok := subs[args[0]]; ok {
		return f(args[1:], stdout, stderr)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(stdout, "Usage: "+sweepSynopsis)
		return errHelp
	}
	return usagef("unknown subcommand %q (plan, run, task, status, collect or slurm; see hebbrnn sweep -h)", args[0])
}

// sweepErr turns bad input found by package sweep into a usage error.
func sweepErr(err error) error {
	var se *sweep.Error
	if errors.As(err, &se) {
		return usagef("%s", se.Msg)
	}
	return err
}

// readStudy reads the plan of --dir.
func readStudy(dir string) (*sweep.Plan, error) {
	if dir == "" {
		return nil, usagef("missing --dir STUDY (the study directory that hebbrnn sweep plan made)")
	}
	p, err := sweep.ReadPlan(dir)
	return p, sweepErr(err)
}

func sweepPlan(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("sweep plan", "hebbrnn sweep plan --spec study.json --dir STUDY [--force]", stdout)
	spec := fs.String("spec", "", "the study `file` (JSON: task or tasks, seeds, grid, options, network, precision, maxPasses / maxTime)")
	dir := fs.String("dir", "", "the study `directory` to make")
	force := fs.Bool("force", false, "replace a different study in --dir, deleting its runs")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *spec == "" || *dir == "" {
		return usagef("sweep plan needs --spec FILE and --dir STUDY")
	}
	if err := fileMustExist("--spec", *spec); err != nil {
		return err
	}
	data, err := os.ReadFile(*spec)
	if err != nil {
		return usagef("--spec: %v", err)
	}
	p, err := sweep.Parse(data, filepath.Dir(*spec), func(task string) error {
		if _, err := loadTask("task", task); err != nil {
			return errors.New(strings.TrimPrefix(err.Error(), "task: "))
		}
		return nil
	})
	if err != nil {
		return usagef("--spec: %s: %s", *spec, oneLine(err.Error()))
	}
	if err := checkGridPoints(p); err != nil {
		return usagef("--spec: %s: %s", *spec, oneLine(err.Error()))
	}
	if err := sweep.WritePlan(*dir, p, *force); err != nil {
		return sweepErr(err)
	}
	fmt.Fprintf(stdout, "planned %d runs (%d tasks × %d grid points × %d seeds) in %s: plan.json, runs.tsv\n",
		p.Count(), len(p.Tasks), p.GridPoints(), len(p.Seeds), *dir)
	return nil
}

// checkGridPoints validates the train command line of each task and grid
// point (the seed changes nothing that could be wrong) as train would, so
// that a bad value is reported now rather than by every run. The output
// directories that validation makes go to a temporary directory.
func checkGridPoints(p *sweep.Plan) error {
	tmp, err := os.MkdirTemp("", "hebbrnn-sweep-check-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := sweep.WriteOptionFiles(tmp, p); err != nil {
		return err
	}
	for i := 0; i < p.Count(); i += len(p.Seeds) {
		r := p.Run(i)
		fs := newFlagSet("train", trainSynopsis, io.Discard)
		var f trainFlags
		f.register(fs)
		err := fs.parse(p.TrainArgs(r, tmp))
		if err == nil {
			_, err = f.job(fs, io.Discard)
		}
		if err != nil {
			what := []string{"task " + sweep.TaskName(r.Task)}
			for k, g := range p.Grid {
				what = append(what, g.Key.Name+" "+sweep.FormatValue(r.Values[k]))
			}
			return fmt.Errorf("the runs of %s: %v", strings.Join(what, ", "), err)
		}
	}
	return nil
}

// kernelTier returns the kernel implementation of a precision.
func kernelTier(precision string) string {
	if precision == "f32" {
		return kernel.Impl32()
	}
	return kernel.Impl64()
}

// runOutcome is what runStudyRun did.
type runOutcome struct {
	state   sweep.State
	skipped bool
	why     string
}

// runStudyRun runs run i of the study, in this process, with the train
// command's own code: a new run with the arguments of its runs.tsv row,
// an interrupted one resumed from its checkpoint, a done (or running) one
// skipped; a failed one is skipped unless restartFailed, which starts it
// anew.
func runStudyRun(p *sweep.Plan, study string, i int, restartFailed bool) runOutcome {
	dir := sweep.RunDir(study, i)
	unlock, ok, err := sweep.Lock(dir)
	if err != nil {
		return runOutcome{state: sweep.Failed, why: err.Error()}
	}
	if !ok {
		return runOutcome{state: sweep.Running, skipped: true}
	}
	defer unlock()
	st := sweep.RunStatus(dir, squeueAlive())
	run := p.Run(i)
	var args []string
	switch st.State {
	case sweep.Done, sweep.Running:
		return runOutcome{state: st.State, skipped: true}
	case sweep.Failed:
		if !restartFailed {
			return runOutcome{state: st.State, skipped: true, why: st.Why}
		}
		if err := clearRunDir(dir); err != nil {
			return runOutcome{state: sweep.Failed, why: err.Error()}
		}
		args = append(p.TrainArgs(run, study), "--force")
	case sweep.Interrupted:
		args = p.ResumeArgs(run, study)
	default:
		args = append(p.TrainArgs(run, study), "--force")
	}
	rec, err := sweep.Start(dir, kernelTier(p.Precision))
	if err != nil {
		return runOutcome{state: sweep.Failed, why: err.Error()}
	}
	trainErr := cmdTrain(append(args, "--quiet"), io.Discard, io.Discard)
	out := runOutcome{state: sweep.Done}
	switch {
	case errors.Is(trainErr, errInterrupted):
		out.state = sweep.Interrupted
	case trainErr != nil:
		out.state, out.why = sweep.Failed, oneLine(trainErr.Error())
	}
	if err := sweep.Finish(dir, rec, out.state, out.why); err != nil && out.state != sweep.Failed {
		out.state, out.why = sweep.Failed, err.Error()
	}
	return out
}

// clearRunDir removes what a run left in dir, but its lock.
func clearRunDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() != "run.lock" {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// studyTally counts what a batch of runs did and reports each.
type studyTally struct {
	mu                                   sync.Mutex
	w                                    io.Writer
	total, done, skipped, interr, failed int
}

func (t *studyTally) add(i int, o runOutcome) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case o.state == sweep.Failed:
		t.failed++
		if o.skipped {
			fmt.Fprintf(t.w, "run %d: failed earlier, skipped (--restart-failed starts it anew): %s\n", i, o.why)
		} else {
			fmt.Fprintf(t.w, "run %d: failed: %s\n", i, o.why)
		}
	case o.skipped:
		t.skipped++
	case o.state == sweep.Interrupted:
		t.interr++
		fmt.Fprintf(t.w, "run %d: interrupted (checkpoint saved)\n", i)
	default:
		t.done++
		fmt.Fprintf(t.w, "run %d: done (%d of %d this time)\n", i, t.done, t.total)
	}
}

// result returns the error of the batch: interrupted, or failed runs.
func (t *studyTally) result(stopped bool) error {
	fmt.Fprintf(t.w, "%d runs done, %d skipped (done, running or failed before), %d interrupted, %d failed\n", t.done, t.skipped, t.interr, t.failed)
	if stopped || t.interr > 0 {
		fmt.Fprintln(t.w, "interrupted: run the same command again to resume")
		return errInterrupted
	}
	if t.failed > 0 {
		return fmt.Errorf("%d runs failed (see hebbrnn sweep status)", t.failed)
	}
	return nil
}

// runBatch runs the runs idx on jobs workers until done or a signal.
func runBatch(p *sweep.Plan, study string, idx []int, jobs int, restartFailed bool, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	t := &studyTally{w: stderr, total: len(idx)}
	next := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				t.add(i, runStudyRun(p, study, i, restartFailed))
			}
		}()
	}
	for _, i := range idx {
		if ctx.Err() != nil {
			break
		}
		select {
		case next <- i:
		case <-ctx.Done():
		}
	}
	close(next)
	wg.Wait()
	return t.result(ctx.Err() != nil)
}

func sweepRun(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sweep run", "hebbrnn sweep run --dir STUDY [-j N] [--restart-failed]\n\n"+
		"Runs every run of the study that is not done, N at once, each on one thread. Ctrl-C stops\n"+
		"every run at the end of its trial and saves; the same command again resumes them.", stdout)
	dir := fs.String("dir", "", "the study `directory`")
	jobs := fs.Int("j", runtime.NumCPU(), "runs at once")
	restart := fs.Bool("restart-failed", false, "start failed runs anew (their directories are cleared)")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *jobs < 1 {
		return usagef("-j: %d must be at least 1", *jobs)
	}
	p, err := readStudy(*dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "hebbrnn sweep run: %d runs in %s, %d at once\n", p.Count(), *dir, *jobs)
	return runBatch(p, *dir, sweep.Span(0, p.Count()), *jobs, *restart, stderr)
}

func sweepTask(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sweep task", "hebbrnn sweep task --dir STUDY --index I [--runs-per-task K]\n\n"+
		"Runs array task I: runs I·K to I·K+K-1 of the study, one after the other (what a Slurm\n"+
		"array task, or any scheduler, calls).", stdout)
	dir := fs.String("dir", "", "the study `directory`")
	index := fs.Int("index", -1, "the array task (0-based; $SLURM_ARRAY_TASK_ID)")
	per := fs.Int("runs-per-task", 1, "runs packed into one array task")
	restart := fs.Bool("restart-failed", false, "start failed runs anew")
	if err := fs.parse(args); err != nil {
		return err
	}
	p, err := readStudy(*dir)
	if err != nil {
		return err
	}
	if *per < 1 {
		return usagef("--runs-per-task: %d must be at least 1", *per)
	}
	tasks := sweep.ArrayTasks(p.Count(), *per)
	if !fs.isSet("index") || *index < 0 || *index >= tasks {
		return usagef("--index: %d is out of range: the study has array tasks 0 to %d (%d runs, %d per task)", *index, tasks-1, p.Count(), *per)
	}
	first, end := sweep.TaskRuns(*index, *per, p.Count())
	return runBatch(p, *dir, sweep.Span(first, end), 1, *restart, stderr)
}

// squeueAlive returns a sweep.Alive that asks squeue about Slurm runs
// (when squeue is on PATH) and the process table about local ones.
func squeueAlive() sweep.Alive {
	var jobs map[string]bool
	if path, err := exec.LookPath("squeue"); err == nil {
		if out, err := exec.Command(path, "-h", "-o", "%A").Output(); err == nil {
			jobs = map[string]bool{}
			for _, f := range strings.Fields(string(out)) {
				jobs[f] = true
			}
		}
	}
	return func(r *sweep.Record) (bool, bool) {
		if r.SlurmJob != "" && jobs != nil {
			return jobs[r.SlurmJob], true
		}
		return sweep.LocalAlive(r)
	}
}

func sweepStatus(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("sweep status", "hebbrnn sweep status --dir STUDY", stdout)
	dir := fs.String("dir", "", "the study `directory`")
	if err := fs.parse(args); err != nil {
		return err
	}
	p, err := readStudy(*dir)
	if err != nil {
		return err
	}
	st := sweep.Statuses(*dir, p, squeueAlive())
	var b bytes.Buffer
	b.WriteString("index\ttask\tseed")
	for _, g := range p.Grid {
		b.WriteString("\t" + g.Key.Name)
	}
	b.WriteString("\tstatus\n")
	count := map[sweep.State]int{}
	for i, s := range st {
		r := p.Run(i)
		fmt.Fprintf(&b, "%d\t%s\t%d", i, sweep.TaskName(r.Task), r.Seed)
		for _, v := range r.Values {
			b.WriteString("\t" + sweep.FormatValue(v))
		}
		fmt.Fprintf(&b, "\t%s\n", s)
		count[s.State]++
	}
	var parts []string
	for _, s := range []sweep.State{sweep.Done, sweep.Running, sweep.Interrupted, sweep.Failed, sweep.Pending} {
		parts = append(parts, fmt.Sprintf("%d %s", count[s], s))
	}
	fmt.Fprintf(&b, "%d runs: %s\n", len(st), strings.Join(parts, ", "))
	_, err = stdout.Write(b.Bytes())
	return err
}

func sweepCollect(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("sweep collect", "hebbrnn sweep collect --dir STUDY [--complete]\n\n"+
		"Writes STUDY/results.csv (one row per run), STUDY/summary.csv (one row per task and grid\n"+
		"point, over its done runs) and STUDY/plots/learning.svg, passes.svg.", stdout)
	dir := fs.String("dir", "", "the study `directory`")
	complete := fs.Bool("complete", false, "fail, writing nothing, unless every run is done")
	if err := fs.parse(args); err != nil {
		return err
	}
	p, err := readStudy(*dir)
	if err != nil {
		return err
	}
	alive := squeueAlive()
	results := make([]sweep.Result, p.Count())
	missing := 0
	for i := range results {
		results[i] = sweep.ReadResult(*dir, p, i, alive)
		if !results[i].Finished {
			missing++
		}
	}
	if missing > 0 && *complete {
		return fmt.Errorf("--complete: %d of %d runs are not done (see hebbrnn sweep status --dir %s)", missing, len(results), *dir)
	}
	for name, data := range map[string][]byte{"results.csv": sweep.ResultsCSV(p, results), "summary.csv": sweep.SummaryCSV(p, results)} {
		if err := writeAtomic(filepath.Join(*dir, name), data); err != nil {
			return err
		}
	}
	if err := sweep.Plots(filepath.Join(*dir, "plots"), p, results); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "collected %d runs into %s: results.csv, summary.csv, plots/", len(results)-missing, *dir)
	if missing > 0 {
		fmt.Fprintf(stdout, "; %d of %d runs are missing (not done)", missing, len(results))
	}
	fmt.Fprintln(stdout)
	return nil
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, " ") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }

var (
	slurmTimeRE = regexp.MustCompile(`^(\d+-)?\d+(:\d+){0,2}$`)
	slurmMemRE  = regexp.MustCompile(`^\d+[KMGT]?$`)
)

func sweepSlurm(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sweep slurm", "hebbrnn sweep slurm --dir STUDY [--submit] [--partition P] [--time D-HH:MM:SS] [--mem M]\n"+
		"                    [--max-running K] [--runs-per-task K] [--sbatch-arg ARG]...\n\n"+
		"Writes STUDY/slurm/array.sbatch, a Slurm job array of the study; --submit submits the array\n"+
		"tasks that hold unfinished runs (all of them the first time) and records the job ids in\n"+
		"STUDY/slurm/jobs.tsv. The study directory must be on a filesystem the nodes share.", stdout)
	dir := fs.String("dir", "", "the study `directory`")
	submit := fs.Bool("submit", false, "submit the unfinished array tasks with sbatch")
	var o sweep.SlurmOptions
	fs.StringVar(&o.Partition, "partition", "", "Slurm `partition`")
	fs.StringVar(&o.Time, "time", "", "time limit per array task, D-HH:MM:SS (or HH:MM:SS, MM)")
	fs.StringVar(&o.Mem, "mem", "", "memory per array task, e.g. 2G")
	fs.IntVar(&o.MaxRunning, "max-running", 0, "array tasks running at once (%K; 0: no limit)")
	fs.IntVar(&o.RunsPerTask, "runs-per-task", 1, "runs packed into one array task, one after the other")
	var extra stringList
	fs.Var(&extra, "sbatch-arg", "a further sbatch `argument` (repeatable), e.g. --sbatch-arg=--account=lab")
	if err := fs.parse(args); err != nil {
		return err
	}
	o.ExtraArgs = extra
	switch {
	case o.Time != "" && !slurmTimeRE.MatchString(o.Time):
		return usagef("--time: %q is not a Slurm time such as 0-02:00:00, 2:00:00 or 120", o.Time)
	case o.Mem != "" && !slurmMemRE.MatchString(o.Mem):
		return usagef("--mem: %q is not a Slurm memory size such as 2G or 500M", o.Mem)
	case o.MaxRunning < 0:
		return usagef("--max-running: %d must be 0 (no limit) or more", o.MaxRunning)
	case o.RunsPerTask < 1:
		return usagef("--runs-per-task: %d must be at least 1", o.RunsPerTask)
	}
	for _, a := range extra {
		if !strings.HasPrefix(a, "-") || strings.ContainsAny(a, "\n") {
			return usagef("--sbatch-arg: %q is not one sbatch option (such as --account=lab)", a)
		}
	}
	p, err := readStudy(*dir)
	if err != nil {
		return err
	}
	if o.Study, err = filepath.Abs(*dir); err != nil {
		return err
	}
	if o.Hebbrnn, err = os.Executable(); err != nil {
		return err
	}
	maxArray := sweep.DefaultMaxArraySize
	if path, err := exec.LookPath("scontrol"); err == nil {
		if out, err := exec.Command(path, "show", "config").Output(); err == nil {
			maxArray = sweep.ParseMaxArraySize(string(out))
		}
	}
	slurmDir := filepath.Join(*dir, "slurm")
	if err := os.MkdirAll(slurmDir, 0o755); err != nil {
		return err
	}
	script := filepath.Join(o.Study, "slurm", "array.sbatch")
	if err := writeAtomic(script, []byte(sweep.Script(o, p.Count(), maxArray))); err != nil {
		return err
	}
	if err := os.Chmod(script, 0o755); err != nil {
		return err
	}
	todo := sweep.Unfinished(sweep.Statuses(*dir, p, squeueAlive()), o.RunsPerTask)
	if queued := queuedTasks(slurmDir); len(queued) > 0 {
		kept := todo[:0]
		for _, a := range todo {
			if !queued[a] {
				kept = append(kept, a)
			}
		}
		if n := len(todo) - len(kept); n > 0 {
			fmt.Fprintf(stdout, "%s still queued in Slurm, not submitted again\n", plural(n, "unfinished array task")+":")
		}
		todo = kept
	}
	subs := sweep.Submissions(todo, maxArray)
	fmt.Fprintf(stdout, "wrote %s: %s in %s (%d per task), MaxArraySize %d; %s to submit in %s\n",
		script, plural(p.Count(), "run"), plural(sweep.ArrayTasks(p.Count(), o.RunsPerTask), "array task"), o.RunsPerTask, maxArray,
		plural(len(todo), "array task"), plural(len(subs), "array"))
	for _, s := range subs {
		args := sbatchArgs(s, o.MaxRunning, script)
		if !*submit {
			fmt.Fprintln(stdout, "  sbatch "+sweep.ShellJoin(args))
			continue
		}
		id, err := sbatch(args)
		if err != nil {
			return err
		}
		f, err := os.OpenFile(filepath.Join(slurmDir, "jobs.tsv"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(f, "%s\t%d\t%s\n", id, s.Offset, sweep.ArraySpec(s.Array, o.MaxRunning))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "submitted job %s: --array=%s (offset %d)\n", id, sweep.ArraySpec(s.Array, o.MaxRunning), s.Offset)
	}
	if len(subs) == 0 {
		fmt.Fprintln(stdout, "every run is done, running or queued: nothing to submit")
	}
	return nil
}

// queuedTasks returns the array tasks of the study's submissions that
// squeue lists (pending or running); none without squeue or jobs.tsv.
func queuedTasks(slurmDir string) map[int]bool {
	jobs, err := os.ReadFile(filepath.Join(slurmDir, "jobs.tsv"))
	if err != nil {
		return nil
	}
	path, err := exec.LookPath("squeue")
	if err != nil {
		return nil
	}
	out, err := exec.Command(path, "-h", "-r", "-o", "%F %K").Output()
	if err != nil {
		return nil
	}
	return sweep.QueuedTasks(string(jobs), string(out))
}

// sbatchArgs returns the arguments of the sbatch call of a submission.
func sbatchArgs(s sweep.Submission, maxRunning int, script string) []string {
	args := []string{"--parsable", "--array=" + sweep.ArraySpec(s.Array, maxRunning)}
	if s.Offset > 0 {
		args = append(args, "--export=ALL,HEBBRNN_SWEEP_OFFSET="+strconv.Itoa(s.Offset))
	}
	return append(args, script)
}

// sbatch submits and returns the job id.
func sbatch(args []string) (string, error) {
	path, err := exec.LookPath("sbatch")
	if err != nil {
		return "", fmt.Errorf("--submit: sbatch is not on PATH (run this on the cluster's login node, or submit the script printed without --submit)")
	}
	var errb bytes.Buffer
	cmd := exec.Command(path, args...)
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("sbatch %s: %v: %s", strings.Join(args, " "), err, oneLine(errb.String()))
	}
	id, _, _ := strings.Cut(strings.TrimSpace(string(out)), ";")
	if _, err := strconv.Atoi(id); err != nil {
		return "", fmt.Errorf("sbatch printed %q, not a job id", strings.TrimSpace(string(out)))
	}
	return id, nil
}

// writeAtomic writes data to path through a temporary file renamed over
// it, so that a study never holds a half-written table or script.
func writeAtomic(path string, data []byte) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
