package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/hebbrnn/hebbrnn/internal/matfile"
	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/internal/pytest"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
	"github.com/stretchr/testify/require"
)

// TestModelFromMat exports a trained model to MATLAB, reads it back with
// --model, and checks that it runs exactly like the .npz it came from;
// then scipy writes a model (fields in a struct named net, as hebbRNN
// keeps them) that the tool trains from.
func TestModelFromMat(t *testing.T) {
	dir := t.TempDir()
	task := tinyTask(t, dir)
	mustRun(t, dir, "train", "--task", task, "--neurons", "20", "--bias-units", "2", "--max-passes", "3", "--quiet", "--dir", "run")
	mustRun(t, dir, "export-model", "--model", "run/model.npz", "--out", "model.mat")
	mustRun(t, dir, "run", "--model", "run/model.npz", "--task", task, "--out", "a.npz")
	mustRun(t, dir, "run", "--model", "model.mat", "--task", task, "--out", "b.npz")
	za, err := npy.ReadNPZFile(filepath.Join(dir, "a.npz"))
	require.NoError(t, err)
	zb, err := npy.ReadNPZFile(filepath.Join(dir, "b.npz"))
	require.NoError(t, err)
	for _, name := range []string{"X", "Z", "errors"} {
		a, err := za.Float64(name)
		require.NoError(t, err)
		b, err := zb.Float64(name)
		require.NoError(t, err)
		require.Equal(t, a, b, "%s of the .mat model", name)
	}

	pytest.Run(t, "numpy, scipy.io", `
import sys, numpy as np, scipy.io as sio
d = sys.argv[1]
rng = np.random.default_rng(3)
N = 12
net = {"J": rng.normal(0, 1.3/np.sqrt(N), (N, N)), "wIn": rng.uniform(-1, 1, (N, 1)),
       "wFb": np.zeros((N, 1)),
       "outputUnits": np.array([[1.0]]), "biasUnits": np.zeros((1, 0)), "biasValue": np.zeros((1, 0)),
       "dt": 1.0, "tau": 30.0, "g": 1.3, "p": 1.0, "netNoiseSigma": 0.0, "energyCost": 0.0,
       "actFun": "tanh"}
sio.savemat(d + "/net.mat", {"net": net})
`, dir)
	mustRun(t, dir, "train", "--task", task, "--model", "net.mat", "--max-passes", "2", "--quiet", "--dir", "fromnet")
	j := readJ(t, filepath.Join(dir, "fromnet", "model.npz"))
	require.Len(t, j, 144)

	r := hebbrnn(t, dir, "train", "--task", task, "--resume", "model.mat")
	require.Equal(t, exitUsage, r.code, "a .mat model is no checkpoint: %s", r.stderr)
}

// FuzzMatModel checks that no MATLAB file makes the model reader panic,
// and that a model it accepts builds a network of the sizes it reports.
// The seeds are the layouts users write: J alone, J with wIn, every
// variable of export-model, and hebbRNN's struct net.
func FuzzMatModel(f *testing.F) {
	const n = 4
	j := matfile.NewMatrix(n, n, []float64{0.1, -0.2, 0.3, 0, 0.5, 0, -0.1, 0.2, 0, 0.4, 0.1, -0.3, 0.2, 0, 0.1, 0.6})
	wIn := matfile.NewMatrix(n, 2, []float64{1, -1, 0.5, 0, 0, 0.5, -1, 1})
	full := modelVars(&rnn.ModelFile{Config: rnn.Config{Units: n, Inputs: 2, Outputs: 1, BiasUnits: 1, P: 1, G: 1.3, Dt: 1, Tau: 30},
		J: mat.NewDense[float64](n, n), WIn: mat.NewDense[float64](n, 2), WFb: mat.NewDense[float64](n, 1), BiasValue: []float64{0.5}})
	net := &matfile.Struct{Dims: []int{1, 1}, Fields: []string{"J", "wIn"}, Elems: []map[string]matfile.Value{{"J": j, "wIn": wIn}}}
	for _, vars := range [][]matfile.Var{
		{{Name: "J", Value: j}},
		{{Name: "J", Value: j}, {Name: "wIn", Value: wIn}},
		full,
		{{Name: "net", Value: net}},
		{{Name: "J", Value: matfile.NewMatrix(n, n-1, make([]float64, n*(n-1)))}},
	} {
		var buf bytes.Buffer
		require.NoError(f, matfile.Write(&buf, vars))
		f.Add(buf.Bytes(), 2, 1)
	}
	f.Fuzz(func(t *testing.T, data []byte, inputs, outputs int) {
		vars, err := matfile.Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		sizes := modelSizes{min(max(inputs, -1), 8), min(max(outputs, -1), 8)}
		m, _, err := decodeMatModel(vars, sizes)
		if err != nil {
			return
		}
		net, err := rnn.NetworkOf[float64](m)
		require.NoError(t, err)
		require.Equal(t, m.Config.Units, net.Units)
		require.Equal(t, m.Config.Inputs, net.WIn.Cols)
		require.Equal(t, m.Config.Outputs, len(net.OutputUnits))
	})
}
