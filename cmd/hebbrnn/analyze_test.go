package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/analysis"
	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// TestTrainKeepsJ0: the checkpoint of train keeps J as it was before the
// first trial: two runs of one seed but different lengths keep the same J0
// while their trained J differ from it, and a resumed run keeps the J0 it
// resumed from.
func TestTrainKeepsJ0(t *testing.T) {
	dir := t.TempDir()
	task := tinyTask(t, dir)
	common := []string{"train", "--task", task, "--neurons", "20", "--eval-every", "1", "--quiet", "--log", "none", "--plots", "none"}
	mustRun(t, dir, append(common, "--max-passes", "2", "--out", "a.npz")...)
	mustRun(t, dir, append(common, "--max-passes", "4", "--out", "b.npz")...)
	a, err := rnn.ReadModel(filepath.Join(dir, "a.npz"))
	require.NoError(t, err)
	b, err := rnn.ReadModel(filepath.Join(dir, "b.npz"))
	require.NoError(t, err)
	require.NotNil(t, a.J0)
	require.NotNil(t, b.J0)
	assert.Equal(t, a.J0.Flat(), b.J0.Flat(), "one seed, one initial J")
	assert.NotEqual(t, a.J0.Flat(), a.J.Flat(), "training changed J, not J0")
	assert.NotEqual(t, a.J.Flat(), b.J.Flat())

	mustRun(t, dir, "train", "--resume", "a.npz", "--max-passes", "3", "--quiet", "--log", "none", "--plots", "none")
	c, err := rnn.ReadModel(filepath.Join(dir, "a.npz"))
	require.NoError(t, err)
	require.Equal(t, 3, c.State.Pass)
	assert.Equal(t, a.J0.Flat(), c.J0.Flat(), "a resumed run keeps the J0 it resumed from")
}

// readNPZ reads a .npz written by a command.
func readNPZ(t *testing.T, path string) *npy.NPZ {
	t.Helper()
	z, err := npy.ReadNPZFile(path)
	require.NoError(t, err)
	return z
}

// readCSV reads a CSV file: its header and rows.
func readCSV(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, rows, path)
	return rows[0], rows[1:]
}

// isSVG checks that a file is a whole SVG document.
func isSVG(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(b[:min(len(b), 300)]), "<svg", path)
	assert.True(t, bytes.HasSuffix(bytes.TrimSpace(b), []byte("</svg>")), path)
}

// TestAnalyzeDNMS analyses a DNMS network trained for a few passes: PCA,
// the spectrum before and after training, and fixed points that are zeros
// of the network's own dynamics; no psychometric curves (DNMS draws no
// evidence). The same seed gives the same files, whatever the threads.
func TestAnalyzeDNMS(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "train", "--task", "dnms", "--neurons", "30", "--max-passes", "30", "--quiet", "--dir", "run")
	r := mustRun(t, dir, "analyze", "--model", "run/model.npz", "--task", "dnms", "--out", "an", "--threads", "1")
	assert.Contains(t, r.stdout, "PCA: 4 trials × 1000 steps")
	assert.Contains(t, r.stdout, "fixed points under input 1 (AA, AB, BA, BB)")
	assert.Empty(t, r.stderr)
	names := []string{"pca.svg", "pca.npz", "spectrum.svg", "spectrum.csv", "fixedpoints.svg", "fixedpoints.csv", "fixedpoints.npz"}
	assert.ElementsMatch(t, names, dirNames(t, filepath.Join(dir, "an")), "these files and nothing else (no psychometric curves, no temporary directory)")
	for _, n := range names {
		if strings.HasSuffix(n, ".svg") {
			isSVG(t, filepath.Join(dir, "an", n))
		}
	}

	m, err := rnn.ReadModel(filepath.Join(dir, "run", "model.npz"))
	require.NoError(t, err)
	pca := readNPZ(t, filepath.Join(dir, "an", "pca.npz"))
	expl, err := pca.Float64("explained", 30)
	require.NoError(t, err)
	sum := 0.0
	for i, v := range expl {
		sum += v
		if i > 0 {
			assert.LessOrEqual(t, v, expl[i-1], "by decreasing variance")
		}
	}
	assert.InDelta(t, 1, sum, 1e-9)
	_, err = pca.Float64("proj", 4, 1000, 3)
	require.NoError(t, err)
	types, err := pca.Int64("types", 4)
	require.NoError(t, err)
	assert.Equal(t, []int64{0, 1, 2, 3}, types)

	// the spectrum: N eigenvalues of J0 and of J, whose sums are the traces
	_, rows := readCSV(t, filepath.Join(dir, "an", "spectrum.csv"))
	require.Len(t, rows, 60)
	trace := map[string]float64{}
	for _, row := range rows {
		v, err := strconv.ParseFloat(row[1], 64)
		require.NoError(t, err)
		trace[row[0]] += v
	}
	var tr0, tr1 float64
	for i := range 30 {
		tr0, tr1 = tr0+m.J0.At(i, i), tr1+m.J.At(i, i)
	}
	assert.InDelta(t, tr0, trace["before"], 1e-9)
	assert.InDelta(t, tr1, trace["after"], 1e-9)

	// every fixed point is a zero of F of the trained network under the
	// input of the end of the trials (none)
	fp := readNPZ(t, filepath.Join(dir, "an", "fixedpoints.npz"))
	q, err := fp.Float64("q", -1)
	require.NoError(t, err)
	require.NotEmpty(t, q)
	xs, err := fp.Float64("x", len(q), 30)
	require.NoError(t, err)
	net, err := rnn.NetworkOf[float64](m)
	require.NoError(t, err)
	d, err := analysis.NewDynamics(net, nil, nil)
	require.NoError(t, err)
	f := make([]float64, 30)
	for i := range q {
		assert.LessOrEqual(t, q[i], 1e-3)
		assert.InDelta(t, q[i], d.F(xs[i*30:(i+1)*30], f), 1e-12)
	}
	header, rows := readCSV(t, filepath.Join(dir, "an", "fixedpoints.csv"))
	assert.Equal(t, []string{"input", "types", "point", "q", "stable", "starts", "pc1", "pc2", "pc3"}, header[:9])
	assert.Len(t, rows, len(q))

	// the same files again, on 2 threads
	mustRun(t, dir, "analyze", "--model", "run/model.npz", "--task", "dnms", "--out", "again", "--threads", "2")
	sameFiles(t, filepath.Join(dir, "an"), filepath.Join(dir, "again"), names)
}

// dirNames lists the names in a directory.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	return got
}

// sameFiles checks that the files names of directories a and b are
// byte-identical.
func sameFiles(t *testing.T, a, b string, names []string) {
	t.Helper()
	for _, n := range names {
		x, err := os.ReadFile(filepath.Join(a, n))
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(b, n))
		require.NoError(t, err)
		assert.Equal(t, x, y, "%s differs between two runs of one seed", n)
	}
}

// TestAnalyzeMante: a task with decisions gets psychometric curves, one
// per context and channel, over its sweep of evidence.
func TestAnalyzeMante(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "train", "--task", "mante", "--neurons", "24", "--max-passes", "10", "--quiet", "--dir", "run", "--plots", "none")
	r := mustRun(t, dir, "analyze", "--model", "run/model.npz", "--task", "mante", "--out", "an", "--trials", "1", "--psychometric")
	assert.Contains(t, r.stdout, "psychometric: colour context, motion: slope")
	header, rows := readCSV(t, filepath.Join(dir, "an", "psychometric.csv"))
	assert.Equal(t, []string{"context", "channel", "evidence", "trials", "fraction_plus", "fit_p", "fit_bias", "fit_slope", "separated", "context_name", "channel_name"}, header)
	names := map[string]bool{}
	for _, row := range rows {
		names[row[0]+row[1]+" "+row[9]+", "+row[10]] = true
	}
	assert.Equal(t, map[string]bool{"00 motion context, motion": true, "01 motion context, colour": true,
		"10 colour context, motion": true, "11 colour context, colour": true}, names)
	levels := rnn.NewMante().Levels
	require.Len(t, rows, 2*2*2*len(levels), "contexts × channels × signed levels")
	for _, row := range rows {
		assert.Equal(t, strconv.Itoa(2*len(levels)), row[3], "1 trial of each level of the other channel")
		p, err := strconv.ParseFloat(row[4], 64)
		require.NoError(t, err)
		assert.True(t, p >= 0 && p <= 1)
	}
	isSVG(t, filepath.Join(dir, "an", "psychometric.svg"))
	_, err := os.Stat(filepath.Join(dir, "an", "pca.svg"))
	assert.True(t, os.IsNotExist(err), "--psychometric alone makes only the curves")
}

// TestAnalyzeBadInput: bad input exits 2 with one line and writes
// nothing; a model without J0 is analysed with a note.
func TestAnalyzeBadInput(t *testing.T) {
	dir := t.TempDir()
	newBIModel(biUnits, 1, 1).write(t, filepath.Join(dir, "plain.npz"))
	writeBITask(t, filepath.Join(dir, "bi.npz"), nil)
	setModel(t, filepath.Join(dir, "silent.npz"), 0)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--model", "plain.npz", "--task", "bi.npz", "--psychometric"}, "--psychometric: task bi makes no decisions"},
		{[]string{"--model", "plain.npz", "--task", "bi.npz", "--intervals"}, "--intervals: task bi answers with no produced interval"},
		{[]string{"--model", "plain.npz", "--task", "mante", "--intervals"}, "--intervals: task mante answers with no produced interval"},
		{[]string{"--model", "silent.npz", "--task", "rsg", "--intervals"}, "--intervals: task rsg: none of the 248 trials produced an interval"},
		{[]string{"--model", "plain.npz", "--task", "rsg", "--intervals"}, "does not fit --task rsg"},
		{[]string{"--model", "plain.npz", "--task", "dnms"}, "does not fit --task dnms: the task has 2 inputs, the network 1"},
		{[]string{"--model", "plain.npz", "--task", "mante"}, "does not fit --task mante"},
		{[]string{"--model", "plain.npz", "--task", "nosuch"}, "--task"},
		{[]string{"--model", "missing.npz", "--task", "bi.npz"}, "missing.npz"},
		{[]string{"--model", "plain.npz", "--task", "bi.npz", "--trials", "0"}, "--trials: 0"},
		{[]string{"--model", "plain.npz", "--task", "bi.npz", "--starts", "-1"}, "--starts: -1"},
		{[]string{"--task", "bi.npz"}, "--model is required"},
		{[]string{"--model", "plain.npz", "--task", "bi.npz", "--out", ""}, "--out is required"},
		{[]string{"--model", "plain.npz", "--task", "bi.npz", "--out", "bi.npz"}, "--out: bi.npz is a file"},
	} {
		args := append([]string{"analyze", "--out", "an"}, c.args...)
		r := hebbrnnQuick(t, dir, args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", c.args, r.stderr)
		assert.Contains(t, r.stderr, c.want, "%v", c.args)
		assert.Equal(t, 1, strings.Count(strings.TrimSpace(r.stderr), "\n")+1, "one line: %q", r.stderr)
		assert.Empty(t, r.stdout)
		_, err := os.Stat(filepath.Join(dir, "an"))
		assert.True(t, os.IsNotExist(err), "%v wrote %s", c.args, "an")
	}

	// Intervals made by default of a network that never answers: a note,
	// and the other analyses.
	r := mustRun(t, dir, "analyze", "--model", "silent.npz", "--task", "rsg", "--out", "silent", "--trials", "1", "--starts", "1")
	assert.Contains(t, r.stderr, "note: intervals: none of the 31 trials produced an interval")
	assert.NotContains(t, r.stdout, "intervals:")
	_, err := os.Stat(filepath.Join(dir, "silent", "intervals.csv"))
	assert.True(t, os.IsNotExist(err), "no intervals without answers")
	_, err = os.Stat(filepath.Join(dir, "silent", "pca.npz"))
	assert.NoError(t, err)

	// A model without J0: the spectrum after training only, with a note.
	r = mustRun(t, dir, "analyze", "--model", "plain.npz", "--task", "bi.npz", "--out", "an")
	assert.Contains(t, r.stderr, "note: the model keeps no J from before training")
	_, rows := readCSV(t, filepath.Join(dir, "an", "spectrum.csv"))
	assert.Len(t, rows, biUnits)
	for _, row := range rows {
		assert.Equal(t, "after", row[0])
	}
}

// setModel writes a network for rsg whose output unit 0 is driven by the
// set pulse alone (no recurrence): it rises past 0.5 the same few steps
// after set whatever the interval, or never when weight is 0.
func setModel(t *testing.T, path string, weight float64) {
	t.Helper()
	m := newBIModel(biUnits, 2, 1)
	clear(m.J)
	clear(m.wIn)
	m.wIn[0*2+1] = weight // unit 0 ← the set input
	m.write(t, path)
}

// TestAnalyzeIntervals: rsg gets intervals.svg/csv by default, one row
// per sample interval from 300 to 600 ms in steps of 10; a network that
// answers a fixed time after set has slope 0 and is never correct, and the
// same seed gives the same files whatever the threads.
func TestAnalyzeIntervals(t *testing.T) {
	dir := t.TempDir()
	setModel(t, filepath.Join(dir, "set.npz"), 1)
	r := mustRun(t, dir, "analyze", "--model", "set.npz", "--task", "rsg", "--out", "an", "--trials", "2", "--starts", "2")
	assert.Contains(t, r.stdout, "intervals: 31 sample intervals 300-600 ms × 2 trials: produced = ")
	assert.Contains(t, r.stdout, "100.0% answered, 0.0% correct")
	for _, n := range []string{"intervals.svg", "pca.svg", "spectrum.csv", "fixedpoints.csv"} {
		_, err := os.Stat(filepath.Join(dir, "an", n))
		require.NoError(t, err, "every analysis that applies to rsg")
	}
	_, err := os.Stat(filepath.Join(dir, "an", "psychometric.csv"))
	assert.True(t, os.IsNotExist(err), "rsg makes no decisions")
	isSVG(t, filepath.Join(dir, "an", "intervals.svg"))

	header, rows := readCSV(t, filepath.Join(dir, "an", "intervals.csv"))
	assert.Equal(t, []string{"interval", "trials", "mean_produced", "fraction_answered", "fraction_correct", "fit_produced", "fit_intercept", "fit_slope"}, header)
	require.Len(t, rows, 31)
	f := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		require.NoError(t, err)
		return v
	}
	produced := f(rows[0][2])
	assert.True(t, produced > 0 && produced < 50, "a rise soon after set: %v", produced)
	for i, row := range rows {
		assert.Equal(t, float64(300+10*i), f(row[0]))
		assert.Equal(t, "2", row[1])
		assert.Equal(t, produced, f(row[2]), "the same interval whatever T")
		assert.Equal(t, 1.0, f(row[3]))
		assert.Equal(t, 0.0, f(row[4]), "%v ms is far from every T", produced)
		assert.InDelta(t, produced, f(row[5]), 1e-9)
		assert.InDelta(t, produced, f(row[6]), 1e-9)
		assert.InDelta(t, 0, f(row[7]), 1e-12, "slope 0: a fixed interval")
	}

	// --intervals alone makes only the intervals, the same on 2 threads
	mustRun(t, dir, "analyze", "--model", "set.npz", "--task", "rsg", "--out", "only", "--trials", "2", "--intervals", "--threads", "2")
	got := dirNames(t, filepath.Join(dir, "only"))
	assert.ElementsMatch(t, []string{"intervals.svg", "intervals.csv"}, got)
	sameFiles(t, filepath.Join(dir, "an"), filepath.Join(dir, "only"), got)
}
