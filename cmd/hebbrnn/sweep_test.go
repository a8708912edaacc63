package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/rnn"
	"github.com/hebbrnn/hebbrnn/sweep"
)

// writeSpec writes a study file into dir.
func writeSpec(t *testing.T, dir, name, spec string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(spec), 0o644))
	return path
}

// tsvCommands returns the train command line of each row of runs.tsv.
func tsvCommands(t *testing.T, study string) [][]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(study, "runs.tsv"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var out [][]string
	for _, line := range lines[1:] {
		cols := strings.Split(line, "\t")
		out = append(out, strings.Fields(cols[len(cols)-1]))
	}
	return out
}

// sameRun checks that two run directories hold the same network,
// training state and log, times aside. Of a run interrupted and resumed
// (exactLog false) only the last log entry's errors must agree: the
// interrupt adds an evaluation, which also restarts the averages of the
// weight changes of the next entry.
func sameRun(t *testing.T, what, ref, got string, exactLog bool) {
	t.Helper()
	mr, err := rnn.ReadModel(filepath.Join(ref, "model.npz"))
	require.NoError(t, err, what)
	mg, err := rnn.ReadModel(filepath.Join(got, "model.npz"))
	require.NoError(t, err, what)
	compareModels(t, what, mr, mg, true)
	lr, err := readLog(filepath.Join(ref, "log.jsonl"))
	require.NoError(t, err, what)
	lg, err := readLog(filepath.Join(got, "log.jsonl"))
	require.NoError(t, err, what)
	require.NotEmpty(t, lr)
	for i := range lr {
		lr[i].ElapsedSec = 0
	}
	for i := range lg {
		lg[i].ElapsedSec = 0
	}
	if exactLog {
		assert.Equal(t, lr, lg, "%s: log", what)
		return
	}
	require.NotEmpty(t, lg)
	a, b := lr[len(lr)-1], lg[len(lg)-1]
	assert.Equal(t, [2]int{a.Pass, a.Trials}, [2]int{b.Pass, b.Trials}, "%s: last log entry", what)
	assert.Equal(t, a.CondErrors, b.CondErrors, "%s: last log entry", what)
	assert.Equal(t, [2]float64{float64(a.Error), float64(a.Best)}, [2]float64{float64(b.Error), float64(b.Best)}, "%s: last log entry", what)
}

const sameBitsSpec = `{"task": "co", "seeds": [1, 2], "grid": {"eta": [0.1, 0.3]},
	"network": {"neurons": 20}, "options": {"evalEvery": 5, "plasticityDelay": 2}, "maxPasses": 15}`

// TestSweepSameBits runs one study by sweep run (two at once), by sweep
// task (one array task per run, and packed three per task), and as the
// plain train commands of runs.tsv: the same networks, states and logs.
func TestSweepSameBits(t *testing.T) {
	dir := t.TempDir()
	spec := writeSpec(t, dir, "study.json", sameBitsSpec)
	for _, s := range []string{"pool", "tasks", "packed"} {
		r := mustRun(t, dir, "sweep", "plan", "--spec", spec, "--dir", s)
		assert.Contains(t, r.stdout, "planned 4 runs")
	}
	mustRun(t, dir, "sweep", "run", "--dir", "pool", "-j", "2")
	for i := range 4 {
		mustRun(t, dir, "sweep", "task", "--dir", "tasks", "--index", strconv.Itoa(i))
	}
	for i := range 2 {
		mustRun(t, dir, "sweep", "task", "--dir", "packed", "--runs-per-task", "3", "--index", strconv.Itoa(i))
	}
	cmds := tsvCommands(t, filepath.Join(dir, "pool"))
	require.Len(t, cmds, 4)
	for i, c := range cmds {
		require.Equal(t, []string{"hebbrnn", "train"}, c[:2])
		args := c[1:]
		require.Equal(t, "--dir", args[len(args)-2])
		assert.Equal(t, filepath.Join(dir, "pool", "runs", strconv.Itoa(i)), args[len(args)-1], "runs.tsv names the run's directory")
		args[len(args)-1] = filepath.Join(dir, "plain", strconv.Itoa(i))
		mustRun(t, dir, append(args, "--quiet")...)
		ref := filepath.Join(dir, "plain", strconv.Itoa(i))
		m, err := rnn.ReadModel(filepath.Join(ref, "model.npz"))
		require.NoError(t, err)
		assert.Equal(t, 2, m.Options.PlasticityDelay, "the option from the study's options file")
		for _, s := range []string{"pool", "tasks", "packed"} {
			sameRun(t, fmt.Sprintf("%s run %d", s, i), ref, sweep.RunDir(filepath.Join(dir, s), i), true)
		}
	}
	// Runs that are done are not run again.
	r := mustRun(t, dir, "sweep", "run", "--dir", "pool")
	assert.Contains(t, r.stderr, "0 runs done, 4 skipped")
	r = mustRun(t, dir, "sweep", "status", "--dir", "pool")
	assert.Contains(t, r.stdout, "4 runs: 4 done, 0 running, 0 interrupted, 0 failed, 0 pending")
	// Collected, the two studies agree on everything but the times.
	for _, s := range []string{"pool", "tasks"} {
		r = mustRun(t, dir, "sweep", "collect", "--dir", s, "--complete")
		assert.Contains(t, r.stdout, "collected 4 runs")
	}
	a, b := resultsColumns(t, filepath.Join(dir, "pool")), resultsColumns(t, filepath.Join(dir, "tasks"))
	assert.Equal(t, a, b)
	assert.Len(t, a, 5)
	for _, f := range []string{"summary.csv", "plots/learning.svg"} {
		_, err := os.Stat(filepath.Join(dir, "pool", f))
		assert.NoError(t, err, f)
	}
}

// resultsColumns returns results.csv without its seconds column.
func resultsColumns(t *testing.T, study string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(study, "results.csv"))
	require.NoError(t, err)
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		cols := strings.Split(line, ",")
		out = append(out, strings.Join(append(cols[:len(cols)-2:len(cols)-2], cols[len(cols)-1]), ","))
	}
	return out
}

// TestSweepInterruptResume interrupts sweep run with SIGINT and an array
// task (sweep task) with SIGTERM, as Slurm does (both exit 130 with
// checkpoints saved), and kills sweep run with SIGKILL (the last
// checkpoints stay): sweep run again resumes the runs and ends with the
// very networks and errors of an uninterrupted study.
func TestSweepInterruptResume(t *testing.T) {
	if testing.Short() {
		t.Skip("interrupts a study")
	}
	dir := t.TempDir()
	spec := writeSpec(t, dir, "study.json", `{"task": "co", "seeds": "1-4", "network": {"neurons": 30},
		"options": {"evalEvery": 25}, "maxPasses": 400}`)
	mustRun(t, dir, "sweep", "plan", "--spec", spec, "--dir", "ref")
	mustRun(t, dir, "sweep", "run", "--dir", "ref", "-j", "2")
	for _, c := range []struct {
		sig  syscall.Signal
		args []string
	}{
		{syscall.SIGINT, []string{"run", "-j", "2"}},
		{syscall.SIGTERM, []string{"task", "--runs-per-task", "4", "--index", "0"}},
		{syscall.SIGKILL, []string{"run", "-j", "2"}},
	} {
		sig := c.sig
		study := "cut-" + strconv.Itoa(int(sig))
		mustRun(t, dir, "sweep", "plan", "--spec", spec, "--dir", study)
		cmd := exec.Command(bin, append([]string{"sweep", c.args[0], "--dir", study}, c.args[1:]...)...)
		cmd.Dir = dir
		var errb bytes.Buffer
		cmd.Stderr = &errb
		require.NoError(t, cmd.Start())
		ckpt := filepath.Join(dir, study, "runs", "0", "model.npz")
		deadline := time.Now().Add(30 * time.Second)
		for {
			if _, err := os.Stat(ckpt); err == nil {
				break
			}
			if time.Now().After(deadline) {
				_ = cmd.Process.Kill()
				t.Fatalf("no checkpoint after 30 s; stderr:\n%s", errb.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
		require.NoError(t, cmd.Process.Signal(sig))
		err := cmd.Wait()
		var ee *exec.ExitError
		require.True(t, errors.As(err, &ee), "exit: %v\n%s", err, errb.String())
		if sig != syscall.SIGKILL {
			assert.Equal(t, exitInterrupted, ee.ExitCode(), errb.String())
			assert.Contains(t, errb.String(), "run the same command again to resume")
		}
		r := mustRun(t, dir, "sweep", "status", "--dir", study)
		assert.Contains(t, r.stdout, "\tinterrupted\n", "status after %v:\n%s", sig, r.stdout)
		assert.NotContains(t, r.stdout, "4 done", "the signal came too late to test anything")
		t.Logf("after %v: %s", sig, lastLine(r.stdout))

		mustRun(t, dir, "sweep", "run", "--dir", study, "-j", "2")
		for i := range 4 {
			sameRun(t, fmt.Sprintf("%v: run %d", sig, i), sweep.RunDir(filepath.Join(dir, "ref"), i), sweep.RunDir(filepath.Join(dir, study), i), false)
		}
		r = mustRun(t, dir, "sweep", "status", "--dir", study)
		assert.Contains(t, r.stdout, "4 runs: 4 done")
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestSweepFailedRun: a truncated checkpoint shows as failed, is left
// alone by sweep run, and is run anew, to the same bits, with
// --restart-failed.
func TestSweepFailedRun(t *testing.T) {
	dir := t.TempDir()
	spec := writeSpec(t, dir, "study.json", sameBitsSpec)
	mustRun(t, dir, "sweep", "plan", "--spec", spec, "--dir", "S")
	mustRun(t, dir, "sweep", "run", "--dir", "S", "-j", "1")
	run1 := sweep.RunDir(filepath.Join(dir, "S"), 1)
	ref := filepath.Join(dir, "ref1")
	require.NoError(t, os.CopyFS(ref, os.DirFS(run1)))
	data, err := os.ReadFile(filepath.Join(run1, "model.npz"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(run1, "model.npz"), data[:len(data)/2], 0o644))

	r := mustRun(t, dir, "sweep", "status", "--dir", "S")
	assert.Regexp(t, `(?m)^1\tco\t2\t0\.1\tfailed: model\.npz: .+$`, r.stdout)
	r = hebbrnn(t, dir, "sweep", "run", "--dir", "S")
	assert.Equal(t, exitFailure, r.code, r.stderr)
	assert.Contains(t, r.stderr, "run 1: failed earlier, skipped (--restart-failed starts it anew)")
	mustRun(t, dir, "sweep", "run", "--dir", "S", "--restart-failed")
	sameRun(t, "restarted run", ref, run1, true)
	r = mustRun(t, dir, "sweep", "collect", "--dir", "S")
	assert.NotContains(t, r.stdout, "missing")
}

// TestSweepPartialCollect: a partial study collects what is done and
// says what is missing; --complete makes that an error.
func TestSweepPartialCollect(t *testing.T) {
	dir := t.TempDir()
	spec := writeSpec(t, dir, "study.json", sameBitsSpec)
	mustRun(t, dir, "sweep", "plan", "--spec", spec, "--dir", "S")
	mustRun(t, dir, "sweep", "task", "--dir", "S", "--index", "2")
	r := mustRun(t, dir, "sweep", "collect", "--dir", "S")
	assert.Contains(t, r.stdout, "collected 1 runs")
	assert.Contains(t, r.stdout, "3 of 4 runs are missing")
	data, err := os.ReadFile(filepath.Join(dir, "S", "results.csv"))
	require.NoError(t, err)
	assert.Contains(t, string(data), "\n0,co,1,0.1,pending,0,0,,,,,,,\n")
	assert.Contains(t, string(data), "\n2,co,1,0.3,done,15,60,")
	require.NoError(t, os.Remove(filepath.Join(dir, "S", "results.csv")))
	r = hebbrnn(t, dir, "sweep", "collect", "--dir", "S", "--complete")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "--complete: 3 of 4 runs are not done")
	_, err = os.Stat(filepath.Join(dir, "S", "results.csv"))
	assert.True(t, os.IsNotExist(err), "--complete writes nothing when runs are missing")
}

// TestSweepBadInput: every bad input exits 2 with one line naming the
// key or file, and creates or changes nothing.
func TestSweepBadInput(t *testing.T) {
	dir := t.TempDir()
	good := `"task": "co", "seeds": [1, 2], "network": {"neurons": 20}, "maxPasses": 5`
	specs := map[string]string{
		"unknown.json":  `{` + good + `, "grdi": {"eta": [0.1]}}`,
		"gridkey.json":  `{` + good + `, "grid": {"etaa": [0.1]}}`,
		"empty.json":    `{` + good + `, "grid": {"eta": []}}`,
		"range.json":    `{"task": "co", "seeds": "5-1", "maxPasses": 5}`,
		"seed.json":     `{"task": "co", "seeds": [1.5], "maxPasses": 5}`,
		"type.json":     `{` + good + `, "grid": {"eta": ["big"]}}`,
		"value.json":    `{` + good + `, "grid": {"eta": [0.1, -2]}}`,
		"nolimit.json":  `{"task": "co", "seeds": [1]}`,
		"taskfile.json": `{"task": "missing.npz", "seeds": [1], "maxPasses": 5}`,
		"badtask.json":  `{"task": "broken.npz", "seeds": [1], "maxPasses": 5}`,
		"huge.json":     `{"task": "co", "seeds": "1-10000", "grid": {"eta": [1,2,3,4,5,6,7,8,9,10], "beta": [1,2,3,4,5,6,7,8,9,10,11]}, "maxPasses": 5}`,
		"other.json":    `{"task": "co", "seeds": [1, 2, 3], "maxPasses": 5}`,
		"good.json":     `{` + good + `}`,
		"notjson.json":  `{"task": "co",`,
	}
	for name, s := range specs {
		writeSpec(t, dir, name, s)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "broken.npz"), []byte("PK\x03\x04 not a zip"), 0o644))
	mustRun(t, dir, "sweep", "plan", "--spec", "good.json", "--dir", "S")
	cases := []badCase{
		{args: []string{"sweep", "plan", "--spec", "unknown.json", "--dir", "N"}, want: []string{"unknown.json", `unknown key "grdi"`}},
		{args: []string{"sweep", "plan", "--spec", "gridkey.json", "--dir", "N"}, want: []string{`grid: unknown key "etaa"`}},
		{args: []string{"sweep", "plan", "--spec", "empty.json", "--dir", "N"}, want: []string{"grid.eta: the list is empty"}},
		{args: []string{"sweep", "plan", "--spec", "range.json", "--dir", "N"}, want: []string{`seeds: the range "5-1" is empty`}},
		{args: []string{"sweep", "plan", "--spec", "seed.json", "--dir", "N"}, want: []string{"seeds: 1.5 is not an integer"}},
		{args: []string{"sweep", "plan", "--spec", "type.json", "--dir", "N"}, want: []string{`grid.eta: "big" is not a number`}},
		{args: []string{"sweep", "plan", "--spec", "value.json", "--dir", "N"}, want: []string{"eta -2", "--eta"}},
		{args: []string{"sweep", "plan", "--spec", "nolimit.json", "--dir", "N"}, want: []string{`"maxPasses" or "maxTime"`}},
		{args: []string{"sweep", "plan", "--spec", "taskfile.json", "--dir", "N"}, want: []string{"missing.npz"}},
		{args: []string{"sweep", "plan", "--spec", "badtask.json", "--dir", "N"}, want: []string{"broken.npz"}},
		{args: []string{"sweep", "plan", "--spec", "huge.json", "--dir", "N"}, want: []string{"more than 1000000"}},
		{args: []string{"sweep", "plan", "--spec", "notjson.json", "--dir", "N"}, want: []string{"notjson.json", "not a JSON object"}},
		{args: []string{"sweep", "plan", "--spec", "nothere.json", "--dir", "N"}, want: []string{"--spec", "nothere.json"}},
		{args: []string{"sweep", "plan", "--spec", "other.json", "--dir", "S"}, want: []string{"S holds a different study", "--force"}},
		{args: []string{"sweep", "plan", "--dir", "S"}, want: []string{"--spec"}},
		{args: []string{"sweep", "task", "--dir", "S", "--index", "2"}, want: []string{"--index: 2 is out of range", "0 to 1"}},
		{args: []string{"sweep", "task", "--dir", "S"}, want: []string{"--index"}},
		{args: []string{"sweep", "task", "--dir", "S", "--index", "0", "--runs-per-task", "0"}, want: []string{"--runs-per-task"}},
		{args: []string{"sweep", "run", "--dir", "S", "-j", "0"}, want: []string{"-j: 0"}},
		{args: []string{"sweep", "run", "--dir", "nostudy"}, want: []string{"nostudy: no study here"}},
		{args: []string{"sweep", "status"}, want: []string{"missing --dir"}},
		{args: []string{"sweep", "collect", "--dir", "nostudy"}, want: []string{"no study here"}},
		{args: []string{"sweep", "slurm", "--dir", "S", "--time", "1 hour"}, want: []string{"--time"}},
		{args: []string{"sweep", "slurm", "--dir", "S", "--mem", "lots"}, want: []string{"--mem"}},
		{args: []string{"sweep", "slurm", "--dir", "S", "--max-running", "-1"}, want: []string{"--max-running"}},
		{args: []string{"sweep", "slurm", "--dir", "S", "--sbatch-arg", "account=lab"}, want: []string{"--sbatch-arg"}},
		{args: []string{"sweep", "plot"}, want: []string{`unknown subcommand "plot"`}},
		{args: []string{"sweep"}, want: []string{"missing subcommand"}},
	}
	for _, c := range cases {
		problems, notes, r := checkBad(t, dir, c)
		for _, n := range notes {
			t.Errorf("%v: %s", c.args, n)
		}
		for _, p := range problems {
			t.Errorf("%v: %s\nstderr: %s", c.args, p, r.stderr)
		}
	}
}

// fakeSlurm puts sbatch, scontrol and squeue first on PATH: sbatch
// records its arguments in a log and prints job ids 1001, 1002, ...;
// scontrol says MaxArraySize = 4; squeue prints the file squeue.txt.
func fakeSlurm(t *testing.T) (logPath, squeueOut string) {
	fake := t.TempDir()
	logPath = filepath.Join(fake, "sbatch.log")
	squeueOut = filepath.Join(fake, "squeue.txt")
	scripts := map[string]string{
		"sbatch":   `n=$(( $(cat "$0.n" 2>/dev/null || echo 1000) + 1 )); echo $n > "$0.n"; echo "$*" >> ` + logPath + `; echo "$n;cluster"`,
		"scontrol": `[ "$1 $2" = "show config" ] && printf 'MaxJobCount             = 10000\nMaxArraySize            = 4\n'`,
		"squeue":   `cat ` + squeueOut + ` 2>/dev/null; true`,
	}
	for name, body := range scripts {
		require.NoError(t, os.WriteFile(filepath.Join(fake, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755))
	}
	t.Setenv("PATH", fake+string(os.PathListSeparator)+os.Getenv("PATH"))
	return logPath, squeueOut
}

// TestSweepSlurmSubmit tests our side of the Slurm protocol against fake
// commands: the arrays submitted (split at MaxArraySize), the job ids
// recorded, a resubmission that sends only the unfinished array tasks,
// squeue consulted for runs that Slurm runs, and the script itself
// running an array task.
func TestSweepSlurmSubmit(t *testing.T) {
	logPath, squeueOut := fakeSlurm(t)
	dir := t.TempDir()
	spec := writeSpec(t, dir, "study.json", `{"task": "co", "seeds": "1-3", "grid": {"eta": [0.1, 0.3]}, "network": {"neurons": 20}, "maxPasses": 3}`)
	mustRun(t, dir, "sweep", "plan", "--spec", spec, "--dir", "S")
	study := filepath.Join(dir, "S")
	script := filepath.Join(study, "slurm", "array.sbatch")

	r := mustRun(t, dir, "sweep", "slurm", "--dir", "S")
	assert.Contains(t, r.stdout, "MaxArraySize 4; 6 array tasks to submit in 2 arrays")
	assert.Contains(t, r.stdout, "sbatch --parsable --array=0-3 "+script)
	_, err := os.Stat(logPath)
	assert.True(t, os.IsNotExist(err), "without --submit nothing is submitted")

	r = mustRun(t, dir, "sweep", "slurm", "--dir", "S", "--submit", "--max-running", "2", "--partition", "debug", "--time", "0-00:10:00")
	assert.Contains(t, r.stdout, "submitted job 1001: --array=0-3%2 (offset 0)")
	assert.Contains(t, r.stdout, "submitted job 1002: --array=0-1%2 (offset 4)")
	body, err := os.ReadFile(script)
	require.NoError(t, err)
	for _, line := range []string{"#SBATCH --array=0-3%2\n", "#SBATCH --partition=debug\n", "#SBATCH --time=0-00:10:00\n",
		"#SBATCH --output=" + study + "/slurm/%A_%a.out\n", "sweep task --dir " + study + " --runs-per-task 1 --index $((SLURM_ARRAY_TASK_ID + ${HEBBRNN_SWEEP_OFFSET:-0}))\n"} {
		assert.Contains(t, string(body), line)
	}
	jobs, err := os.ReadFile(filepath.Join(study, "slurm", "jobs.tsv"))
	require.NoError(t, err)
	assert.Equal(t, "1001\t0\t0-3%2\n1002\t4\t0-1%2\n", string(jobs))

	// The array tasks run (here by hand, as Slurm would): all but 3 and
	// 5; 5 through the script itself.
	for _, i := range []string{"0", "1", "2", "4"} {
		mustRun(t, dir, "sweep", "task", "--dir", "S", "--index", i)
	}
	// Run 3 "runs" under Slurm job 555 on another node.
	require.NoError(t, os.MkdirAll(sweep.RunDir(study, 3), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(sweep.RunDir(study, 3), "run.json"),
		[]byte(`{"state": "running", "host": "node7", "pid": 1, "slurmJob": "555", "started": "2026-01-01T00:00:00Z"}`), 0o644))
	require.NoError(t, os.WriteFile(squeueOut, []byte("555\n"), 0o644))
	r = mustRun(t, dir, "sweep", "status", "--dir", "S")
	assert.Contains(t, r.stdout, "3\tco\t1\t0.3\trunning: on node7, Slurm job 555\n")
	r = mustRun(t, dir, "sweep", "slurm", "--dir", "S", "--submit", "--max-running", "2")
	assert.Contains(t, r.stdout, "submitted job 1003: --array=1%2 (offset 4)")
	assert.NotContains(t, r.stdout, "offset 0")

	// Job 555 is gone from squeue: run 3 was interrupted, and is sent
	// again, with run 5 if still not done.
	require.NoError(t, os.WriteFile(squeueOut, nil, 0o644))
	r = mustRun(t, dir, "sweep", "status", "--dir", "S")
	assert.Contains(t, r.stdout, "3\tco\t1\t0.3\tpending\n", "a run killed before its first checkpoint starts anew")
	cmd := exec.Command("bash", script)
	cmd.Env = append(os.Environ(), "SLURM_ARRAY_TASK_ID=1", "HEBBRNN_SWEEP_OFFSET=4", "SLURM_JOB_ID=777")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	rec, err := os.ReadFile(filepath.Join(sweep.RunDir(study, 5), "run.json"))
	require.NoError(t, err)
	assert.Contains(t, string(rec), `"slurmJob": "777"`)
	assert.Contains(t, string(rec), `"state": "done"`)
	r = mustRun(t, dir, "sweep", "slurm", "--dir", "S", "--submit")
	assert.Contains(t, r.stdout, "submitted job 1004: --array=3 (offset 0)")
	assert.Contains(t, r.stdout, "1 array task to submit in 1 array")

	log, err := os.ReadFile(logPath)
	require.NoError(t, err)
	assert.Equal(t, "--parsable --array=0-3%2 "+script+"\n"+
		"--parsable --array=0-1%2 --export=ALL,HEBBRNN_SWEEP_OFFSET=4 "+script+"\n"+
		"--parsable --array=1%2 --export=ALL,HEBBRNN_SWEEP_OFFSET=4 "+script+"\n"+
		"--parsable --array=3 "+script+"\n", string(log))

	mustRun(t, dir, "sweep", "task", "--dir", "S", "--index", "3")
	r = mustRun(t, dir, "sweep", "slurm", "--dir", "S", "--submit")
	assert.Contains(t, r.stdout, "every run is done, running or queued: nothing to submit")
}

// TestSweepTwoPools runs two sweep run processes on one study at once:
// the runs' locks make each run train once, in one of them.
func TestSweepTwoPools(t *testing.T) {
	dir := t.TempDir()
	spec := writeSpec(t, dir, "study.json", `{"task": "co", "seeds": "1-6", "network": {"neurons": 20}, "options": {"evalEvery": 10}, "maxPasses": 40}`)
	mustRun(t, dir, "sweep", "plan", "--spec", spec, "--dir", "S")
	var cmds [2]*exec.Cmd
	var errs [2]bytes.Buffer
	for k := range cmds {
		cmds[k] = exec.Command(bin, "sweep", "run", "--dir", "S", "-j", "1")
		cmds[k].Dir = dir
		cmds[k].Stderr = &errs[k]
		require.NoError(t, cmds[k].Start())
	}
	done := 0
	for k, c := range cmds {
		require.NoError(t, c.Wait(), errs[k].String())
		var n int
		_, err := fmt.Sscanf(lastLine(errs[k].String()), "%d runs done", &n)
		require.NoError(t, err, errs[k].String())
		done += n
	}
	assert.Equal(t, 6, done, "every run trained exactly once:\n%s\n%s", errs[0].String(), errs[1].String())
	r := mustRun(t, dir, "sweep", "status", "--dir", "S")
	assert.Contains(t, r.stdout, "6 runs: 6 done")
}

// TestSweepSlurmQueued submits a study twice while Slurm still holds some
// of its array tasks: the second submission leaves out those that squeue
// lists, so that no task is queued twice.
func TestSweepSlurmQueued(t *testing.T) {
	logPath, squeueOut := fakeSlurm(t)
	dir := t.TempDir()
	spec := writeSpec(t, dir, "study.json", `{"task": "co", "seeds": "1-3", "grid": {"eta": [0.1, 0.3]}, "network": {"neurons": 20}, "maxPasses": 3}`)
	mustRun(t, dir, "sweep", "plan", "--spec", spec, "--dir", "S")
	script := filepath.Join(dir, "S", "slurm", "array.sbatch")
	mustRun(t, dir, "sweep", "slurm", "--dir", "S", "--submit")
	// squeue -r: array tasks 1 of job 1001 and 0 of job 1002 (offset 4,
	// so array task 4) are still queued; another user's job 999 too.
	require.NoError(t, os.WriteFile(squeueOut, []byte("1001 1\n1002 0\n999 3\n"), 0o644))
	r := mustRun(t, dir, "sweep", "slurm", "--dir", "S", "--submit")
	assert.Contains(t, r.stdout, "2 unfinished array tasks: still queued in Slurm, not submitted again")
	assert.Contains(t, r.stdout, "submitted job 1003: --array=0,2-3 (offset 0)")
	assert.Contains(t, r.stdout, "submitted job 1004: --array=1 (offset 4)")
	log, err := os.ReadFile(logPath)
	require.NoError(t, err)
	assert.Equal(t, "--parsable --array=0-3 "+script+"\n"+
		"--parsable --array=0-1 --export=ALL,HEBBRNN_SWEEP_OFFSET=4 "+script+"\n"+
		"--parsable --array=0,2-3 "+script+"\n"+
		"--parsable --array=1 --export=ALL,HEBBRNN_SWEEP_OFFSET=4 "+script+"\n", string(log))
}

// TestSweepKeysAreTrainFlags ties the keys a study may set (sweep.Keys) to
// the train command that runs it: a key with a flag names a flag train
// has; a learning-option key is a key of train's options file; and every
// key of that file but maxPasses (a top-level key of a spec) can be set by
// a study.
func TestSweepKeysAreTrainFlags(t *testing.T) {
	fs := newFlagSet("train", trainSynopsis, io.Discard)
	var f trainFlags
	f.register(fs)
	options := optionKeys()
	inStudy := map[string]bool{}
	for _, k := range sweep.Keys {
		if k.Flag != "" {
			assert.NotNil(t, fs.Lookup(k.Flag), "study key %s: train has no flag --%s", k.Name, k.Flag)
		}
		if k.Network {
			assert.NotEmpty(t, k.Flag, "network key %s has no train flag", k.Name)
			continue
		}
		assert.Contains(t, options, k.Name, "study key %s is not a key of train's options file", k.Name)
		inStudy[k.Name] = true
	}
	for _, name := range options {
		if name != "maxPasses" {
			assert.True(t, inStudy[name], "learning option %s cannot be set by a study", name)
		}
	}
}
