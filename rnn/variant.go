package rnn

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/hebbrnn/hebbrnn/mat"
)

// Variants lists the variants of the built-in tasks: "hebbrnn", the
// reference settings of hebbRNN's examples (docs/algorithm.md §4), and
// "miconi", the network, task and rule of Miconi's own code (eLife 2017;
// docs/algorithm.md §6).
var Variants = []string{"hebbrnn", "miconi"}

// DefaultVariant is the variant of ReferenceTask.
const DefaultVariant = "hebbrnn"

// variantTasks lists the built-in tasks each variant defines.
var variantTasks = map[string][]string{
	"hebbrnn": ReferenceTasks,
	"miconi":  {"dnms", "mante"},
}

// VariantTasks returns the built-in tasks a variant defines (nil for an
// unknown variant).
func VariantTasks(variant string) []string {
	return slices.Clone(variantTasks[variant])
}

// NetworkInit is how a variant's new network departs from New's random
// draws (the zero value departs in nothing).
type NetworkInit struct {
	// BiasValue, when set, fixes the activations x of the bias units
	// (one per bias unit) instead of drawing them from U(-1, 1).
	BiasValue []float64
	// SilentOutputs leaves the output units without input: their rows of
	// wIn are zero.
	SilentOutputs bool
}

// NewNetwork is New followed by init's changes.
func NewNetwork[T Float](c Config, init NetworkInit, rng *rand.Rand) (*Network[T], error) {
	net, err := New[T](c, rng)
	if err != nil {
		return nil, err
	}
	if init.BiasValue != nil {
		if len(init.BiasValue) != len(net.BiasUnits) {
			return nil, fmt.Errorf("the variant fixes %d bias values, the network has %d bias units (keep its number of bias units)",
				len(init.BiasValue), len(net.BiasUnits))
		}
		for i, v := range init.BiasValue {
			net.BiasValue[i] = T(v)
		}
	}
	if init.SilentOutputs {
		for _, u := range net.OutputUnits {
			clear(net.WIn.Row(u))
		}
	}
	return net, nil
}

// ReferenceVariant returns built-in task name as variant defines it: ""
// or "hebbrnn" gives ReferenceTask(name); "miconi" gives the network, task
// definition and learning rule of Miconi's code.
func ReferenceVariant(name, variant string) (*Reference, error) {
	if variant == "" {
		variant = DefaultVariant
	}
	tasks, ok := variantTasks[variant]
	if !ok {
		return nil, fmt.Errorf("unknown variant %q (the variants are %s)", variant, strings.Join(Variants, ", "))
	}
	if !slices.Contains(tasks, name) {
		if !slices.Contains(ReferenceTasks, name) {
			return nil, fmt.Errorf("unknown task %q (built in: %s)", name, strings.Join(ReferenceTasks, ", "))
		}
		return nil, fmt.Errorf("variant %s has no task %s (it has %s)", variant, name, strings.Join(tasks, ", "))
	}
	if variant == "miconi" {
		if name == "mante" {
			return miconiMante(), nil
		}
		return miconiDNMS(), nil
	}
	return ReferenceTask(name)
}

// miconiDNMS is the delayed non-match-to-sample experiment of Miconi's
// code (dnms/net.cpp of BiologicallyPlausibleLearningRNN), on his network
// and rule (miconiReference): cues on the two inputs during steps 1..200
// and 400..599 of a 1000-step trial; target +0.98 when the cues differ,
// -0.98 when they match, over the last 200 steps; conditions in turn (AA,
// AB, BA, BB, AA, ...).
func miconiDNMS() *Reference {
	const steps = 1000
	ref := miconiReference(steps)
	t := &Task{Name: "dnms", ConditionNames: []string{"AA", "AB", "BA", "BB"}, OutputNames: []string{"answer"}}
	for _, cues := range [][2]int{{0, 0}, {0, 1}, {1, 0}, {1, 1}} {
		u := mat.NewDense[float64](steps, 2)
		for s := 0; s < 200; s++ {
			u.Set(1+s, cues[0], 1)
			u.Set(400+s, cues[1], 1)
		}
		want := 0.98
		if cues[0] == cues[1] {
			want = -0.98
		}
		f := mat.NewDense[float64](steps, 1)
		for s := range steps {
			f.Set(s, 0, want)
		}
		t.Inputs = append(t.Inputs, u)
		t.Targets = append(t.Targets, f)
	}
	ref.Task = t
	ref.Config.Inputs = 2
	return ref
}

// miconiMante is the selective integration experiment of Miconi's code
// (selectiveint/net.cpp) on the task mante (NewMante: his bias ±0.5 and
// evidence 0.5·(b + N(0,1)), which his code gives steps 1..500 and ours
// 0..499): the network and rule of miconiDNMS with 4 inputs, his
// perturbation amplitude 30, maxdJ 2e-4 and eta 0.01.
func miconiMante() *Reference {
	const steps = 700
	ref := miconiReference(steps)
	ref.Task = manteTask(NewMante())
	ref.Config.Inputs = 4
	ref.Options.Beta, ref.Options.MaxDJ, ref.Options.Eta = 30, 2e-4, 0.01
	ref.Options.EvalEvery = 50
	return ref
}

// miconiReference is what Miconi's experiments share: 200 fully
// connected tanh units with g = 1.5, unit 0 the output (its rate, without
// input), units 1, 10 and 11 held at x = 1, 1 and -1; his rule options
// for trials of the given steps (the error over the last 200), with the
// first perturbation at step 4 and no weight change during the first 101
// trials, as his loops count (numiter > 3, numtrial > 100), and the
// conditions (trial types) in turn. Task and Config.Inputs are the
// caller's.
func miconiReference(steps int) *Reference {
	opt := MiconiOptions(steps)
	opt.PerturbFrom, opt.PlasticityDelay = 4, 101
	opt.Order, opt.EvalEvery = "linear", 10
	return &Reference{
		Config: Config{Units: 200, Outputs: 1, P: 1, G: 1.5, Dt: 1, Tau: 30, Act: Tanh,
			BiasUnits: 3, OutputUnits: []int{0}, BiasUnitIdx: []int{1, 10, 11}},
		Options: opt,
		Output:  Identity{},
		Variant: "miconi",
		Init:    NetworkInit{BiasValue: []float64{1, 1, -1}, SilentOutputs: true},
	}
}
