package rnn

import (
	"fmt"
	"math"
	"strings"

	"github.com/hebbrnn/hebbrnn/mat"
)

// Task is a set of conditions of equal length: per condition an input
// (T×I, time-major; nil when the task has no input) and a target (T×B).
type Task struct {
	Name    string
	Inputs  []*mat.Dense[float64]
	Targets []*mat.Dense[float64]
	// ConditionNames, OutputNames and InputNames, when set, name the
	// conditions, the outputs and the inputs in plots ("AA", "reach 90°";
	// "hand x"; "cue A").
	ConditionNames, OutputNames, InputNames []string
	// Gen, when set, makes the task a generated one: every learning trial
	// is drawn by Gen, its conditions are Gen's trial types, and Inputs
	// and Targets hold one trial of each type (for figures and files).
	Gen Generator
}

// ConditionName names condition c: its ConditionNames entry, the name of
// trial type c of a generated task, or "condition c+1".
func (t *Task) ConditionName(c int) string {
	names := t.ConditionNames
	if t.Gen != nil && len(names) == 0 {
		names = t.Gen.Types()
	}
	return NameOr(names, c, "condition")
}

// OutputName names output b: its OutputNames entry, or "output b+1".
func (t *Task) OutputName(b int) string { return NameOr(t.OutputNames, b, "output") }

// InputName names input i: its InputNames entry, or "input i+1".
func (t *Task) InputName(i int) string { return NameOr(t.InputNames, i, "input") }

// NameOr returns names[i], or "kind i+1" when names has no entry i.
func NameOr(names []string, i int, kind string) string {
	if i >= 0 && i < len(names) {
		return names[i]
	}
	return fmt.Sprintf("%s %d", kind, i+1)
}

// Conditions returns the number of conditions: of a generated task, its
// number of trial types.
func (t *Task) Conditions() int {
	if t.Gen != nil {
		return len(t.Gen.Types())
	}
	return len(t.Targets)
}

// Steps returns the length T of every condition.
func (t *Task) Steps() int {
	if len(t.Targets) == 0 {
		return 0
	}
	return t.Targets[0].Rows
}

// InputSize returns I (0 for a task without input).
func (t *Task) InputSize() int {
	if len(t.Inputs) == 0 || t.Inputs[0] == nil {
		return 0
	}
	return t.Inputs[0].Cols
}

// TargetSize returns B.
func (t *Task) TargetSize() int {
	if len(t.Targets) == 0 {
		return 0
	}
	return t.Targets[0].Cols
}

// Check verifies the task's shapes and values; of a generated task, also
// that Inputs and Targets hold one trial of each type, of Gen's shape.
func (t *Task) Check() error {
	c := len(t.Targets)
	if c == 0 {
		return fmt.Errorf("task has no conditions")
	}
	if err := t.checkGen(); err != nil {
		return err
	}
	if len(t.Inputs) != 0 && len(t.Inputs) != c {
		return fmt.Errorf("task has %d inputs for %d conditions", len(t.Inputs), c)
	}
	steps, b, in := t.Steps(), t.TargetSize(), t.InputSize()
	if steps == 0 {
		return fmt.Errorf("task conditions have no time steps")
	}
	if b == 0 {
		return fmt.Errorf("task targets have no outputs")
	}
	for i := 0; i < c; i++ {
		tg := t.Targets[i]
		if tg == nil || tg.Rows != steps || tg.Cols != b {
			return fmt.Errorf("target of condition %d is %s, want %d×%d like condition 0", i, shape(tg), steps, b)
		}
		if err := allFinite(tg, fmt.Sprintf("target of condition %d", i)); err != nil {
			return err
		}
		if len(t.Inputs) != 0 {
			u := t.Inputs[i]
			if u == nil && in == 0 {
				continue
			}
			if u == nil || u.Rows != steps || u.Cols != in {
				return fmt.Errorf("input of condition %d is %s, want %d×%d like condition 0", i, shape(u), steps, in)
			}
			if err := allFinite(u, fmt.Sprintf("input of condition %d", i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkGen checks that a generated task's Inputs and Targets are one
// trial of each of Gen's types, of the size Gen.Shape gives.
func (t *Task) checkGen() error {
	if t.Gen == nil {
		return nil
	}
	types := len(t.Gen.Types())
	steps, in, out := t.Gen.Shape()
	switch {
	case types == 0:
		return fmt.Errorf("generated task %q has no trial types", t.Name)
	case steps < 1 || in < 0 || out < 1:
		return fmt.Errorf("generated task %q has trials of %d steps, %d inputs and %d outputs: it needs at least one step and one output", t.Name, steps, in, out)
	case len(t.Targets) != types:
		return fmt.Errorf("generated task %q has %d trial types but %d example targets: Targets (and Inputs) must hold one trial of each type", t.Name, types, len(t.Targets))
	case t.Steps() != steps || t.TargetSize() != out || t.InputSize() != in:
		return fmt.Errorf("generated task %q draws trials of %d steps × %d inputs → %d outputs, but its example trials are %d × %d → %d",
			t.Name, steps, in, out, t.Steps(), t.InputSize(), t.TargetSize())
	}
	return nil
}

func shape[T Float](m *mat.Dense[T]) string {
	if m == nil {
		return "missing"
	}
	return fmt.Sprintf("%d×%d", m.Rows, m.Cols)
}

func allFinite(m *mat.Dense[float64], what string) error {
	for i := 0; i < m.Rows; i++ {
		for j, v := range m.Row(i) {
			if !finite(v) {
				return fmt.Errorf("%s has %v at step %d, column %d", what, v, i, j)
			}
		}
	}
	return nil
}

// Reference is a built-in task with its reference network settings,
// learning options and output function (docs/algorithm.md §4).
type Reference struct {
	Task    *Task
	Config  Config
	Options Options
	Output  Output
	// Variant names the variant the settings come from (Variants).
	Variant string
	// Init is how a new network of the variant departs from New's draws
	// (NewNetwork).
	Init NetworkInit
}

// ReferenceTasks lists the names of the built-in tasks.
var ReferenceTasks = []string{"dnms", "co", "mante", "dm", "romo", "gonogo", "rsg", "sine"}

// ReferenceTask returns a built-in task by name: "dnms" (delayed
// non-match-to-sample), "co" (center-out reaching with a two-joint arm),
// or one of the generated tasks of docs/tasks.md, whose Task has Gen set
// and holds one trial of each type: "mante" (context-dependent selective
// integration), "dm" (perceptual decision), "romo" (parametric working
// memory), "gonogo", "rsg" (ready-set-go) and "sine" (pattern
// generation).
func ReferenceTask(name string) (*Reference, error) {
	var r *Reference
	switch name {
	case "dnms":
		r = dnms()
	case "co":
		r = centerOut(4)
	case "mante":
		r = mante()
	case "dm":
		r = dm()
	case "romo":
		r = romo()
	case "gonogo":
		r = gonogo()
	case "rsg":
		r = rsg()
	case "sine":
		r = sine()
	default:
		return nil, fmt.Errorf("unknown task %q (built in: %s)", name, strings.Join(ReferenceTasks, ", "))
	}
	r.Variant = DefaultVariant
	return r, nil
}

func dnms() *Reference {
	const steps = 1000
	t := &Task{Name: "dnms", ConditionNames: []string{"AA", "AB", "BA", "BB"}, InputNames: []string{"cue A", "cue B"}, OutputNames: []string{"answer"}}
	for _, cues := range [][2]int{{0, 0}, {0, 1}, {1, 0}, {1, 1}} { // AA, AB, BA, BB
		u := mat.NewDense[float64](steps, 2)
		for s := 0; s < 200; s++ {
			u.Set(s, cues[0], 1)
			u.Set(400+s, cues[1], 1)
		}
		want := -1.0
		if cues[0] == cues[1] {
			want = 1
		}
		f := mat.NewDense[float64](steps, 1)
		for s := range steps {
			f.Set(s, 0, want)
		}
		t.Inputs = append(t.Inputs, u)
		t.Targets = append(t.Targets, f)
	}
	opt := DefaultOptions()
	opt.Eta, opt.PerturbRate, opt.Tolerance, opt.EvalEvery = 0.02, 3, 0.1, 20
	opt.TargetTimes = &[2]int{800, 999}
	return &Reference{
		Task:    t,
		Config:  Config{Units: 200, Inputs: 2, Outputs: 1, P: 1, G: 1.3, Dt: 1, Tau: 30, Act: Tanh},
		Options: opt,
		Output:  Identity{},
	}
}

func centerOut(conds int) *Reference {
	const steps = 150
	t := &Task{Name: "co", OutputNames: []string{"hand x", "hand y"}}
	for c := 0; c < conds; c++ {
		theta := 2 * math.Pi * float64(c) / float64(conds)
		t.ConditionNames = append(t.ConditionNames, fmt.Sprintf("reach %g°", 360*float64(c)/float64(conds)))
		t.InputNames = append(t.InputNames, fmt.Sprintf("cue %g°", 360*float64(c)/float64(conds)))
		u := mat.NewDense[float64](steps, conds+1)
		f := mat.NewDense[float64](steps, 2)
		for s := 0; s < steps; s++ {
			u.Set(s, c, 1)
			if s <= 48 {
				u.Set(s, conds, 1)
			}
			f.Set(s, 0, math.Sin(theta))
			f.Set(s, 1, math.Cos(theta))
		}
		t.Inputs = append(t.Inputs, u)
		t.Targets = append(t.Targets, f)
	}
	t.InputNames = append(t.InputNames, "hold")
	opt := DefaultOptions()
	opt.Eta, opt.PerturbRate, opt.Tolerance, opt.EvalEvery = 0.5, 3, 0.08, 20
	opt.TargetTimes = &[2]int{steps - 2, steps - 1}
	return &Reference{
		Task: t,
		Config: Config{Units: 150, Inputs: conds + 1, Outputs: 2, P: 1, G: 1.1, Dt: 1, Tau: 30, Act: Tanh,
			BiasUnits: 4, EnergyCost: 0.1},
		Options: opt,
		Output:  NewArm(),
	}
}
