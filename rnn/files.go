package rnn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/mat"
)

// The files of this package are numpy .npz archives, time-major with
// 0-based indices:
//
//	model.npz         J (N,N), wIn (N,I), wFb (N,B), biasValue (nb,),
//	                  biasUnits int64 (nb,), outputUnits int64 (B,), x0 (N,)
//	                  optional, config.json
//	task.npz          targets (C,T,B), inputs (C,T,I) when the task has input
//	trajectories.npz  Z (C,T,B), R (C,T,N), X (C,T,N), errors (C,2), and the
//	                  output function's record (C,rows,cols) per name, and the
//	                  task's targets (C,T,B) and inputs (C,T,I) as in task.npz
//	perturbations.npz d (L,T,N), conditions int64 (L,)
//
// A checkpoint is a model.npz with two more members: options.json (the
// learning options) and train.json (TrainState), and, when its writer
// gives them (WriteCheckpointWith), task.json (TaskRef), the writer's
// version in config.json and J0 (N,N), the recurrent weights before
// training.

// fileConfig is config.json of a model.
type fileConfig struct {
	Activation string  `json:"activation"`
	Dt         float64 `json:"dt"`
	Tau        float64 `json:"tau"`
	Noise      float64 `json:"noise"`
	EnergyCost float64 `json:"energyCost"`
	G          float64 `json:"g"`
	P          float64 `json:"p"`
	Feedback   *bool   `json:"feedback,omitempty"`
	Precision  string  `json:"precision,omitempty"`
	Version    string  `json:"version,omitempty"` // of the program that wrote the file
}

// TaskRef names the task a checkpoint was trained on: a built-in task by
// its name, or a task file by its path and the SHA-256 of its bytes (hex),
// so that a resumed run can find the task again and tell if it changed.
type TaskRef struct {
	Name   string `json:"name,omitempty"`
	File   string `json:"file,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	// Variant is the variant of a built-in task (Variants); empty for
	// the default, "hebbrnn".
	Variant string `json:"variant,omitempty"`
}

// CheckpointInfo is what a checkpoint may record besides the network and
// the training state: the task and the version of the program writing it.
type CheckpointInfo struct {
	Task    *TaskRef
	Version string
	// J0 is J as it was before training (N×N), written as member J0;
	// nil writes none.
	J0 *mat.Dense[float64]
}

// ModelFile is the content of a model or checkpoint file.
type ModelFile struct {
	Config    Config
	Precision string // "f64" or "f32": the precision the network was trained in ("" if unknown)
	J         *mat.Dense[float64]
	WIn, WFb  *mat.Dense[float64]
	BiasValue []float64
	X0        []float64 // nil when absent
	// Version is the version of the program that wrote the file ("" if
	// it did not say).
	Version string
	// Checkpoint parts, nil in a plain model file (Task is nil too in a
	// checkpoint that names no task).
	Options *Options
	State   *TrainState
	Task    *TaskRef
	// J0 is J before training (N×N), nil when the file does not keep it
	// (a plain model, or a checkpoint written before J0 was kept).
	J0 *mat.Dense[float64]
}

// ReadModel reads a model or checkpoint file.
func ReadModel(path string) (*ModelFile, error) {
	z, err := npy.ReadNPZFile(path)
	if err != nil {
		return nil, err
	}
	m, err := decodeModel(z)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func decodeModel(z *npy.NPZ) (*ModelFile, error) {
	raw, ok := z.Raw["config.json"]
	if !ok {
		return nil, fmt.Errorf("missing member config.json")
	}
	var fc fileConfig
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&fc); err != nil {
		return nil, fmt.Errorf("config.json: %w", err)
	}
	act, err := ParseActivation(fc.Activation)
	if err != nil {
		return nil, fmt.Errorf("config.json: %w", err)
	}
	shape, ok := z.Shape("J")
	if !ok {
		return nil, fmt.Errorf("missing array \"J\"")
	}
	if len(shape) != 2 || shape[0] != shape[1] || shape[0] == 0 {
		return nil, fmt.Errorf("array \"J\" has shape %v, want (N, N) with N > 0", shape)
	}
	n := shape[0]
	m := &ModelFile{Precision: fc.Precision, Version: fc.Version}
	get := func(name string, shape ...int) (*mat.Dense[float64], error) {
		v, err := z.Float64(name, shape...)
		if err != nil {
			return nil, err
		}
		s, _ := z.Shape(name)
		return mat.FromSlice(s[0], s[1], v)
	}
	if m.J, err = get("J", n, n); err != nil {
		return nil, err
	}
	if m.WIn, err = get("wIn", n, -1); err != nil {
		return nil, err
	}
	if m.WFb, err = get("wFb", n, -1); err != nil {
		return nil, err
	}
	if m.BiasValue, err = z.Float64("biasValue", -1); err != nil {
		return nil, err
	}
	outUnits, err := z.Int64("outputUnits", -1)
	if err != nil {
		return nil, err
	}
	biasUnits, err := z.Int64("biasUnits", -1)
	if err != nil {
		return nil, err
	}
	if _, ok := z.Shape("x0"); ok {
		if m.X0, err = z.Float64("x0", n); err != nil {
			return nil, err
		}
	}
	if _, ok := z.Shape("J0"); ok {
		if m.J0, err = get("J0", n, n); err != nil {
			return nil, err
		}
	}
	feedback := false
	if fc.Feedback != nil {
		feedback = *fc.Feedback
	} else {
		for _, v := range m.WFb.Data {
			feedback = feedback || v != 0
		}
	}
	toInts := func(name string, v []int64) ([]int, error) {
		out := make([]int, len(v))
		for i, u := range v {
			if u < 0 || u >= int64(n) {
				return nil, fmt.Errorf("%s[%d] = %d is not a unit of 0..%d", name, i, u, n-1)
			}
			out[i] = int(u)
		}
		return out, nil
	}
	c := Config{Units: n, Inputs: m.WIn.Cols, Outputs: len(outUnits), P: fc.P, G: fc.G, Dt: fc.Dt, Tau: fc.Tau, Act: act,
		Noise: fc.Noise, BiasUnits: len(biasUnits), Feedback: feedback, EnergyCost: fc.EnergyCost}
	if c.OutputUnits, err = toInts("outputUnits", outUnits); err != nil {
		return nil, err
	}
	if c.BiasUnitIdx, err = toInts("biasUnits", biasUnits); err != nil {
		return nil, err
	}
	if m.WFb.Cols != c.Outputs {
		return nil, fmt.Errorf("wFb has %d columns for %d output units", m.WFb.Cols, c.Outputs)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	m.Config = c
	if raw, ok := z.Raw["options.json"]; ok {
		o, err := ParseOptions(raw, DefaultOptions())
		if err != nil {
			return nil, fmt.Errorf("options.json: %w", err)
		}
		m.Options = &o
	}
	if raw, ok := z.Raw["train.json"]; ok {
		var st TrainState
		if err := json.Unmarshal(raw, &st); err != nil {
			return nil, fmt.Errorf("train.json: %w", err)
		}
		m.State = &st
	}
	if raw, ok := z.Raw["task.json"]; ok {
		var ref TaskRef
		if err := json.Unmarshal(raw, &ref); err != nil {
			return nil, fmt.Errorf("task.json: %w", err)
		}
		m.Task = &ref
	}
	return m, nil
}

// NetworkOf builds the network of a model file in precision T.
func NetworkOf[T Float](m *ModelFile) (*Network[T], error) {
	return FromMatrices[T](m.Config, m.J, m.WIn, m.WFb, m.BiasValue, m.X0)
}

func dense64[T Float](m *mat.Dense[T]) *mat.Dense[float64] {
	d := mat.NewDense[float64](m.Rows, m.Cols)
	mat.Convert(d, m)
	return d
}

// precisionName returns "f64" or "f32".
func precisionName[T Float]() string {
	var z T
	if _, ok := any(z).(float32); ok {
		return "f32"
	}
	return "f64"
}

func encodeModel[T Float](net *Network[T], version string) (*npy.NPZ, error) {
	z := npy.NewNPZ()
	n := net.Units
	z.Set("J", npy.NewF64(dense64(net.J).Data, n, n))
	z.Set("wIn", npy.NewF64(dense64(net.WIn).Data, n, net.Inputs))
	z.Set("wFb", npy.NewF64(dense64(net.WFb).Data, n, net.Outputs))
	z.Set("biasValue", npy.NewF64(mat.ConvertVec[float64](net.BiasValue)))
	z.Set("biasUnits", npy.NewI64(ints64(net.BiasUnits)))
	z.Set("outputUnits", npy.NewI64(ints64(net.OutputUnits)))
	z.Set("x0", npy.NewF64(mat.ConvertVec[float64](net.X0)))
	fb := net.Feedback
	cfg, err := json.Marshal(fileConfig{Activation: net.Act.String(), Dt: net.Dt, Tau: net.Tau, Noise: net.Noise,
		EnergyCost: net.EnergyCost, G: net.G, P: net.P, Feedback: &fb, Precision: precisionName[T](), Version: version})
	if err != nil {
		return nil, err
	}
	z.SetRaw("config.json", cfg)
	return z, nil
}

func ints64(v []int) []int64 {
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = int64(x)
	}
	return out
}

// WriteModel writes the network to path atomically.
func WriteModel[T Float](path string, net *Network[T]) error {
	z, err := encodeModel(net, "")
	if err != nil {
		return err
	}
	return npy.WriteNPZFile(path, z)
}

// WriteCheckpoint writes the network with the training state and options
// to path atomically: a model file that ReadModel reads back whole.
func WriteCheckpoint[T Float](path string, tr *Trainer[T]) error {
	return WriteCheckpointWith(path, tr, CheckpointInfo{})
}

// WriteCheckpointWith writes a checkpoint like WriteCheckpoint that also
// records info.
func WriteCheckpointWith[T Float](path string, tr *Trainer[T], info CheckpointInfo) error {
	z, err := encodeModel(tr.Net, info.Version)
	if err != nil {
		return err
	}
	if j0 := info.J0; j0 != nil {
		if j0.Rows != tr.Net.Units || j0.Cols != tr.Net.Units {
			return fmt.Errorf("J0 is %d×%d, want %d×%d like J", j0.Rows, j0.Cols, tr.Net.Units, tr.Net.Units)
		}
		z.Set("J0", npy.NewF64(j0.Flat(), j0.Rows, j0.Cols))
	}
	if info.Task != nil {
		ref, err := json.Marshal(info.Task)
		if err != nil {
			return err
		}
		z.SetRaw("task.json", ref)
	}
	opt, err := json.Marshal(tr.Opt)
	if err != nil {
		return err
	}
	st := tr.Snapshot()
	if math.IsNaN(st.Error) {
		st.Error = -1 // JSON has no NaN: -1 marks "not evaluated yet"
	}
	if math.IsInf(st.Best, 1) {
		st.Best = -1
	}
	state, err := json.Marshal(st)
	if err != nil {
		return err
	}
	z.SetRaw("options.json", opt)
	z.SetRaw("train.json", state)
	return npy.WriteNPZFile(path, z)
}

// ResumeState returns the checkpoint's state with the markers of
// WriteCheckpoint turned back into NaN and +Inf.
func (m *ModelFile) ResumeState() (TrainState, error) {
	if m.State == nil || m.Options == nil {
		return TrainState{}, fmt.Errorf("the file is a model, not a checkpoint (it has no train.json and options.json)")
	}
	st := *m.State
	if st.Error < 0 {
		st.Error = math.NaN()
	}
	if st.Best < 0 {
		st.Best = math.Inf(1)
	}
	return st, nil
}

// ReadTask reads a task file.
func ReadTask(path string) (*Task, error) {
	z, err := npy.ReadNPZFile(path)
	if err != nil {
		return nil, err
	}
	t, err := decodeTask(z)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

func decodeTask(z *npy.NPZ) (*Task, error) {
	ts, ok := z.Shape("targets")
	if !ok {
		return nil, fmt.Errorf("missing array \"targets\"")
	}
	if len(ts) != 3 || ts[0] == 0 || ts[1] == 0 || ts[2] == 0 {
		return nil, fmt.Errorf("targets has shape %v, want (C, T, B) with no zero size", ts)
	}
	c, steps, b := ts[0], ts[1], ts[2]
	tg, err := z.Float64("targets", c, steps, b)
	if err != nil {
		return nil, err
	}
	t := &Task{}
	var in []float64
	ni := 0
	if is, ok := z.Shape("inputs"); ok {
		if len(is) != 3 || is[0] != c || is[1] != steps {
			hint := ""
			if len(is) == 3 && is[0] == c && is[2] == steps {
				hint = "; it looks transposed: save np.transpose(inputs, (0, 2, 1))"
			}
			return nil, fmt.Errorf("inputs has shape %v, want (%d, %d, I) to match targets %v (conditions, steps, inputs)%s", is, c, steps, ts, hint)
		}
		ni = is[2]
		if in, err = z.Float64("inputs", c, steps, ni); err != nil {
			return nil, err
		}
	}
	for i := 0; i < c; i++ {
		f, _ := mat.FromSlice(steps, b, tg[i*steps*b:(i+1)*steps*b])
		t.Targets = append(t.Targets, f)
		if ni > 0 {
			u, _ := mat.FromSlice(steps, ni, in[i*steps*ni:(i+1)*steps*ni])
			t.Inputs = append(t.Inputs, u)
		}
	}
	if err := t.Check(); err != nil {
		return nil, err
	}
	return t, nil
}

// WriteTask writes a task file atomically.
func WriteTask(path string, t *Task) error {
	if err := t.Check(); err != nil {
		return err
	}
	z := npy.NewNPZ()
	setTask(z, t)
	return npy.WriteNPZFile(path, z)
}

// setTask adds a task's inputs (C, T, I; none without inputs) and targets
// (C, T, B) to z, as task files hold them.
func setTask(z *npy.NPZ, t *Task) {
	c, steps := t.Conditions(), t.Steps()
	if t.InputSize() > 0 {
		z.Set("inputs", npy.NewF64(stack(t.Inputs), c, steps, t.InputSize()))
	}
	z.Set("targets", npy.NewF64(stack(t.Targets), c, steps, t.TargetSize()))
}

func stack[T Float](ms []*mat.Dense[T]) []float64 {
	var out []float64
	for _, m := range ms {
		for i := 0; i < m.Rows; i++ {
			for _, v := range m.Row(i) {
				out = append(out, float64(v))
			}
		}
	}
	return out
}

// WriteTrajectories writes the trajectories of a run of task atomically,
// with the task's inputs and targets (task may be nil: then without).
func WriteTrajectories[T Float](path string, traj []Trajectory[T], task *Task) error {
	if len(traj) == 0 {
		return fmt.Errorf("no trajectories to write")
	}
	z := npy.NewNPZ()
	if task != nil {
		if task.Conditions() != len(traj) {
			return fmt.Errorf("%d trajectories of a task of %d conditions", len(traj), task.Conditions())
		}
		setTask(z, task)
	}
	c, steps := len(traj), traj[0].X.Rows
	var zs, rs, xs []*mat.Dense[T]
	errs := make([]float64, 0, 2*c)
	for _, tj := range traj {
		zs, rs, xs = append(zs, tj.Z), append(rs, tj.R), append(xs, tj.X)
		errs = append(errs, tj.Errors.Output, tj.Errors.Energy)
	}
	z.Set("Z", npy.NewF64(stack(zs), c, steps, traj[0].Z.Cols))
	z.Set("R", npy.NewF64(stack(rs), c, steps, traj[0].R.Cols))
	z.Set("X", npy.NewF64(stack(xs), c, steps, traj[0].X.Cols))
	z.Set("errors", npy.NewF64(errs, c, 2))
	for k, rec := range traj[0].Record {
		var data []float64
		for _, tj := range traj {
			if len(tj.Record) <= k || tj.Record[k].Name != rec.Name || len(tj.Record[k].Data) != rec.Rows*rec.Cols {
				return fmt.Errorf("output record %q differs between conditions", rec.Name)
			}
			data = append(data, tj.Record[k].Data...)
		}
		z.Set(rec.Name, npy.NewF64(data, c, rec.Rows, rec.Cols))
	}
	return npy.WriteNPZFile(path, z)
}

// WriteRecording writes recorded perturbations atomically.
func WriteRecording(path string, rec *Recording) error {
	z := npy.NewNPZ()
	z.Set("d", npy.NewF64(rec.D, rec.Trials(), rec.Steps, rec.Units))
	z.Set("conditions", npy.NewI64(rec.Conditions))
	return npy.WriteNPZFile(path, z)
}

// ReadRecording reads a perturbations file.
func ReadRecording(path string) (*Recording, error) {
	z, err := npy.ReadNPZFile(path)
	if err != nil {
		return nil, err
	}
	s, ok := z.Shape("d")
	if !ok || len(s) != 3 {
		return nil, fmt.Errorf("%s: array \"d\" must exist with shape (L, T, N), got %v", path, s)
	}
	rec := &Recording{Steps: s[1], Units: s[2]}
	if rec.D, err = z.Float64("d", s...); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if rec.Conditions, err = z.Int64("conditions", s[0]); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, v := range rec.D {
		if !finite(v) {
			return nil, fmt.Errorf("%s: d holds %v at flat index %d", path, v, i)
		}
	}
	for i, c := range rec.Conditions {
		if c < 0 {
			return nil, fmt.Errorf("%s: conditions[%d] = %d is negative", path, i, c)
		}
	}
	return rec, nil
}
