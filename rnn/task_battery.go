package rnn

import (
	"github.com/hebbrnn/hebbrnn/mat"
)

// The built-in generated tasks (docs/tasks.md): mante, dm, romo, gonogo,
// rsg and sine, one file each (task_NAME.go). This file holds what they
// share.

// figureSeed seeds the one trial of each type that a generated task's
// Inputs and Targets hold (for figures and task files).
const figureSeed = 2017

// generatedTask returns the Task of a generator: Gen set, and one trial of
// every type, drawn from a fixed seed, as its conditions, with its inputs
// and its output named.
func generatedTask(name string, g Generator, inputs []string, output string) *Task {
	t := NewGenerated(name, g, figureSeed)
	t.InputNames, t.OutputNames = inputs, []string{output}
	return t
}

// generatedReference returns the reference of a generated task: a
// network of n tanh units (p 1, dt 1 ms, tau 30 ms) sized for g, and
// the default learning options with the error counted over window.
func generatedReference(t *Task, n int, gain float64, window [2]int) *Reference {
	steps, in, out := t.Gen.Shape()
	opt := DefaultOptions()
	opt.TargetTimes = &[2]int{window[0], min(window[1], steps-1)}
	return &Reference{
		Task:    t,
		Config:  Config{Units: n, Inputs: in, Outputs: out, P: 1, G: gain, Dt: 1, Tau: 30, Act: Tanh},
		Options: opt,
		Output:  Identity{},
	}
}

// setEvidence makes tr.Evidence hold v, reusing its array when it can.
func setEvidence(tr *Trial, v ...float64) {
	if cap(tr.Evidence) < len(v) {
		tr.Evidence = make([]float64, len(v))
	}
	tr.Evidence = tr.Evidence[:len(v)]
	copy(tr.Evidence, v)
}

// fillRows sets column j of m to v on rows [lo, hi).
func fillRows(m *mat.Dense[float64], j, lo, hi int, v float64) {
	for s := lo; s < hi; s++ {
		m.Set(s, j, v)
	}
}

// windowMean returns the mean of column j of m over rows [lo, hi).
func windowMean(m *mat.Dense[float64], j, lo, hi int) float64 {
	sum := 0.0
	for s := lo; s < hi; s++ {
		sum += m.At(s, j)
	}
	return sum / float64(hi-lo)
}

// decisionCorrect is the rule of the decision tasks: the mean output over
// the response window [lo, hi) has the sign of the mean target there.
// An output that is exactly 0 is no decision.
func decisionCorrect(tr *Trial, z *mat.Dense[float64], lo, hi int) bool {
	want, got := windowMean(tr.Target, 0, lo, hi), windowMean(z, 0, lo, hi)
	return want > 0 && got > 0 || want < 0 && got < 0
}

// sign returns +1 for v ≥ 0 and -1 otherwise.
func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}
