package rnn

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOptionError checks that Validate names the option at fault in a
// typed error, and that its message starts with or names that option as
// users read it.
func TestOptionError(t *testing.T) {
	const steps = 100
	require.NoError(t, func() error { o := DefaultOptions(); return o.Validate(steps) }())
	cases := []struct {
		key, msg string
		set      func(o *Options)
	}{
		{"eta", "eta = 0 must be a positive number", func(o *Options) { o.Eta = 0 }},
		{"perturbRate", "perturbRate = -1 must be a finite number ≥ 0", func(o *Options) { o.PerturbRate = -1 }},
		{"beta", "beta = NaN must be a finite number ≥ 0", func(o *Options) { o.Beta = math.NaN() }},
		{"maxdJ", "maxdJ = +Inf must be a positive number", func(o *Options) { o.MaxDJ = math.Inf(1) }},
		{"alphaX", "alphaX = 2 is outside [0, 1]", func(o *Options) { o.AlphaX = 2 }},
		{"alphaR", "alphaR = -0.5 is outside [0, 1]", func(o *Options) { o.AlphaR = -0.5 }},
		{"tolerance", "tolerance = -1 must be a finite number ≥ 0", func(o *Options) { o.Tolerance = -1 }},
		{"initialNoise", "initialNoise = -1 must be a finite number ≥ 0", func(o *Options) { o.InitialNoise = -1 }},
		{"etaHalfLife", "etaHalfLife = -1 must be a finite number ≥ 0", func(o *Options) { o.EtaHalfLife = -1 }},
		{"targetTimes", "targetTimes [0, 100] is not a range inside the task's steps 0..99", func(o *Options) { o.TargetTimes = &[2]int{0, 100} }},
		{"order", `order "random" must be "shuffled" or "linear"`, func(o *Options) { o.Order = "random" }},
		{"method", `method "x" must be "hebbian" or "node"`, func(o *Options) { o.Method = "x" }},
		{"evalEvery", "evalEvery = 0 must be at least 1", func(o *Options) { o.EvalEvery = 0 }},
		{"maxPasses", "maxPasses = -2 must not be negative", func(o *Options) { o.MaxPasses = -2 }},
		{"maxDuration", "maximum duration -1s must not be negative", func(o *Options) { o.MaxDuration = -time.Second }},
		{"perturbFrom", "perturbFrom, eligibilityFrom and plasticityDelay must not be negative", func(o *Options) { o.PerturbFrom = -1 }},
		{"eligibilityFrom", "perturbFrom, eligibilityFrom and plasticityDelay must not be negative", func(o *Options) { o.EligibilityFrom = -1 }},
		{"plasticityDelay", "perturbFrom, eligibilityFrom and plasticityDelay must not be negative", func(o *Options) { o.PlasticityDelay = -1 }},
	}
	for _, c := range cases {
		o := DefaultOptions()
		c.set(&o)
		err := o.Validate(steps)
		var oe *OptionError
		require.True(t, errors.As(err, &oe), "%s: %v is not an *OptionError", c.key, err)
		assert.Equal(t, c.key, oe.Key)
		assert.Equal(t, c.msg, err.Error())
		if c.key != "maxDuration" {
			assert.True(t, strings.Contains(err.Error(), c.key), "%q names %s", err, c.key)
		}
	}
}
