package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/rnn"
)

// TestTrainKeepsJ0: the checkpoint of train keeps J as it was before the
// first trial: two runs of one seed but different lengths keep the same J0
// while their trained J differ from it, and a resumed run keeps the J0 it
// resumed from.
func TestTrainKeepsJ0(t *testing.T) {
	dir := t.TempDir()
	task := tinyTask(t, dir)
	common := []string{"train", "--task", task, "--neurons", "20", "--eval-every", "1", "--quiet", "--log", "none", "--plots", "none"}
	mustRun(t, dir, append(common, "--max-passes", "2", "--out", "a.npz")...)
	mustRun(t, dir, append(common, "--max-passes", "4", "--out", "b.npz")...)
	a, err := rnn.ReadModel(filepath.Join(dir, "a.npz"))
	require.NoError(t, err)
	b, err := rnn.ReadModel(filepath.Join(dir, "b.npz"))
	require.NoError(t, err)
	require.NotNil(t, a.J0)
	require.NotNil(t, b.J0)
	assert.Equal(t, a.J0.Flat(), b.J0.Flat(), "one seed, one initial J")
	assert.NotEqual(t, a.J0.Flat(), a.J.Flat(), "training changed J, not J0")
	assert.NotEqual(t, a.J.Flat(), b.J.Flat())

	mustRun(t, dir, "train", "--resume", "a.npz", "--max-passes", "3", "--quiet", "--log", "none", "--plots", "none")
	c, err := rnn.ReadModel(filepath.Join(dir, "a.npz"))
	require.NoError(t, err)
	require.Equal(t, 3, c.State.Pass)
	assert.Equal(t, a.J0.Flat(), c.J0.Flat(), "a resumed run keeps the J0 it resumed from")
}
