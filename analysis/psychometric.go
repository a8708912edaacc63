// Package analysis holds the analyses run on a trained network: the
// psychometric curves of decision tasks, the produced against the sample
// intervals of timing tasks, the principal components of its
// trajectories, the spectrum of its recurrent weights, and the fixed and
// slow points of its autonomous dynamics (Sussillo & Barak 2013).
//
// It computes numbers only, in float64; the command line (hebbrnn
// analyze) draws the figures and writes the files.
package analysis

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// Choice is the network's choice in a trial of a decision task: the sign
// of the mean of output 0 of z (steps×B, as a trajectory records it) over
// steps t0..t1: +1, -1, or 0 when the mean is exactly 0.
func Choice[T rnn.Float](z *mat.Dense[T], t0, t1 int) float64 {
	s := 0.0
	for t := t0; t <= t1; t++ {
		s += float64(z.At(t, 0))
	}
	switch {
	case s > 0:
		return 1
	case s < 0:
		return -1
	}
	return 0
}

// Logistic is the curve p(x) = 1/(1 + exp(-(Bias + Slope·x))).
type Logistic struct {
	Bias, Slope float64
	// Separated is true when the +1 and the other choices are split by
	// evidence alone (or all alike): the maximum-likelihood slope is then
	// infinite, and Bias and Slope are those of the weak ridge
	// (ridgeLogistic) that keeps them finite: a steep step at the split.
	Separated bool
}

// P returns p(x).
func (l Logistic) P(x float64) float64 { return 1 / (1 + math.Exp(-(l.Bias + l.Slope*x))) }

// ridgeLogistic is the weight λ of ½λ(a² + b²) added to the negative
// log-likelihood: too small to move a fit whose maximum exists, it gives
// separated data a finite (steep) answer.
const ridgeLogistic = 1e-6

// FitLogistic fits p(x) to binary outcomes (plus[i]: choice +1 at evidence
// x[i]) by maximum likelihood, with Newton's method (iteratively
// reweighted least squares) and step halving.
func FitLogistic(x []float64, plus []bool) (Logistic, error) {
	n := len(x)
	if n == 0 || len(plus) != n {
		return Logistic{}, fmt.Errorf("logistic fit of %d evidence values and %d choices", len(x), len(plus))
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Logistic{}, fmt.Errorf("evidence %d is %v", i, v)
		}
	}
	const lam = ridgeLogistic
	nll := func(a, b float64) float64 {
		s := 0.5 * lam * (a*a + b*b)
		for i, v := range x {
			eta := a + b*v
			if plus[i] {
				s += softplus(-eta)
			} else {
				s += softplus(eta)
			}
		}
		return s
	}
	var a, b float64
	f := nll(a, b)
	for iter := 0; iter < 200; iter++ {
		// gradient and Hessian of the penalised negative log-likelihood
		ga, gb := lam*a, lam*b
		haa, hab, hbb := lam, 0.0, lam
		for i, v := range x {
			p := 1 / (1 + math.Exp(-(a + b*v)))
			y := 0.0
			if plus[i] {
				y = 1
			}
			w := p * (1 - p)
			ga += p - y
			gb += (p - y) * v
			haa += w
			hab += w * v
			hbb += w * v * v
		}
		det := haa*hbb - hab*hab
		if !(det > 0) {
			break
		}
		da := -(hbb*ga - hab*gb) / det
		db := -(haa*gb - hab*ga) / det
		step := 1.0
		var fn float64
		for ; step > 1e-10; step /= 2 {
			if fn = nll(a+step*da, b+step*db); fn <= f {
				break
			}
		}
		if step <= 1e-10 {
			break
		}
		a, b = a+step*da, b+step*db
		done := math.Abs(f-fn) <= 1e-13*(1+math.Abs(f)) && math.Abs(step*da) < 1e-9*(1+math.Abs(a)) && math.Abs(step*db) < 1e-9*(1+math.Abs(b))
		f = fn
		if done {
			break
		}
	}
	return Logistic{Bias: a, Slope: b, Separated: separated(x, plus)}, nil
}

// softplus returns log(1 + e^v) without overflow.
func softplus(v float64) float64 {
	if v > 30 {
		return v
	}
	return math.Log1p(math.Exp(v))
}

// separated reports whether a threshold on x splits the +1 choices from
// the others (in either direction), or the choices are all alike.
func separated(x []float64, plus []bool) bool {
	minP, maxP, minO, maxO := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i, v := range x {
		if plus[i] {
			minP, maxP = min(minP, v), max(maxP, v)
		} else {
			minO, maxO = min(minO, v), max(maxO, v)
		}
	}
	return math.IsInf(minP, 1) || math.IsInf(minO, 1) || maxO < minP || maxP < minO
}

// Curve is a psychometric curve: the fraction of +1 choices at each
// evidence level of one channel, in the trials of one context.
type Curve struct {
	Context int // the trials' context, -1 for tasks without contexts
	Channel int // the evidence channel on the x axis
	Levels  []float64
	N       []int     // trials at each level
	Plus    []float64 // fraction of +1 choices at each level
	Fit     Logistic  // fitted to every trial (not to the fractions)
}

// Psychometric returns one curve per context and evidence channel of the
// trials (with their choices, as Choice gives them): for each context
// (ascending; -1 first) and each channel of the trials' evidence, the
// fraction of +1 choices at every distinct evidence level of the channel
// and a logistic fitted to the trials. The evidence of the other channels
// is left free (for mante, the ignored channel's curve is flat when the
// network selects).
func Psychometric(trials []*rnn.Trial, choices []float64) ([]Curve, error) {
	if len(trials) != len(choices) {
		return nil, fmt.Errorf("%d trials and %d choices", len(trials), len(choices))
	}
	if len(trials) == 0 {
		return nil, errors.New("no trials")
	}
	channels := len(trials[0].Evidence)
	if channels == 0 {
		return nil, errors.New("the trials carry no evidence: the task makes no decisions")
	}
	var contexts []int
	for i, tr := range trials {
		if len(tr.Evidence) != channels {
			return nil, fmt.Errorf("trial %d has %d evidence channels, trial 0 %d", i, len(tr.Evidence), channels)
		}
		if !slices.Contains(contexts, tr.Context) {
			contexts = append(contexts, tr.Context)
		}
	}
	slices.Sort(contexts)
	var curves []Curve
	for _, ctx := range contexts {
		for ch := 0; ch < channels; ch++ {
			var x []float64
			var plus []bool
			for i, tr := range trials {
				if tr.Context == ctx {
					x = append(x, tr.Evidence[ch])
					plus = append(plus, choices[i] > 0)
				}
			}
			fit, err := FitLogistic(x, plus)
			if err != nil {
				return nil, fmt.Errorf("context %d, channel %d: %w", ctx, ch, err)
			}
			c := Curve{Context: ctx, Channel: ch, Fit: fit}
			c.Levels = slices.Compact(slices.Sorted(slices.Values(x)))
			c.N = make([]int, len(c.Levels))
			c.Plus = make([]float64, len(c.Levels))
			for i, v := range x {
				k, _ := slices.BinarySearch(c.Levels, v)
				c.N[k]++
				if plus[i] {
					c.Plus[k]++
				}
			}
			for k := range c.Plus {
				c.Plus[k] /= float64(c.N[k])
			}
			curves = append(curves, c)
		}
	}
	return curves, nil
}
