package rnn

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestReferenceVariantNames(t *testing.T) {
	for _, v := range []string{"", "hebbrnn"} {
		ref, err := ReferenceVariant("co", v)
		require.NoError(t, err)
		want, err := ReferenceTask("co")
		require.NoError(t, err)
		require.Equal(t, want.Config, ref.Config)
		require.Equal(t, want.Options, ref.Options)
		require.Equal(t, "hebbrnn", ref.Variant)
	}
	_, err := ReferenceVariant("dnms", "mconi")
	require.EqualError(t, err, `unknown variant "mconi" (the variants are hebbrnn, miconi)`)
	_, err = ReferenceVariant("co", "miconi")
	require.EqualError(t, err, "variant miconi has no task co (it has dnms, mante)")
	_, err = ReferenceVariant("xor", "miconi")
	require.ErrorContains(t, err, `unknown task "xor"`)
}

// TestMiconiDNMS checks the facts of Miconi's DNMS network and task that
// the variant carries, on a new network and on a clean run of it.
func TestMiconiDNMS(t *testing.T) {
	ref, err := ReferenceVariant("dnms", "miconi")
	require.NoError(t, err)
	require.Equal(t, 1.5, ref.Config.G)
	net, err := NewNetwork[float64](ref.Config, ref.Init, rand.New(rand.NewPCG(3, 4)))
	require.NoError(t, err)
	require.Equal(t, []int{0}, net.OutputUnits)
	require.Equal(t, []int{1, 10, 11}, net.BiasUnits)
	require.Equal(t, []float64{1, 1, -1}, net.BiasValue)
	require.Equal(t, []float64{0, 0}, net.WIn.Row(0), "the output unit gets no input")
	require.NotEqual(t, []float64{0, 0}, net.WIn.Row(5))

	// Cues at steps 1..200 and 400..599; targets: -0.98 on a match.
	for c, name := range []string{"AA", "AB", "BA", "BB"} {
		u := ref.Task.Inputs[c]
		require.Equal(t, 0.0, u.At(0, 0)+u.At(0, 1), name)
		require.Equal(t, 1.0, u.At(1, 0)+u.At(1, 1), name)
		require.Equal(t, 1.0, u.At(200, 0)+u.At(200, 1), name)
		require.Equal(t, 0.0, u.At(201, 0)+u.At(201, 1), name)
		require.Equal(t, 1.0, u.At(599, 0)+u.At(599, 1), name)
		require.Equal(t, 0.0, u.At(600, 0)+u.At(600, 1), name)
		want := 0.98
		if name[0] == name[1] {
			want = -0.98
		}
		require.Equal(t, want, ref.Task.Targets[c].At(999, 0), name)
	}
	trajs, err := net.Run(ref.Task, nil, RunOptions{})
	require.NoError(t, err)
	for _, tr := range trajs {
		for _, s := range []int{0, 500, 999} {
			require.Equal(t, []float64{1, 1, -1}, []float64{tr.X.At(s, 1), tr.X.At(s, 10), tr.X.At(s, 11)})
		}
	}

	// A bias count that does not fit the fixed values is an error.
	c := ref.Config
	c.BiasUnits, c.BiasUnitIdx = 2, []int{1, 10}
	_, err = NewNetwork[float64](c, ref.Init, rand.New(rand.NewPCG(3, 4)))
	require.ErrorContains(t, err, "fixes 3 bias values")
}

// TestMiconiPlasticityDelay trains a small network of the variant: J
// stays as it was for the first 101 learning trials and changes after.
func TestMiconiPlasticityDelay(t *testing.T) {
	ref, err := ReferenceVariant("dnms", "miconi")
	require.NoError(t, err)
	c := ref.Config
	c.Units = 24
	net, err := NewNetwork[float64](c, ref.Init, rand.New(rand.NewPCG(5, 6)))
	require.NoError(t, err)
	j0 := net.J.Clone()
	opt := ref.Options
	opt.Eta, opt.MaxDJ = 10, 1e-2
	tr, err := NewTrainer(net, ref.Task, opt, ref.Output, 5)
	require.NoError(t, err)
	defer tr.Close()
	for k := 0; k < 101; k++ {
		_, err := tr.Trial(k % 4)
		require.NoError(t, err)
	}
	require.Equal(t, j0.Data, net.J.Data)
	for k := 101; k < 109; k++ {
		_, err := tr.Trial(k % 4)
		require.NoError(t, err)
	}
	require.NotEqual(t, j0.Data, net.J.Data)
}

// TestMiconiMante checks the selective integration variant: the task
// mante on his network, with the rule settings of selectiveint/net.cpp.
func TestMiconiMante(t *testing.T) {
	ref, err := ReferenceVariant("mante", "miconi")
	require.NoError(t, err)
	require.NotNil(t, ref.Task.Gen)
	require.Equal(t, 4, ref.Config.Inputs)
	require.Equal(t, 700, ref.Task.Steps())
	o := ref.Options
	require.Equal(t, [4]float64{30, 2e-4, 0.01, 0.75}, [4]float64{o.Beta, o.MaxDJ, o.Eta, o.AlphaR})
	require.Equal(t, &[2]int{500, 699}, o.TargetTimes)
	require.NoError(t, o.Validate(ref.Task.Steps()))
	net, err := NewNetwork[float64](ref.Config, ref.Init, rand.New(rand.NewPCG(1, 2)))
	require.NoError(t, err)
	require.Equal(t, []float64{0, 0, 0, 0}, net.WIn.Row(0))
}

// TestEtaHalfLife: the rate of learning trial k is eta·2^(-k/h); with a
// half-life far below one trial J changes on the first learning trial
// only, and without one it keeps changing.
func TestEtaHalfLife(t *testing.T) {
	o := Options{Eta: 0.4, EtaHalfLife: 1000}
	require.Equal(t, 0.4, o.rate(0))
	require.InDelta(t, 0.2, o.rate(1000), 1e-15)
	require.InDelta(t, 0.05, o.rate(3000), 1e-15)
	o.EtaHalfLife = 0
	require.Equal(t, 0.4, o.rate(5000), "0 keeps eta constant")

	ref, err := ReferenceVariant("dnms", "miconi")
	require.NoError(t, err)
	c := ref.Config
	c.Units = 24
	for _, halfLife := range []float64{0, 1e-9} {
		net, err := NewNetwork[float64](c, ref.Init, rand.New(rand.NewPCG(5, 6)))
		require.NoError(t, err)
		opt := ref.Options
		opt.Eta, opt.MaxDJ, opt.PlasticityDelay, opt.EtaHalfLife = 10, 1e-2, 0, halfLife
		tr, err := NewTrainer(net, ref.Task, opt, ref.Output, 5)
		require.NoError(t, err)
		_, err = tr.Trial(0)
		require.NoError(t, err)
		j1 := net.J.Clone()
		for k := 1; k < 8; k++ {
			_, err := tr.Trial(k % 4)
			require.NoError(t, err)
		}
		tr.Close()
		if halfLife > 0 {
			require.Equal(t, j1.Data, net.J.Data, "the rate is 0 after the first trial")
		} else {
			require.NotEqual(t, j1.Data, net.J.Data)
		}
	}
}
