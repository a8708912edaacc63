package main

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// cueGen is a generated task for the tests of the command: one noisy
// input whose mean over the first 15 steps is +0.5 (type "up", answer +1)
// or -0.5 ("down", answer -1), then silence; a trial is correct when the
// output at the last step has the answer's sign.
type cueGen struct{}

const cueSteps = 40

func (cueGen) Types() []string { return []string{"up", "down"} }

func (cueGen) Shape() (int, int, int) { return cueSteps, 1, 1 }

func (cueGen) Draw(r *rand.Rand, typ int, tr *rnn.Trial) {
	sign := 1 - 2*float64(typ)
	for s := range cueSteps {
		v := 0.0
		if s < 15 {
			v = sign*0.5 + 0.2*r.NormFloat64()
		}
		tr.Input.Set(s, 0, v)
		tr.Target.Set(s, 0, sign)
	}
	tr.Type = typ
}

func (cueGen) Correct(tr *rnn.Trial, z *mat.Dense[float64]) bool {
	return z.At(cueSteps-1, 0)*tr.Target.At(0, 0) > 0
}

// cueReference is the built-in "cue" of these tests.
func cueReference() *rnn.Reference {
	t := rnn.NewGenerated("cue", cueGen{})
	opt := rnn.DefaultOptions()
	opt.Eta, opt.PerturbRate, opt.MaxDJ, opt.EvalEvery = 2, 30, 3e-3, 5
	opt.TargetTimes = &[2]int{20, cueSteps - 1}
	return &rnn.Reference{Task: t, Options: opt, Output: rnn.Identity{},
		Config: rnn.Config{Units: 30, Inputs: 1, Outputs: 1, P: 1, G: 1.3, Dt: 1, Tau: 10, Act: rnn.Tanh}}
}

// inProcess runs the command in this process (where the test task is
// known), failing the test unless it exits with want.
func inProcess(t *testing.T, want int, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	code := realMain(args, &out, &errb)
	require.Equal(t, want, code, "hebbrnn %v\nstdout:\n%s\nstderr:\n%s", args, out.String(), errb.String())
	return errb.String()
}

// TestTrainGenerated trains on a generated built-in task: the log reports
// accuracy, the checkpoint names the task so that --resume finds it, and
// a run stopped and resumed ends with the weights and the log of the run
// that was not.
func TestTrainGenerated(t *testing.T) {
	testTasks["cue"] = cueReference
	defer delete(testTasks, "cue")
	dir := t.TempDir()
	full, part := filepath.Join(dir, "full"), filepath.Join(dir, "part")
	common := []string{"train", "--task", "cue", "--seed", "3", "--validation-per-type", "4"}
	stderr := inProcess(t, 0, append(common, "--dir", full, "--max-passes", "40")...)
	for _, name := range []string{"learning.svg", "outputs.svg"} {
		assert.FileExists(t, filepath.Join(full, "plots", name))
	}
	assert.Contains(t, stderr, "2 trial types × 40 steps, drawn; validation set of 4 per type, seed 1")
	assert.Contains(t, stderr, "accuracy ")
	inProcess(t, 0, append(common, "--dir", part, "--max-passes", "20")...)
	inProcess(t, 0, "train", "--resume", filepath.Join(part, "model.npz"), "--max-passes", "40", "--quiet")

	m, err := rnn.ReadModel(filepath.Join(part, "model.npz"))
	require.NoError(t, err)
	assert.Equal(t, &rnn.TaskRef{Name: "cue"}, m.Task)
	assert.Equal(t, 4, m.Options.ValidationPerType, "the checkpoint keeps the validation set's size")
	want, err := rnn.ReadModel(filepath.Join(full, "model.npz"))
	require.NoError(t, err)
	assert.True(t, want.J.Equal(m.J), "the resumed run ends with the weights of the whole one")

	fullLog, err := readLog(filepath.Join(full, "log.jsonl"))
	require.NoError(t, err)
	partLog, err := readLog(filepath.Join(part, "log.jsonl"))
	require.NoError(t, err)
	require.Len(t, partLog, len(fullLog))
	for i := range fullLog {
		a, b := fullLog[i], partLog[i]
		a.ElapsedSec, b.ElapsedSec, a.Threads, b.Threads, a.ThreadChanges, b.ThreadChanges = 0, 0, 0, 0, nil, nil
		assert.Equal(t, a, b, "log line %d", i)
	}
	last := fullLog[len(fullLog)-1]
	first := fullLog[0]
	require.NotNil(t, first.Accuracy)
	require.NotNil(t, last.Accuracy)
	t.Logf("accuracy %v → %v, error %v → %v", *first.Accuracy, *last.Accuracy, first.Error, last.Error)
	assert.Len(t, last.CondErrors, 2)
	assert.GreaterOrEqual(t, float64(*last.Accuracy), 0.0)
	assert.LessOrEqual(t, float64(*last.Accuracy), 1.0)
	acc := float64(*last.Accuracy) * 8
	assert.Equal(t, acc, float64(int(acc)), "the accuracy is a fraction of 8 validation trials")
}

// TestGeneratedBadInput: the validation flags refuse values that make no
// set, naming the flag; task export writes one trial of each type.
func TestGeneratedBadInput(t *testing.T) {
	testTasks["cue"] = cueReference
	defer delete(testTasks, "cue")
	dir := t.TempDir()
	stderr := inProcess(t, exitUsage, "train", "--task", "cue", "--dir", dir, "--validation-per-type", "0")
	assert.Equal(t, "hebbrnn train: --validation-per-type: validationPerType = 0 must be at least 1\n", stderr)
	out := filepath.Join(dir, "task.npz")
	inProcess(t, 0, "task", "--task", "cue", "--out", out)
	z, err := npy.ReadNPZFile(out)
	require.NoError(t, err)
	shape, ok := z.Shape("targets")
	require.True(t, ok)
	assert.Equal(t, []int{2, cueSteps, 1}, shape)
}
