package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/rnn"
)

// TestVariantBadInput: a bad --variant exits 2 with one line naming the
// problem, and writes nothing.
func TestVariantBadInput(t *testing.T) {
	dir := t.TempDir()
	task := tinyTask(t, dir)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "--variant", "micon"}, `--variant: unknown variant "micon" (the variants are hebbrnn, miconi)`},
		{[]string{"train", "--variant", "miconi", "--task", "co"}, "--variant: variant miconi has no task co (it has dnms, mante)"},
		{[]string{"train", "--variant", "miconi", "--task", task}, "--variant miconi applies to the built-in tasks dnms, mante, not to a task file"},
	} {
		r := hebbrnnQuick(t, dir, c.args...)
		assert.Equal(t, exitUsage, r.code, "%v", c.args)
		assert.Equal(t, 1, strings.Count(strings.TrimSpace(r.stderr), "\n")+1, "%v: one line: %q", c.args, r.stderr)
		assert.Contains(t, r.stderr, c.want, "%v", c.args)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "only the task file: nothing written")
}

// TestVariantRecordedAndResumed trains Miconi's DNMS variant (a small
// network), checks the checkpoint records the variant and his network,
// and that --resume continues it with the variant's task: bit-identical
// to a run that was never stopped.
func TestVariantRecordedAndResumed(t *testing.T) {
	dir := t.TempDir()
	args := []string{"train", "--variant", "miconi", "--task", "dnms", "--neurons", "24", "--eval-every", "1", "--threads", "1", "--plots", "none"}
	r := mustRun(t, dir, append(args, "--max-passes", "2")...)
	assert.Contains(t, r.stderr, "task dnms (variant miconi)")
	// His perturbation is added to the excitation, so scaled by dt/τ.
	assert.Contains(t, r.stderr, "perturbation 3 Hz of U(±16)·dt/τ,")
	path := filepath.Join(dir, "run-dnms-miconi", "model.npz")
	m, err := rnn.ReadModel(path)
	require.NoError(t, err)
	require.NotNil(t, m.Task)
	assert.Equal(t, rnn.TaskRef{Name: "dnms", Variant: "miconi"}, *m.Task)
	assert.Equal(t, 1.5, m.Config.G)
	assert.Equal(t, []int{1, 10, 11}, m.Config.BiasUnitIdx)
	assert.Equal(t, 101, m.Options.PlasticityDelay)
	assert.Equal(t, "linear", m.Options.Order)

	// Resuming with another variant is refused; without --variant it keeps miconi.
	r = hebbrnnQuick(t, dir, "train", "--resume", path, "--variant", "hebbrnn", "--max-passes", "4")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "--variant: the checkpoint was trained with variant miconi")
	r = mustRun(t, dir, "train", "--resume", path, "--max-passes", "30", "--threads", "1", "--plots", "none")
	assert.Contains(t, r.stderr, "task dnms (variant miconi)")

	// The same 30 passes in one go (past the 101 trials without plasticity).
	mustRun(t, dir, append(args, "--max-passes", "30", "--dir", "whole")...)
	whole, err := rnn.ReadModel(filepath.Join(dir, "whole", "model.npz"))
	require.NoError(t, err)
	resumed, err := rnn.ReadModel(path)
	require.NoError(t, err)
	assert.Equal(t, whole.J.Data, resumed.J.Data)
	assert.Equal(t, 120, resumed.State.Trials)
	hist, err := readLog(filepath.Join(dir, "whole", "log.jsonl"))
	require.NoError(t, err)
	assert.Zero(t, float64(hist[24].MeanAbsDJ), "no weight change in the first 100 trials")
	assert.Positive(t, float64(hist[29].MeanAbsDJ), "J learns after trial 101")

	// task and run take the variant: run the model's by default.
	mustRun(t, dir, "task", "--task", "dnms", "--variant", "miconi", "--out", "task.npz")
	task, err := rnn.ReadTask(filepath.Join(dir, "task.npz"))
	require.NoError(t, err)
	assert.Equal(t, []float64{-0.98, 0.98, 0.98, -0.98}, firstTargets(task))
	assert.Equal(t, 1.0, task.Inputs[0].At(1, 0)+task.Inputs[0].At(1, 1), "his cue starts at step 1")
	mustRun(t, dir, "run", "--model", path, "--task", "dnms", "--out", "traj.npz")
	traj, err := rnn.ReadTask(filepath.Join(dir, "traj.npz"))
	require.NoError(t, err)
	assert.Equal(t, firstTargets(task), firstTargets(traj))
	r = hebbrnnQuick(t, dir, "run", "--model", path, "--task", "dnms", "--variant", "hebbrnn", "--out", "traj2.npz")
	require.Equal(t, 0, r.code, r.stderr)
	traj2, err := rnn.ReadTask(filepath.Join(dir, "traj2.npz"))
	require.NoError(t, err)
	assert.Equal(t, []float64{1, -1, -1, 1}, firstTargets(traj2))
}

// firstTargets returns the first target of every condition of t.
func firstTargets(t *rnn.Task) []float64 {
	var v []float64
	for _, f := range t.Targets {
		v = append(v, f.At(0, 0))
	}
	return v
}
