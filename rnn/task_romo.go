package rnn

import (
	"fmt"
	"math/rand/v2"

	"github.com/hebbrnn/hebbrnn/mat"
)

// Romo is parametric working memory (Romo et al. 1999, docs/tasks.md): two
// vibration frequencies f1 and f2 (Hz) come one after the other, and the
// answer says which was higher. A trial is 2200 steps of 1 ms with one
// input: (1 + (f1 - 10)/24)/2 during steps 0..499 (f1), 0 during the delay
// (500..1499), (1 + (f2 - 10)/24)/2 during 1500..1999 (f2), and 0 during
// the response window (2000..2199). The target is 0 until the response
// window and, in it, +1 if f1 > f2, else -1.
//
// Every pair is a trial type of its own: first the pairs of Pairs (f1 >
// f2), then the same reversed (f1 < f2). The learning rule keeps its
// expected error per type, and the pairs differ in how hard they are (a
// network that thresholds f2 alone at 20 Hz answers 7 of the 10 right);
// with one type per answer, which pair was drawn would swamp the effect
// of the perturbations on the error. Nothing is random. Evidence is
// (f1 - f2) and Value is f1.
type Romo struct {
	// Pairs are the (f1, f2), f1 > f2, of the first len(Pairs) trial
	// types; the other types take them reversed.
	Pairs [][2]float64
}

const (
	romoF1       = 0    // f1 during steps 0..499
	romoF2       = 1500 // f2 during steps 1500..1999
	romoStimulus = 500  // length of each stimulus
	romoResponse = 2000 // first step of the response window
	romoSteps    = 2200
)

// NewRomo returns the task with the pairs (18,10), (22,14), (26,18),
// (30,22), (34,26) and their reverses.
func NewRomo() *Romo {
	return &Romo{Pairs: [][2]float64{{18, 10}, {22, 14}, {26, 18}, {30, 22}, {34, 26}}}
}

// Types names the trial types, one per pair, e.g. "18 > 10 Hz" and, for
// the reversed pairs, "10 < 18 Hz".
func (ro *Romo) Types() []string {
	names := make([]string, 2*len(ro.Pairs))
	for i, p := range ro.Pairs {
		names[i] = fmt.Sprintf("%g > %g Hz", p[0], p[1])
		names[len(ro.Pairs)+i] = fmt.Sprintf("%g < %g Hz", p[1], p[0])
	}
	return names
}

// pair returns the (f1, f2) of trial type typ.
func (ro *Romo) pair(typ int) [2]float64 {
	if typ < len(ro.Pairs) {
		return ro.Pairs[typ]
	}
	p := ro.Pairs[typ-len(ro.Pairs)]
	return [2]float64{p[1], p[0]}
}

// Shape returns 2200 steps, 1 input, 1 output.
func (*Romo) Shape() (steps, inputs, outputs int) { return romoSteps, 1, 1 }

// Draw fills tr with the trial of type typ, its pair. It draws nothing
// from r.
func (ro *Romo) Draw(_ *rand.Rand, typ int, tr *Trial) {
	ro.fill(ro.pair(typ), typ, tr)
}

// romoLevel is the input level of a frequency f (Hz).
func romoLevel(f float64) float64 { return (1 + (f-10)/24) / 2 }

// fill fills tr with the trial of pair p, of trial type typ.
func (*Romo) fill(p [2]float64, typ int, tr *Trial) {
	tr.Type, tr.Context, tr.Value = typ, -1, p[0]
	setEvidence(tr, p[0]-p[1])
	tr.Input.Zero()
	fillRows(tr.Input, 0, romoF1, romoF1+romoStimulus, romoLevel(p[0]))
	fillRows(tr.Input, 0, romoF2, romoF2+romoStimulus, romoLevel(p[1]))
	tr.Target.Zero()
	fillRows(tr.Target, 0, romoResponse, romoSteps, sign(p[0]-p[1]))
}

// Correct says whether the mean output over the response window is
// positive when f1 > f2 and negative when f1 < f2.
func (*Romo) Correct(tr *Trial, z *mat.Dense[float64]) bool {
	return decisionCorrect(tr, z, romoResponse, romoSteps)
}

// EvidenceNames names the one channel, f1 - f2 in Hz; romo has no
// contexts.
func (*Romo) EvidenceNames() (channels, contexts []string) { return []string{"f1 - f2 (Hz)"}, nil }

// Sweep returns reps trials of every pair of a grid for psychometric
// curves: the base frequencies f2 of 14, 18, 22, 26 and 30 Hz, each with
// f1 = f2 + d for d in -8, -4, -2, 2, 4 and 8 Hz, so that the evidence
// f1 - f2 takes six levels (the training pairs all differ by 8 Hz). The
// trials are the same for every rep (the task draws nothing); r is not
// used. A trial's Type is the first type with its answer: 0 for f1 > f2,
// len(Pairs) for f1 < f2.
func (ro *Romo) Sweep(_ *rand.Rand, reps int) []*Trial {
	var out []*Trial
	for _, f2 := range []float64{14, 18, 22, 26, 30} {
		for _, d := range []float64{-8, -4, -2, 2, 4, 8} {
			for range reps {
				tr := NewTrial(ro.Shape())
				typ := 0
				if d < 0 {
					typ = len(ro.Pairs)
				}
				ro.fill([2]float64{f2 + d, f2}, typ, tr)
				out = append(out, tr)
			}
		}
	}
	return out
}

// romo is the reference of the romo task. Its trials draw nothing, so
// the validation set holds each pair once.
func romo() *Reference {
	ref := generatedReference(generatedTask("romo", NewRomo(), []string{"frequency"}, "answer"), 200, 1.5, [2]int{romoResponse, romoSteps - 1})
	// Reference settings, measured (README.md, "Built-in tasks").
	// The weight change is scaled by the expected error, as in Miconi's
	// code, so that it shrinks once the pairs are learnt; the run has no
	// tolerance (the error of a learnt network stays near 0.3: a correct
	// but hedged answer) and ends after maxPasses.
	ref.Options.Eta, ref.Options.PerturbRate, ref.Options.Tolerance = 0.01, 3, 0
	ref.Options.ScaleByExpected = true
	ref.Options.EvalEvery, ref.Options.MaxPasses = 20, 3000
	ref.Options.ValidationPerType = 1
	return ref
}
