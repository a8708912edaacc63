package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/internal/pytest"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// TestAlgorithmDocResimulates runs the numpy re-simulation of
// docs/algorithm.md §7, as printed there, on a network trained by the CLI
// (with bias units and feedback, so that every term of the step is used)
// and checks that it reproduces the Z of hebbrnn run.
func TestAlgorithmDocResimulates(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "algorithm.md"))
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```python\n(.*?)```").FindAllSubmatch(doc, -1)
	require.NotEmpty(t, blocks, "docs/algorithm.md has no python block")
	snippet := string(blocks[len(blocks)-1][1])

	dir := t.TempDir()
	mustRun(t, dir, "train", "--task", "dnms", "--neurons", "60", "--bias-units", "3", "--feedback",
		"--max-passes", "3", "--plots", "none")
	mustRun(t, dir, "task", "--task", "dnms", "--out", "task.npz")
	mustRun(t, dir, "run", "--model", "run-dnms/model.npz", "--task", "dnms", "--out", "traj.npz")
	script := "import os, sys\nos.chdir(sys.argv[1])\n" + snippet + `
t = np.load("traj.npz")
d = np.abs(Z - t["Z"]).max()
assert Z.shape == t["Z"].shape, (Z.shape, t["Z"].shape)
assert d < 1e-9, "the documented re-simulation differs from hebbrnn run by %g" % d
assert len(bias_u) == 3 and cfg.get("feedback") and np.abs(wFb).max() > 0
`
	pytest.Run(t, "numpy", script, dir)
}

// TestReadmeEmbeddingBuilds builds the README's embedding program, as
// printed there, against this checkout.
func TestReadmeEmbeddingBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program: not in -short")
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)\\*\\*Embedding in Go\\.\\*\\*.*?```go\n(.*?)```").FindSubmatch(readme)
	require.NotNil(t, m, "README.md has no Go block under **Embedding in Go.**")
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	require.NoError(t, err)
	dir := t.TempDir()
	gomod := "module embedtest\n\ngo 1.26.0\n\nrequire github.com/hebbrnn/hebbrnn v0.0.0\n\nreplace github.com/hebbrnn/hebbrnn => " + root + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), m[1], 0o644))
	cmd := exec.Command("go", "build", "-mod=mod", "-o", os.DevNull, ".")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "the README's embedding program does not build:\n%s", out)
}

// TestReadmeTaskTableMatchesReferences checks the README's "Built-in tasks"
// table against the reference settings in rnn: N, g, eta and the
// perturbation rate of each generated task, as the code sets them.
func TestReadmeTaskTableMatchesReferences(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	rows := regexp.MustCompile("(?m)^\\| `([a-z]+)`[^|]*\\| (\\d+) \\| ([0-9.]+) \\| ([0-9.]+) \\| ([0-9.]+) \\|").FindAllSubmatch(readme, -1)
	seen := map[string]bool{}
	for _, m := range rows {
		name := string(m[1])
		ref, err := rnn.ReferenceTask(name)
		if err != nil || ref.Task.Gen == nil {
			continue // other tables name fixed-condition tasks too
		}
		seen[name] = true
		num := func(b []byte) float64 {
			v, err := strconv.ParseFloat(string(b), 64)
			require.NoError(t, err)
			return v
		}
		assert.Equal(t, float64(ref.Config.Units), num(m[2]), "%s: N", name)
		assert.Equal(t, ref.Config.G, num(m[3]), "%s: g", name)
		assert.Equal(t, ref.Options.Eta, num(m[4]), "%s: eta", name)
		assert.Equal(t, ref.Options.PerturbRate, num(m[5]), "%s: perturbation rate", name)
	}
	for _, name := range []string{"mante", "dm", "romo", "gonogo", "rsg", "sine"} {
		assert.True(t, seen[name], "README.md's Built-in tasks table has no row for %s", name)
	}
}
