package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestThreadsValue(t *testing.T) {
	var v threadsValue
	require.Equal(t, "auto", v.String())
	require.NoError(t, v.Set("3"))
	require.Equal(t, threadsValue(3), v)
	require.Equal(t, "3", v.String())
	require.NoError(t, v.Set("auto"))
	require.Equal(t, threadsValue(0), v)
	for _, bad := range []string{"0", "-1", "two", "", "65537"} {
		err := v.Set(bad)
		require.Error(t, err, bad)
		require.Contains(t, err.Error(), "auto", "the message names the choices")
	}
}

// TestTrainThreadsLogged trains the same run with --threads auto (one
// thread for so small a network) and --threads 2: the networks are equal,
// and the progress lines and the log say the thread count in use.
func TestTrainThreadsLogged(t *testing.T) {
	dir := t.TempDir()
	task := tinyTask(t, dir)
	var js [][]float64
	for _, th := range []string{"auto", "2"} {
		out := filepath.Join(dir, "t"+th)
		r := mustRun(t, dir, "train", "--task", task, "--neurons", "40", "--seed", "3", "--max-passes", "4", "--eval-every", "2",
			"--threads", th, "--dir", out, "--plots", "none")
		want := map[string]int{"auto": 1, "2": 2}[th]
		require.Contains(t, r.stderr, plural(want, "thread")+"  elapsed", "--threads %s: the progress line", th)
		log, err := readLog(filepath.Join(out, "log.jsonl"))
		require.NoError(t, err)
		require.NotEmpty(t, log)
		for _, e := range log {
			require.Equal(t, want, e.Threads, "--threads %s: pass %d", th, e.Pass)
			require.Empty(t, e.ThreadChanges, "a fixed count never changes")
		}
		js = append(js, readJ(t, filepath.Join(out, "model.npz")))
	}
	require.Equal(t, js[0], js[1])
}
