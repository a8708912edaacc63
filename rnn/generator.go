package rnn

import (
	"math/rand/v2"

	"github.com/hebbrnn/hebbrnn/mat"
)

// Trial is one trial of a generated task (a Generator): its input and
// target and what an analysis needs to know of it.
type Trial struct {
	// Type is the trial type, 0..Types-1: the expected error of learning
	// is kept per type, as it is kept per condition of a fixed task.
	Type int
	// Input is steps×I (nil when the task has no input); Target is
	// steps×B.
	Input, Target *mat.Dense[float64]
	// Evidence is the signed evidence of each channel of a decision task
	// (mante: motion and colour bias; dm: the coherence; romo: f1 - f2),
	// for psychometric curves; nil for tasks without decisions.
	Evidence []float64
	// Context is the trial's context (mante: 0 motion, 1 colour), or -1.
	Context int
	// Value is a task's own parameter of the trial (rsg: the interval in
	// steps; sine: the period), 0 when it has none.
	Value float64
}

// NewTrial returns a trial with zeroed input and target of the given
// shape (no input when inputs is 0), for Generator.Draw to fill.
func NewTrial(steps, inputs, outputs int) *Trial {
	tr := &Trial{Target: mat.NewDense[float64](steps, outputs), Context: -1}
	if inputs > 0 {
		tr.Input = mat.NewDense[float64](steps, inputs)
	}
	return tr
}

// Generator draws the trials of a task whose trials are drawn rather than
// listed (noisy evidence, random coherences and intervals). Every trial
// has the same number of steps, inputs and outputs.
type Generator interface {
	// Types names the trial types (e.g. context × correct answer).
	Types() []string
	// Shape returns the steps of a trial and its input and output sizes.
	Shape() (steps, inputs, outputs int)
	// Draw fills tr (made by NewTrial with Shape's sizes, possibly
	// holding an earlier trial) with a trial of type typ drawn from r. It
	// overwrites every element of tr's input and target and allocates
	// nothing once tr.Evidence has its length.
	Draw(r *rand.Rand, typ int, tr *Trial)
	// Correct says whether the output z (steps×B, the state before each
	// step as a clean or learning trial records it) solves trial tr.
	Correct(tr *Trial, z *mat.Dense[float64]) bool
}

// Sweeper is a Generator that can also draw trials over a range of
// evidence, for psychometric curves: reps trials of every evidence level
// (and context) it analyses, drawn from r.
type Sweeper interface {
	Generator
	Sweep(r *rand.Rand, reps int) []*Trial
	// EvidenceNames names the channels of Trial.Evidence and the
	// contexts of Trial.Context (nil for a task without contexts), for
	// the figures and tables of psychometric curves.
	EvidenceNames() (channels, contexts []string)
}

// Timer is a Generator whose answer is a produced time (rsg: the
// interval from set to the output's rise), for the analysis of produced
// against sample intervals (Jazayeri & Shadlen 2010).
type Timer interface {
	Generator
	// Intervals returns the shortest and longest sample interval, in
	// steps.
	Intervals() (lo, hi int)
	// Fill fills tr (made by NewTrial with Shape's sizes) with the
	// noise-free trial of sample interval T steps, lo <= T <= hi, its
	// Type the one whose trials draw T. It allocates nothing once
	// tr.Evidence has its length.
	Fill(tr *Trial, T int)
	// Produced returns the interval, in steps, that the output z (as
	// Correct takes it) produced on trial tr, or -1 when it produced
	// none.
	Produced(tr *Trial, z *mat.Dense[float64]) int
	// Tolerance returns the largest error, in steps, of a produced
	// interval that Correct accepts for the sample interval T.
	Tolerance(T float64) float64
}

// NewGenerated returns the generated task of g named name, with one trial
// of each type as its Inputs and Targets (for figures, files and clean
// runs), drawn from the PCG generator (seed, 0), so that they are the same
// in every run; ConditionNames are g's types.
func NewGenerated(name string, g Generator, seed uint64) *Task {
	steps, in, out := g.Shape()
	types := g.Types()
	t := &Task{Name: name, Gen: g, ConditionNames: append([]string(nil), types...)}
	r := rand.New(rand.NewPCG(seed, 0))
	for typ := range types {
		tr := NewTrial(steps, in, out)
		tr.Type = typ
		g.Draw(r, typ, tr)
		t.Inputs = append(t.Inputs, tr.Input)
		t.Targets = append(t.Targets, tr.Target)
	}
	return t
}
