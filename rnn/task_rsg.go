package rnn

import (
	"fmt"
	"math/rand/v2"

	"github.com/hebbrnn/hebbrnn/mat"
)

// RSG is ready-set-go interval reproduction (Jazayeri & Shadlen 2010,
// docs/tasks.md). A trial is 1500 steps of 1 ms with two inputs, "ready"
// (0) and "set" (1): ready is RSGLevel during steps 100..119, set during
// the 20 steps from 100 + T, where T, the interval, is drawn from
// [300, 600] steps. The output must rise past 0.5 one interval after set: the target
// is 0 until step 100 + 2T ("go") and 1 from there to the end.
//
// The trial types are three bins of T: 300..399, 400..499, 500..600 ms,
// each drawn uniformly over its integers. Value is T in steps.
type RSG struct{}

const (
	rsgReady   = 100 // ready pulse from this step
	rsgPulse   = 20  // length of a pulse
	rsgSteps   = 1500
	rsgMinT    = 300
	rsgMaxT    = 600
	rsgBinSize = 100
)

// RSGLevel is the height of the ready and set pulses. At 1 they moved the
// network too little for the rule to find the interval (docs/tasks.md).
const RSGLevel = 3

// rsgBin returns the shortest and longest interval of type typ.
func rsgBin(typ int) (lo, hi int) {
	lo = rsgMinT + typ*rsgBinSize
	hi = lo + rsgBinSize - 1
	if hi+1 == rsgMaxT {
		hi = rsgMaxT
	}
	return lo, hi
}

// Types names the three interval bins.
func (RSG) Types() []string {
	var names []string
	for typ := range (rsgMaxT - rsgMinT) / rsgBinSize {
		lo, hi := rsgBin(typ)
		names = append(names, fmt.Sprintf("T %d-%d ms", lo, hi))
	}
	return names
}

// Shape returns 1500 steps, 2 inputs, 1 output.
func (RSG) Shape() (steps, inputs, outputs int) { return rsgSteps, 2, 1 }

// Draw fills tr with a trial of type typ, its interval drawn uniformly
// from the integers of bin typ (the last bin includes 600).
func (g RSG) Draw(r *rand.Rand, typ int, tr *Trial) {
	lo, hi := rsgBin(typ)
	g.Fill(tr, lo+r.IntN(hi-lo+1))
}

// Intervals returns the shortest and longest interval, 300 and 600 steps.
func (RSG) Intervals() (lo, hi int) { return rsgMinT, rsgMaxT }

// Fill fills tr with the trial of interval T (in steps, within
// Intervals), of the type whose bin holds T: the ready pulse, the set
// pulse T steps after it, and a target that rises to 1 at go, T steps
// after set. It allocates nothing.
func (RSG) Fill(tr *Trial, T int) {
	typ := min((T-rsgMinT)/rsgBinSize, (rsgMaxT-rsgMinT)/rsgBinSize-1)
	tr.Type, tr.Context, tr.Value = typ, -1, float64(T)
	tr.Evidence = tr.Evidence[:0]
	set := rsgReady + T
	tr.Input.Zero()
	fillRows(tr.Input, 0, rsgReady, rsgReady+rsgPulse, RSGLevel)
	fillRows(tr.Input, 1, set, set+rsgPulse, RSGLevel)
	tr.Target.Zero()
	fillRows(tr.Target, 0, set+T, rsgSteps, 1)
}

// Produced returns the interval the output z produced on trial tr: the
// steps from set to the first step after it at which z > 0.5, or -1 when
// the output never rises past 0.5 after set.
func (RSG) Produced(tr *Trial, z *mat.Dense[float64]) int {
	set := rsgReady + int(tr.Value)
	for s := set + 1; s < z.Rows; s++ {
		if z.At(s, 0) > 0.5 {
			return s - set
		}
	}
	return -1
}

// Tolerance returns 0.2·T + 25 ms, the largest error of a correct
// produced interval for the sample interval T.
func (RSG) Tolerance(T float64) float64 { return 0.2*T + 25 }

// Correct says whether the produced interval is within Tolerance of the
// trial's interval T.
func (g RSG) Correct(tr *Trial, z *mat.Dense[float64]) bool {
	p := g.Produced(tr, z)
	if p < 0 {
		return false
	}
	d, tol := float64(p)-tr.Value, g.Tolerance(tr.Value)
	return d <= tol && -d <= tol
}

// rsg is the reference of the rsg task: the error counts every step from
// ready on, and the output unit gets no input, so that the set pulse
// cannot drive the output past 0.5 itself.
func rsg() *Reference {
	ref := generatedReference(generatedTask("rsg", RSG{}, []string{"ready", "set"}, "go"), 200, 1.2, [2]int{rsgReady, rsgSteps - 1})
	ref.Init.SilentOutputs = true
	// Reference settings, measured (README.md, "Built-in tasks";
	// docs/tasks.md, "Reference settings"): g 1.2 and one perturbation per
	// unit per second; no tolerance: an error of 0.1 came before the
	// criterion in one seed of three.
	ref.Options.Eta, ref.Options.PerturbRate, ref.Options.Tolerance = 0.05, 1, 0
	ref.Options.EvalEvery, ref.Options.MaxPasses = 100, 20000
	return ref
}
