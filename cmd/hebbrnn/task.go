package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hebbrnn/hebbrnn/internal/matfile"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// taskSpec is a task with the defaults that go with it.
type taskSpec struct {
	Name    string // "dnms", "co", or the file's base name
	Task    *rnn.Task
	Out     rnn.Output  // output function (identity for file tasks)
	Config  rnn.Config  // default network settings
	Options rnn.Options // default learning options
	Builtin bool
	Variant string          // of a built-in task: rnn.Variants
	Init    rnn.NetworkInit // how the variant's new network departs from rnn.New
	Arg     string          // the --task value
	SHA256  string          // of a task file's bytes, hex
}

// ref returns what a checkpoint records of the task: a built-in's name,
// or a file's absolute path and checksum.
func (spec *taskSpec) ref() *rnn.TaskRef {
	if spec.Builtin {
		ref := &rnn.TaskRef{Name: spec.Name}
		if spec.Variant != rnn.DefaultVariant {
			ref.Variant = spec.Variant
		}
		return ref
	}
	path, err := filepath.Abs(spec.Arg)
	if err != nil {
		path = spec.Arg
	}
	return &rnn.TaskRef{File: path, SHA256: spec.SHA256}
}

// fileSHA256 returns the SHA-256 of a file's bytes, hex.
func fileSHA256(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// resumedTask returns the --task value of the task a checkpoint was
// trained on: its built-in name, or its file if that file still holds
// the same bytes; "" when the checkpoint names no task (or cannot be
// read, which --resume then reports). variant is the built-in task's
// variant ("hebbrnn" when the checkpoint names none).
func resumedTask(checkpoint string) (task, variant string, err error) {
	m, err := rnn.ReadModel(checkpoint)
	if err != nil || m.Task == nil {
		return "", rnn.DefaultVariant, nil
	}
	ref := m.Task
	if ref.File == "" {
		if ref.Variant == "" {
			return ref.Name, rnn.DefaultVariant, nil
		}
		return ref.Name, ref.Variant, nil
	}
	sum, err := fileSHA256(ref.File)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "", "", usagef("--resume: the task file of %s, %s, is gone; give the task with --task FILE", checkpoint, ref.File)
	case err != nil:
		return "", "", usagef("--resume: the task file of %s: %v; give the task with --task FILE", checkpoint, err)
	case sum != ref.SHA256:
		return "", "", usagef("--resume: the task file of %s, %s, changed since the run began (its SHA-256 differs); give --task FILE to go on with it as it is now", checkpoint, ref.File)
	}
	return ref.File, rnn.DefaultVariant, nil
}

// fileTaskConfig is the network of a task read from a file: the
// settings of docs/algorithm.md §4's DNMS network, sized for the task. A task
// without inputs gets one bias unit: with no input, no bias and x0 = 0 the
// network would stay at 0 for ever.
func fileTaskConfig(t *rnn.Task) rnn.Config {
	c := rnn.Config{Units: 200, Inputs: t.InputSize(), Outputs: t.TargetSize(), P: 1, G: 1.3, Dt: 1, Tau: 30, Act: rnn.Tanh}
	if c.Inputs == 0 {
		c.BiasUnits = 1
	}
	return c
}

// silentNetwork returns a one-line warning when net can produce nothing but
// zeros (no input, no bias unit, x0 all zero, no network noise, no initial
// noise), else "".
func silentNetwork[T rnn.Float](net *rnn.Network[T], initialNoise float64) string {
	if net.Inputs > 0 || len(net.BiasUnits) > 0 || net.Noise > 0 || initialNoise > 0 {
		return ""
	}
	for _, v := range net.X0 {
		if v != 0 {
			return ""
		}
	}
	return "warning: this network has no inputs, no bias units, no noise and x0 = 0, so it produces nothing but zeros and cannot learn (a new network takes --bias-units 1 or --noise)"
}

// builtinTasks lists the built-in tasks for help texts and messages.
var builtinTasks = strings.Join(rnn.ReferenceTasks, ", ")

// modelVariant returns the variant recorded in the model at path when it
// was trained on the built-in task named task, else the default variant
// (also when the model cannot be read: --model reports that).
func modelVariant(path, task string) string {
	if path == "" || !slices.Contains(rnn.ReferenceTasks, task) {
		return rnn.DefaultVariant
	}
	m, err := rnn.ReadModel(path)
	if err != nil || m.Task == nil || m.Task.Name != task || m.Task.Variant == "" {
		return rnn.DefaultVariant
	}
	return m.Task.Variant
}

// loadTask resolves --task: a built-in name or a .npz / .mat file.
func loadTask(flagName, spec string) (*taskSpec, error) {
	return loadTaskVariant(flagName, spec, rnn.DefaultVariant)
}

// loadTaskVariant resolves --task as loadTask does, a built-in task as
// --variant defines it.
func loadTaskVariant(flagName, spec, variant string) (*taskSpec, error) {
	if !slices.Contains(rnn.Variants, variant) {
		return nil, usagef("--variant: unknown variant %q (the variants are %s)", variant, strings.Join(rnn.Variants, ", "))
	}
	var ref *rnn.Reference
	var err error
	if slices.Contains(rnn.ReferenceTasks, spec) {
		if ref, err = rnn.ReferenceVariant(spec, variant); err != nil {
			return nil, usagef("--variant: %v", err)
		}
	}
	if ref != nil {
		return &taskSpec{Name: spec, Task: ref.Task, Out: ref.Output, Config: ref.Config, Options: ref.Options, Builtin: true,
			Variant: ref.Variant, Init: ref.Init}, nil
	}
	if variant != rnn.DefaultVariant {
		return nil, usagef("--variant %s applies to the built-in tasks %s, not to a task file (set the rule of his code with --options)",
			variant, strings.Join(rnn.VariantTasks(variant), ", "))
	}
	if spec == "" {
		return nil, usagef("%s: missing task (%s, or a .npz / .mat file)", flagName, builtinTasks)
	}
	if !hasExt(spec, ".npz") && !hasExt(spec, ".mat") {
		return nil, usagef("%s: %q is neither a built-in task (%s) nor a .npz or .mat file", flagName, spec, builtinTasks)
	}
	if err := fileMustExist(flagName, spec); err != nil {
		return nil, err
	}
	var t *rnn.Task
	if hasExt(spec, ".npz") {
		if t, err = rnn.ReadTask(spec); err == nil {
			err = looksTransposed(spec, t)
		}
	} else {
		t, err = readMatTask(spec)
	}
	if err != nil {
		return nil, usagef("%s: %v", flagName, err)
	}
	sum, err := fileSHA256(spec)
	if err != nil {
		return nil, usagef("%s: %v", flagName, err)
	}
	name := strings.TrimSuffix(filepath.Base(spec), filepath.Ext(spec))
	t.Name = name
	return &taskSpec{Name: name, Task: t, Out: rnn.Identity{}, Config: fileTaskConfig(t), Options: rnn.DefaultOptions(), Arg: spec, SHA256: sum}, nil
}

// readMatTask reads a MATLAB task: cell arrays inp (each I×T, optional)
// and targ (each B×T), one cell per condition, as in hebbRNN's examples.
// A plain matrix stands for a single condition.
func readMatTask(path string) (*rnn.Task, error) {
	vars, err := matfile.ReadFile(path)
	if err != nil {
		return nil, err
	}
	targ, ok := matfile.Lookup(vars, "targ")
	if !ok {
		names := make([]string, len(vars))
		for i, v := range vars {
			names[i] = v.Name
		}
		return nil, fmt.Errorf("%s: no variable \"targ\" (a cell array of B×T targets; the file holds %v)", path, names)
	}
	targets, err := matCells(path, "targ", targ)
	if err != nil {
		return nil, err
	}
	t := &rnn.Task{}
	b, steps := targets[0].Dims[0], targets[0].Dims[1]
	if steps == 1 || b > steps {
		return nil, fmt.Errorf("%s: targ{1} is %d×%d, which reads as %d outputs × %d steps: it looks transposed; "+
			"each cell of targ must be outputs × steps (B×T), as in hebbRNN (save the transposes, targ{c}')", path, b, steps, b, steps)
	}
	for i, m := range targets {
		if m.Dims[0] != b || m.Dims[1] != steps {
			return nil, fmt.Errorf("%s: targ{%d} is %d×%d, want %d×%d like targ{1}", path, i+1, m.Dims[0], m.Dims[1], b, steps)
		}
		t.Targets = append(t.Targets, timeMajor(m))
	}
	if inp, ok := matfile.Lookup(vars, "inp"); ok {
		inputs, err := matCells(path, "inp", inp)
		if err != nil {
			return nil, err
		}
		if len(inputs) != len(targets) {
			return nil, fmt.Errorf("%s: inp has %d cells, targ %d: one of each per condition", path, len(inputs), len(targets))
		}
		ni := inputs[0].Dims[0]
		for i, m := range inputs {
			if m.Dims[0] != ni || m.Dims[1] != steps {
				if m.Dims[0] == steps && m.Dims[1] != steps {
					return nil, fmt.Errorf("%s: inp{%d} is %d×%d: it looks transposed; each cell of inp must be inputs × steps (I×T, with T = %d like targ; save inp{c}')", path, i+1, m.Dims[0], m.Dims[1], steps)
				}
				return nil, fmt.Errorf("%s: inp{%d} is %d×%d, want %d×%d (I×T, with T = %d steps like targ)", path, i+1, m.Dims[0], m.Dims[1], ni, steps, steps)
			}
		}
		if ni > 0 {
			for _, m := range inputs {
				t.Inputs = append(t.Inputs, timeMajor(m))
			}
		}
	}
	if err := t.Check(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// matCells returns the real 2-d matrices of a cell array (or of a single
// matrix).
func matCells(path, name string, v matfile.Value) ([]*matfile.Numeric, error) {
	var elems []matfile.Value
	switch x := v.(type) {
	case *matfile.Cell:
		if len(x.Elems) == 0 {
			return nil, fmt.Errorf("%s: %s is an empty cell array", path, name)
		}
		elems = x.Elems
	case *matfile.Numeric:
		elems = []matfile.Value{x}
	default:
		return nil, fmt.Errorf("%s: %s must be a cell array of numeric matrices, not a %s", path, name, kindOf(v))
	}
	out := make([]*matfile.Numeric, len(elems))
	for i, e := range elems {
		m, ok := e.(*matfile.Numeric)
		switch {
		case !ok:
			return nil, fmt.Errorf("%s: %s{%d} is a %s, want a numeric matrix", path, name, i+1, kindOf(e))
		case m.Imag != nil:
			return nil, fmt.Errorf("%s: %s{%d} is complex", path, name, i+1)
		case len(m.Dims) != 2:
			return nil, fmt.Errorf("%s: %s{%d} has %d dimensions, want a 2-d matrix", path, name, i+1, len(m.Dims))
		case m.Dims[1] == 0:
			return nil, fmt.Errorf("%s: %s{%d} is %d×0: it has no time steps", path, name, i+1, m.Dims[0])
		}
		out[i] = m
	}
	return out, nil
}

func kindOf(v matfile.Value) string {
	switch v.(type) {
	case *matfile.Numeric:
		return "numeric array"
	case *matfile.Char:
		return "char array"
	case *matfile.Cell:
		return "cell array"
	case *matfile.Struct:
		return "struct"
	}
	return fmt.Sprintf("%T", v)
}

// timeMajor turns a column-major r×T MATLAB matrix into a T×r row-major
// one: the two layouts hold the same sequence of numbers.
func timeMajor(m *matfile.Numeric) *mat.Dense[float64] {
	d, _ := mat.FromSlice(m.Dims[1], m.Dims[0], slices.Clone(m.Data))
	return d
}

// looksTransposed refuses a task file whose targets read as one step, or
// as more outputs than steps: such a file is a (C, B, T) array saved where
// (C, T, B) is wanted. The library reads any shape; the command line, whose
// users write these files by hand, says what it sees.
func looksTransposed(path string, t *rnn.Task) error {
	c, steps, b := t.Conditions(), t.Steps(), t.TargetSize()
	if steps > 1 && b <= steps {
		return nil
	}
	return fmt.Errorf("%s: targets has shape [%d %d %d], which reads as %d conditions × %d steps × %d outputs: "+
		"it looks transposed; hebbrnn wants (conditions, steps, outputs), time-major "+
		"(an array f saved as (C, B, T) is np.transpose(f, (0, 2, 1)))", path, c, steps, b, c, steps, b)
}
