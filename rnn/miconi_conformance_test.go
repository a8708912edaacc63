package rnn

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/mat"
)

// fixtureMiconi is one learning trial of Miconi's own DNMS program
// (testdata/miconi/README.md says how it was recorded).
const fixtureMiconi = "testdata/miconi/dnms-seed1-trial150.npz"

// startAt is a Replay whose uniform numbers are given: those from which
// InitialNoise draws a recorded initial state, unit by unit.
type startAt struct {
	*Replay
	u    []float64
	next int
}

func (s *startAt) Uniform() float64 {
	v := s.u[s.next]
	s.next++
	return v
}

// TestMiconiTrialMatchesHisProgram runs, on the variant miconi, the
// learning trial recorded from Miconi's C++ program (his J, input weights,
// initial state and perturbations) and compares what both compute:
//   - the output rate after every step, to round-off;
//   - the eligibility, to round-off once our trace of x starts where his
//     was (his runs on from the previous trial; ours starts at the trial's
//     initial state, a difference of 0.05³ of a state at the first counted
//     step), and to 1e-6 without that;
//   - the error: his is the mean |r₀ - target| after each of the last 200
//     steps, ours before each, so one step earlier; both are recomputed
//     from his rates.
func TestMiconiTrialMatchesHisProgram(t *testing.T) {
	z, err := npy.ReadNPZFile(fixtureMiconi)
	require.NoError(t, err)
	get := func(name string, shape ...int) []float64 {
		v, err := z.Float64(name, shape...)
		require.NoError(t, err, name)
		return v
	}
	ref := miconiDNMS()
	n, steps := ref.Config.Units, ref.Task.Steps()
	net, err := NewNetwork[float64](ref.Config, ref.Init, rand.New(rand.NewPCG(1, 2)))
	require.NoError(t, err)
	copy(net.J.Data, get("J", n, n))
	copy(net.WIn.Data, get("win", n, 2))
	cond := int(get("condition")[0])
	// His perturbations as a Recording of the one trial, replayed.
	rec := &Recording{Steps: steps, Units: n, D: make([]float64, steps*n), Conditions: []int64{int64(cond)}}
	ev := get("events")
	require.NotEmpty(t, ev)
	for k := 0; k+2 < len(ev); k += 3 {
		rec.D[int(ev[k])*n+int(ev[k+1])] += ev[k+2]
	}
	var u []float64
	for i, v := range get("x0", n) {
		// InitialNoise draws x0 + 0.1·(2u - 1); his bias units are then
		// held, ours too, so their draws do not matter.
		u = append(u, ((v-net.X0[i])/ref.Options.InitialNoise+1)/2)
	}
	require.Equal(t, "BA", ref.Task.ConditionNames[cond], "his trial type 2 is cue B, then cue A")

	run := func(hisTrace bool) (*learner[float64], Errors) {
		src := &startAt{Replay: NewReplay(rec, nil), u: u}
		data := convertTask[float64](ref.Task)
		l := newLearner(net, data, ref.Output, 1)
		l.zrec = mat.NewDense[float64](steps, 1)
		opt := ref.Options
		t0, t1 := opt.targetRange(steps)
		if !hisTrace {
			e, err := l.trial(cond, src, &opt, t0, t1)
			require.NoError(t, err)
			return l, e
		}
		require.NoError(t, l.begin(cond, src, &opt, t0, t1))
		copy(l.xtrace, get("xtrace", n))
		l.trialProduct(cond, src, &opt)
		return l, l.s.errors(steps)
	}

	r0 := get("r0", steps)
	want := ref.Task.Targets[cond].At(0, 0)
	for _, hisTrace := range []bool{true, false} {
		l, e := run(hisTrace)
		// The rates: ours before step s+1 is his after step s.
		for s := 0; s+1 < steps; s++ {
			require.InDelta(t, r0[s], l.zrec.At(s+1, 0), 1e-12, "output rate after step %d", s)
		}
		// The eligibility: its row and column sums and a corner block.
		tol := 1e-12
		if !hisTrace {
			tol = 1e-6
		}
		rows, cols, block := get("e_rowsum", n), get("e_colsum", n), get("e_block", 20, 20)
		for i := range n {
			var rs, cs float64
			for j := range n {
				rs += l.e.At(i, j)
				cs += l.e.At(j, i)
			}
			require.InDelta(t, rows[i], rs, tol*10, "row %d of E (his trace: %v)", i, hisTrace)
			require.InDelta(t, cols[i], cs, tol*10, "column %d of E (his trace: %v)", i, hisTrace)
		}
		for i := range 20 {
			for j := range 20 {
				require.InDelta(t, block[i*20+j], l.e.At(i, j), tol, "E[%d][%d] (his trace: %v)", i, j, hisTrace)
			}
		}
		// The error, his window and ours, from his rates.
		var his, ours float64
		for s := steps - 200; s < steps; s++ {
			his += math.Abs(r0[s] - want)
			ours += math.Abs(r0[s-1] - want)
		}
		require.InDelta(t, get("error")[0], his/200, 1e-12, "his error: the rates after steps 800..999")
		require.InDelta(t, ours/200, e.Output, 1e-12, "our error: the rates before steps 800..999")
	}
}
