package rnn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// Options are the learning options (docs/algorithm.md §3, and the rule variants
// of §6). The JSON form uses the keys of the learning-options file; keys
// that are missing keep their defaults.
type Options struct {
	Eta         float64 `json:"eta"`         // learning rate
	PerturbRate float64 `json:"perturbRate"` // perturbations per unit per second (Hz)
	Beta        float64 `json:"beta"`        // perturbation amplitude: U(-beta, beta)
	MaxDJ       float64 `json:"maxdJ"`       // bound on |ΔJ| of one entry per trial
	AlphaX      float64 `json:"alphaX"`      // decay of the trace of x
	AlphaR      float64 `json:"alphaR"`      // decay of the expected error
	// TargetTimes is the first and last step (0-based, inclusive) of the
	// output error; nil means every step.
	TargetTimes *[2]int `json:"targetTimes"`
	Order       string  `json:"order"`     // "shuffled" or "linear"
	EvalEvery   int     `json:"evalEvery"` // evaluate every k passes (and after the first)
	Tolerance   float64 `json:"tolerance"` // stop when the evaluated error (the mean over conditions) ≤ tolerance (0: never)
	MaxPasses   int     `json:"maxPasses"` // stop after this many passes (0: no limit)
	// TolerancePerCondition makes the tolerance hold for the error of
	// every condition, not only for their mean.
	TolerancePerCondition bool `json:"tolerancePerCondition,omitempty"`
	// CriterionError is the error below which a learning trial counts as
	// correct for the trials to criterion (docs/algorithm.md §3): the
	// first learning trial at which 95 of the last 100 had an output
	// error below it. The default, 1, fits targets of ±1.
	CriterionError float64 `json:"criterionError"`
	// ValidationPerType is the number of trials of each trial type in
	// the validation set of a generated task (Task.Gen), which every
	// evaluation runs; ValidationSeed seeds the drawing of that set, once,
	// apart from the run's seed, so that the runs of every seed of a study
	// are evaluated on the same trials. Fixed tasks ignore both.
	ValidationPerType int    `json:"validationPerType"`
	ValidationSeed    uint64 `json:"validationSeed"`
	// MaxDuration stops training after this much wall-clock time (0: no
	// limit). It is not part of the reproducible state of a run.
	MaxDuration time.Duration `json:"-"`

	// Rule variants of Miconi's own code (docs/algorithm.md §6); the zero
	// values are hebbRNN's rule.

	// Method names the rule (see Method and ParseMethod): "hebbian" (the
	// default: E += (rprev·Δx)³) or "node" (node perturbation: E[i][j] +=
	// rprev[j]·d[i] on the steps where unit i was perturbed).
	Method string `json:"method,omitempty"`
	// PerturbExcitation adds the perturbation to the excitation, scaled by
	// dt/tau like it, instead of to x.
	PerturbExcitation bool `json:"perturbExcitation,omitempty"`
	// PerturbFrom is the first step that may be perturbed.
	PerturbFrom int `json:"perturbFrom,omitempty"`
	// EligibilityFrom is the first step whose eligibility counts.
	EligibilityFrom int `json:"eligibilityFrom,omitempty"`
	// ScaleByExpected multiplies the weight change by the condition's
	// expected error.
	ScaleByExpected bool `json:"scaleByExpected,omitempty"`
	// PlasticityDelay is the number of learning trials run without
	// changing J (the expected errors still adapt).
	PlasticityDelay int `json:"plasticityDelay,omitempty"`
	// InitialNoise draws the initial state of every trial as x0 plus
	// U(-a, a) per unit (Miconi: 0.1).
	InitialNoise float64 `json:"initialNoise,omitempty"`

	// EtaHalfLife halves the learning rate every this many learning
	// trials: the weight change of learning trial k (0-based) uses
	// eta·2^(-k/EtaHalfLife). 0 keeps eta constant.
	EtaHalfLife float64 `json:"etaHalfLife,omitempty"`
}

// rate returns the learning rate of learning trial k (0-based): Eta,
// halved every EtaHalfLife trials when that is set.
func (o *Options) rate(k int) float64 {
	if o.EtaHalfLife > 0 {
		return o.Eta * math.Exp2(-float64(k)/o.EtaHalfLife)
	}
	return o.Eta
}

// DefaultOptions returns the defaults of docs/algorithm.md §3: eta 0.1, 3 Hz,
// beta 0.5, maxdJ 1e-4, alphaX 0, alphaR 0.33, every step counted,
// shuffled order, evaluation every 50 passes, no tolerance and no limit,
// criterion error 1, a validation set of 8 trials per type drawn from seed 1.
func DefaultOptions() Options {
	return Options{Eta: 0.1, PerturbRate: 3, Beta: 0.5, MaxDJ: 1e-4, AlphaX: 0, AlphaR: 0.33,
		Order: "shuffled", EvalEvery: 50, Method: "hebbian", CriterionError: 1,
		ValidationPerType: 8, ValidationSeed: 1}
}

// MiconiOptions returns the rule of Miconi's own code (docs/algorithm.md §6)
// for a task whose error counts the last 200 of its steps.
func MiconiOptions(steps int) Options {
	o := DefaultOptions()
	o.Eta, o.MaxDJ, o.AlphaX, o.AlphaR = 0.1, 3e-4, 0.05, 0.75
	o.Beta = 16
	o.PerturbExcitation, o.PerturbFrom, o.EligibilityFrom = true, 3, 3
	o.ScaleByExpected, o.PlasticityDelay, o.InitialNoise = true, 100, 0.1
	o.TargetTimes = &[2]int{max(0, steps-200), steps - 1}
	return o
}

// ParseOptions reads learning options as JSON over base: keys that are
// missing keep base's values; unknown keys are an error.
func ParseOptions(data []byte, base Options) (Options, error) {
	if t := bytes.TrimSpace(data); len(t) == 0 || t[0] != '{' {
		return base, fmt.Errorf("learning options: want a JSON object {...}")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	o := base
	if err := dec.Decode(&o); err != nil {
		return base, fmt.Errorf("learning options: %w", err)
	}
	if rest := bytes.TrimSpace(data[dec.InputOffset():]); len(rest) > 0 {
		return base, fmt.Errorf("learning options: data after the JSON object: %.20q", rest)
	}
	if o.Method == "" {
		o.Method = "hebbian"
	}
	return o, nil
}

// OptionError is an error of Options.Validate. Key is the JSON key of
// the option at fault (maxDuration for MaxDuration, which has none), so
// that a caller can name its own source of the value (a flag, a file);
// Msg is the whole message, which names the key too.
type OptionError struct{ Key, Msg string }

func (e *OptionError) Error() string { return e.Msg }

func optionErrorf(key, format string, args ...any) *OptionError {
	return &OptionError{Key: key, Msg: fmt.Sprintf(format, args...)}
}

// Validate checks the options for a task of the given number of steps. Its
// error is an *OptionError.
func (o *Options) Validate(steps int) error {
	pos := func(name string, v float64) error {
		if !(v > 0) || math.IsInf(v, 0) {
			return optionErrorf(name, "%s = %v must be a positive number", name, v)
		}
		return nil
	}
	nonneg := func(name string, v float64) error {
		if !(v >= 0) || math.IsInf(v, 0) {
			return optionErrorf(name, "%s = %v must be a finite number ≥ 0", name, v)
		}
		return nil
	}
	unit := func(name string, v float64) error {
		if !(v >= 0 && v <= 1) {
			return optionErrorf(name, "%s = %v is outside [0, 1]", name, v)
		}
		return nil
	}
	for _, err := range []error{pos("eta", o.Eta), nonneg("perturbRate", o.PerturbRate), nonneg("beta", o.Beta),
		pos("maxdJ", o.MaxDJ), unit("alphaX", o.AlphaX), unit("alphaR", o.AlphaR), nonneg("tolerance", o.Tolerance),
		nonneg("initialNoise", o.InitialNoise), pos("criterionError", o.CriterionError), nonneg("etaHalfLife", o.EtaHalfLife)} {
		if err != nil {
			return err
		}
	}
	if tt := o.TargetTimes; tt != nil {
		if tt[0] < 0 || tt[1] < tt[0] || tt[1] >= steps {
			return optionErrorf("targetTimes", "targetTimes [%d, %d] is not a range inside the task's steps 0..%d", tt[0], tt[1], steps-1)
		}
	}
	switch o.Order {
	case "shuffled", "linear":
	default:
		return optionErrorf("order", "order %q must be \"shuffled\" or \"linear\"", o.Order)
	}
	if _, err := ParseMethod(o.Method); err != nil {
		return optionErrorf("method", "%s", err.Error())
	}
	const negatives = "perturbFrom, eligibilityFrom and plasticityDelay must not be negative"
	switch {
	case o.EvalEvery < 1:
		return optionErrorf("evalEvery", "evalEvery = %d must be at least 1", o.EvalEvery)
	case o.ValidationPerType < 1:
		return optionErrorf("validationPerType", "validationPerType = %d must be at least 1", o.ValidationPerType)
	case o.MaxPasses < 0:
		return optionErrorf("maxPasses", "maxPasses = %d must not be negative", o.MaxPasses)
	case o.MaxDuration < 0:
		return optionErrorf("maxDuration", "maximum duration %v must not be negative", o.MaxDuration)
	case o.PerturbFrom < 0:
		return optionErrorf("perturbFrom", negatives)
	case o.EligibilityFrom < 0:
		return optionErrorf("eligibilityFrom", negatives)
	case o.PlasticityDelay < 0:
		return optionErrorf("plasticityDelay", negatives)
	}
	return nil
}

// targetRange returns the first and last counted step.
func (o *Options) targetRange(steps int) (int, int) {
	if o.TargetTimes == nil {
		return 0, steps - 1
	}
	return o.TargetTimes[0], o.TargetTimes[1]
}

// Method is a learning rule, as Options.Method names it.
type Method uint8

const (
	// MethodHebbian is hebbRNN's rule, "hebbian" (or ""): the eligibility
	// sums (rprev·(x - xtrace))³ over the steps.
	MethodHebbian Method = iota
	// MethodNode is node perturbation, "node": the eligibility sums
	// rprev[j]·d[i] over the steps where unit i was perturbed by d[i].
	MethodNode
)

// String returns the name of the method in Options.Method.
func (m Method) String() string {
	switch m {
	case MethodHebbian:
		return "hebbian"
	case MethodNode:
		return "node"
	}
	return fmt.Sprintf("Method(%d)", uint8(m))
}

// ParseMethod returns the method a name of Options.Method selects ("" is
// "hebbian").
func ParseMethod(name string) (Method, error) {
	switch name {
	case "", "hebbian":
		return MethodHebbian, nil
	case "node":
		return MethodNode, nil
	}
	return MethodHebbian, fmt.Errorf("method %q must be \"hebbian\" or \"node\"", name)
}
