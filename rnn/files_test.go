package rnn

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/internal/pytest"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/stretchr/testify/require"
)

// TestFilesWithNumpy writes a model, a task and trajectories, checks them
// with numpy, and reads back a task numpy wrote in float32 and Fortran
// order.
func TestFilesWithNumpy(t *testing.T) {
	dir := t.TempDir()
	ref, err := ReferenceTask("co")
	require.NoError(t, err)
	net := newNet[float64](t, ref.Config, 71)
	traj, err := net.Run(ref.Task, ref.Output, RunOptions{TargetTimes: ref.Options.TargetTimes})
	require.NoError(t, err)
	require.NoError(t, WriteModel(filepath.Join(dir, "model.npz"), net))
	require.NoError(t, WriteTask(filepath.Join(dir, "task.npz"), ref.Task))
	require.NoError(t, WriteTrajectories(filepath.Join(dir, "traj.npz"), traj, ref.Task))

	pytest.Run(t, "numpy", `
import sys, json, zipfile, numpy as np
d = sys.argv[1]
m = np.load(d + "/model.npz")
assert m["J"].shape == (150, 150) and m["J"].dtype == np.float64
assert m["wIn"].shape == (150, 5) and m["wFb"].shape == (150, 2)
assert m["biasUnits"].dtype == np.int64 and list(m["biasUnits"]) == [2, 3, 4, 5]
assert list(m["outputUnits"]) == [0, 1]
assert m["biasValue"].shape == (4,) and m["x0"].shape == (150,)
cfg = json.loads(zipfile.ZipFile(d + "/model.npz").read("config.json"))
for k in ["activation", "dt", "tau", "noise", "energyCost", "g", "p"]:
    assert k in cfg, k
assert cfg["activation"] == "tanh" and cfg["energyCost"] == 0.1
t = np.load(d + "/task.npz")
assert t["inputs"].shape == (4, 150, 5) and t["targets"].shape == (4, 150, 2)
assert np.allclose(t["targets"][1, 0], [1, 0], atol=1e-15)
r = np.load(d + "/traj.npz")
assert r["Z"].shape == (4, 150, 2) and r["R"].shape == (4, 150, 150) and r["X"].shape == (4, 150, 150)
assert r["errors"].shape == (4, 2)
assert np.array_equal(r["inputs"], t["inputs"]) and np.array_equal(r["targets"], t["targets"])
assert r["hand"].shape == (4, 151, 2) and r["angles"].shape == (4, 151, 2) and r["elbow"].shape == (4, 151, 2)
# the rates of non-bias units are tanh of x
assert np.allclose(r["R"][:, :, 6:], np.tanh(r["X"][:, :, 6:]), atol=1e-15)
# numpy writes a task in float32 and Fortran order
inp = np.asfortranarray(np.random.default_rng(1).random((3, 40, 2)).astype(np.float32))
targ = np.asfortranarray(np.ones((3, 40, 1), dtype=np.float32))
np.savez(d + "/np_task.npz", inputs=inp, targets=targ)
np.savez(d + "/expect.npz", inputs=np.ascontiguousarray(inp.astype(np.float64)))
`, dir)
	task, err := ReadTask(filepath.Join(dir, "np_task.npz"))
	require.NoError(t, err)
	require.Equal(t, 3, task.Conditions())
	require.Equal(t, 40, task.Steps())
	require.Equal(t, 2, task.InputSize())
	// The values came through float32 and a Fortran-order transpose.
	exp, err := npy.ReadNPZFile(filepath.Join(dir, "expect.npz"))
	require.NoError(t, err)
	want, err := exp.Float64("inputs", 3, 40, 2)
	require.NoError(t, err)
	require.Equal(t, want, stack(task.Inputs))
	m, err := ReadModel(filepath.Join(dir, "model.npz"))
	require.NoError(t, err)
	back, err := NetworkOf[float64](m)
	require.NoError(t, err)
	require.True(t, back.J.Equal(net.J))
	require.Equal(t, net.BiasValue, back.BiasValue)
	require.Equal(t, net.Config, back.Config)
}

func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, script string) string {
		pytest.Run(t, "numpy", "import sys, numpy as np\nd = sys.argv[1]\n"+script, dir)
		return filepath.Join(dir, name)
	}
	cases := []struct{ path, want string }{
		{write("t1.npz", `np.savez(d+"/t1.npz", inputs=np.zeros((2,5,1)))`), `missing array "targets"`},
		{write("t2.npz", `np.savez(d+"/t2.npz", targets=np.zeros((2,5)))`), "targets has shape [2 5]"},
		{write("t3.npz", `np.savez(d+"/t3.npz", targets=np.zeros((2,5,1)), inputs=np.zeros((3,5,1)))`), "inputs has shape [3 5 1]"},
		{write("t4.npz", `x=np.zeros((2,5,1)); x[1,2,0]=np.nan; np.savez(d+"/t4.npz", targets=x)`), "target of condition 1 has NaN at step 2"},
		{write("t5.npz", `np.savez(d+"/t5.npz", targets=np.zeros((2,5,1), dtype=np.complex128))`), "complex"},
	}
	for _, c := range cases {
		_, err := ReadTask(c.path)
		require.ErrorContains(t, err, c.want, c.path)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "junk.npz"), []byte("not a zip"), 0o644))
	_, err := ReadModel(filepath.Join(dir, "junk.npz"))
	require.Error(t, err)
	_, err = ReadModel(filepath.Join(dir, "t1.npz"))
	require.ErrorContains(t, err, "config.json")
	_, err = ReadTask(dir)
	require.Error(t, err, "a directory is not a task")
}

// TestCheckpointInfo: a checkpoint records its task and its writer's
// version when given them, and a checkpoint without them still reads.
func TestCheckpointInfo(t *testing.T) {
	tr, err := NewTrainer(newNet[float64](t, smallConfig(), 3), smallTask(20), DefaultOptions(), nil, 3)
	require.NoError(t, err)
	dir := t.TempDir()
	ref := &TaskRef{File: "tasks/a.npz", SHA256: "00ff"}
	require.NoError(t, WriteCheckpointWith(filepath.Join(dir, "with.npz"), tr, CheckpointInfo{Task: ref, Version: "v1.2.0 (abc)"}))
	m, err := ReadModel(filepath.Join(dir, "with.npz"))
	require.NoError(t, err)
	require.Equal(t, ref, m.Task)
	require.Equal(t, "v1.2.0 (abc)", m.Version)

	require.NoError(t, WriteCheckpoint(filepath.Join(dir, "without.npz"), tr))
	m, err = ReadModel(filepath.Join(dir, "without.npz"))
	require.NoError(t, err)
	require.Nil(t, m.Task)
	require.Empty(t, m.Version)
	require.Nil(t, m.J0, "a checkpoint written without J0 reads with none")
	_, err = m.ResumeState()
	require.NoError(t, err)
}

// TestCheckpointJ0: a checkpoint keeps the initial J given to it, apart
// from the trained J, and refuses one of the wrong shape.
func TestCheckpointJ0(t *testing.T) {
	net := newNet[float64](t, smallConfig(), 5)
	j0 := net.J.Clone()
	tr, err := NewTrainer(net, smallTask(20), DefaultOptions(), nil, 5)
	require.NoError(t, err)
	defer tr.Close()
	net.J.Set(0, 1, net.J.At(0, 1)+0.5) // as training would
	dir := t.TempDir()
	path := filepath.Join(dir, "ck.npz")
	require.NoError(t, WriteCheckpointWith(path, tr, CheckpointInfo{J0: j0}))
	m, err := ReadModel(path)
	require.NoError(t, err)
	require.NotNil(t, m.J0)
	require.Equal(t, j0.Flat(), m.J0.Flat())
	require.Equal(t, net.J.Flat(), m.J.Flat())
	require.NotEqual(t, m.J0.At(0, 1), m.J.At(0, 1))

	err = WriteCheckpointWith(filepath.Join(dir, "bad.npz"), tr, CheckpointInfo{J0: mat.NewDense[float64](2, 3)})
	require.ErrorContains(t, err, "J0 is 2×3")
}

// TestTaskRoundTripAnyShape writes and reads back a task with more outputs
// than steps: the library reads what it writes (only the command line
// calls such a file transposed).
func TestTaskRoundTripAnyShape(t *testing.T) {
	task := &Task{}
	for c := range 2 {
		f := mat.NewDense[float64](3, 5)
		for i := range 3 {
			for j := range 5 {
				f.Set(i, j, float64(10*c+i-j))
			}
		}
		task.Targets = append(task.Targets, f)
	}
	path := filepath.Join(t.TempDir(), "task.npz")
	require.NoError(t, WriteTask(path, task))
	got, err := ReadTask(path)
	require.NoError(t, err)
	for c := range 2 {
		require.Equal(t, task.Targets[c].Flat(), got.Targets[c].Flat())
	}
}
