package rnn

import (
	"math/rand/v2"

	"github.com/hebbrnn/hebbrnn/mat"
)

// DM is a perceptual decision on random dots (docs/tasks.md). A trial is
// 1000 steps of 1 ms with two inputs, the evidence for +1 and for -1:
// during the stimulus (steps 100..799) they are 0.5·(1 + c) + Sigma·N(0,1)
// and 0.5·(1 - c) + Sigma·N(0,1), fresh each step, with the trial's
// signed coherence c; before and after, 0. The target is 0 until the
// response window (steps 800..999) and sign(c) in it.
//
// The trial types are the sign of the coherence, "c > 0" and "c < 0";
// a drawn trial's |c| is one of Coherences, each as likely. Evidence is
// (c).
type DM struct {
	Coherences []float64 // the |c| of the trials
	Sigma      float64   // standard deviation of each input's noise per step
}

const (
	dmSteps    = 1000
	dmStimulus = 100 // first step of the stimulus
	dmResponse = 800 // first step of the response window
)

// NewDM returns the task with the coherences 0.032·2^k, k = 0..4, and
// input noise 0.5 (the noise of mante's evidence).
func NewDM() *DM {
	return &DM{Coherences: []float64{0.032, 0.064, 0.128, 0.256, 0.512}, Sigma: 0.5}
}

// Types names the two trial types.
func (*DM) Types() []string { return []string{"c > 0", "c < 0"} }

// Shape returns 1000 steps, 2 inputs, 1 output.
func (*DM) Shape() (steps, inputs, outputs int) { return dmSteps, 2, 1 }

// Draw fills tr with a trial of type typ: 0 a positive coherence, 1 a
// negative one.
func (d *DM) Draw(r *rand.Rand, typ int, tr *Trial) {
	c := d.Coherences[r.IntN(len(d.Coherences))]
	if typ == 1 {
		c = -c
	}
	d.fill(r, c, tr)
}

func (d *DM) fill(r *rand.Rand, c float64, tr *Trial) {
	tr.Type, tr.Context, tr.Value = 0, -1, 0
	if c < 0 {
		tr.Type = 1
	}
	setEvidence(tr, c)
	u := tr.Input
	u.Zero()
	for s := dmStimulus; s < dmResponse; s++ {
		row := u.Row(s)
		row[0] = 0.5*(1+c) + d.Sigma*r.NormFloat64()
		row[1] = 0.5*(1-c) + d.Sigma*r.NormFloat64()
	}
	tr.Target.Zero()
	fillRows(tr.Target, 0, dmResponse, dmSteps, sign(c))
}

// Correct says whether the mean output over the response window has the
// sign of the coherence.
func (*DM) Correct(tr *Trial, z *mat.Dense[float64]) bool {
	return decisionCorrect(tr, z, dmResponse, dmSteps)
}

// EvidenceNames names the one channel, the signed coherence; dm has no
// contexts.
func (*DM) EvidenceNames() (channels, contexts []string) { return []string{"coherence"}, nil }

// Sweep draws reps trials of each of the ten signed coherences, from
// the most negative to the most positive.
func (d *DM) Sweep(r *rand.Rand, reps int) []*Trial {
	var out []*Trial
	for _, c := range signedLevels(d.Coherences) {
		for range reps {
			tr := NewTrial(d.Shape())
			d.fill(r, c, tr)
			out = append(out, tr)
		}
	}
	return out
}

// dm is the reference of the dm task.
func dm() *Reference {
	ref := generatedReference(generatedTask("dm", NewDM(), []string{"evidence for +1", "evidence for -1"}, "choice"), 200, 1.5, [2]int{dmResponse, dmSteps - 1})
	// Reference settings, measured (README.md, "Built-in tasks"): at 3
	// perturbations per unit per second the output stayed on one answer
	// (eta 0.02 to 0.1, g 1.0 to 1.5); at 10 it learns, and with the
	// slower expected error (alphaR 0.75, not 0.33) its decision boundary
	// drifts less (docs/tasks.md, "Reference settings"); with eta halved
	// every 4000 learning trials it drifts less still.
	ref.Options.Eta, ref.Options.PerturbRate, ref.Options.Tolerance = 0.02, 10, 0.1
	ref.Options.AlphaR, ref.Options.EtaHalfLife = 0.75, 4000
	ref.Options.EvalEvery, ref.Options.MaxPasses = 50, 8000
	return ref
}
