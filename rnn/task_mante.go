package rnn

import (
	"math/rand/v2"

	"github.com/hebbrnn/hebbrnn/mat"
)

// Mante is context-dependent selective integration (Mante et al. 2013,
// as Miconi 2017 trains it, docs/tasks.md). A trial is 700 steps of 1 ms
// with four inputs: 0 the motion evidence, 1 the colour evidence, 2 the
// motion context, 3 the colour context. During steps 0..499 each evidence
// input is 0.5·(b + N(0,1)), fresh each step, with the trial's bias b of
// that channel; after it, 0. The context input of the trial's context is
// 1 for the whole trial, the other 0. The target is 0 during the stimulus
// and, during the response window (steps 500..699), the sign of the
// attended channel's bias.
//
// Trial types are context × answer: "motion, +1", "motion, -1",
// "colour, +1", "colour, -1". A drawn trial has bias ±Bias on each
// channel: the attended one's sign is the type's answer, the ignored
// one's is drawn. Evidence is (motion bias, colour bias); Context is 0
// (motion) or 1 (colour).
type Mante struct {
	Bias float64 // |b| of the trials of learning (0.5)
	// Levels are the |b| of the psychometric sweep, taken with both signs
	// on both channels.
	Levels []float64
}

const (
	manteSteps    = 700
	manteStimulus = 500 // steps 0..499 carry evidence
)

// NewMante returns the task with Miconi's bias 0.5 and the sweep levels
// ±{0.05, 0.1, 0.2, 0.3, 0.5}.
func NewMante() *Mante {
	return &Mante{Bias: 0.5, Levels: []float64{0.05, 0.1, 0.2, 0.3, 0.5}}
}

// Types names the four trial types, context × answer.
func (*Mante) Types() []string {
	return []string{"motion, +1", "motion, -1", "colour, +1", "colour, -1"}
}

// Shape returns 700 steps, 4 inputs, 1 output.
func (*Mante) Shape() (steps, inputs, outputs int) { return manteSteps, 4, 1 }

// Draw fills tr with a trial of type typ (context typ/2, answer + for
// even typ).
func (m *Mante) Draw(r *rand.Rand, typ int, tr *Trial) {
	ctx := typ / 2
	answer := 1.0
	if typ%2 == 1 {
		answer = -1
	}
	other := m.Bias
	if r.IntN(2) == 1 {
		other = -other
	}
	b := [2]float64{other, other}
	b[ctx] = answer * m.Bias
	m.fill(r, ctx, b, tr)
}

// fill draws the evidence of a trial of context ctx with biases b and
// sets the rest of tr.
func (m *Mante) fill(r *rand.Rand, ctx int, b [2]float64, tr *Trial) {
	tr.Type = 2 * ctx
	if b[ctx] < 0 {
		tr.Type++
	}
	tr.Context, tr.Value = ctx, 0
	setEvidence(tr, b[0], b[1])
	u := tr.Input
	u.Zero()
	for s := range manteStimulus {
		row := u.Row(s)
		row[0] = 0.5 * (b[0] + r.NormFloat64())
		row[1] = 0.5 * (b[1] + r.NormFloat64())
	}
	fillRows(u, 2+ctx, 0, manteSteps, 1)
	tr.Target.Zero()
	fillRows(tr.Target, 0, manteStimulus, manteSteps, sign(b[ctx]))
}

// Correct says whether the mean output over the response window has the
// sign of the attended channel's bias.
func (*Mante) Correct(tr *Trial, z *mat.Dense[float64]) bool {
	return decisionCorrect(tr, z, manteStimulus, manteSteps)
}

// EvidenceNames names the two channels and the two contexts.
func (*Mante) EvidenceNames() (channels, contexts []string) {
	return []string{"motion", "colour"}, []string{"motion context", "colour context"}
}

// Sweep draws reps trials of every pair of biases (±Levels on motion ×
// ±Levels on colour) in each context: 2·(2L)²·reps trials, the types set
// by context and the sign of the attended bias.
func (m *Mante) Sweep(r *rand.Rand, reps int) []*Trial {
	levels := signedLevels(m.Levels)
	var out []*Trial
	for ctx := range 2 {
		for _, bm := range levels {
			for _, bc := range levels {
				for range reps {
					tr := NewTrial(m.Shape())
					m.fill(r, ctx, [2]float64{bm, bc}, tr)
					out = append(out, tr)
				}
			}
		}
	}
	return out
}

// signedLevels returns -levels (largest first) then +levels, in
// increasing order for increasing levels.
func signedLevels(levels []float64) []float64 {
	out := make([]float64, 0, 2*len(levels))
	for i := len(levels) - 1; i >= 0; i-- {
		out = append(out, -levels[i])
	}
	return append(out, levels...)
}

// mante is the reference of the mante task.
func mante() *Reference {
	g := NewMante()
	ref := generatedReference(manteTask(g), 200, 1.5, [2]int{manteStimulus, manteSteps - 1})
	// Reference settings, measured (README.md, "Built-in tasks"): at eta
	// 0.02 the output stayed on one answer per context for 2000 passes.
	ref.Options.Eta, ref.Options.PerturbRate, ref.Options.Tolerance = 0.1, 3, 0.1
	ref.Options.EvalEvery, ref.Options.MaxPasses = 50, 10000
	return ref
}

// manteTask is the task of generator g with mante's inputs and output
// named; both variants train on it.
func manteTask(g *Mante) *Task {
	return generatedTask("mante", g, []string{"motion", "colour", "motion context", "colour context"}, "answer")
}
