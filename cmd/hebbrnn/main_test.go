package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/internal/limits"
	"github.com/hebbrnn/hebbrnn/internal/matfile"
	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// bin is the hebbrnn binary built once for the tests.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hebbrnn-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "hebbrnn")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building hebbrnn:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

// hebbrnn runs the binary in dir.
func hebbrnn(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return hebbrnnWithin(t, 60*time.Second, dir, args...)
}

// hebbrnnWithin runs the binary in dir and kills it after limit, failing
// the test.
func hebbrnnWithin(t *testing.T, limit time.Duration, dir string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running hebbrnn %v: %v", args, err)
	}
	if ctx.Err() != nil {
		t.Errorf("hebbrnn %v did not finish within %v (killed)", args, limit)
	}
	return result{code, out.String(), errb.String()}
}

func mustRun(t *testing.T, dir string, args ...string) result {
	t.Helper()
	r := hebbrnn(t, dir, args...)
	require.Equal(t, 0, r.code, "hebbrnn %v\nstdout:\n%s\nstderr:\n%s", args, r.stdout, r.stderr)
	return r
}

// tinyTask writes a small task file: 2 conditions of 120 steps, one
// input pulse, one output of ±0.5 after it.
func tinyTask(t *testing.T, dir string) string {
	return tinyTaskN(t, dir, 2)
}

// tinyTaskN writes a task like tinyTask with conds conditions.
func tinyTaskN(t *testing.T, dir string, conds int) string {
	t.Helper()
	const steps = 120
	task := &rnn.Task{}
	for c := 0; c < conds; c++ {
		u := mat.NewDense[float64](steps, 1)
		f := mat.NewDense[float64](steps, 1)
		for s := 0; s < steps; s++ {
			if s < 20 {
				u.Set(s, 0, float64(2*(c%2)-1)*float64(1+c/2))
			}
			f.Set(s, 0, 0.5*float64(2*(c%2)-1))
		}
		task.Inputs = append(task.Inputs, u)
		task.Targets = append(task.Targets, f)
	}
	path := filepath.Join(dir, fmt.Sprintf("tiny%d.npz", conds))
	require.NoError(t, rnn.WriteTask(path, task))
	return path
}

func readJ(t *testing.T, path string) []float64 {
	t.Helper()
	m, err := rnn.ReadModel(path)
	require.NoError(t, err)
	return m.J.Data
}

func TestTrainDNMS(t *testing.T) {
	dir := t.TempDir()
	r := mustRun(t, dir, "train", "--task", "dnms", "--neurons", "30", "--max-passes", "3", "--eval-every", "1")
	assert.Contains(t, r.stderr, "pass 3")
	assert.Contains(t, r.stderr, "saved model and checkpoint")
	assert.Contains(t, r.stderr, "eta 0.02, perturbation 3 Hz of U(±0.5), evaluation every 1 pass,", "the first line gives the rule's settings")

	m, err := rnn.ReadModel(filepath.Join(dir, "run-dnms", "model.npz"))
	require.NoError(t, err)
	assert.Equal(t, 30, m.Config.Units)
	require.NotNil(t, m.State, "the model is a checkpoint")
	assert.Equal(t, 3, m.State.Pass)
	assert.Equal(t, 0.02, m.Options.Eta, "DNMS reference options")

	hist, err := readLog(filepath.Join(dir, "run-dnms", "log.jsonl"))
	require.NoError(t, err)
	require.Len(t, hist, 3)
	assert.Equal(t, []int{1, 2, 3}, []int{hist[0].Pass, hist[1].Pass, hist[2].Pass})
	assert.Len(t, hist[2].CondErrors, 4)
	assert.Greater(t, float64(hist[2].Error), 0.0)

	for _, name := range []string{"learning.svg", "outputs.svg"} {
		b, err := os.ReadFile(filepath.Join(dir, "run-dnms", "plots", name))
		require.NoError(t, err, name)
		assert.True(t, bytes.HasPrefix(bytes.TrimSpace(b), []byte("<svg")) || bytes.Contains(b[:min(len(b), 200)], []byte("<svg")), name)
		assert.True(t, bytes.HasSuffix(bytes.TrimSpace(b), []byte("</svg>")), name)
	}

	// The same command again refuses to overwrite the run.
	before, err := os.ReadFile(filepath.Join(dir, "run-dnms", "model.npz"))
	require.NoError(t, err)
	r = hebbrnn(t, dir, "train", "--task", "dnms", "--neurons", "30", "--max-passes", "3")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "--out")
	after, _ := os.ReadFile(filepath.Join(dir, "run-dnms", "model.npz"))
	assert.Equal(t, before, after)
}

func TestTrainFileTasksAndPrecision(t *testing.T) {
	dir := t.TempDir()
	task := tinyTask(t, dir)
	// A .npz task in f32, with explicit output paths.
	mustRun(t, dir, "train", "--task", task, "--neurons", "30", "--max-passes", "2", "--eval-every", "1",
		"--precision", "f32", "--out", "m32.npz", "--log", "none", "--plots", "none", "--quiet")
	m, err := rnn.ReadModel(filepath.Join(dir, "m32.npz"))
	require.NoError(t, err)
	assert.Equal(t, "f32", m.Precision)
	assert.Equal(t, 1, m.Config.Inputs)
	_, err = os.Stat(filepath.Join(dir, "run-tiny2"))
	assert.True(t, os.IsNotExist(err), "--log none and --plots none write nothing else")

	// A MATLAB task: cell arrays inp {I×T} and targ {B×T}.
	const steps = 80
	inp := &matfile.Cell{Dims: []int{1, 3}}
	targ := &matfile.Cell{Dims: []int{1, 3}}
	for c := 0; c < 3; c++ {
		u := make([]float64, 2*steps) // 2×T, column-major
		f := make([]float64, steps)
		for s := 0; s < steps; s++ {
			if s < 10 {
				u[2*s+c%2] = 1
			}
			f[s] = float64(c) - 1
		}
		inp.Elems = append(inp.Elems, matfile.NewMatrix(2, steps, u))
		targ.Elems = append(targ.Elems, matfile.NewMatrix(1, steps, f))
	}
	matTask := filepath.Join(dir, "mytask.mat")
	require.NoError(t, matfile.WriteFile(matTask, []matfile.Var{{Name: "inp", Value: inp}, {Name: "targ", Value: targ}}))
	r := mustRun(t, dir, "train", "--task", matTask, "--neurons", "25", "--max-passes", "2", "--eval-every", "1", "--target-times", "40:79")
	assert.Contains(t, r.stderr, "3 conditions × 80 steps")
	m, err = rnn.ReadModel(filepath.Join(dir, "run-mytask", "model.npz"))
	require.NoError(t, err)
	assert.Equal(t, 2, m.Config.Inputs)
	assert.Equal(t, &[2]int{40, 79}, m.Options.TargetTimes)
}

func TestRunExportPlot(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "train", "--task", "co", "--neurons", "20", "--max-passes", "1", "--quiet", "--dir", "co")
	model := filepath.Join("co", "model.npz")

	r := mustRun(t, dir, "run", "--model", model, "--task", "co", "--out", "traj.npz", "--plots", "p")
	assert.Contains(t, r.stdout, "mean error")
	z, err := npy.ReadNPZFile(filepath.Join(dir, "traj.npz"))
	require.NoError(t, err)
	s, _ := z.Shape("Z")
	assert.Equal(t, []int{4, 150, 2}, s)
	s, _ = z.Shape("hand")
	assert.Equal(t, []int{4, 151, 2}, s)
	for _, name := range []string{"outputs.svg", "hand.svg"} {
		_, err := os.Stat(filepath.Join(dir, "p", name))
		assert.NoError(t, err, name)
	}

	mustRun(t, dir, "run", "--model", model, "--task", "co", "--out", "traj.mat")
	vars, err := matfile.ReadFile(filepath.Join(dir, "traj.mat"))
	require.NoError(t, err)
	for name, rows := range map[string]int{"Z": 2, "R": 20, "X": 20, "hand": 2} {
		v, ok := matfile.Lookup(vars, name)
		require.True(t, ok, name)
		cl, ok := v.(*matfile.Cell)
		require.True(t, ok, name)
		assert.Equal(t, []int{1, 4}, cl.Dims, name)
		n := cl.Elems[0].(*matfile.Numeric)
		cols := 150
		if name == "hand" {
			cols = 151
		}
		assert.Equal(t, []int{rows, cols}, n.Dims, name)
	}
	// Z{c}(b, t) of the .mat file equals Z[c, t, b] of the .npz file.
	zmat, _ := matfile.Lookup(vars, "Z")
	znpz, err := z.Float64("Z", 4, 150, 2)
	require.NoError(t, err)
	z3 := zmat.(*matfile.Cell).Elems[3].(*matfile.Numeric)
	assert.Equal(t, znpz[3*300+149*2+1], z3.At(1, 149))
	ev, _ := matfile.Lookup(vars, "errors")
	assert.Equal(t, []int{4, 2}, ev.(*matfile.Numeric).Dims)

	mustRun(t, dir, "export-model", "--model", model, "--out", "model.mat")
	vars, err = matfile.ReadFile(filepath.Join(dir, "model.mat"))
	require.NoError(t, err)
	m, err := rnn.ReadModel(filepath.Join(dir, model))
	require.NoError(t, err)
	jv, _ := matfile.Lookup(vars, "J")
	j := jv.(*matfile.Numeric)
	assert.Equal(t, []int{20, 20}, j.Dims)
	assert.Equal(t, m.J.At(3, 7), j.At(3, 7))
	ou, _ := matfile.Lookup(vars, "outputUnits")
	assert.Equal(t, []float64{1, 2}, ou.(*matfile.Numeric).Data, "1-based")
	bu, _ := matfile.Lookup(vars, "biasUnits")
	assert.Equal(t, []float64{3, 4, 5, 6}, bu.(*matfile.Numeric).Data, "1-based")

	r = mustRun(t, dir, "plot", "--log", filepath.Join("co", "log.jsonl"), "--traj", "traj.npz", "--task", "co", "--out", "plots2")
	for _, name := range []string{"learning.svg", "outputs.svg", "hand.svg"} {
		_, err := os.Stat(filepath.Join(dir, "plots2", name))
		assert.NoError(t, err, name)
	}
}

func TestInfoBench(t *testing.T) {
	r := mustRun(t, t.TempDir(), "info")
	assert.Contains(t, r.stdout, "kernels")
	assert.Contains(t, r.stdout, "f64:")
	// The binary measures its core's clock where it has the probe (amd64
	// and arm64, without purego), and says so where it has not.
	clockOK := regexp.MustCompile(`clock +\d+\.\d\d GHz \(measured now`).MatchString(r.stdout)
	if !clockOK {
		assert.Contains(t, r.stdout, "clock     not measured (no clock probe on")
	}
	r = mustRun(t, t.TempDir(), "bench", "--neurons", "40")
	for _, row := range []string{"J·r (gemv)", "4 vectors (lockstep)", "eligibility D3ᵀ·R3", "learning trial",
		"conditions in lockstep", "clean trials one by one", "× as fast as the", "inference step"} {
		assert.Contains(t, r.stdout, row)
	}
	assert.Equal(t, 2, strings.Count(r.stdout, "inference step"), "one inference row per precision")
	// Each product with J, the eligibility and the one-thread trial stand
	// beside this core's limit, measured in the run, where the kernels the
	// binary chose have probes.
	assert.Contains(t, r.stdout, "× limit")
	m := regexp.MustCompile(`kernels f64: (\S+),`).FindStringSubmatch(r.stdout)
	require.NotNil(t, m, "bench names its kernels")
	if limits.TierWidth(m[1]) != 0 {
		num, ratio := `[\d.]+ (ns|µs|ms)`, ` +\d+\.\d\d *\n`
		for _, row := range []string{`J·r \(gemv\) +f64 +\S+ +` + num + ` +[\d.]+ +` + num + ratio,
			`eligibility D3ᵀ·R3, T=1000 +f32 +\S+ +` + num + ` +[\d.]+ +` + num + ratio,
			`learning trial +f64 +\S+ +1 +` + num + ` +` + num + ratio,
			`inference step \(State.Step\) +f32 +\S+ +1 +` + num + ` +` + num + ratio} {
			assert.Regexp(t, row, r.stdout)
		}
		// On every CPU, the floor of several cores: reads on one, the
		// eligibility's multiply-adds on the others, at the same time.
		if cpus := runtime.NumCPU(); cpus > 1 {
			assert.Regexp(t, fmt.Sprintf(`learning trial +f32 +\S+ +%d +`, cpus)+num+` +`+num+ratio, r.stdout)
			assert.Contains(t, r.stdout, "on more threads the\nreads on one core while the other cores share the multiply-adds")
		}
		assert.Regexp(t, `\d+ bits: [\d.]+ GFLOP/s of float64 multiply-adds, J \(N=40\) read at [\d.]+ GB/s`, r.stdout)
		if clockOK {
			assert.Regexp(t, `GB/s \(f64\): [\d.]+ flop and [\d.]+ bytes a cycle\n`, r.stdout)
			assert.Regexp(t, `clock: \d+\.\d\d GHz, measured in this run`, r.stdout)
		}
	} else {
		assert.Contains(t, r.stdout, "limits not measured")
		assert.Regexp(t, `J·r \(gemv\) +f64 +\S+ +[\d.]+ (ns|µs|ms) +[\d.]+ +- +- *\n`, r.stdout)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	task := tinyTask(t, dir)
	mustRun(t, dir, "train", "--task", task, "--neurons", "20", "--max-passes", "1", "--quiet", "--out", "model.npz", "--dir", "run")
	// A plain model (no checkpoint parts).
	ref, err := rnn.ReadModel(filepath.Join(dir, "model.npz"))
	require.NoError(t, err)
	net, err := rnn.NetworkOf[float64](ref)
	require.NoError(t, err)
	require.NoError(t, rnn.WriteModel(filepath.Join(dir, "plain.npz"), net))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"eta": 0.1, "etaa": 2}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "garbage.npz"), []byte("not a zip"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "traj.npz"), []byte("precious"), 0o644))
	bad := npy.NewNPZ()
	bad.Set("targets", npy.NewF64(make([]float64, 6), 2, 3))
	require.NoError(t, npy.WriteNPZFile(filepath.Join(dir, "flat.npz"), bad))
	require.NoError(t, matfile.WriteFile(filepath.Join(dir, "notarg.mat"), []matfile.Var{{Name: "inp", Value: matfile.NewMatrix(1, 3, []float64{1, 2, 3})}}))

	cases := []struct {
		args []string
		want string // in the message
	}{
		{[]string{"train", "--precision", "f16"}, "--precision"},
		{[]string{"train", "--task", "nosuch"}, "--task"},
		{[]string{"train", "--task", "missing.npz"}, "missing.npz"},
		{[]string{"train", "--task", "garbage.npz"}, "garbage.npz"},
		{[]string{"train", "--task", "flat.npz"}, "targets"},
		{[]string{"train", "--task", "notarg.mat"}, "targ"},
		{[]string{"train", "--task", task, "--eta", "-1"}, "--eta"},
		{[]string{"train", "--task", task, "--order", "random"}, "--order"},
		{[]string{"train", "--task", task, "--criterion-error", "0"}, "--criterion-error"},
		{[]string{"train", "--task", task, "--target-times", "5:2"}, "--target-times"},
		{[]string{"train", "--task", task, "--target-times", "0:500"}, "--target-times"},
		{[]string{"train", "--task", task, "--threads", "0"}, "--threads"},
		{[]string{"train", "--task", task, "--neurons", "0"}, "--neurons"},
		{[]string{"train", "--task", task, "--activation", "relu"}, "--activation"},
		{[]string{"train", "--task", task, "--max-time", "soon"}, "--max-time"},
		{[]string{"train", "--task", task, "--options", "bad.json"}, "etaa"},
		{[]string{"train", "--task", task, "--out", "model.npz"}, "already exists"},
		{[]string{"train", "--task", task, "--resume", "plain.npz"}, "checkpoint"},
		{[]string{"train", "--task", "dnms", "--resume", "model.npz"}, "inputs"},
		{[]string{"train", "--task", task, "--resume", "model.npz", "--neurons", "5"}, "--neurons"},
		{[]string{"train", "--task", task, "--resume", "model.npz", "--seed", "5"}, "--seed"},
		{[]string{"train", "--task", task, "--bogus"}, "bogus"},
		{[]string{"train", "extra"}, "extra"},
		{[]string{"run", "--model", "model.npz", "--task", "dnms", "--out", "traj.npz"}, "inputs"},
		{[]string{"run", "--model", "model.npz", "--task", task, "--out", "traj.txt"}, "--out"},
		{[]string{"run", "--model", "nope.npz", "--task", task, "--out", "traj.npz"}, "--model"},
		{[]string{"run", "--model", "model.npz", "--task", task, "--out", "traj.npz", "--threads", "0"}, "--threads"},
		{[]string{"run", "--model", "model.npz", "--task", task, "--out", "traj.npz", "--threads", "-2"}, "--threads"},
		{[]string{"run", "--model", "garbage.npz", "--task", task, "--out", "traj.npz"}, "garbage.npz"},
		{[]string{"export-model", "--model", "model.npz", "--out", "m.txt"}, "--out"},
		{[]string{"plot", "--out", "p"}, "--log"},
		{[]string{"plot", "--log", "run/missing.jsonl", "--out", "p"}, "--log"},
		{[]string{"frobnicate"}, "frobnicate"},
	}
	snapshot := func() map[string][]byte {
		files := map[string][]byte{}
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				b, _ := os.ReadFile(p)
				files[p] = b
			}
			return nil
		})
		return files
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			before := snapshot()
			r := hebbrnn(t, dir, c.args...)
			assert.Equal(t, exitUsage, r.code, "stderr: %s", r.stderr)
			lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
			assert.Len(t, lines, 1, "one line: %q", r.stderr)
			assert.Contains(t, r.stderr, c.want)
			assert.Equal(t, before, snapshot(), "files changed")
		})
	}
}

// TestTrialsToCriterionLog checks the log's trialsToCriterion: null
// before the criterion is reached, then the trial that the last line of
// stderr names.
func TestTrialsToCriterionLog(t *testing.T) {
	dir := t.TempDir()
	task := tinyTask(t, dir)
	r := mustRun(t, dir, "train", "--task", task, "--neurons", "30", "--seed", "7", "--criterion-error", "0.5",
		"--max-passes", "200", "--eval-every", "25", "--dir", "c")
	data, err := os.ReadFile(filepath.Join(dir, "c", "log.jsonl"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var got []*int
	for _, l := range lines {
		var raw map[string]json.RawMessage
		require.NoError(t, json.Unmarshal([]byte(l), &raw))
		v, ok := raw["trialsToCriterion"]
		require.True(t, ok, "every log line has trialsToCriterion: %s", l)
		var n *int
		require.NoError(t, json.Unmarshal(v, &n))
		got = append(got, n)
	}
	require.Nil(t, got[0], "after pass 1 (2 trials) the window of 100 is not full")
	last := got[len(got)-1]
	require.NotNil(t, last, "the tiny task reaches the criterion error 0.5 in 400 trials")
	assert.GreaterOrEqual(t, *last, 100)
	assert.Contains(t, r.stderr, fmt.Sprintf("criterion reached at trial %d", *last))
	for i := 1; i < len(got); i++ {
		if got[i-1] != nil {
			require.NotNil(t, got[i])
			assert.Equal(t, *got[i-1], *got[i], "once reached, the value stays")
		}
	}

	r = mustRun(t, dir, "train", "--task", task, "--neurons", "30", "--seed", "7", "--criterion-error", "0.01",
		"--max-passes", "60", "--eval-every", "30", "--dir", "d")
	assert.NotContains(t, r.stderr, "criterion reached")
	data, err = os.ReadFile(filepath.Join(dir, "d", "log.jsonl"))
	require.NoError(t, err)
	assert.Contains(t, string(data), `"trialsToCriterion":null`)
}

// TestInterruptResume interrupts a training process, resumes it from its
// checkpoint and checks that the result is bit-identical to an
// uninterrupted run.
func TestInterruptResume(t *testing.T) {
	for _, conds := range []int{2, 5} {
		t.Run(fmt.Sprintf("conditions=%d", conds), func(t *testing.T) { testInterruptResume(t, conds) })
	}
}

func testInterruptResume(t *testing.T, conds int) {
	dir := t.TempDir()
	task := tinyTaskN(t, dir, conds)
	const passes = 400
	common := []string{"--task", task, "--neurons", "30", "--seed", "7", "--criterion-error", "0.5"}

	cmd := exec.Command(bin, append([]string{"train", "--dir", "a", "--eval-every", "1", "--max-passes", "1000000"}, common...)...)
	cmd.Dir = dir
	var errb bytes.Buffer
	cmd.Stderr = &errb
	require.NoError(t, cmd.Start())
	ckpt := filepath.Join(dir, "a", "model.npz")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(ckpt); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no checkpoint after 30 s; stderr:\n%s", errb.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	err := cmd.Wait()
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "exit: %v\n%s", err, errb.String())
	assert.Equal(t, exitInterrupted, ee.ExitCode(), errb.String())
	assert.Contains(t, errb.String(), "--resume")

	m, err := rnn.ReadModel(ckpt)
	require.NoError(t, err)
	require.NotNil(t, m.State)
	stopped := m.State.Pass
	t.Logf("interrupted at pass %d, position %d, trial %d", stopped, m.State.Pos, m.State.Trials)
	require.Less(t, stopped, passes, "the run went too far before the interrupt")

	r := mustRun(t, dir, "train", "--resume", ckpt, "--task", task, "--max-passes", fmt.Sprint(passes), "--eval-every", "100")
	assert.Contains(t, r.stderr, "resuming at pass")
	hist, err := readLog(filepath.Join(dir, "a", "log.jsonl"))
	require.NoError(t, err)
	for i := 1; i < len(hist); i++ {
		assert.Greater(t, hist[i].Trials, hist[i-1].Trials, "log entries in order after the resume")
	}
	assert.Equal(t, passes, hist[len(hist)-1].Pass)

	mustRun(t, dir, append([]string{"train", "--dir", "b", "--eval-every", "100", "--max-passes", fmt.Sprint(passes), "--quiet"}, common...)...)
	ja, jb := readJ(t, ckpt), readJ(t, filepath.Join(dir, "b", "model.npz"))
	require.Equal(t, len(jb), len(ja))
	same := true
	for i := range ja {
		if math.Float64bits(ja[i]) != math.Float64bits(jb[i]) {
			same = false
			t.Errorf("J differs at %d: %v vs %v", i, ja[i], jb[i])
			break
		}
	}
	assert.True(t, same, "resumed J is bit-identical to the uninterrupted run's")
	whole, err := readLog(filepath.Join(dir, "b", "log.jsonl"))
	require.NoError(t, err)
	ttc, ttcWhole := hist[len(hist)-1].TrialsToCriterion, whole[len(whole)-1].TrialsToCriterion
	require.NotNil(t, ttcWhole, "the tiny task reaches the criterion error 0.5 in %d passes", passes)
	require.NotNil(t, ttc)
	t.Logf("criterion reached at trial %d", *ttc)
	assert.Equal(t, *ttcWhole, *ttc, "the resumed run reports the trials to criterion of the uninterrupted one")
	// J actually learned.
	j0 := readJ(t, filepath.Join(dir, "b", "model.npz"))
	assert.NotEmpty(t, j0)
}

// TestDoubleInterrupt sends two interrupts: the process exits at once
// with 130 and the last checkpoint stays loadable.
func TestDoubleInterrupt(t *testing.T) {
	dir := t.TempDir()
	task := tinyTaskN(t, dir, 3)
	cmd := exec.Command(bin, "train", "--task", task, "--neurons", "30", "--eval-every", "1", "--max-passes", "1000000", "--dir", "d")
	cmd.Dir = dir
	require.NoError(t, cmd.Start())
	ckpt := filepath.Join(dir, "d", "model.npz")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(ckpt); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no checkpoint after 30 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	err := cmd.Wait()
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "exit: %v", err)
	assert.Equal(t, exitInterrupted, ee.ExitCode())
	m, err := rnn.ReadModel(ckpt)
	require.NoError(t, err)
	require.NotNil(t, m.State)
	_, err = readLog(filepath.Join(dir, "d", "log.jsonl"))
	assert.NoError(t, err)
}

func TestRecordReplay(t *testing.T) {
	dir := t.TempDir()
	task := tinyTask(t, dir)
	common := []string{"--task", task, "--neurons", "20", "--max-passes", "5", "--eval-every", "5", "--quiet", "--seed", "3"}
	mustRun(t, dir, append([]string{"train", "--dir", "rec", "--record-perturbations", "pert.npz"}, common...)...)
	rec, err := rnn.ReadRecording(filepath.Join(dir, "pert.npz"))
	require.NoError(t, err)
	assert.Equal(t, 10, rec.Trials())
	mustRun(t, dir, append([]string{"train", "--dir", "rep", "--replay-perturbations", "pert.npz"}, common...)...)
	assert.Equal(t, readJ(t, filepath.Join(dir, "rec", "model.npz")), readJ(t, filepath.Join(dir, "rep", "model.npz")),
		"replaying the recorded perturbations reproduces the run")
}

func TestLogJSON(t *testing.T) {
	e := logEntry{Pass: 1, Error: jsonFloat(math.NaN()), Best: 0.5}
	b, err := json.Marshal(e)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"error":null`)
	var back logEntry
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, math.IsNaN(float64(back.Error)))
}

func TestPassesToTolerance(t *testing.T) {
	var h []logEntry
	for p := 1; p <= 10; p++ {
		h = append(h, logEntry{Pass: p * 10, Error: jsonFloat(math.Exp(-0.01 * float64(p*10)))})
	}
	lo, hi, ok := passesToTolerance(h, math.Exp(-2))
	require.True(t, ok)
	assert.InDelta(t, 100, lo, 1e-6)
	assert.InDelta(t, 100, hi, 1e-6, "an exact line leaves no range")
	h = append(h, logEntry{Pass: 110, Error: 5}, logEntry{Pass: 120, Error: 9}, logEntry{Pass: 130, Error: 20}, logEntry{Pass: 140, Error: 40}, logEntry{Pass: 150, Error: 80})
	_, _, ok = passesToTolerance(h, 0.01)
	assert.False(t, ok, "no estimate when the error goes up")
}
