package rnn

import (
	"html"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/mat"
)

// generatedTasks are the built-in tasks whose trials are drawn.
var generatedTasks = []string{"mante", "dm", "romo", "gonogo", "rsg", "sine"}

func generator(t *testing.T, name string) Generator {
	t.Helper()
	ref, err := ReferenceTask(name)
	require.NoError(t, err)
	require.NotNil(t, ref.Task.Gen, name)
	return ref.Task.Gen
}

// draw returns a trial of type typ drawn from the seed.
func draw(g Generator, seed uint64, typ int) *Trial {
	tr := NewTrial(g.Shape())
	g.Draw(rand.New(rand.NewPCG(seed, 7)), typ, tr)
	return tr
}

// TestBatteryReferences checks that every generated task is listed, that
// its reference fits it (network sized for its inputs and outputs, the
// options valid for its steps), and that its Task holds one trial of
// each type, named by the types.
func TestBatteryReferences(t *testing.T) {
	want := map[string][3]int{ // steps, inputs, outputs
		"mante": {700, 4, 1}, "dm": {1000, 2, 1}, "romo": {2200, 1, 1},
		"gonogo": {1000, 2, 1}, "rsg": {1500, 2, 1}, "sine": {1000, 1, 1},
	}
	types := map[string]int{"mante": 4, "dm": 2, "romo": 10, "gonogo": 2, "rsg": 3, "sine": 4}
	for _, name := range generatedTasks {
		require.Contains(t, ReferenceTasks, name)
		ref, err := ReferenceTask(name)
		require.NoError(t, err)
		task, g := ref.Task, ref.Task.Gen
		steps, in, out := g.Shape()
		require.Equal(t, want[name], [3]int{steps, in, out}, name)
		require.Len(t, g.Types(), types[name], name)
		require.NoError(t, task.Check(), name)
		require.Equal(t, name, task.Name)
		require.Equal(t, g.Types(), task.ConditionNames, name)
		require.Len(t, task.OutputNames, out, name)
		require.Len(t, task.InputNames, in, name)
		require.Equal(t, len(g.Types()), task.Conditions(), name)
		require.Equal(t, [3]int{steps, in, out}, [3]int{task.Steps(), task.InputSize(), task.TargetSize()}, name)
		require.Equal(t, in, ref.Config.Inputs, name)
		require.Equal(t, out, ref.Config.Outputs, name)
		require.Equal(t, 200, ref.Config.Units, name)
		require.NoError(t, ref.Config.Validate(), name)
		require.NoError(t, ref.Options.Validate(steps), name)
		require.NotNil(t, ref.Options.TargetTimes, name)
		require.Positive(t, ref.Options.MaxPasses, name)
		// The conditions are drawn from the fixed seed: each is a trial of
		// its type, the same every time.
		again, err := ReferenceTask(name)
		require.NoError(t, err)
		for c := range task.Conditions() {
			require.True(t, task.Targets[c].Equal(again.Task.Targets[c]), "%s condition %d", name, c)
			require.True(t, task.Inputs[c].Equal(again.Task.Inputs[c]), "%s condition %d", name, c)
			tr := &Trial{Type: c, Input: task.Inputs[c], Target: task.Targets[c], Value: trialValue(t, g, c, task)}
			require.True(t, g.Correct(tr, task.Targets[c]), "%s: condition %d solves itself", name, c)
		}
	}
	require.Equal(t, "input 3", (&Task{InputNames: []string{"a"}}).InputName(2))
	sine, err := ReferenceTask("sine")
	require.NoError(t, err)
	require.Equal(t, 1, sine.Config.BiasUnits, "sine has no input that varies: it needs a bias unit")

	_, err = ReferenceTask("nback")
	require.EqualError(t, err, `unknown task "nback" (built in: dnms, co, mante, dm, romo, gonogo, rsg, sine)`)
}

// trialValue recovers the Value of condition c of a generated task from
// its arrays (rsg: the interval, from the set pulse; sine: the period).
func trialValue(t *testing.T, g Generator, c int, task *Task) float64 {
	switch gen := g.(type) {
	case RSG:
		u := task.Inputs[c]
		for s := range u.Rows {
			if u.At(s, 1) == RSGLevel {
				return float64(s - rsgReady)
			}
		}
		t.Fatalf("rsg condition %d has no set pulse", c)
	case *Sine:
		return gen.Periods[c]
	}
	return 0
}

// TestBatteryDraw checks, for every generated task and type, that Draw
// overwrites everything a trial holds (a trial filled with NaN comes back
// as a fresh one drawn from the same seed), sets the type and context,
// allocates nothing, and is a function of the seed alone.
func TestBatteryDraw(t *testing.T) {
	for _, name := range generatedTasks {
		g := generator(t, name)
		random := name == "mante" || name == "dm" || name == "rsg"
		for typ := range g.Types() {
			fresh := draw(g, 1, typ)
			require.Equal(t, typ, fresh.Type, "%s type %d", name, typ)
			if name == "mante" {
				require.Equal(t, typ/2, fresh.Context)
			} else {
				require.Equal(t, -1, fresh.Context, name)
			}

			used := draw(g, 99, (typ+1)%len(g.Types()))
			for _, m := range []*mat.Dense[float64]{used.Input, used.Target} {
				for i := range m.Rows {
					for j := range m.Cols {
						m.Set(i, j, math.NaN())
					}
				}
			}
			g.Draw(rand.New(rand.NewPCG(1, 7)), typ, used)
			require.Equal(t, fresh.Input.Flat(), used.Input.Flat(), "%s type %d: input", name, typ)
			require.Equal(t, fresh.Target.Flat(), used.Target.Flat(), "%s type %d: target", name, typ)
			require.Equal(t, fresh.Evidence, used.Evidence, "%s type %d: evidence", name, typ)
			require.Equal(t, fresh.Value, used.Value, "%s type %d", name, typ)
			require.Equal(t, fresh.Context, used.Context, "%s type %d", name, typ)

			if random {
				// Another seed gives another trial (over a few draws: rsg may
				// repeat an interval once).
				differs := false
				for seed := uint64(2); seed < 6 && !differs; seed++ {
					differs = !draw(g, seed, typ).Input.Equal(fresh.Input)
				}
				require.True(t, differs, "%s type %d: every seed draws the same trial", name, typ)
			}

			r := rand.New(rand.NewPCG(3, 3))
			allocs := testing.AllocsPerRun(20, func() { g.Draw(r, typ, used) })
			require.Zero(t, allocs, "%s type %d: Draw allocates", name, typ)
		}
	}
}

// stimMean returns the mean and the standard deviation of column j of
// u over rows [lo, hi).
func stimMean(u *mat.Dense[float64], j, lo, hi int) (mean, sd float64) {
	mean = windowMean(u, j, lo, hi)
	for s := lo; s < hi; s++ {
		d := u.At(s, j) - mean
		sd += d * d
	}
	return mean, math.Sqrt(sd / float64(hi-lo-1))
}

// constantOn returns the value of column j of m on rows [lo, hi) when it
// is the same on all of them, else NaN.
func constantOn(m *mat.Dense[float64], j, lo, hi int) float64 {
	v := m.At(lo, j)
	for s := lo; s < hi; s++ {
		if m.At(s, j) != v {
			return math.NaN()
		}
	}
	return v
}

// TestManteStatistics checks mante's inputs over many drawn trials: each
// evidence channel's mean over the 500 stimulus steps is 0.5·b within 4σ
// (σ = 0.5/√500) and its spread per step is 0.5; the attended bias has
// the type's sign, the ignored one each sign about half the time; the
// context input is on for the whole trial; nothing comes after the
// stimulus.
func TestManteStatistics(t *testing.T) {
	g := NewMante()
	r := rand.New(rand.NewPCG(5, 5))
	tr := NewTrial(g.Shape())
	const trials = 400
	for typ := range 4 {
		ctx, answer := typ/2, 1-2*float64(typ%2)
		ignoredPlus := 0
		for range trials {
			g.Draw(r, typ, tr)
			require.Len(t, tr.Evidence, 2)
			require.Equal(t, answer*0.5, tr.Evidence[ctx])
			require.Equal(t, 0.5, math.Abs(tr.Evidence[1-ctx]))
			if tr.Evidence[1-ctx] > 0 {
				ignoredPlus++
			}
			for ch := range 2 {
				m, sd := stimMean(tr.Input, ch, 0, manteStimulus)
				require.InDelta(t, 0.5*tr.Evidence[ch], m, 4*0.5/math.Sqrt(manteStimulus), "type %d channel %d", typ, ch)
				require.InDelta(t, 0.5, sd, 0.1, "type %d channel %d", typ, ch)
				require.Zero(t, constantOn(tr.Input, ch, manteStimulus, manteSteps))
			}
			require.Equal(t, 1.0, constantOn(tr.Input, 2+ctx, 0, manteSteps))
			require.Zero(t, constantOn(tr.Input, 3-ctx, 0, manteSteps))
			require.Zero(t, constantOn(tr.Target, 0, 0, manteStimulus))
			require.Equal(t, answer, constantOn(tr.Target, 0, manteStimulus, manteSteps))
		}
		// Binomial(400, 1/2): σ = 10.
		require.InDelta(t, trials/2, ignoredPlus, 40, "type %d: the ignored bias's sign is not balanced", typ)
	}
}

// TestDMStatistics checks dm's inputs: the two channels differ on average
// by c over the stimulus (within 4σ), sum to 1, are 0 outside it; every
// coherence is drawn about as often; the type is the sign of c.
func TestDMStatistics(t *testing.T) {
	g := NewDM()
	r := rand.New(rand.NewPCG(6, 6))
	tr := NewTrial(g.Shape())
	const trials = 500
	for typ := range 2 {
		count := map[float64]int{}
		for range trials {
			g.Draw(r, typ, tr)
			require.Len(t, tr.Evidence, 1)
			c := tr.Evidence[0]
			require.Contains(t, g.Coherences, math.Abs(c))
			require.Equal(t, typ == 1, c < 0)
			count[math.Abs(c)]++
			n := float64(dmResponse - dmStimulus)
			m0, _ := stimMean(tr.Input, 0, dmStimulus, dmResponse)
			m1, _ := stimMean(tr.Input, 1, dmStimulus, dmResponse)
			se := g.Sigma / math.Sqrt(n)
			require.InDelta(t, c, m0-m1, 4*math.Sqrt2*se)
			require.InDelta(t, 1, m0+m1, 4*math.Sqrt2*se)
			for _, win := range [][2]int{{0, dmStimulus}, {dmResponse, dmSteps}} {
				for ch := range 2 {
					require.Zero(t, constantOn(tr.Input, ch, win[0], win[1]))
				}
			}
			require.Equal(t, sign(c), constantOn(tr.Target, 0, dmResponse, dmSteps))
			require.Zero(t, constantOn(tr.Target, 0, 0, dmResponse))
		}
		require.Len(t, count, 5)
		for c, k := range count { // Binomial(500, 1/5): σ ≈ 9
			require.InDelta(t, trials/5, k, 40, "coherence %v", c)
		}
	}
}

// TestRomoTrials checks romo's trials: type i is pair i of Pairs, then
// the same reversed; the input carries f1 then f2 at their levels, 0
// during the delay and the response; the target is the answer.
func TestRomoTrials(t *testing.T) {
	g := NewRomo()
	require.Equal(t, 0.5, romoLevel(10))
	require.Equal(t, 1.0, romoLevel(34))
	types := g.Types()
	require.Len(t, types, 10)
	require.Equal(t, "18 > 10 Hz", types[0])
	require.Equal(t, "10 < 18 Hz", types[5])
	seen := map[[2]float64]bool{}
	for typ := range types {
		tr := draw(g, uint64(typ), typ)
		f1 := tr.Value
		f2 := f1 - tr.Evidence[0]
		want := g.Pairs[typ%5]
		if typ >= 5 {
			want = [2]float64{want[1], want[0]}
		}
		require.Equal(t, want, [2]float64{f1, f2}, "type %d", typ)
		seen[want] = true
		for _, seg := range []struct {
			lo, hi int
			level  float64
		}{{0, 500, romoLevel(f1)}, {500, 1500, 0}, {1500, 2000, romoLevel(f2)}, {2000, 2200, 0}} {
			require.Equal(t, seg.level, constantOn(tr.Input, 0, seg.lo, seg.hi), "steps %d..%d", seg.lo, seg.hi-1)
		}
		require.Equal(t, 1-2*float64(b2i(typ >= 5)), constantOn(tr.Target, 0, romoResponse, romoSteps))
		require.Zero(t, constantOn(tr.Target, 0, 0, romoResponse))
	}
	require.Len(t, seen, 10)
}

// TestGoNoGoTrials checks the cue and the target of both types.
func TestGoNoGoTrials(t *testing.T) {
	g := GoNoGo{}
	for typ := range 2 {
		tr := draw(g, 1, typ)
		require.Equal(t, 1.0, constantOn(tr.Input, typ, gonogoCue, gonogoCue+gonogoCueLen))
		sum := 0.0
		for _, v := range tr.Input.Flat() {
			sum += v
		}
		require.Equal(t, float64(gonogoCueLen), sum, "only the cue is on")
		require.Equal(t, float64(1-typ), constantOn(tr.Target, 0, gonogoResponse, gonogoSteps))
		require.Zero(t, constantOn(tr.Target, 0, 0, gonogoResponse))
	}
}

// TestRSGTrials checks rsg's intervals (inside their bin, spread over it)
// and that the pulses and the rise of the target are one interval apart.
func TestRSGTrials(t *testing.T) {
	g := RSG{}
	require.Equal(t, []string{"T 300-399 ms", "T 400-499 ms", "T 500-600 ms"}, g.Types())
	r := rand.New(rand.NewPCG(8, 8))
	tr := NewTrial(g.Shape())
	for typ := range 3 {
		lo, hi := 300+100*typ, 399+100*typ+typ/2 // the last bin holds 600
		seen := map[int]bool{}
		for range 3000 {
			g.Draw(r, typ, tr)
			T := int(tr.Value)
			require.True(t, T >= lo && T <= hi, "interval %d outside bin %d", T, typ)
			seen[T] = true
			set := rsgReady + T
			for s := range rsgSteps {
				ready := s >= rsgReady && s < rsgReady+rsgPulse
				setOn := s >= set && s < set+rsgPulse
				if tr.Input.At(s, 0) != RSGLevel*b2f(ready) || tr.Input.At(s, 1) != RSGLevel*b2f(setOn) || tr.Target.At(s, 0) != b2f(s >= set+T) {
					t.Fatalf("interval %d, step %d: ready %v, set %v, target %v", T, s, tr.Input.At(s, 0), tr.Input.At(s, 1), tr.Target.At(s, 0))
				}
			}
		}
		require.Len(t, seen, hi-lo+1, "bin %d: not every interval was drawn in 3000 trials", typ)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// TestSineTrials checks the input level and the target's period and
// amplitude.
func TestSineTrials(t *testing.T) {
	g := NewSine()
	for typ, p := range g.Periods {
		tr := draw(g, 1, typ)
		require.Equal(t, p, tr.Value)
		require.Equal(t, p/1000, constantOn(tr.Input, 0, 0, sineSteps))
		hi, lo := slices.Max(tr.Target.Flat()), slices.Min(tr.Target.Flat())
		require.InDelta(t, g.Amplitude, hi, 1e-3)
		require.InDelta(t, -g.Amplitude, lo, 1e-3)
		for s := 0; s+int(p) < sineSteps; s++ {
			require.InDelta(t, tr.Target.At(s, 0), tr.Target.At(s+int(p), 0), 1e-12, "period %v, step %d", p, s)
		}
	}
}

// TestBatteryCorrect checks every task's rule on outputs made from the
// target: the target itself is correct; its negation (decisions, sine)
// or a wrong response (gonogo, rsg) is not.
func TestBatteryCorrect(t *testing.T) {
	scaled := func(tr *Trial, a, b float64) *mat.Dense[float64] {
		z := tr.Target.Clone()
		for i := range z.Rows {
			z.Set(i, 0, a*z.At(i, 0)+b)
		}
		return z
	}
	for _, name := range generatedTasks {
		g := generator(t, name)
		for typ := range g.Types() {
			tr := draw(g, 11, typ)
			require.True(t, g.Correct(tr, tr.Target), "%s type %d: the target is correct", name, typ)
			require.True(t, g.Correct(tr, scaled(tr, 0.8, 0)), "%s type %d: 0.8 × the target is correct", name, typ)
			switch name {
			case "gonogo", "rsg":
			default:
				require.False(t, g.Correct(tr, scaled(tr, -1, 0)), "%s type %d: the negated target is wrong", name, typ)
				require.False(t, g.Correct(tr, scaled(tr, 0, 0)), "%s type %d: silence is wrong", name, typ)
			}
		}
	}

	// gonogo: go needs a mean above 0.5, no-go a mean within ±0.5.
	g := GoNoGo{}
	goTr, noGo := draw(g, 1, 0), draw(g, 1, 1)
	flat := func(v float64) *mat.Dense[float64] {
		z := mat.NewDense[float64](gonogoSteps, 1)
		fillRows(z, 0, gonogoResponse, gonogoSteps, v)
		return z
	}
	for v, want := range map[float64][2]bool{0: {false, true}, 0.4: {false, true}, 0.6: {true, false}, 1: {true, false}, -0.6: {false, false}} {
		require.Equal(t, want, [2]bool{g.Correct(goTr, flat(v)), g.Correct(noGo, flat(v))}, "output %v", v)
	}

	// rsg: a rise within 0.2·T + 25 steps of go is correct, later or
	// earlier is not, and so is no rise at all.
	rs := RSG{}
	tr := draw(rs, 2, 1)
	T := tr.Value
	set := rsgReady + int(T)
	tol := int(0.2*T + 25)
	rise := func(at int) *mat.Dense[float64] {
		z := mat.NewDense[float64](rsgSteps, 1)
		fillRows(z, 0, at, rsgSteps, 0.9)
		return z
	}
	require.Equal(t, int(T), rs.Produced(tr, tr.Target))
	for _, c := range []struct {
		at   int
		want bool
	}{{set + int(T) - tol, true}, {set + int(T) + tol, true}, {set + int(T) - tol - 1, false}, {set + int(T) + tol + 1, false}, {rsgReady, false}} {
		require.Equal(t, c.want, rs.Correct(tr, rise(c.at)), "rise at step %d for go at %d", c.at, set+int(T))
	}
	require.False(t, rs.Correct(tr, mat.NewDense[float64](rsgSteps, 1)), "no rise")
	require.Equal(t, -1, rs.Produced(tr, mat.NewDense[float64](rsgSteps, 1)))
}

// TestBatterySweep checks the evidence levels of the decision tasks'
// sweeps: every level (and context) reps times, each trial's type
// consistent with its evidence.
func TestBatterySweep(t *testing.T) {
	const reps = 3
	levels := []float64{-0.5, -0.3, -0.2, -0.1, -0.05, 0.05, 0.1, 0.2, 0.3, 0.5}
	m := NewMante()
	trials := m.Sweep(rand.New(rand.NewPCG(1, 1)), reps)
	require.Len(t, trials, 2*10*10*reps)
	count := map[[3]float64]int{}
	for _, tr := range trials {
		require.Len(t, tr.Evidence, 2)
		bm, bc := tr.Evidence[0], tr.Evidence[1]
		require.Contains(t, levels, bm)
		require.Contains(t, levels, bc)
		count[[3]float64{float64(tr.Context), bm, bc}]++
		require.Equal(t, 2*tr.Context+b2i(tr.Evidence[tr.Context] < 0), tr.Type)
		require.Equal(t, sign(tr.Evidence[tr.Context]), constantOn(tr.Target, 0, manteStimulus, manteSteps))
		mm, _ := stimMean(tr.Input, 0, 0, manteStimulus)
		require.InDelta(t, 0.5*bm, mm, 4*0.5/math.Sqrt(manteStimulus))
		require.Equal(t, 1.0, tr.Input.At(0, 2+tr.Context))
	}
	require.Len(t, count, 200)
	for k, n := range count {
		require.Equal(t, reps, n, "context, motion, colour %v", k)
	}
	// The same seed gives the same sweep.
	again := m.Sweep(rand.New(rand.NewPCG(1, 1)), reps)
	require.Equal(t, trials[17].Input.Flat(), again[17].Input.Flat())

	d := NewDM()
	trials = d.Sweep(rand.New(rand.NewPCG(1, 1)), reps)
	require.Len(t, trials, 10*reps)
	var cs []float64
	for i, tr := range trials {
		if i%reps == 0 {
			cs = append(cs, tr.Evidence[0])
		}
		require.Equal(t, b2i(tr.Evidence[0] < 0), tr.Type)
	}
	require.Equal(t, []float64{-0.512, -0.256, -0.128, -0.064, -0.032, 0.032, 0.064, 0.128, 0.256, 0.512}, cs)

	ro := NewRomo()
	trials = ro.Sweep(nil, reps)
	require.Len(t, trials, 30*reps)
	pairs := map[[2]float64]int{}
	diffs := map[float64]int{}
	for _, tr := range trials {
		f1 := tr.Value
		pairs[[2]float64{f1, f1 - tr.Evidence[0]}]++
		diffs[tr.Evidence[0]]++
		require.Equal(t, 5*b2i(tr.Evidence[0] < 0), tr.Type)
	}
	require.Len(t, pairs, 30)
	for _, d := range []float64{-8, -4, -2, 2, 4, 8} {
		require.Equal(t, 5*reps, diffs[d], "f1 - f2 = %g", d)
	}
	for _, f2 := range []float64{14, 18, 22, 26, 30} {
		require.Equal(t, reps, pairs[[2]float64{f2 + 2, f2}], "f2 = %g", f2)
	}
	for _, name := range []string{"mante", "dm", "romo"} {
		_, ok := generator(t, name).(Sweeper)
		require.True(t, ok, "%s is a Sweeper", name)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestBatteryDocumented checks that docs/tasks.md has a section for every
// generated task and that its figure exists and shows a panel of every
// trial type.
func TestBatteryDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "tasks.md"))
	require.NoError(t, err)
	for _, name := range generatedTasks {
		require.Contains(t, string(doc), "\n## "+name+": ", "docs/tasks.md has no section for %s", name)
		fig := "tasks/" + name + ".svg"
		require.Contains(t, string(doc), "]("+fig+")", "docs/tasks.md does not show %s", fig)
		svg, err := os.ReadFile(filepath.Join("..", "docs", fig))
		require.NoError(t, err, "make it with: hebbrnn task --task %s --plots DIR, then move DIR/task.svg to docs/%s", name, fig)
		for _, typ := range generator(t, name).Types() {
			require.Contains(t, string(svg), ">"+html.EscapeString(typ)+"<", "docs/%s has no panel %q", fig, typ)
			require.Contains(t, string(doc), "`"+typ+"`", "docs/tasks.md does not name the type %q of %s", typ, name)
		}
	}
}

// TestRSGFill: rsg is a Timer; Fill builds the trial Draw draws for the
// same interval, with the type of the bin that holds it, and allocates
// nothing.
func TestRSGFill(t *testing.T) {
	var g Timer = RSG{}
	lo, hi := g.Intervals()
	require.Equal(t, [2]int{rsgMinT, rsgMaxT}, [2]int{lo, hi})
	r := rand.New(rand.NewPCG(3, 4))
	drawn, filled := NewTrial(g.Shape()), NewTrial(g.Shape())
	for range 200 {
		typ := r.IntN(3)
		g.Draw(r, typ, drawn)
		filled.Type, filled.Value = -5, -5
		fillRows(filled.Input, 0, 0, rsgSteps, 7) // a stale trial is overwritten
		g.Fill(filled, int(drawn.Value))
		require.Equal(t, typ, filled.Type)
		require.Equal(t, drawn.Value, filled.Value)
		require.Equal(t, -1, filled.Context)
		require.Equal(t, drawn.Input.Flat(), filled.Input.Flat())
		require.Equal(t, drawn.Target.Flat(), filled.Target.Flat())
	}
	for T, typ := range map[int]int{300: 0, 399: 0, 400: 1, 499: 1, 500: 2, 599: 2, 600: 2} {
		g.Fill(filled, T)
		require.Equal(t, typ, filled.Type, "interval %d", T)
		require.Equal(t, T, g.Produced(filled, filled.Target), "the target produces its own interval")
		require.Equal(t, 0.2*float64(T)+25, g.Tolerance(float64(T)))
	}
	require.Zero(t, testing.AllocsPerRun(10, func() { g.Fill(filled, 450) }))
}
