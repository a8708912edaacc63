package sweep

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/hebbrnn/hebbrnn/internal/atomicfile"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// WritePlan makes the study directory study for p: plan.json and
// runs.tsv. A directory that holds the same plan is left as it is; one
// that holds a different plan is refused unless force, which replaces
// the plan and removes the runs and results of the old one.
func WritePlan(study string, p *Plan, force bool) error {
	abs, err := filepath.Abs(study)
	if err != nil {
		return errorf("--dir: %v", err)
	}
	planPath := filepath.Join(study, "plan.json")
	data := p.JSON()
	if old, err := os.ReadFile(planPath); err == nil {
		if bytes.Equal(old, data) {
			return writeStudyFiles(study, abs, p)
		}
		if !force {
			return errorf("--dir: %s holds a different study (its plan.json differs); use another directory, or --force to replace it and delete its runs", study)
		}
		for _, name := range []string{"runs", "options", "slurm", "plots", "results.csv", "summary.csv"} {
			if err := os.RemoveAll(filepath.Join(study, name)); err != nil {
				return err
			}
		}
	} else if st, err := os.Stat(study); err == nil {
		if !st.IsDir() {
			return errorf("--dir: %s is a file, not a directory", study)
		}
		if entries, _ := os.ReadDir(study); len(entries) > 0 && !force {
			return errorf("--dir: %s is not empty and holds no study; use an empty or new directory, or --force", study)
		}
	}
	if err := os.MkdirAll(study, 0o755); err != nil {
		return errorf("--dir: cannot create %s: %v", study, err)
	}
	if err := writeFile(planPath, data); err != nil {
		return err
	}
	return writeStudyFiles(study, abs, p)
}

// writeStudyFiles writes runs.tsv and the options files of a study.
func writeStudyFiles(study, abs string, p *Plan) error {
	if err := WriteOptionFiles(study, p); err != nil {
		return err
	}
	return writeFile(filepath.Join(study, "runs.tsv"), p.RunsTSV(abs))
}

// WriteOptionFiles writes the options files of the study in study (see
// Plan.OptionFiles).
func WriteOptionFiles(study string, p *Plan) error {
	for path, data := range p.OptionFiles(study) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := writeFile(path, data); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, data []byte) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// State is the state of a run.
type State string

// States of a run.
const (
	Pending     State = "pending"
	Running     State = "running"
	Done        State = "done"
	Interrupted State = "interrupted"
	Failed      State = "failed"
)

// Record is run.json, kept in a run's directory.
type Record struct {
	State    State   `json:"state"`
	Why      string  `json:"why,omitempty"`
	Host     string  `json:"host"`
	PID      int     `json:"pid"`
	SlurmJob string  `json:"slurmJob,omitempty"`
	Kernel   string  `json:"kernel,omitempty"` // kernel tier the run used
	Started  string  `json:"started"`
	Seconds  float64 `json:"seconds,omitempty"` // wall time of this stretch
	// Model is the size and modification time of model.npz when the run
	// stopped: a checkpoint that still has them is not read again to
	// check it.
	Model *FileStamp `json:"model,omitempty"`
}

// FileStamp identifies a version of a file cheaply.
type FileStamp struct {
	Size    int64 `json:"size"`
	ModTime int64 `json:"modTime"` // Unix nanoseconds
}

func stampOf(path string) *FileStamp {
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	return &FileStamp{st.Size(), st.ModTime().UnixNano()}
}

func readRecord(dir string) (*Record, error) {
	data, err := os.ReadFile(filepath.Join(dir, "run.json"))
	if err != nil {
		return nil, err
	}
	var r Record
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("run.json: %v", err)
	}
	return &r, nil
}

func writeRecord(dir string, r *Record) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "run.json"), append(data, '\n'))
}

// Start records that run dir starts (or resumes) here, now.
func Start(dir, kernel string) (*Record, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	r := &Record{State: Running, Host: host, PID: os.Getpid(), SlurmJob: os.Getenv("SLURM_JOB_ID"), Kernel: kernel, Started: time.Now().UTC().Format(time.RFC3339)}
	return r, writeRecord(dir, r)
}

// Finish records how a run that Start recorded ended.
func Finish(dir string, r *Record, state State, why string) error {
	started, _ := time.Parse(time.RFC3339, r.Started)
	r.State, r.Why, r.Seconds = state, why, time.Since(started).Seconds()
	r.Model = nil
	if state != Failed && checkpointProblem(dir) == "" {
		r.Model = stampOf(filepath.Join(dir, "model.npz"))
	}
	return writeRecord(dir, r)
}

// Status is what a run's directory says of it.
type Status struct {
	State  State
	Why    string  // of a failed run; where a running one runs
	Record *Record // nil when the run never started
}

func (s Status) String() string {
	if s.Why != "" {
		return string(s.State) + ": " + s.Why
	}
	return string(s.State)
}

// Alive tells whether a recorded process still runs: pid on this host,
// or a Slurm job (nil: not known). It returns ok=false when it cannot
// tell.
type Alive func(r *Record) (alive, ok bool)

// LocalAlive tells whether r's process runs, when r ran on this host.
func LocalAlive(r *Record) (alive, ok bool) {
	host, _ := os.Hostname()
	if r.Host != host || r.PID <= 0 {
		return false, false
	}
	err := syscall.Kill(r.PID, 0)
	return err == nil || errors.Is(err, syscall.EPERM), true
}

// RunStatus reads the state of the run in dir. alive tells whether a run
// recorded as running still runs (LocalAlive when nil).
func RunStatus(dir string, alive Alive) Status {
	rec, err := readRecord(dir)
	if errors.Is(err, os.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(dir, "model.npz")); err == nil {
			if why := checkpointProblem(dir); why != "" {
				return Status{State: Failed, Why: why}
			}
			return Status{State: Interrupted}
		}
		return Status{State: Pending}
	}
	if err != nil {
		return Status{State: Failed, Why: err.Error()}
	}
	st := Status{State: rec.State, Why: rec.Why, Record: rec}
	if alive == nil {
		alive = LocalAlive
	}
	if rec.State == Running {
		if live, ok := alive(rec); ok && !live {
			st.State = Interrupted
		} else {
			st.Why = "on " + rec.Host
			if rec.SlurmJob != "" {
				st.Why += ", Slurm job " + rec.SlurmJob
			} else {
				st.Why += ", pid " + strconv.Itoa(rec.PID)
			}
			return st
		}
	}
	if st.State == Failed {
		return st
	}
	if _, err := os.Stat(filepath.Join(dir, "model.npz")); errors.Is(err, os.ErrNotExist) {
		if st.State == Done {
			return Status{State: Failed, Why: "model.npz is missing", Record: rec}
		}
		st.State = Pending // stopped before its first checkpoint
		return st
	}
	if stamp := stampOf(filepath.Join(dir, "model.npz")); rec.Model == nil || stamp == nil || *stamp != *rec.Model {
		if why := checkpointProblem(dir); why != "" {
			return Status{State: Failed, Why: why, Record: rec}
		}
	}
	return st
}

// checkpointProblem returns why the checkpoint of dir cannot be resumed
// ("" if it can).
func checkpointProblem(dir string) string {
	m, err := rnn.ReadModel(filepath.Join(dir, "model.npz"))
	if err != nil {
		return "model.npz: " + err.Error()
	}
	if _, err := m.ResumeState(); err != nil {
		return "model.npz: " + err.Error()
	}
	return ""
}

// Statuses returns the status of every run of the study.
func Statuses(study string, p *Plan, alive Alive) []Status {
	out := make([]Status, p.Count())
	for i := range out {
		out[i] = RunStatus(RunDir(study, i), alive)
	}
	return out
}
