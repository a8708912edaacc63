package sweep

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/rnn"
)

// writeCheckpoint writes a real checkpoint of a tiny co network.
func writeCheckpoint(t *testing.T, path string) {
	t.Helper()
	ref, err := rnn.ReferenceTask("co")
	require.NoError(t, err)
	cfg := ref.Config
	cfg.Units = 20
	net, err := rnn.New[float64](cfg, rand.New(rand.NewPCG(1, 2)))
	require.NoError(t, err)
	tr, err := rnn.NewTrainer(net, ref.Task, ref.Options, ref.Output, 1)
	require.NoError(t, err)
	defer tr.Close()
	require.NoError(t, rnn.WriteCheckpointWith(path, tr, rnn.CheckpointInfo{}))
}

func writeRun(t *testing.T, study string, i int, rec string, log string, model bool) {
	t.Helper()
	dir := RunDir(study, i)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	if rec != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "run.json"), []byte(rec), 0o644))
	}
	if log != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "log.jsonl"), []byte(log), 0o644))
	}
	if model {
		writeCheckpoint(t, filepath.Join(dir, "model.npz"))
	}
}

// handMadeStudy writes a study of 2 learning rates × 3 seeds whose runs
// are in every state.
func handMadeStudy(t *testing.T) (string, *Plan) {
	study := filepath.Join(t.TempDir(), "S")
	p := mustParse(t, `{"task": "co", "seeds": [1, 2, 3], "grid": {"eta": [0.1, 0.2]}, "options": {"tolerance": 0.5}, "maxPasses": 100}`)
	require.NoError(t, WritePlan(study, p, false))
	done := `{"state": "done", "host": "n1", "pid": 1, "kernel": "avx2", "started": "2026-01-01T00:00:00Z"}`
	line := func(pass, trials int, e, best, sec string) string {
		return `{"pass":` + itoa(pass) + `,"trials":` + itoa(trials) + `,"error":` + e + `,"best":` + best + `,"condErrors":[],"meanAbsDJ":0,"pctClipped":0,"elapsedSec":` + sec + `,"tolerance":0.5}` + "\n"
	}
	// crit adds trialsToCriterion to a line.
	crit := func(l, n string) string {
		return strings.Replace(l, `,"tolerance":0.5}`, `,"tolerance":0.5,"trialsToCriterion":`+n+`}`, 1)
	}
	// acc adds the accuracy to a line.
	acc := func(l, a string) string {
		return strings.Replace(l, `,"tolerance":0.5`, `,"tolerance":0.5,"accuracy":`+a, 1)
	}
	// 0: reached the tolerance at pass 20, the criterion at trial 120.
	writeRun(t, study, 0, done, crit(line(1, 8, "2", "2", "0.1"), "null")+crit(line(10, 80, "0.9", "0.9", "1"), "null")+
		acc(crit(line(20, 160, "0.45", "0.45", "2"), "120"), "1"), true)
	// 1: ran out of passes; reached the criterion at trial 300.
	writeRun(t, study, 1, done, line(1, 8, "2", "2", "0.1")+acc(crit(line(100, 800, "0.75", "0.7", "10.5"), "300"), "0.75"), true)
	// 2: reached the tolerance at pass 40, not the criterion (a log
	// without accuracy).
	writeRun(t, study, 2, done, line(1, 8, "3", "3", "0.2")+crit(line(40, 320, "0.25", "0.25", "4"), "null"), true)
	// 3: killed while running (its process is gone): interrupted.
	writeRun(t, study, 3, `{"state": "running", "host": "n2", "pid": 99, "kernel": "avx2", "started": "2026-01-01T00:00:00Z"}`,
		crit(line(1, 8, "2", "2", "0.1"), "100"), true)
	// 4: a truncated checkpoint: failed.
	writeRun(t, study, 4, done, line(1, 8, "2", "2", "0.1"), false)
	require.NoError(t, os.WriteFile(filepath.Join(RunDir(study, 4), "model.npz"), []byte("PK\x03\x04trunc"), 0o644))
	// 5: never started: pending.
	return study, p
}

func itoa(i int) string { return FormatValue(int64(i)) }

// dead says every recorded process is gone.
func dead(*Record) (bool, bool) { return false, true }

func TestStatuses(t *testing.T) {
	study, p := handMadeStudy(t)
	st := Statuses(study, p, dead)
	var got []string
	for _, s := range st {
		got = append(got, string(s.State))
	}
	assert.Equal(t, []string{"done", "done", "done", "interrupted", "failed", "pending"}, got)
	assert.Contains(t, st[4].Why, "model.npz: ")
	alive := func(*Record) (bool, bool) { return true, true }
	assert.Equal(t, "running: on n2, pid 99", RunStatus(RunDir(study, 3), alive).String())
}

func TestCollectExactCSV(t *testing.T) {
	study, p := handMadeStudy(t)
	results := make([]Result, p.Count())
	for i := range results {
		results[i] = ReadResult(study, p, i, dead)
	}
	why := results[4].Status.Why
	assert.Equal(t, `index,task,seed,eta,status,passes,trials,passes_to_tolerance,trials_to_criterion,final_error,best_error,final_accuracy,seconds,kernel
0,co,1,0.1,done,20,160,20,120,0.45,0.45,1,2,avx2
1,co,2,0.1,done,100,800,,300,0.75,0.7,0.75,10.5,avx2
2,co,3,0.1,done,40,320,40,,0.25,0.25,,4,avx2
3,co,1,0.2,interrupted,1,8,,100,2,2,,0.1,avx2
4,co,2,0.2,`+csvField("failed: "+why)+`,1,8,,,2,2,,0.1,avx2
5,co,3,0.2,pending,0,0,,,,,,,
`, string(ResultsCSV(p, results)))
	// Per grid point, over done runs: passes to tolerance {20, 40, never},
	// trials to criterion {120, 300, never} (a run that never reached it
	// counts as later than all), final errors {0.25, 0.45, 0.75} and final
	// accuracies {0.75, 1}, quartiles interpolated linearly.
	assert.Equal(t, `task,eta,runs,reached,passes_to_tolerance_q1,passes_to_tolerance_median,passes_to_tolerance_q3,`+
		`reached_criterion,trials_to_criterion_q1,trials_to_criterion_median,trials_to_criterion_q3,final_error_q1,final_error_median,final_error_q3,`+
		`final_accuracy_q1,final_accuracy_median,final_accuracy_q3
co,0.1,3,2,30,40,inf,2,210,300,inf,0.35,0.45,0.6,0.8125,0.875,0.9375
co,0.2,0,0,,,,0,,,,,,,,,
`, string(SummaryCSV(p, results)))
	plots := filepath.Join(study, "plots")
	require.NoError(t, Plots(plots, p, results))
	svg, err := os.ReadFile(filepath.Join(plots, "learning.svg"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(svg), "<svg") || strings.HasPrefix(string(svg), "<?xml"))
	assert.Contains(t, string(svg), "co eta=0.1")
	_, err = os.Stat(filepath.Join(plots, "passes.svg"))
	assert.NoError(t, err)
}

func TestQuantile(t *testing.T) {
	xs := []float64{1, 2, 3, 4}
	assert.Equal(t, 1.75, Quantile(xs, 0.25))
	assert.Equal(t, 2.5, Quantile(xs, 0.5))
	assert.Equal(t, 3.25, Quantile(xs, 0.75))
	assert.Equal(t, 7.0, Quantile([]float64{7}, 0.25))
	assert.True(t, Quantile(nil, 0.5) != Quantile(nil, 0.5)) // NaN
	// Runs that never got there count as +Inf, later than all.
	inf := math.Inf(1)
	assert.Equal(t, 2.5, Quantile([]float64{1, 2, 3, inf}, 0.5))
	assert.Equal(t, inf, Quantile([]float64{1, 2, 3, inf}, 0.75))
	assert.Equal(t, inf, Quantile([]float64{1, 2, inf, inf, inf}, 0.5))
	assert.Equal(t, 2.0, Quantile([]float64{1, 2, inf}, 0.5))
}

func TestPassesToTolerancePerCondition(t *testing.T) {
	e := func(pass int, mean float64, conds ...[]float64) LogEntry {
		return LogEntry{Pass: pass, Error: &mean, CondErrors: conds, Tolerance: 0.5}
	}
	log := []LogEntry{
		e(10, 0.6, []float64{0.5, 0.1}, []float64{0.6, 0}),
		e(20, 0.45, []float64{0.8, 0.1}, []float64{0.1, 0}), // the mean is within, one condition not
		e(30, 0.3, []float64{0.4, 0.05}, []float64{0.2, 0}),
	}
	assert.Equal(t, 20, passesToTolerance(log, false))
	assert.Equal(t, 30, passesToTolerance(log, true))
	assert.Equal(t, -1, passesToTolerance(log[:2], true))
	p := mustParse(t, `{"task": "co", "seeds": [1], "grid": {"tolerancePerCondition": [false, true]}, "maxTime": 90}`)
	assert.False(t, p.perCondition(p.Run(0)))
	assert.True(t, p.perCondition(p.Run(1)))
	assert.Equal(t, "90s", p.MaxTime)
}

func TestMedianCurveHoldsStoppedRuns(t *testing.T) {
	x, y := medianCurve([][][2]float64{
		{{1, 3}, {10, 2}, {20, 1}},
		{{1, 5}, {10, 0.5}}, // stopped at pass 10: held at 0.5
		{{1, 4}, {10, 4}, {20, 3}},
	})
	assert.Equal(t, []float64{1, 10, 20}, x)
	assert.Equal(t, []float64{4, 2, 1}, y)
}

func TestFinishStampsTheCheckpoint(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	rec, err := Start(dir, "generic")
	require.NoError(t, err)
	assert.Equal(t, Running, RunStatus(dir, nil).State, "this process is alive")
	writeCheckpoint(t, filepath.Join(dir, "model.npz"))
	require.NoError(t, Finish(dir, rec, Done, ""))
	st := RunStatus(dir, nil)
	assert.Equal(t, Done, st.State)
	require.NotNil(t, st.Record.Model)
	assert.Equal(t, "generic", st.Record.Kernel)
	// A checkpoint changed since is read again, and found truncated.
	data, err := os.ReadFile(filepath.Join(dir, "model.npz"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "model.npz"), data[:len(data)-100], 0o644))
	st = RunStatus(dir, nil)
	assert.Equal(t, Failed, st.State)
	assert.Contains(t, st.Why, "model.npz: ")
}

func TestLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	unlock, ok, err := Lock(dir)
	require.NoError(t, err)
	require.True(t, ok)
	_, ok2, err := Lock(dir)
	require.NoError(t, err)
	if runtime.GOOS != "js" && runtime.GOOS != "wasip1" {
		assert.False(t, ok2, "a second lock of the same run")
	}
	unlock()
	unlock3, ok3, err := Lock(dir)
	require.NoError(t, err)
	assert.True(t, ok3, "after unlock")
	unlock3()
}

func TestCriterionErrorKey(t *testing.T) {
	p := mustParse(t, `{"task": "dnms", "seeds": [1], "grid": {"criterionError": [0.5, 1]}, "maxPasses": 10}`)
	assert.Contains(t, p.TrainArgs(p.Run(0), "S"), "--criterion-error=0.5")
	assert.Contains(t, p.ResumeArgs(p.Run(1), "S"), "--criterion-error=1")
	p = mustParse(t, `{"task": "dnms", "seeds": [1], "options": {"criterionError": 0.25}, "maxPasses": 10}`)
	assert.Contains(t, p.TrainArgs(p.Run(0), "S"), "--criterion-error=0.25")
}
