package rnn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/hebbrnn/hebbrnn/mat"
)

// Sine is pattern generation (after Laje & Buonomano 2013,
// docs/tasks.md): the network must produce a sine wave whose period is
// given by a constant input level, with no input that varies in time. A
// trial is 1000 steps of 1 ms with one input, Period/1000 for the whole
// trial, and the target Amplitude·sin(2π·t/Period) at step t. The network
// needs a bias unit (the reference sets one).
//
// The trial types are the periods. The task draws nothing: each type has
// one trial. Value is the period in steps.
type Sine struct {
	Periods   []float64 // periods in steps (ms)
	Amplitude float64
}

const sineSteps = 1000

// NewSine returns the task with periods 400, 600, 800 and 1000 ms (from
// two and a half cycles in a trial to one) and amplitude 0.5. Faster
// sines were out of the rule's reach (docs/tasks.md).
func NewSine() *Sine { return &Sine{Periods: []float64{400, 600, 800, 1000}, Amplitude: 0.5} }

// Types names the periods.
func (s *Sine) Types() []string {
	names := make([]string, len(s.Periods))
	for i, p := range s.Periods {
		names[i] = fmt.Sprintf("period %g ms", p)
	}
	return names
}

// Shape returns 1000 steps, 1 input, 1 output.
func (*Sine) Shape() (steps, inputs, outputs int) { return sineSteps, 1, 1 }

// Draw fills tr with the trial of period typ. It draws nothing from r.
func (s *Sine) Draw(_ *rand.Rand, typ int, tr *Trial) {
	p := s.Periods[typ]
	tr.Type, tr.Context, tr.Value = typ, -1, p
	tr.Evidence = tr.Evidence[:0]
	fillRows(tr.Input, 0, 0, sineSteps, p/sineSteps)
	for t := range sineSteps {
		tr.Target.Set(t, 0, s.Amplitude*math.Sin(2*math.Pi*float64(t)/p))
	}
}

// Correct says whether the root-mean-square difference between the
// output and the target over the whole trial is below a quarter of the
// amplitude.
func (s *Sine) Correct(tr *Trial, z *mat.Dense[float64]) bool {
	sum := 0.0
	for t := range sineSteps {
		d := z.At(t, 0) - tr.Target.At(t, 0)
		sum += d * d
	}
	return math.Sqrt(sum/sineSteps) < 0.25*s.Amplitude
}

// sine is the reference of the sine task, with one bias unit.
func sine() *Reference {
	ref := generatedReference(generatedTask("sine", NewSine(), []string{"period level"}, "sine"), 200, 1.5, [2]int{0, sineSteps - 1})
	ref.Config.BiasUnits = 1
	// Reference settings, measured (README.md, "Built-in tasks";
	// docs/tasks.md, "Reference settings"): one perturbation per unit per
	// second, not three, and the weight change scaled by the expected
	// error, so that the steps shrink as the sines are learnt. Perturbations
	// of half the default amplitude: at 0.5 a network whose clean sines are
	// all right still misses the criterion's RMS on its perturbed trials.
	// The eligibility grows as beta cubed, so eta is 8 times the 0.3 that
	// learnt the sines at beta 0.5. The trials draw nothing, so the
	// validation set holds each period once.
	ref.Options.Eta, ref.Options.PerturbRate, ref.Options.Beta, ref.Options.Tolerance = 2.4, 1, 0.25, 0.05
	ref.Options.ScaleByExpected = true
	ref.Options.EvalEvery, ref.Options.MaxPasses = 250, 30000
	ref.Options.ValidationPerType = 1
	return ref
}
