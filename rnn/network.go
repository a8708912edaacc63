// Package rnn is the hebbRNN model: recurrent networks trained by
// reward-modulated Hebbian learning (Miconi 2017, as implemented by the
// MATLAB toolbox hebbRNN of Michaels & Scherberger 2016), the two reference
// tasks, output functions, and the files that carry networks, tasks and
// trajectories.
//
// Networks are generic over the element type: Network[float64] and
// Network[float32] run the same code on the kernels of package kernel.
package rnn

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/hebbrnn/hebbrnn/mat"
)

// Float is the element type of a network.
type Float = mat.Float

// Activation is the rate function φ of the units.
type Activation int

const (
	Tanh         Activation = iota // tanh(x)
	RectTanh                       // tanh(x) for x > 0, else 0
	BaselineTanh                   // 0.9·tanh(x/0.9) for x > 0, else 0.1·tanh(x/0.1)
	Linear                         // x
)

var activationNames = []string{"tanh", "recttanh", "baselinetanh", "linear"}

func (a Activation) String() string {
	if a < 0 || int(a) >= len(activationNames) {
		return fmt.Sprintf("Activation(%d)", int(a))
	}
	return activationNames[a]
}

// Rates computes r = φ(x), as a network with this rate function does.
func (a Activation) Rates(r, x []float64) { activateAs(a, r, x) }

// Slopes computes d = φ'(x), the derivative of the rate function.
func (a Activation) Slopes(d, x []float64) {
	sech2 := func(v float64) float64 { t := math.Tanh(v); return 1 - t*t }
	for i, v := range x {
		switch a {
		case Tanh:
			d[i] = sech2(v)
		case RectTanh:
			d[i] = 0
			if v > 0 {
				d[i] = sech2(v)
			}
		case BaselineTanh:
			if v > 0 {
				d[i] = sech2(v / 0.9)
			} else {
				d[i] = sech2(v / 0.1)
			}
		default:
			d[i] = 1
		}
	}
}

// ParseActivation turns a name ("tanh", "recttanh", "baselinetanh",
// "linear") into an Activation.
func ParseActivation(s string) (Activation, error) {
	if i := slices.Index(activationNames, s); i >= 0 {
		return Activation(i), nil
	}
	return 0, fmt.Errorf("unknown activation %q (want one of %v)", s, activationNames)
}

// Config describes a network: its sizes and the options of its dynamics.
type Config struct {
	Units   int // N, recurrent units
	Inputs  int // I
	Outputs int // B, output units

	P   float64 // connection probability of J, in [0, 1]
	G   float64 // gain of the initial J
	Dt  float64 // time step, ms
	Tau float64 // time constant, ms
	Act Activation
	// Noise is the standard deviation of the network noise added to the
	// excitation at every step, clean runs included. (The original named
	// it a variance but used it as a standard deviation.)
	Noise      float64
	BiasUnits  int     // number of bias units (fixed activation)
	Feedback   bool    // output feedback through wFb
	EnergyCost float64 // weight c of the energy error

	// OutputUnits and BiasUnitIdx, when set, choose which units are the
	// outputs and the bias units; they are given together or not at all.
	// The defaults are 0..B-1 and B..B+nb-1.
	OutputUnits []int
	BiasUnitIdx []int
}

// Validate checks the configuration and returns an error naming the first
// problem.
func (c *Config) Validate() error {
	switch {
	case c.Units <= 0:
		return fmt.Errorf("network needs at least one unit, got %d", c.Units)
	case c.Inputs < 0:
		return fmt.Errorf("negative number of inputs %d", c.Inputs)
	case c.Outputs <= 0:
		return fmt.Errorf("network needs at least one output, got %d", c.Outputs)
	case !(c.P >= 0 && c.P <= 1):
		return fmt.Errorf("connection probability p = %v is outside [0, 1]", c.P)
	case !finite(c.G):
		return fmt.Errorf("gain g = %v is not finite", c.G)
	case !(c.Dt > 0) || math.IsInf(c.Dt, 0):
		return fmt.Errorf("dt = %v must be a positive number", c.Dt)
	case !(c.Tau > 0) || math.IsInf(c.Tau, 0):
		return fmt.Errorf("tau = %v must be a positive number", c.Tau)
	case c.Act < Tanh || c.Act > Linear:
		return fmt.Errorf("unknown activation %d", int(c.Act))
	case !(c.Noise >= 0) || math.IsInf(c.Noise, 0):
		return fmt.Errorf("noise = %v must be a finite number ≥ 0", c.Noise)
	case c.BiasUnits < 0:
		return fmt.Errorf("negative number of bias units %d", c.BiasUnits)
	case !(c.EnergyCost >= 0) || math.IsInf(c.EnergyCost, 0):
		return fmt.Errorf("energy cost = %v must be a finite number ≥ 0", c.EnergyCost)
	}
	customOut, customBias := c.OutputUnits != nil, c.BiasUnitIdx != nil || (c.OutputUnits != nil && c.BiasUnits == 0)
	if customOut != customBias {
		return errors.New("custom output units and bias units are given together or not at all")
	}
	out, bias := c.units()
	if len(out) != c.Outputs {
		return fmt.Errorf("%d output units listed for %d outputs", len(out), c.Outputs)
	}
	if len(bias) != c.BiasUnits {
		return fmt.Errorf("%d bias units listed, %d configured", len(bias), c.BiasUnits)
	}
	seen := make(map[int]string)
	for _, l := range []struct {
		name string
		idx  []int
	}{{"output", out}, {"bias", bias}} {
		for _, u := range l.idx {
			if u < 0 || u >= c.Units {
				return fmt.Errorf("%s unit %d is outside 0..%d", l.name, u, c.Units-1)
			}
			if prev, ok := seen[u]; ok {
				return fmt.Errorf("unit %d is listed twice (as %s and %s unit)", u, prev, l.name)
			}
			seen[u] = l.name
		}
	}
	return nil
}

// units returns the output and bias unit indices, explicit or default.
func (c *Config) units() (out, bias []int) {
	out, bias = c.OutputUnits, c.BiasUnitIdx
	if out == nil {
		for i := 0; i < c.Outputs; i++ {
			out = append(out, i)
		}
	}
	if bias == nil {
		for i := 0; i < c.BiasUnits; i++ {
			bias = append(bias, c.Outputs+i)
		}
	}
	return out, bias
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Network is a recurrent network: its configuration, weights and initial
// state. Only J learns.
type Network[T Float] struct {
	Config
	J           *mat.Dense[T] // N×N, row i = postsynaptic unit
	WIn         *mat.Dense[T] // N×I
	WFb         *mat.Dense[T] // N×B (zero without feedback)
	BiasValue   []T           // activation of each bias unit
	BiasUnits   []int
	OutputUnits []int
	X0          []T // initial activation
}

// New creates a network with random weights drawn from rng (docs/algorithm.md
// §1): J entries are g·N(0,1)/sqrt(p·N) with probability p and 0
// otherwise, wIn, wFb (with feedback) and the bias values U(-1,1).
func New[T Float](c Config, rng *rand.Rand) (*Network[T], error) {
	net, err := zeroNetwork[T](c)
	if err != nil {
		return nil, err
	}
	n := c.Units
	scale := c.G / math.Sqrt(c.P*float64(n))
	for i := 0; i < n; i++ {
		row := net.J.Row(i)
		for j := range row {
			if c.P >= 1 || rng.Float64() < c.P {
				row[j] = T(scale * rng.NormFloat64())
			}
		}
	}
	uniform := func(v []T) {
		for i := range v {
			v[i] = T(2*rng.Float64() - 1)
		}
	}
	uniform(net.WIn.Data)
	if c.Feedback {
		uniform(net.WFb.Data)
	}
	net.BiasValue = mat.NewVec[T](len(net.BiasUnits))
	uniform(net.BiasValue)
	return net, nil
}

// zeroNetwork validates c and returns a network of its shape with all
// weights zero and its unit lists filled in.
func zeroNetwork[T Float](c Config) (*Network[T], error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	n := c.Units
	net := &Network[T]{Config: c, J: mat.NewDense[T](n, n), WIn: mat.NewDense[T](n, c.Inputs),
		WFb: mat.NewDense[T](n, c.Outputs), X0: mat.NewVec[T](n)}
	net.OutputUnits, net.BiasUnits = c.units()
	net.Config.OutputUnits, net.Config.BiasUnitIdx = net.OutputUnits, net.BiasUnits
	return net, nil
}

// Check verifies that the network's matrices fit its configuration and
// hold only finite numbers.
func (net *Network[T]) Check() error {
	c := &net.Config
	if err := c.Validate(); err != nil {
		return err
	}
	n := c.Units
	for _, m := range []struct {
		name string
		d    *mat.Dense[T]
		r, c int
	}{{"J", net.J, n, n}, {"wIn", net.WIn, n, c.Inputs}, {"wFb", net.WFb, n, c.Outputs}} {
		if m.d == nil {
			return fmt.Errorf("%s is missing", m.name)
		}
		if m.d.Rows != m.r || m.d.Cols != m.c {
			return fmt.Errorf("%s is %d×%d, want %d×%d", m.name, m.d.Rows, m.d.Cols, m.r, m.c)
		}
		for i := 0; i < m.r; i++ {
			for j, v := range m.d.Row(i) {
				if !finite(float64(v)) {
					return fmt.Errorf("%s[%d][%d] is %v", m.name, i, j, v)
				}
			}
		}
	}
	if len(net.BiasValue) != len(net.BiasUnits) {
		return fmt.Errorf("%d bias values for %d bias units", len(net.BiasValue), len(net.BiasUnits))
	}
	for name, v := range map[string][]T{"biasValue": net.BiasValue, "x0": net.X0} {
		for i, x := range v {
			if !finite(float64(x)) {
				return fmt.Errorf("%s[%d] is %v", name, i, x)
			}
		}
	}
	if len(net.X0) != n {
		return fmt.Errorf("x0 has %d values for %d units", len(net.X0), n)
	}
	if !slices.Equal(net.OutputUnits, c.OutputUnits) && c.OutputUnits != nil {
		return errors.New("output units of the network and its configuration differ")
	}
	return nil
}

// FromMatrices builds a network from explicit weights (row-major, float64):
// j N×N, wIn N×I, wFb N×B, the bias values, and optionally x0 (nil for
// zeros). The unit lists come from c.
func FromMatrices[T Float](c Config, j, wIn, wFb *mat.Dense[float64], biasValue, x0 []float64) (*Network[T], error) {
	net, err := zeroNetwork[T](c)
	if err != nil {
		return nil, err
	}
	n := c.Units
	for _, m := range []struct {
		name string
		src  *mat.Dense[float64]
		dst  *mat.Dense[T]
	}{{"J", j, net.J}, {"wIn", wIn, net.WIn}, {"wFb", wFb, net.WFb}} {
		if m.src == nil {
			return nil, fmt.Errorf("%s is missing", m.name)
		}
		if m.src.Rows != m.dst.Rows || m.src.Cols != m.dst.Cols {
			return nil, fmt.Errorf("%s is %d×%d, want %d×%d", m.name, m.src.Rows, m.src.Cols, m.dst.Rows, m.dst.Cols)
		}
		mat.Convert(m.dst, m.src)
	}
	if len(biasValue) != len(net.BiasUnits) {
		return nil, fmt.Errorf("%d bias values for %d bias units", len(biasValue), len(net.BiasUnits))
	}
	net.BiasValue = mat.ConvertVec[T](biasValue)
	if x0 != nil {
		if len(x0) != n {
			return nil, fmt.Errorf("x0 has %d values for %d units", len(x0), n)
		}
		net.X0 = mat.ConvertVec[T](x0)
	}
	if err := net.Check(); err != nil {
		return nil, err
	}
	return net, nil
}

// Clone returns a deep copy of the network.
func (net *Network[T]) Clone() *Network[T] {
	c := *net
	c.J, c.WIn, c.WFb = net.J.Clone(), net.WIn.Clone(), net.WFb.Clone()
	c.BiasValue = slices.Clone(net.BiasValue)
	c.X0 = slices.Clone(net.X0)
	c.BiasUnits = slices.Clone(net.BiasUnits)
	c.OutputUnits = slices.Clone(net.OutputUnits)
	c.Config.OutputUnits, c.Config.BiasUnitIdx = c.OutputUnits, c.BiasUnits
	return &c
}
