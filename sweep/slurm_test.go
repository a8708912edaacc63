package sweep

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestScript(t *testing.T) {
	o := SlurmOptions{Study: "/shared/S", Hebbrnn: "/opt/bin/hebbrnn", Partition: "short", Time: "0-01:00:00", Mem: "2G",
		MaxRunning: 50, RunsPerTask: 4, ExtraArgs: []string{"--account=lab"}}
	want := `#!/bin/bash
# Job array of the hebbrnn study in /shared/S: 4003 runs, 4 per array task.
# Written by "hebbrnn sweep slurm"; submit it with "hebbrnn sweep slurm --submit",
# which submits only the runs that are not done yet (and splits arrays over MaxArraySize).
#SBATCH --job-name=hebbrnn-sweep
#SBATCH --array=0-1000%50
#SBATCH --output=/shared/S/slurm/%A_%a.out
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --partition=short
#SBATCH --time=0-01:00:00
#SBATCH --mem=2G
#SBATCH --account=lab
# Slurm sends SIGTERM before it kills a task (scancel, time limit): the runs save a
# checkpoint at the end of their trial, and a later submission resumes them.
exec /opt/bin/hebbrnn sweep task --dir /shared/S --runs-per-task 4 --index $((SLURM_ARRAY_TASK_ID + ${HEBBRNN_SWEEP_OFFSET:-0}))
`
	assert.Equal(t, want, Script(o, 4003, 1001))
	o = SlurmOptions{Study: "/s p/S", Hebbrnn: "/bin/hebbrnn", RunsPerTask: 1}
	s := Script(o, 6, 1001)
	assert.Contains(t, s, "#SBATCH --array=0-5\n")
	assert.Contains(t, s, "exec /bin/hebbrnn sweep task --dir '/s p/S' --runs-per-task 1 --index")
	assert.NotContains(t, s, "--partition")
}

func TestPacking(t *testing.T) {
	assert.Equal(t, 3, ArrayTasks(10, 4))
	assert.Equal(t, 10, ArrayTasks(10, 1))
	for _, c := range []struct{ a, first, end int }{{0, 0, 4}, {1, 4, 8}, {2, 8, 10}} {
		f, e := TaskRuns(c.a, 4, 10)
		assert.Equal(t, [2]int{c.first, c.end}, [2]int{f, e})
	}
}

func TestArraySpec(t *testing.T) {
	assert.Equal(t, "3,7,12", ArraySpec([]int{3, 7, 12}, 0))
	assert.Equal(t, "0-4,7,9-10%8", ArraySpec([]int{0, 1, 2, 3, 4, 7, 9, 10}, 8))
	assert.Equal(t, "5", ArraySpec([]int{5}, 0))
	assert.Equal(t, "0-9999", ArraySpec(Span(0, 10000), 0))
}

func statuses(states ...State) []Status {
	out := make([]Status, len(states))
	for i, s := range states {
		out[i] = Status{State: s}
	}
	return out
}

func TestUnfinished(t *testing.T) {
	st := statuses(Done, Done, Done, Interrupted, Done, Done, Done, Failed, Done, Running, Done, Done, Pending)
	assert.Equal(t, []int{3, 7, 12}, Unfinished(st, 1))
	// Packed by 4: tasks 0 (runs 0-3), 1 (4-7), 2 (8-11), 3 (12).
	assert.Equal(t, []int{0, 1, 3}, Unfinished(st, 4))
	assert.Empty(t, Unfinished(statuses(Done, Running, Done), 1))
}

func TestSubmissions(t *testing.T) {
	// First submission of a 10,000-task study with MaxArraySize 1001:
	// ten arrays, each below the limit, with their offsets.
	subs := Submissions(Span(0, 10000), 1001)
	assert.Len(t, subs, 10)
	assert.Equal(t, 0, subs[0].Offset)
	assert.Equal(t, "0-1000", ArraySpec(subs[0].Array, 0))
	assert.Equal(t, 1001, subs[1].Offset)
	assert.Equal(t, "0-1000", ArraySpec(subs[1].Array, 0))
	assert.Equal(t, 9009, subs[9].Offset)
	assert.Equal(t, "0-990", ArraySpec(subs[9].Array, 0))
	// A resubmission sends only the unfinished tasks.
	subs = Submissions([]int{3, 7, 12, 1001, 2500}, 1001)
	assert.Equal(t, []Submission{{0, []int{3, 7, 12}}, {1001, []int{0}}, {2002, []int{498}}}, subs)
	assert.Empty(t, Submissions(nil, 1001))
}

func TestParseMaxArraySize(t *testing.T) {
	cfg := "Configuration data as of 2026-01-01T00:00:00\nMaxArraySize            = 40001\nMaxJobCount             = 10000\n"
	assert.Equal(t, 40001, ParseMaxArraySize(cfg))
	assert.Equal(t, DefaultMaxArraySize, ParseMaxArraySize("MaxJobCount = 10\n"))
	assert.Equal(t, DefaultMaxArraySize, ParseMaxArraySize("MaxArraySize = lots\n"))
}

func TestQueuedTasks(t *testing.T) {
	jobs := "1001\t0\t0-3%2\n1002\t4\t0-1%2\n1003\t4\t1\n"
	squeue := "1001 2\n1001 3\n1002 0\n999 1\n1003 N/A\n555\n"
	assert.Equal(t, map[int]bool{2: true, 3: true, 4: true}, QueuedTasks(jobs, squeue))
	assert.Empty(t, QueuedTasks(jobs, ""))
	assert.Empty(t, QueuedTasks("", squeue))
}
