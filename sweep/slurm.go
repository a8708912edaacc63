package sweep

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
)

// DefaultMaxArraySize is Slurm's default MaxArraySize: array indices run
// from 0 to MaxArraySize-1.
const DefaultMaxArraySize = 1001

// SlurmOptions are the settings of the job array of a study.
type SlurmOptions struct {
	Study       string   // absolute path of the study directory
	Hebbrnn     string   // absolute path of the hebbrnn binary
	Partition   string   // "" : the cluster's default
	Time        string   // D-HH:MM:SS or any sbatch --time; "": the partition's default
	Mem         string   // sbatch --mem; "": the default
	MaxRunning  int      // %K: array tasks running at once (0: no limit)
	RunsPerTask int      // runs packed into one array task (≥ 1)
	ExtraArgs   []string // further #SBATCH lines, each one sbatch argument
}

// ArrayTasks returns the number of array tasks of runs runs.
func ArrayTasks(runs, perTask int) int { return (runs + perTask - 1) / perTask }

// TaskRuns returns the runs of array task a: [first, end).
func TaskRuns(a, perTask, runs int) (first, end int) {
	return a * perTask, min(runs, (a+1)*perTask)
}

// Script returns array.sbatch. Its array covers the first chunk of tasks
// (at most maxArray); every submission names its own --array (and, past
// the first chunk, its offset) on sbatch's command line.
func Script(o SlurmOptions, runs, maxArray int) string {
	tasks := ArrayTasks(runs, o.RunsPerTask)
	var b strings.Builder
	b.WriteString("#!/bin/bash\n")
	fmt.Fprintf(&b, "# Job array of the hebbrnn study in %s: %d runs, %d per array task.\n", o.Study, runs, o.RunsPerTask)
	b.WriteString("# Written by \"hebbrnn sweep slurm\"; submit it with \"hebbrnn sweep slurm --submit\",\n")
	b.WriteString("# which submits only the runs that are not done yet (and splits arrays over MaxArraySize).\n")
	b.WriteString("#SBATCH --job-name=hebbrnn-sweep\n")
	fmt.Fprintf(&b, "#SBATCH --array=%s\n", ArraySpec(Span(0, min(tasks, maxArray)), o.MaxRunning))
	fmt.Fprintf(&b, "#SBATCH --output=%s/slurm/%%A_%%a.out\n", o.Study)
	b.WriteString("#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n")
	if o.Partition != "" {
		fmt.Fprintf(&b, "#SBATCH --partition=%s\n", o.Partition)
	}
	if o.Time != "" {
		fmt.Fprintf(&b, "#SBATCH --time=%s\n", o.Time)
	}
	if o.Mem != "" {
		fmt.Fprintf(&b, "#SBATCH --mem=%s\n", o.Mem)
	}
	for _, a := range o.ExtraArgs {
		fmt.Fprintf(&b, "#SBATCH %s\n", a)
	}
	b.WriteString("# Slurm sends SIGTERM before it kills a task (scancel, time limit): the runs save a\n")
	b.WriteString("# checkpoint at the end of their trial, and a later submission resumes them.\n")
	fmt.Fprintf(&b, "exec %s sweep task --dir %s --runs-per-task %d --index $((SLURM_ARRAY_TASK_ID + ${HEBBRNN_SWEEP_OFFSET:-0}))\n",
		shellQuote(o.Hebbrnn), shellQuote(o.Study), o.RunsPerTask)
	return b.String()
}

// Span returns the integers lo..hi-1.
func Span(lo, hi int) []int {
	out := make([]int, 0, max(0, hi-lo))
	for i := lo; i < hi; i++ {
		out = append(out, i)
	}
	return out
}

// ArraySpec writes sorted indices as sbatch's --array value: runs of
// consecutive indices as A-B, others by commas, then %K when k > 0.
func ArraySpec(idx []int, k int) string {
	var parts []string
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && idx[j+1] == idx[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", idx[i], idx[j]))
		} else {
			parts = append(parts, strconv.Itoa(idx[i]))
		}
		i = j + 1
	}
	s := strings.Join(parts, ",")
	if k > 0 {
		s += "%" + strconv.Itoa(k)
	}
	return s
}

// Submission is one sbatch call: the array indices (below the cluster's
// MaxArraySize) and the offset to add to them to get array-task indices.
type Submission struct {
	Offset int
	Array  []int
}

// Submissions splits array tasks (sorted) into submissions whose indices
// are all below maxArray.
func Submissions(tasks []int, maxArray int) []Submission {
	var out []Submission
	for _, t := range tasks {
		off := t / maxArray * maxArray
		if len(out) == 0 || out[len(out)-1].Offset != off {
			out = append(out, Submission{Offset: off})
		}
		s := &out[len(out)-1]
		s.Array = append(s.Array, t-off)
	}
	return out
}

// Unfinished returns the array tasks that hold a run neither done nor
// running: what a submission sends.
func Unfinished(st []Status, perTask int) []int {
	var out []int
	for a := range ArrayTasks(len(st), perTask) {
		first, end := TaskRuns(a, perTask, len(st))
		for i := first; i < end; i++ {
			if st[i].State != Done && st[i].State != Running {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// ParseMaxArraySize reads MaxArraySize from the output of "scontrol show
// config" (DefaultMaxArraySize when absent).
func ParseMaxArraySize(config string) int {
	sc := bufio.NewScanner(strings.NewReader(config))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if ok && strings.TrimSpace(k) == "MaxArraySize" {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
				return n
			}
		}
	}
	return DefaultMaxArraySize
}

// QueuedTasks returns the array tasks of the study that Slurm still holds
// (pending or running), read from the study's jobs.tsv (job id, offset,
// array: one line per submission) and the output of
// "squeue -h -r -o '%F %K'" (array job id and array index, one line per
// array task). A submission leaves them out, so that submitting twice
// does not queue a task twice. Lines of other jobs, and lines that are not
// two such fields, are ignored.
func QueuedTasks(jobsTSV, squeue string) map[int]bool {
	offset := map[string]int{}
	for line := range strings.Lines(jobsTSV) {
		f := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
		if len(f) < 2 {
			continue
		}
		if off, err := strconv.Atoi(f[1]); err == nil {
			offset[f[0]] = off
		}
	}
	out := map[int]bool{}
	for line := range strings.Lines(squeue) {
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		off, ok := offset[f[0]]
		a, err := strconv.Atoi(f[1])
		if ok && err == nil && a >= 0 {
			out[a+off] = true
		}
	}
	return out
}
