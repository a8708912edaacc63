package rnn

import (
	"math"
	"math/rand/v2"

	"github.com/hebbrnn/hebbrnn/mat"
)

// GoNoGo is a go / no-go task with a delayed response (docs/tasks.md). A
// trial is 1000 steps of 1 ms with two inputs, the go cue (0) and the
// no-go cue (1): the trial's cue is 1 during steps 100..299, and both are
// 0 otherwise. After a delay (300..799) comes the response window
// (800..999), where the target is 1 on a go trial and 0 on a no-go trial;
// the target is 0 at every other step. The network must hold the cue
// across the delay and time its response itself (no cue says "now").
//
// The trial types are "go" and "no-go". The task draws nothing: each
// type has one trial.
type GoNoGo struct{}

const (
	gonogoCue      = 100 // cue during steps 100..299
	gonogoCueLen   = 200
	gonogoResponse = 800 // first step of the response window
	gonogoSteps    = 1000
)

// Types names the two trial types.
func (GoNoGo) Types() []string { return []string{"go", "no-go"} }

// Shape returns 1000 steps, 2 inputs, 1 output.
func (GoNoGo) Shape() (steps, inputs, outputs int) { return gonogoSteps, 2, 1 }

// Draw fills tr with the trial of type typ: 0 go, 1 no-go. It draws
// nothing from r.
func (GoNoGo) Draw(_ *rand.Rand, typ int, tr *Trial) {
	tr.Type, tr.Context, tr.Value = typ, -1, 0
	tr.Evidence = tr.Evidence[:0]
	tr.Input.Zero()
	fillRows(tr.Input, typ, gonogoCue, gonogoCue+gonogoCueLen, 1)
	tr.Target.Zero()
	if typ == 0 {
		fillRows(tr.Target, 0, gonogoResponse, gonogoSteps, 1)
	}
}

// Correct says whether the mean output over the response window is above
// 0.5 on a go trial, or within (-0.5, 0.5) on a no-go trial.
func (GoNoGo) Correct(tr *Trial, z *mat.Dense[float64]) bool {
	m := windowMean(z, 0, gonogoResponse, gonogoSteps)
	if tr.Type == 0 {
		return m > 0.5
	}
	return math.Abs(m) < 0.5
}

// gonogo is the reference of the gonogo task.
func gonogo() *Reference {
	ref := generatedReference(generatedTask("gonogo", GoNoGo{}, []string{"go cue", "no-go cue"}, "response"), 200, 1.5, [2]int{gonogoResponse, gonogoSteps - 1})
	// Reference settings, measured (README.md, "Built-in tasks").
	ref.Options.Eta, ref.Options.PerturbRate, ref.Options.Tolerance = 0.02, 3, 0.1
	ref.Options.EvalEvery, ref.Options.MaxPasses = 20, 2000
	return ref
}
