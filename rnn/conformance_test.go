package rnn

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/stretchr/testify/require"
)

// fixtureA is the conformance fixture produced by the original MATLAB
// toolbox under GNU Octave with a replayed random stream (its README says
// how); the repository keeps its own copy, so a clone tests itself.
var fixtureA = filepath.Join("testdata", "conformance", "A")

// maxDiff returns the largest |a[i] - b[i]|.
func maxDiff(t *testing.T, a, b []float64) float64 {
	t.Helper()
	require.Equal(t, len(b), len(a))
	d := 0.0
	for i := range a {
		d = max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

// TestConformanceA trains the fixture's network for 3 passes on its replayed
// perturbations and compares everything the original produced.
func TestConformanceA(t *testing.T) {
	m, err := ReadModel(filepath.Join(fixtureA, "model.npz"))
	require.NoError(t, err)
	net, err := NetworkOf[float64](m)
	require.NoError(t, err)
	task, err := ReadTask(filepath.Join(fixtureA, "task.npz"))
	require.NoError(t, err)
	raw, err := os.ReadFile(filepath.Join(fixtureA, "train.json"))
	require.NoError(t, err)
	opt, err := ParseOptions(raw, DefaultOptions())
	require.NoError(t, err)
	rec, err := ReadRecording(filepath.Join(fixtureA, "perturbations.npz"))
	require.NoError(t, err)
	want, err := npy.ReadNPZFile(filepath.Join(fixtureA, "expected.npz"))
	require.NoError(t, err)
	get := func(name string) []float64 {
		v, err := want.Float64(name)
		require.NoError(t, err)
		return v
	}
	flat := func(e []Errors) []float64 {
		var out []float64
		for _, p := range e {
			out = append(out, p.Output, p.Energy)
		}
		return out
	}

	base, err := net.Run(task, nil, RunOptions{TargetTimes: opt.TargetTimes})
	require.NoError(t, err)
	var baseErr []Errors
	for _, tj := range base {
		baseErr = append(baseErr, tj.Errors)
	}
	d := maxDiff(t, flat(baseErr), get("baselineErrors"))
	t.Logf("baseline errors: max difference %.3g", d)
	require.Less(t, d, 1e-12)

	tr, err := NewTrainer(net, task, opt, nil, 1)
	require.NoError(t, err)
	tr.Src = NewReplay(rec, rand.New(rand.NewPCG(1, 2)))
	var evals []float64
	tr.Observe = func(p Progress) error {
		evals = append(evals, flat(p.CondErrors)...)
		return nil
	}
	res, err := tr.Train(context.Background())
	require.NoError(t, err)
	require.Equal(t, StopPasses, res.Reason)
	require.Equal(t, 3, res.Pass)
	d = maxDiff(t, evals, get("evalErrors"))
	t.Logf("evaluation errors after each pass: max difference %.3g", d)
	require.Less(t, d, 1e-9)

	d = maxDiff(t, net.J.Flat(), get("J"))
	t.Logf("J after 3 passes: max difference %.3g", d)
	require.Less(t, d, 1e-12)

	run, err := net.Run(task, nil, RunOptions{TargetTimes: opt.TargetTimes})
	require.NoError(t, err)
	var runErr []Errors
	var z, r, x []float64
	for _, tj := range run {
		runErr = append(runErr, tj.Errors)
		z, r, x = append(z, tj.Z.Flat()...), append(r, tj.R.Flat()...), append(x, tj.X.Flat()...)
	}
	for name, got := range map[string][]float64{"Z": z, "R": r, "X": x, "runErrors": flat(runErr)} {
		d := maxDiff(t, got, get(name))
		t.Logf("%s of the trained net: max difference %.3g", name, d)
		require.Less(t, d, 1e-9, name)
	}
}
