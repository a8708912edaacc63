package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/hebbrnn/hebbrnn/internal/matfile"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// modelSizes are the sizes of the network a task wants, which a MATLAB
// model may leave out (-1: unknown, as for export-model).
type modelSizes struct{ Inputs, Outputs int }

// noSizes leaves every size to the model file.
var noSizes = modelSizes{-1, -1}

// readMatModel reads a model from a MATLAB file in the layout export-model
// writes: top-level variables, or the same fields in a 1×1 struct named
// net (as hebbRNN keeps them). J is required; wIn (N×I) and wFb (N×B)
// default to zeros, with I and B those of sizes (the task's) when the file
// does not tell them, biasValue to none, x0 to zero, biasUnits and
// outputUnits (1-based) to the defaults, and the scalars to those of
// hebbRNN (p = 1, g = 1.3, dt = 1, tau = 30, actFun tanh, no noise, no
// energy cost, no feedback). It also returns the defaults it took, in
// words ("" when the file gave everything).
func readMatModel(path string, sizes modelSizes) (*rnn.ModelFile, string, error) {
	vars, err := matfile.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	return decodeMatModel(vars, sizes)
}

// decodeMatModel builds the model of a MATLAB file's variables, as
// readMatModel.
func decodeMatModel(vars []matfile.Var, sizes modelSizes) (*rnn.ModelFile, string, error) {
	fields := matFields{}
	for _, v := range vars {
		fields[v.Name] = v.Value
	}
	if s, ok := fields["net"].(*matfile.Struct); ok && len(s.Elems) == 1 {
		fields = s.Elems[0]
	}
	var fromTask, defaults []string
	m, err := fields.model(sizes, &fromTask, &defaults)
	if err != nil {
		return nil, "", err
	}
	var took []string
	if len(fromTask) > 0 {
		took = append(took, "from the task "+strings.Join(fromTask, ", "))
	}
	if len(defaults) > 0 {
		took = append(took, "defaults "+strings.Join(defaults, ", "))
	}
	return m, strings.Join(took, "; "), nil
}

// model builds the model of the fields, appending the sizes it takes from
// the task to fromTask and the default settings it takes to defaults.
func (fields matFields) model(sizes modelSizes, fromTask, defaults *[]string) (*rnn.ModelFile, error) {
	j, err := fields.matrix("J", -1, -1)
	if err != nil {
		return nil, err
	}
	if j.Rows != j.Cols || j.Rows == 0 {
		return nil, fmt.Errorf("variable J is %d×%d, want N×N with N > 0", j.Rows, j.Cols)
	}
	n := j.Rows
	m := &rnn.ModelFile{J: j}
	if _, ok := fields["wIn"]; ok {
		if m.WIn, err = fields.matrix("wIn", n, -1); err != nil {
			return nil, err
		}
	} else {
		inputs := max(sizes.Inputs, 0)
		m.WIn = mat.NewDense[float64](n, inputs)
		if inputs > 0 {
			*fromTask = append(*fromTask, fmt.Sprintf("wIn = zeros(%d, %d)", n, inputs))
		}
	}
	outUnits, haveOut, err := fields.units("outputUnits", n)
	if err != nil {
		return nil, err
	}
	biasUnits, haveBias, err := fields.units("biasUnits", n)
	if err != nil {
		return nil, err
	}
	outputs := len(outUnits)
	_, haveFb := fields["wFb"]
	switch {
	case haveOut:
	case haveFb:
		w, err := fields.num("wFb")
		if err != nil {
			return nil, err
		}
		outputs = w.Dims[1]
	case sizes.Outputs > 0:
		outputs = sizes.Outputs
		*fromTask = append(*fromTask, plural(outputs, "output"))
	default:
		return nil, fmt.Errorf("neither outputUnits nor wFb tells the number of outputs (give outputUnits, 1-based)")
	}
	if m.WFb, err = fields.matrix("wFb", n, outputs); err != nil {
		return nil, err
	}
	if m.BiasValue, _, err = fields.vector("biasValue"); err != nil {
		return nil, err
	}
	if m.BiasValue == nil {
		m.BiasValue = []float64{}
	}
	if x0, ok, err := fields.vector("x0"); err != nil {
		return nil, err
	} else if ok {
		m.X0 = x0
	}
	c := rnn.Config{Units: n, Inputs: m.WIn.Cols, Outputs: outputs, BiasUnits: len(m.BiasValue)}
	if haveOut || haveBias {
		c.OutputUnits, c.BiasUnitIdx = outUnits, biasUnits
		if c.BiasUnitIdx == nil {
			c.BiasUnitIdx = []int{}
		}
	}
	var scalars []string
	for _, s := range []struct {
		name string
		dst  *float64
		def  float64
	}{{"p", &c.P, 1}, {"g", &c.G, 1.3}, {"dt", &c.Dt, 1}, {"tau", &c.Tau, 30},
		{"netNoiseSigma", &c.Noise, 0}, {"energyCost", &c.EnergyCost, 0}, {"feedback", nil, 0}} {
		var v float64
		if v, err = fields.scalar(s.name, s.def); err != nil {
			return nil, err
		}
		if _, ok := fields[s.name]; !ok {
			scalars = append(scalars, fmt.Sprintf("%s = %g", s.name, s.def))
		}
		if s.dst != nil {
			*s.dst = v
		} else {
			c.Feedback = v != 0
		}
	}
	if v, ok := fields["actFun"]; ok {
		ch, ok := v.(*matfile.Char)
		if !ok {
			return nil, fmt.Errorf("actFun must be a string")
		}
		if c.Act, err = rnn.ParseActivation(strings.TrimSpace(ch.Text)); err != nil {
			return nil, fmt.Errorf("actFun: %v", err)
		}
	} else {
		scalars = append(scalars, "actFun = tanh")
	}
	*defaults = append(*defaults, scalars...)
	if p, ok := fields["precision"].(*matfile.Char); ok {
		m.Precision = strings.TrimSpace(p.Text)
	}
	m.Config = c
	if _, err := rnn.NetworkOf[float64](m); err != nil {
		return nil, err
	}
	return m, nil
}

// matFields are the variables of a MATLAB model file, by name.
type matFields map[string]matfile.Value

// num returns the real 2-d numeric array name, or nil if there is none.
func (fields matFields) num(name string) (*matfile.Numeric, error) {
	v, ok := fields[name]
	if !ok {
		return nil, nil
	}
	n, ok := v.(*matfile.Numeric)
	if !ok || len(n.Dims) != 2 || n.Imag != nil {
		return nil, fmt.Errorf("%s must be a real 2-d numeric array", name)
	}
	return n, nil
}

// matrix returns the matrix name of rows×cols (-1: any); a missing one is
// an error if rows < 0, else zero.
func (fields matFields) matrix(name string, rows, cols int) (*mat.Dense[float64], error) {
	n, err := fields.num(name)
	if err != nil {
		return nil, err
	}
	if n == nil {
		if rows < 0 {
			return nil, fmt.Errorf("missing variable %s", name)
		}
		return mat.NewDense[float64](rows, cols), nil
	}
	if (rows >= 0 && n.Dims[0] != rows) || (cols >= 0 && n.Dims[1] != cols) {
		return nil, fmt.Errorf("%s is %d×%d, want %s×%s", name, n.Dims[0], n.Dims[1], dim(rows), dim(cols))
	}
	d := mat.NewDense[float64](n.Dims[0], n.Dims[1])
	for i := 0; i < d.Rows; i++ {
		for j := 0; j < d.Cols; j++ {
			d.Set(i, j, n.At(i, j))
		}
	}
	return d, nil
}

// vector returns the vector name and whether there is one.
func (fields matFields) vector(name string) ([]float64, bool, error) {
	n, err := fields.num(name)
	if err != nil || n == nil {
		return nil, false, err
	}
	if n.Dims[0] != 1 && n.Dims[1] != 1 && len(n.Data) > 0 {
		return nil, false, fmt.Errorf("%s must be a vector, it is %d×%d", name, n.Dims[0], n.Dims[1])
	}
	return n.Data, true, nil
}

// scalar returns the scalar name, or def if there is none.
func (fields matFields) scalar(name string, def float64) (float64, error) {
	v, ok, err := fields.vector(name)
	if err != nil || !ok {
		return def, err
	}
	if len(v) != 1 {
		return 0, fmt.Errorf("%s must be a scalar", name)
	}
	return v[0], nil
}

// units returns the 1-based units of 1..n listed in name, 0-based, and
// whether there is such a list.
func (fields matFields) units(name string, n int) ([]int, bool, error) {
	v, ok, err := fields.vector(name)
	if err != nil || !ok {
		return nil, ok, err
	}
	out := make([]int, len(v))
	for i, u := range v {
		if u != math.Trunc(u) || u < 1 || u > float64(n) {
			return nil, true, fmt.Errorf("%s(%d) = %v is not a unit of 1..%d", name, i+1, u, n)
		}
		out[i] = int(u) - 1
	}
	return out, true, nil
}

func dim(n int) string {
	if n < 0 {
		return "any"
	}
	return fmt.Sprint(n)
}
