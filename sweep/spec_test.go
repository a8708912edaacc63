package sweep

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustParse(t *testing.T, spec string) *Plan {
	t.Helper()
	p, err := Parse([]byte(spec), t.TempDir(), nil)
	require.NoError(t, err)
	return p
}

func TestCrossProductOrder(t *testing.T) {
	p := mustParse(t, `{"tasks": ["co", "dnms"], "seeds": "3-4", "grid": {"eta": [0.1, 0.3], "neurons": [50, 100, 200]}, "maxPasses": 10}`)
	require.Equal(t, 2*2*3*2, p.Count())
	assert.Equal(t, 12, p.GridPoints()*len(p.Tasks))
	// Network keys come first, then the options; seeds vary fastest.
	assert.Equal(t, "neurons", p.Grid[0].Key.Name)
	assert.Equal(t, "eta", p.Grid[1].Key.Name)
	assert.Equal(t, Run{0, "co", 3, []any{int64(50), 0.1}}, p.Run(0))
	assert.Equal(t, Run{1, "co", 4, []any{int64(50), 0.1}}, p.Run(1))
	assert.Equal(t, Run{2, "co", 3, []any{int64(50), 0.3}}, p.Run(2))
	assert.Equal(t, Run{4, "co", 3, []any{int64(100), 0.1}}, p.Run(4))
	assert.Equal(t, Run{23, "dnms", 4, []any{int64(200), 0.3}}, p.Run(23))
	assert.Equal(t, 11, p.Point(23))
	seen := map[string]bool{}
	for i := range p.Count() {
		r := p.Run(i)
		key := r.Task + FormatValue(r.Seed) + FormatValue(r.Values[0]) + FormatValue(r.Values[1])
		assert.False(t, seen[key], "run %d repeats %s", i, key)
		seen[key] = true
	}
}

func TestTrainArgs(t *testing.T) {
	p := mustParse(t, `{"task": "co", "seeds": [7], "grid": {"eta": [0.1]}, "network": {"gain": 1.5, "feedback": true}, "options": {"order": "linear"}, "maxPasses": 30, "maxTime": "1h", "precision": "f32"}`)
	r := p.Run(0)
	assert.Equal(t, []string{"--task", "co", "--seed", "7", "--feedback=true", "--gain=1.5", "--order=linear", "--eta=0.1",
		"--max-passes", "30", "--max-time", "1h", "--precision", "f32", "--threads", "1", "--plots", "none", "--dir", "S/runs/0"}, p.TrainArgs(r, "S"))
	assert.Equal(t, []string{"--resume", "S/runs/0/model.npz", "--order=linear", "--eta=0.1",
		"--max-passes", "30", "--max-time", "1h", "--threads", "1", "--plots", "none"}, p.ResumeArgs(r, "S"))
	assert.Empty(t, p.OptionFiles("S"))
	tsv := string(p.RunsTSV("/abs/S"))
	assert.Equal(t, "index\ttask\tseed\teta\tcommand\n0\tco\t7\t0.1\thebbrnn train --task co --seed 7 --feedback=true --gain=1.5 --order=linear --eta=0.1 --max-passes 30 --max-time 1h --precision f32 --threads 1 --plots none --dir /abs/S/runs/0\n", tsv)
}

func TestVariant(t *testing.T) {
	p := mustParse(t, `{"task": "dnms", "variant": "miconi", "seeds": [4], "maxPasses": 30}`)
	assert.Equal(t, []string{"--task", "dnms", "--seed", "4", "--variant", "miconi", "--max-passes", "30",
		"--precision", "f64", "--threads", "1", "--plots", "none", "--dir", "S/runs/0"}, p.TrainArgs(p.Run(0), "S"))
	// A checkpoint keeps its variant: resuming names none.
	assert.Equal(t, []string{"--resume", "S/runs/0/model.npz", "--max-passes", "30", "--threads", "1", "--plots", "none"}, p.ResumeArgs(p.Run(0), "S"))
	q, err := Parse(p.JSON(), "/elsewhere", nil)
	require.NoError(t, err)
	assert.Equal(t, p, q)
	assert.Contains(t, string(p.JSON()), `"variant": "miconi"`)
	// The default variant is left out of the command and of plan.json.
	d := mustParse(t, `{"task": "dnms", "variant": "hebbrnn", "seeds": [4], "maxPasses": 30}`)
	assert.NotContains(t, d.TrainArgs(d.Run(0), "S"), "--variant")
	assert.NotContains(t, string(d.JSON()), "variant")
}

func TestOptionFiles(t *testing.T) {
	p := mustParse(t, `{"task": "co", "seeds": [1, 2], "grid": {"scaleByExpected": [false, true]}, "options": {"plasticityDelay": 8, "eta": 0.5}, "maxPasses": 5}`)
	assert.Equal(t, map[string][]byte{
		"S/options/0.json": []byte(`{"plasticityDelay": 8, "scaleByExpected": false}` + "\n"),
		"S/options/1.json": []byte(`{"plasticityDelay": 8, "scaleByExpected": true}` + "\n"),
	}, p.OptionFiles("S"))
	assert.Equal(t, []string{"--task", "co", "--seed", "2", "--options", "S/options/1.json", "--eta=0.5", "--max-passes", "5",
		"--precision", "f64", "--threads", "1", "--plots", "none", "--dir", "S/runs/3"}, p.TrainArgs(p.Run(3), "S"))
	assert.Equal(t, []string{"--resume", "S/runs/3/model.npz", "--options", "S/options/1.json", "--eta=0.5", "--max-passes", "5",
		"--threads", "1", "--plots", "none"}, p.ResumeArgs(p.Run(3), "S"))
}

func TestPlanJSONRoundTrips(t *testing.T) {
	p := mustParse(t, `{"tasks": ["co", "dnms"], "seeds": "1-3", "grid": {"eta": [0.1, 1e-3], "activation": ["tanh", "linear"]}, "network": {"neurons": 40}, "options": {"tolerancePerCondition": true}, "maxTime": "90s"}`)
	q, err := Parse(p.JSON(), "/elsewhere", nil)
	require.NoError(t, err)
	assert.Equal(t, p, q)
	assert.Equal(t, string(p.JSON()), string(q.JSON()))
}

func TestTaskFilesAreRelativeToTheSpec(t *testing.T) {
	dir := t.TempDir()
	var checked []string
	p, err := Parse([]byte(`{"tasks": ["co", "sub/my.npz"], "seeds": [1], "maxPasses": 1}`), dir, func(task string) error {
		checked = append(checked, task)
		return nil
	})
	require.NoError(t, err)
	want := filepath.Join(dir, "sub", "my.npz")
	assert.Equal(t, []string{"co", want}, p.Tasks)
	assert.Equal(t, []string{"co", want}, checked)
	assert.Equal(t, "my", TaskName(p.Tasks[1]))
}

func TestSpecErrors(t *testing.T) {
	base := `"task": "co", "seeds": [1, 2], "maxPasses": 10`
	cases := []struct{ spec, want string }{
		{`{` + base + `, "sedes": [1]}`, `unknown key "sedes"`},
		{`{` + base + `, "grid": {"etta": [1]}}`, `grid: unknown key "etta"`},
		{`{` + base + `, "options": {"neurons": 5}}`, `options: unknown key "neurons"`},
		{`{` + base + `, "network": {"eta": 5}}`, `network: unknown key "eta"`},
		{`{` + base + `, "grid": {"eta": []}}`, `grid.eta: the list is empty`},
		{`{` + base + `, "grid": {"eta": 0.1}}`, `grid.eta: 0.1 is not a list`},
		{`{` + base + `, "grid": {"eta": ["fast"]}}`, `grid.eta: "fast" is not a number`},
		{`{` + base + `, "grid": {"neurons": [1.5]}}`, `grid.neurons: 1.5 is not an integer`},
		{`{` + base + `, "grid": {"feedback": [1]}}`, `grid.feedback: 1 is not true or false`},
		{`{` + base + `, "grid": {"eta": [0.1, 0.1]}}`, `grid.eta: 0.1 appears twice`},
		{`{` + base + `, "grid": {"eta": [0.1]}, "options": {"eta": 0.2}}`, `grid: eta is also a fixed value of options`},
		{`{` + base + `, "precision": "f16"}`, `precision: "f16"`},
		{`{` + base + `, "variant": "miconni"}`, `variant: "miconni" is not one of hebbrnn, miconi`},
		{`{` + base + `, "variant": 1}`, `variant: 1 is not one of`},
		{`{"task": "co", "seeds": [1]}`, `missing key "maxPasses" or "maxTime"`},
		{`{"task": "co", "seeds": [1], "maxPasses": 0}`, `maxPasses: 0 is not an integer ≥ 1`},
		{`{"task": "co", "seeds": [1], "maxTime": "soon"}`, `maxTime: "soon" is not a duration`},
		{`{"task": "co", "seeds": "5-1", "maxPasses": 1}`, `seeds: the range "5-1" is empty`},
		{`{"task": "co", "seeds": "a-b", "maxPasses": 1}`, `seeds: "a-b" is not a range`},
		{`{"task": "co", "seeds": [1.5], "maxPasses": 1}`, `seeds: 1.5 is not an integer ≥ 0`},
		{`{"task": "co", "seeds": [-1], "maxPasses": 1}`, `seeds: -1 is not an integer ≥ 0`},
		{`{"task": "co", "seeds": ["1"], "maxPasses": 1}`, `seeds: "1" is not an integer ≥ 0`},
		{`{"task": "co", "seeds": [], "maxPasses": 1}`, `seeds: the list is empty`},
		{`{"task": "co", "seeds": [3, 3], "maxPasses": 1}`, `seeds: 3 appears twice`},
		{`{"task": "co", "maxPasses": 1}`, `missing key "seeds"`},
		{`{"seeds": [1], "maxPasses": 1}`, `missing key "task"`},
		{`{"tasks": [], "seeds": [1], "maxPasses": 1}`, `tasks: the list is empty`},
		{`{"task": "co", "tasks": ["co"], "seeds": [1], "maxPasses": 1}`, `task and tasks exclude each other`},
		{`{"task": 3, "seeds": [1], "maxPasses": 1}`, `task: 3 is not a task name`},
		{`{"task": "co", "seeds": "1-1000", "grid": {"eta": [1,2,3,4,5,6,7,8,9,10], "gain": [1,2,3,4,5,6,7,8,9,10], "tau": [1,2,3,4,5,6,7,8,9,10,11]}, "maxPasses": 1}`,
			`the study has 1 tasks × 10 gain × 11 tau × 10 eta × 1000 seeds runs, more than 1000000`},
		{`[1]`, `not a JSON object`},
		{`{` + base + `} {}`, `text after the JSON object`},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.spec), t.TempDir(), nil)
		require.Error(t, err, c.spec)
		var se *Error
		assert.True(t, errors.As(err, &se), "%s: %T", c.spec, err)
		assert.Contains(t, err.Error(), c.want, c.spec)
		assert.NotContains(t, err.Error(), "\n", c.spec)
	}
}

func TestTaskCheckerErrorNamesTheTask(t *testing.T) {
	_, err := Parse([]byte(`{"task": "broken.npz", "seeds": [1], "maxPasses": 1}`), "/d", func(string) error { return errors.New("no targets") })
	require.Error(t, err)
	assert.Equal(t, "task /d/broken.npz: no targets", err.Error())
}

func TestWritePlan(t *testing.T) {
	study := filepath.Join(t.TempDir(), "S")
	p := mustParse(t, `{"task": "co", "seeds": [1, 2], "maxPasses": 10}`)
	require.NoError(t, WritePlan(study, p, false))
	plan, err := os.ReadFile(filepath.Join(study, "plan.json"))
	require.NoError(t, err)
	assert.Equal(t, string(p.JSON()), string(plan))
	tsv, err := os.ReadFile(filepath.Join(study, "runs.tsv"))
	require.NoError(t, err)
	assert.Equal(t, 3, strings.Count(string(tsv), "\n"))
	// The same plan again is fine; a different one is refused, and
	// changes nothing, unless forced.
	require.NoError(t, WritePlan(study, p, false))
	require.NoError(t, os.MkdirAll(RunDir(study, 0), 0o755))
	q := mustParse(t, `{"task": "co", "seeds": [1, 2, 3], "maxPasses": 10}`)
	err = WritePlan(study, q, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "holds a different study")
	still, _ := os.ReadFile(filepath.Join(study, "plan.json"))
	assert.Equal(t, plan, still)
	require.NoError(t, WritePlan(study, q, true))
	_, err = os.Stat(RunDir(study, 0))
	assert.True(t, os.IsNotExist(err), "--force deletes the old runs")
	got, err := ReadPlan(study)
	require.NoError(t, err)
	assert.Equal(t, q, got)
	// A non-empty directory without a plan is not taken over.
	other := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(other, "notes.txt"), nil, 0o644))
	assert.ErrorContains(t, WritePlan(other, p, false), "is not empty and holds no study")
}
