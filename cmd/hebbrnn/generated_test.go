package main

import (
	"bytes"
	"math"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/internal/plot"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// inProcess runs the command in this process, failing the test unless it
// exits with want.
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
	dir := t.TempDir()
	full, part := filepath.Join(dir, "full"), filepath.Join(dir, "part")
	common := []string{"train", "--task", "gonogo", "--neurons", "30", "--eval-every", "5", "--seed", "3", "--validation-per-type", "4"}
	stderr := inProcess(t, 0, append(common, "--dir", full, "--max-passes", "40")...)
	for _, name := range []string{"learning.svg", "outputs.svg"} {
		assert.FileExists(t, filepath.Join(full, "plots", name))
	}
	assert.Contains(t, stderr, "2 trial types × 1000 steps, drawn; validation set of 4 per type, seed 1")
	assert.Contains(t, stderr, "accuracy ")
	inProcess(t, 0, append(common, "--dir", part, "--max-passes", "20")...)
	inProcess(t, 0, "train", "--resume", filepath.Join(part, "model.npz"), "--max-passes", "40", "--quiet")

	m, err := rnn.ReadModel(filepath.Join(part, "model.npz"))
	require.NoError(t, err)
	assert.Equal(t, &rnn.TaskRef{Name: "gonogo"}, m.Task)
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
	dir := t.TempDir()
	stderr := inProcess(t, exitUsage, "train", "--task", "gonogo", "--dir", dir, "--validation-per-type", "0")
	assert.Equal(t, "hebbrnn train: --validation-per-type: validationPerType = 0 must be at least 1\n", stderr)
	out := filepath.Join(dir, "task.npz")
	inProcess(t, 0, "task", "--task", "gonogo", "--out", out)
	z, err := npy.ReadNPZFile(out)
	require.NoError(t, err)
	shape, ok := z.Shape("targets")
	require.True(t, ok)
	assert.Equal(t, []int{2, 1000, 1}, shape)
}

// TestLearningFigureAccuracy: the learning figure has an accuracy panel,
// in percent, when the log has accuracies (a gap where a line lacks one),
// and keeps its two panels for a log without them.
func TestLearningFigureAccuracy(t *testing.T) {
	a, b := jsonFloat(0.5), jsonFloat(0.875)
	hist := []logEntry{{Pass: 1, Error: 1}, {Pass: 10, Error: 0.8, Accuracy: &a}, {Pass: 20, Error: 0.5, Accuracy: &b}}
	f := learningFigure(hist, 0, nil)
	require.Len(t, f.Axes, 3)
	acc := f.At(0, 2)
	assert.Equal(t, "Accuracy", acc.Title)
	require.Len(t, acc.Series, 1)
	y := acc.Series[0].Y
	assert.True(t, math.IsNaN(y[0]), "no accuracy in the first line")
	assert.Equal(t, []float64{50, 87.5}, y[1:])
	assert.Len(t, learningFigure(hist[:1], 0, nil).Axes, 2)
}

// TestLearningFigureNames: the learning curve names each condition's
// series by the task's names (a generated task's trial types), and by
// number without a task.
func TestLearningFigureNames(t *testing.T) {
	hist := []logEntry{{Pass: 1, Error: 1, CondErrors: []rnn.Errors{{Output: 1}, {Output: 0.5}}}}
	task := &rnn.Task{ConditionNames: []string{"left", "right"}}
	labels := func(f *plot.Figure) (l []string) {
		for _, s := range f.At(0, 0).Series {
			l = append(l, s.Label)
		}
		return l
	}
	assert.Equal(t, []string{"left", "right", "mean"}, labels(learningFigure(hist, 0, task)))
	assert.Equal(t, []string{"condition 1", "condition 2", "mean"}, labels(learningFigure(hist, 0, nil)))
}
