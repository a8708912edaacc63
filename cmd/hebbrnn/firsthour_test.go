package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/internal/matfile"
	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// noInputTask writes a task without inputs: 2 conditions of 60 steps, a
// sine and a cosine to produce from nothing.
func noInputTask(t *testing.T, dir string) string {
	t.Helper()
	const steps = 60
	task := &rnn.Task{}
	for c := 0; c < 2; c++ {
		f := mat.NewDense[float64](steps, 1)
		for s := 0; s < steps; s++ {
			f.Set(s, 0, 0.5*math.Sin(float64(s)/10+float64(c)))
		}
		task.Targets = append(task.Targets, f)
	}
	path := filepath.Join(dir, "noinput.npz")
	require.NoError(t, rnn.WriteTask(path, task))
	return path
}

// maxAbsZ returns the largest |output| of a trajectories file.
func maxAbsZ(t *testing.T, path string) float64 {
	t.Helper()
	z, err := npy.ReadNPZFile(path)
	require.NoError(t, err)
	v, err := z.Float64("Z")
	require.NoError(t, err)
	m := 0.0
	for _, x := range v {
		m = max(m, math.Abs(x))
	}
	return m
}

// TestNoInputTask: a file task without inputs gets one bias unit, which
// the header names and which makes the outputs move; with --bias-units 0
// the network can only produce zeros, and train says so and goes on.
func TestNoInputTask(t *testing.T) {
	dir := t.TempDir()
	task := noInputTask(t, dir)
	r := mustRun(t, dir, "train", "--task", task, "--neurons", "20", "--max-passes", "1", "--dir", "bias")
	assert.Contains(t, r.stderr, "N=20 I=0 B=1, 1 bias unit,")
	assert.NotContains(t, r.stderr, "warning")
	m, err := rnn.ReadModel(filepath.Join(dir, "bias", "model.npz"))
	require.NoError(t, err)
	assert.Equal(t, 1, m.Config.BiasUnits)
	mustRun(t, dir, "run", "--model", filepath.Join("bias", "model.npz"), "--task", task, "--out", "bias.npz")
	assert.Greater(t, maxAbsZ(t, filepath.Join(dir, "bias.npz")), 1e-3, "the bias unit drives the outputs")

	r = mustRun(t, dir, "train", "--task", task, "--neurons", "20", "--bias-units", "0", "--max-passes", "1", "--dir", "silent")
	assert.Contains(t, r.stderr, "N=20 I=0 B=1, 0 bias units,")
	var warnings []string
	for _, l := range strings.Split(r.stderr, "\n") {
		if strings.HasPrefix(l, "warning") {
			warnings = append(warnings, l)
		}
	}
	require.Len(t, warnings, 1, "one warning line: %s", r.stderr)
	assert.Contains(t, warnings[0], "nothing but zeros")
	assert.Contains(t, warnings[0], "--bias-units")
	mustRun(t, dir, "run", "--model", filepath.Join("silent", "model.npz"), "--task", task, "--out", "silent.npz")
	assert.Equal(t, 0.0, maxAbsZ(t, filepath.Join(dir, "silent.npz")), "the warning is true")

	// Noise is a source of activity too: no warning.
	r = mustRun(t, dir, "train", "--task", task, "--neurons", "20", "--bias-units", "0", "--noise", "0.01", "--max-passes", "1", "--dir", "noisy")
	assert.NotContains(t, r.stderr, "warning")
}

// TestMatModelJOnly: a MATLAB model of J alone runs and trains on a task,
// which gives the numbers of inputs and outputs, and the tool names the
// defaults it took on one line.
func TestMatModelJOnly(t *testing.T) {
	dir := t.TempDir()
	task := tinyTask(t, dir) // 1 input, 1 output
	const n = 15
	j := make([]float64, n*n)
	for i := range j {
		j[i] = 1.3 * math.Sin(float64(3*i+1)) / math.Sqrt(n)
	}
	require.NoError(t, matfile.WriteFile(filepath.Join(dir, "j.mat"), []matfile.Var{{Name: "J", Value: matfile.NewMatrix(n, n, j)}}))
	for _, args := range [][]string{
		{"run", "--model", "j.mat", "--task", task, "--out", "traj.npz"},
		{"train", "--model", "j.mat", "--task", task, "--max-passes", "1", "--dir", "r"},
	} {
		r := mustRun(t, dir, args...)
		var notes []string
		for _, l := range strings.Split(r.stderr, "\n") {
			if strings.Contains(l, "defaults") {
				notes = append(notes, l)
			}
		}
		require.Len(t, notes, 1, "%v: one line of defaults: %s", args, r.stderr)
		for _, d := range []string{"--model", "j.mat", "from the task wIn = zeros(15, 1), 1 output", "g = 1.3", "tau = 30", "actFun = tanh"} {
			assert.Contains(t, notes[0], d, args)
		}
	}
	m, err := rnn.ReadModel(filepath.Join(dir, "r", "model.npz"))
	require.NoError(t, err)
	assert.Equal(t, [3]int{n, 1, 1}, [3]int{m.Config.Units, m.Config.Inputs, m.Config.Outputs})
	assert.Equal(t, 1.3, m.Config.G)
	assert.Equal(t, 30.0, m.Config.Tau)

	// J with wIn (the case that wanted outputs before): the outputs come
	// from the task, the inputs from wIn.
	w := make([]float64, n)
	for i := range w {
		w[i] = math.Cos(float64(i))
	}
	require.NoError(t, matfile.WriteFile(filepath.Join(dir, "jw.mat"), []matfile.Var{{Name: "J", Value: matfile.NewMatrix(n, n, j)},
		{Name: "wIn", Value: matfile.NewMatrix(n, 1, w)}}))
	r := mustRun(t, dir, "run", "--model", "jw.mat", "--task", task, "--out", "jw.npz")
	assert.Contains(t, r.stderr, "from the task 1 output; defaults")
	assert.Greater(t, maxAbsZ(t, filepath.Join(dir, "jw.npz")), 1e-3, "wIn drives the network")

	// A complete model (as export-model writes it) takes no default.
	mustRun(t, dir, "export-model", "--model", filepath.Join("r", "model.npz"), "--out", "full.mat")
	r = mustRun(t, dir, "run", "--model", "full.mat", "--task", task, "--out", "traj2.npz")
	assert.NotContains(t, r.stderr, "defaults")
}

// TestVersionOf checks the formatting of the version from build
// information (this workplace builds without VCS stamping, so the binary
// itself says "devel").
func TestVersionOf(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, c := range []struct {
		main     string
		settings []debug.BuildSetting
		want     string
	}{
		{"(devel)", nil, "devel"},
		{"", nil, "devel"},
		{"v1.2.0", nil, "v1.2.0"},
		{"(devel)", vcs("0123456789abcdef0123456789abcdef01234567", "false"), "devel (0123456789ab)"},
		{"(devel)", vcs("0123456789abcdef0123456789abcdef01234567", "true"), "devel (0123456789ab+dirty)"},
		{"v0.3.1-0.20260101000000-0123456789ab", vcs("abc", "false"), "v0.3.1-0.20260101000000-0123456789ab (abc)"},
	} {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/hebbrnn/hebbrnn", Version: c.main}, Settings: c.settings}
		assert.Equal(t, c.want, versionOf(bi), "%q %v", c.main, c.settings)
	}
	assert.Equal(t, "(unknown version)", versionOf(nil))
}

// TestResumeKeepsTask: a checkpoint records its task (a built-in's name,
// or a file's path and checksum) and the version of hebbrnn, which the
// log's first line names too; --resume without --task goes on with that
// task, and refuses, naming --task FILE, when the file changed or is gone.
func TestResumeKeepsTask(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "train", "--task", "co", "--neurons", "12", "--max-passes", "2", "--eval-every", "1", "--quiet", "--dir", "co")
	r := mustRun(t, dir, "train", "--resume", filepath.Join("co", "model.npz"), "--max-passes", "3")
	assert.Contains(t, r.stderr, "task co (")
	m, err := rnn.ReadModel(filepath.Join(dir, "co", "model.npz"))
	require.NoError(t, err)
	assert.Equal(t, &rnn.TaskRef{Name: "co"}, m.Task)
	assert.Equal(t, 3, m.State.Pass)
	assert.NotEmpty(t, m.Version)
	assert.NotEqual(t, "(unknown version)", m.Version)
	log, err := readLog(filepath.Join(dir, "co", "log.jsonl"))
	require.NoError(t, err)
	require.Len(t, log, 3)
	assert.Equal(t, m.Version, log[0].Version, "the first log line names the version")
	assert.Empty(t, log[1].Version)

	task := tinyTask(t, dir)
	mustRun(t, dir, "train", "--task", task, "--neurons", "12", "--max-passes", "1", "--quiet", "--dir", "file")
	ckpt := filepath.Join("file", "model.npz")
	r = mustRun(t, dir, "train", "--resume", ckpt, "--max-passes", "2")
	assert.Contains(t, r.stderr, "task tiny2 (")
	data, err := os.ReadFile(task)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(task, append(data, 0), 0o644))
	r = hebbrnn(t, dir, "train", "--resume", ckpt, "--max-passes", "3")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "changed")
	assert.Contains(t, r.stderr, "--task FILE")
	// Given explicitly, the task is taken as it is.
	mustRun(t, dir, "train", "--resume", ckpt, "--task", task, "--max-passes", "3", "--quiet")
	require.NoError(t, os.Remove(task))
	r = hebbrnn(t, dir, "train", "--resume", ckpt, "--max-passes", "4")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "gone")
	assert.Contains(t, r.stderr, "--task FILE")
}

// TestOptionKeys: an options file with an unknown key is refused with
// the list of keys, which train -h gives too; an options file on a
// built-in task keeps the default limit of passes unless it sets
// maxPasses itself.
func TestOptionKeys(t *testing.T) {
	dir := t.TempDir()
	keys := strings.Join(optionKeys(), ", ")
	for _, k := range []string{"eta", "maxdJ", "targetTimes", "maxPasses", "tolerancePerCondition", "initialNoise"} {
		assert.Contains(t, keys, k)
	}
	assert.NotContains(t, keys, "maxDuration", "not a key of the file")
	r := mustRun(t, dir, "train", "-h")
	assert.Contains(t, r.stdout, keys)

	require.NoError(t, os.WriteFile(filepath.Join(dir, "typo.json"), []byte(`{"eta": 0.1, "etta": 3}`), 0o644))
	r = hebbrnn(t, dir, "train", "--options", "typo.json", "--max-passes", "1")
	assert.Equal(t, exitUsage, r.code)
	assert.Equal(t, `hebbrnn train: --options: typo.json: unknown key "etta" (the keys are `+keys+")\n", r.stderr)

	// The default limit stays under an options file that does not set
	// one, and goes when the file sets maxPasses (0: no limit). (The
	// tolerance of 100 stops each run at its first evaluation.)
	for file, want := range map[string]int{`{"eta": 0.05, "tolerance": 100}`: defaultMaxPasses,
		`{"eta": 0.05, "tolerance": 100, "maxPasses": 7}`: 7, `{"eta": 0.05, "tolerance": 100, "maxPasses": 0}`: 0} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "o.json"), []byte(file), 0o644))
		r = mustRun(t, dir, "train", "--task", "co", "--neurons", "10", "--options", "o.json", "--dir", "o", "--force")
		assert.Contains(t, r.stderr, "eta 0.05,")
		if want > 0 {
			assert.Contains(t, r.stderr, fmt.Sprintf("max %d passes", want), file)
		} else {
			assert.NotContains(t, r.stderr, "max ", file)
		}
		m, err := rnn.ReadModel(filepath.Join(dir, "o", "model.npz"))
		require.NoError(t, err)
		assert.Equal(t, 0.05, m.Options.Eta)
		assert.Equal(t, want, m.Options.MaxPasses, file)
	}
}

// TestTolerancePerCondition: with a tolerance between the mean error and
// the worst condition's, train stops at once on the mean, and goes on
// with --tolerance-per-condition (the learning rate is so small that the
// errors stay put).
func TestTolerancePerCondition(t *testing.T) {
	dir := t.TempDir()
	task := tinyTaskN(t, dir, 3)
	common := []string{"train", "--task", task, "--neurons", "12", "--eta", "1e-12", "--eval-every", "1", "--max-passes", "3", "--force"}
	mustRun(t, dir, append(common, "--dir", "probe")...)
	log, err := readLog(filepath.Join(dir, "probe", "log.jsonl"))
	require.NoError(t, err)
	worst := 0.0
	for _, e := range log[0].CondErrors {
		worst = max(worst, e.Total())
	}
	mean := float64(log[0].Error)
	require.Less(t, mean, 0.99*worst, "the conditions' errors differ")
	tol := fmt.Sprintf("%.6g", (mean+worst)/2)

	r := mustRun(t, dir, append(common, "--tolerance", tol, "--dir", "mean")...)
	assert.Contains(t, r.stderr, "stopped at pass 1 (tolerance reached by the mean error over conditions)")
	r = mustRun(t, dir, append(common, "--tolerance", tol, "--tolerance-per-condition", "--dir", "each")...)
	assert.Contains(t, r.stderr, "(every condition's error)")
	assert.Contains(t, r.stderr, "stopped at pass 3 (maximum passes reached)")
	m, err := rnn.ReadModel(filepath.Join(dir, "each", "model.npz"))
	require.NoError(t, err)
	assert.True(t, m.Options.TolerancePerCondition, "the checkpoint keeps it")
}

// TestTrajectoryFiles: the trajectories of run, .npz and .mat, hold the
// task's inputs and targets in the layout of a task file (so each reads
// back as the task itself), and plot draws either the same.
func TestTrajectoryFiles(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "train", "--task", "co", "--neurons", "12", "--max-passes", "1", "--quiet", "--dir", "co")
	model := filepath.Join("co", "model.npz")
	mustRun(t, dir, "run", "--model", model, "--task", "co", "--out", "traj.npz")
	mustRun(t, dir, "run", "--model", model, "--task", "co", "--out", "traj.mat")

	ref, err := rnn.ReferenceTask("co")
	require.NoError(t, err)
	fromNpz, err := rnn.ReadTask(filepath.Join(dir, "traj.npz"))
	require.NoError(t, err)
	fromMat, err := readMatTask(filepath.Join(dir, "traj.mat"))
	require.NoError(t, err)
	for name, got := range map[string]*rnn.Task{"traj.npz": fromNpz, "traj.mat": fromMat} {
		require.Equal(t, ref.Task.Conditions(), got.Conditions(), name)
		for c := range ref.Task.Conditions() {
			assert.True(t, ref.Task.Inputs[c].Equal(got.Inputs[c]), "%s: inputs of condition %d", name, c)
			assert.True(t, ref.Task.Targets[c].Equal(got.Targets[c]), "%s: targets of condition %d", name, c)
		}
	}

	mustRun(t, dir, "plot", "--traj", "traj.npz", "--out", "pn")
	r := mustRun(t, dir, "plot", "--traj", "traj.mat", "--out", "pm")
	assert.Contains(t, r.stdout, "hand.svg")
	for _, name := range []string{"outputs.svg", "hand.svg"} {
		a, err := os.ReadFile(filepath.Join(dir, "pn", name))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(dir, "pm", name))
		require.NoError(t, err)
		assert.Equal(t, string(a), string(b), "%s from .npz and .mat", name)
	}
	mustRun(t, dir, "plot", "--traj", "traj.mat", "--task", "co", "--out", "pt")
	r = hebbrnn(t, dir, "plot", "--traj", "traj.mat", "--task", "dnms", "--out", "px")
	assert.Equal(t, exitUsage, r.code, r.stderr)
}

// TestETARange: on a noisy learning curve the ETA is a range, and the
// ranges of successive evaluations (as the pass at which the tolerance
// is reached) overlap one another and hold the true pass, where the
// single estimate of the fitted line jumps about.
func TestETARange(t *testing.T) {
	const tol = 0.135335283236612 // exp(-2): reached at pass 200 by exp(-0.01·pass)
	var h []logEntry
	var prevLo, prevHi float64
	covered, total := 0, 0
	for p := 5; p <= 150; p += 5 {
		noise := 0.08 * math.Sin(float64(p)*1.7)
		h = append(h, logEntry{Pass: p, Error: jsonFloat(math.Exp(-0.01*float64(p) + noise))})
		lo, hi, ok := passesToTolerance(h, tol)
		if !ok {
			continue
		}
		require.LessOrEqual(t, lo, hi)
		lo, hi = lo+float64(p), hi+float64(p) // passes left → pass reached
		if total > 0 {
			assert.True(t, lo <= prevHi && prevLo <= hi, "at pass %d: [%.0f, %.0f] after [%.0f, %.0f]", p, lo, hi, prevLo, prevHi)
		}
		if lo <= 200 && 200 <= hi {
			covered++
		}
		total++
		prevLo, prevHi = lo, hi
	}
	require.Greater(t, total, 20)
	assert.GreaterOrEqual(t, float64(covered), 0.6*float64(total), "the range holds the true pass %d of %d times", covered, total)

	assert.Equal(t, "1m40s", etaRange(100, 100.2))
	assert.Equal(t, "1m40s–3m20s", etaRange(100, 200))
	assert.Equal(t, "> 1m40s", etaRange(100, math.Inf(1)))
}

// TestPlotsPath: the plots directory is printed with one separator at its
// end however it was given.
func TestPlotsPath(t *testing.T) {
	dir := t.TempDir()
	task := tinyTask(t, dir)
	sep := string(filepath.Separator)
	r := mustRun(t, dir, "train", "--task", task, "--neurons", "10", "--max-passes", "1", "--dir", "a", "--plots", "pl"+sep)
	assert.Contains(t, r.stderr, "plots pl"+sep+"\n")
	r = mustRun(t, dir, "train", "--task", task, "--neurons", "10", "--max-passes", "1", "--dir", "b"+sep)
	assert.Contains(t, r.stderr, "plots "+filepath.Join("b", "plots")+sep+"\n")
	assert.NotContains(t, r.stderr, sep+sep)
	r = mustRun(t, dir, "run", "--model", filepath.Join("a", "model.npz"), "--task", task, "--out", "t.npz", "--plots", "rp"+sep)
	assert.Contains(t, r.stdout, "plots in rp"+sep+"\n")
}
