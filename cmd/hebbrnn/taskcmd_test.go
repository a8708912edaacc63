package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/internal/matfile"
	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// TestTaskExport writes each built-in task as .npz and .mat, reads both
// back (the .mat through the CLI, as train would) and compares them with
// the task itself, value for value.
func TestTaskExport(t *testing.T) {
	dir := t.TempDir()
	for _, name := range rnn.ReferenceTasks {
		ref, err := rnn.ReferenceTask(name)
		require.NoError(t, err)
		r := mustRun(t, dir, "task", "--task", name, "--out", name+".npz", "--plots", "plots-"+name)
		require.Contains(t, r.stdout, "wrote "+name+".npz")
		mustRun(t, dir, "task", "--task", name, "--out", name+".mat")
		// The .mat goes back through the CLI's own reader into an .npz.
		mustRun(t, dir, "task", "--task", name+".mat", "--out", name+"-from-mat.npz")
		for _, f := range []string{name + ".npz", name + "-from-mat.npz"} {
			got, err := rnn.ReadTask(filepath.Join(dir, f))
			require.NoError(t, err, f)
			require.Equal(t, ref.Task.Conditions(), got.Conditions(), f)
			for c := range ref.Task.Conditions() {
				require.Equal(t, ref.Task.Targets[c].Flat(), got.Targets[c].Flat(), "%s: targets of condition %d", f, c)
				require.Equal(t, ref.Task.Inputs[c].Flat(), got.Inputs[c].Flat(), "%s: inputs of condition %d", f, c)
			}
		}
		svg, err := os.ReadFile(filepath.Join(dir, "plots-"+name, "task.svg"))
		require.NoError(t, err)
		require.Contains(t, string(svg), "time (ms)")
	}
	svg, err := os.ReadFile(filepath.Join(dir, "plots-dnms", "task.svg"))
	require.NoError(t, err)
	for _, cond := range []string{"AA", "AB", "BA", "BB"} {
		require.Contains(t, string(svg), ">"+cond+"<", "DNMS panels are named by their cues")
	}

	r := hebbrnn(t, dir, "task", "--task", "dnms")
	require.Equal(t, exitUsage, r.code)
	require.Contains(t, r.stderr, "nothing to do")
	r = hebbrnn(t, dir, "task", "--task", "dnms", "--out", "task.csv")
	require.Equal(t, exitUsage, r.code)
	require.Contains(t, r.stderr, "--out: \"task.csv\" must name a .npz or .mat file")
}

// TestOtherMatFormats gives train the files Octave and MATLAB write when
// not told -v7: each is named, with the command that works, exit 2.
func TestOtherMatFormats(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"text.mat":   []byte("# Created by Octave 7.3.0, Tue Dec 01 12:00:00 2026 UTC <u@h>\n# name: targ\n# type: cell\n# rows: 1\n# columns: 1\n"),
		"hdf5.mat":   append([]byte("\x89HDF\r\n\x1a\n"), make([]byte, 600)...),
		"octbin.mat": append([]byte("Octave-1-L\x00"), make([]byte, 200)...),
	}
	want := map[string]string{"text.mat": "Octave's text format", "hdf5.mat": "HDF5", "octbin.mat": "Octave's binary format"}
	for name, data := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
		for _, cmd := range [][]string{{"train", "--task", name, "--max-passes", "1", "--out", "out"}, {"task", "--task", name, "--out", "x.npz"}} {
			r := hebbrnn(t, dir, cmd...)
			require.Equal(t, exitUsage, r.code, "%v: %s", cmd, r.stderr)
			require.Contains(t, r.stderr, want[name], cmd)
			require.Contains(t, r.stderr, `save -v7 FILE VARIABLES`, cmd)
			require.Equal(t, 1, strings.Count(strings.TrimSpace(r.stderr), "\n")+1, "one line: %q", r.stderr)
		}
	}
}

// TestTransposedTask gives train task files whose arrays are saved the
// wrong way round: the error says so and names the layout wanted, before
// anything else is blamed.
func TestTransposedTask(t *testing.T) {
	dir := t.TempDir()
	writeNPZ := func(name string, arrays map[string][]int) {
		z := npy.NewNPZ()
		for k, shape := range arrays {
			z.Set(k, npy.NewF64(make([]float64, shape[0]*shape[1]*shape[2]), shape...))
		}
		require.NoError(t, npy.WriteNPZFile(filepath.Join(dir, name), z))
	}
	writeNPZ("tb.npz", map[string][]int{"targets": {4, 1, 500}})                        // (C, B, T) saved
	writeNPZ("one.npz", map[string][]int{"targets": {4, 1, 1}})                         // one step
	writeNPZ("in.npz", map[string][]int{"targets": {4, 500, 1}, "inputs": {4, 2, 500}}) // inputs (C, I, T)
	cell := func(rows, cols int) *matfile.Cell {
		return &matfile.Cell{Dims: []int{1, 1}, Elems: []matfile.Value{matfile.NewMatrix(rows, cols, make([]float64, rows*cols))}}
	}
	require.NoError(t, matfile.WriteFile(filepath.Join(dir, "tb.mat"), []matfile.Var{{Name: "targ", Value: cell(500, 1)}}))
	require.NoError(t, matfile.WriteFile(filepath.Join(dir, "in.mat"),
		[]matfile.Var{{Name: "targ", Value: cell(1, 500)}, {Name: "inp", Value: cell(500, 2)}}))
	for file, want := range map[string]string{
		"tb.npz":  "targets has shape [4 1 500], which reads as 4 conditions × 1 steps × 500 outputs: it looks transposed; hebbrnn wants (conditions, steps, outputs)",
		"one.npz": "it looks transposed",
		"in.npz":  "inputs has shape [4 2 500], want (4, 500, I) to match targets [4 500 1] (conditions, steps, inputs); it looks transposed",
		"tb.mat":  "targ{1} is 500×1, which reads as 500 outputs × 1 steps: it looks transposed; each cell of targ must be outputs × steps (B×T)",
		"in.mat":  "inp{1} is 500×2: it looks transposed; each cell of inp must be inputs × steps (I×T, with T = 500 like targ",
	} {
		r := hebbrnn(t, dir, "train", "--task", file, "--max-passes", "1")
		require.Equal(t, exitUsage, r.code, "%s: %s", file, r.stderr)
		require.Contains(t, r.stderr, want, file)
		require.NotContains(t, r.stderr, "--neurons", file)
	}
}

// TestPlotsNameThings checks that the plots of a run speak the task's
// language: conditions and outputs named, time in milliseconds.
func TestPlotsNameThings(t *testing.T) {
	dir := t.TempDir()
	for task, want := range map[string][]string{
		"dnms": {">AA<", ">BB<", "time (ms)", ">target: answer<", ">answer<"},
		"co":   {">reach 90°<", "time (ms)", ">hand x<", ">target: hand y<"},
	} {
		mustRun(t, dir, "train", "--task", task, "--neurons", "40", "--max-passes", "1", "--plots", "none")
		mustRun(t, dir, "run", "--model", filepath.Join("run-"+task, "model.npz"), "--task", task, "--out", task+".npz", "--plots", "p-"+task)
		svg, err := os.ReadFile(filepath.Join(dir, "p-"+task, "outputs.svg"))
		require.NoError(t, err)
		for _, w := range want {
			require.Contains(t, string(svg), w, "%s outputs.svg", task)
		}
	}
	hand, err := os.ReadFile(filepath.Join(dir, "p-co", "hand.svg"))
	require.NoError(t, err)
	require.Contains(t, string(hand), ">reach 180°<")
	// plot --traj with --task draws the same axes as run --plots.
	mustRun(t, dir, "plot", "--traj", "dnms.npz", "--task", "dnms", "--out", "p-plot")
	svg, err := os.ReadFile(filepath.Join(dir, "p-plot", "outputs.svg"))
	require.NoError(t, err)
	require.Contains(t, string(svg), "time (ms)")
	require.Contains(t, string(svg), ">AA<")
}
