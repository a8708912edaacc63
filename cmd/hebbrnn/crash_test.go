package main

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hebbrnn/hebbrnn/rnn"
)

// crashPasses is the length of the crash-safety runs: long enough that a
// run with a checkpoint after every pass lasts about a second or two.
const crashPasses = 150

// killPoint says when to SIGKILL a training process.
type killPoint struct {
	name string
	// wait blocks until it is time to kill the process, started at start,
	// of a run whose uninterrupted length is about ref. It returns a note
	// for the report. exited is closed when the process is gone.
	wait func(t *testing.T, runDir string, start time.Time, ref time.Duration, exited <-chan struct{}) string
}

// TestCrashSafety SIGKILLs real training processes at varied moments (at
// start, right after a checkpoint is rewritten, while the checkpoint or
// the log is being written, at seeded random delays) and checks after each
// kill that
//
//   - the checkpoint left behind, if any, loads and is a checkpoint,
//   - the log, if any, parses line by line and is consistent with it,
//   - the only other files left are hidden atomic-write temporaries
//     (".NAME.tmp-*") next to the file they were to replace, and the
//     resumed run clears them,
//   - resuming from the checkpoint to the same --max-passes ends with
//     exactly the network and training state of an uninterrupted run.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills training processes")
	}
	began := time.Now()
	dir := t.TempDir()
	task := tinyTask(t, dir)
	common := []string{"train", "--task", task, "--neurons", "30", "--seed", "19", "--threads", "1",
		"--eval-every", "1", "--max-passes", fmt.Sprint(crashPasses), "--quiet"}

	// The uninterrupted reference run, with the very command line of the
	// runs to be killed; its duration spreads the kill points over a run.
	refStart := time.Now()
	mustRun(t, dir, append(common, "--dir", "ref")...)
	refDur := time.Since(refStart)
	ref, err := rnn.ReadModel(filepath.Join(dir, "ref", "model.npz"))
	require.NoError(t, err)
	require.NotNil(t, ref.State)
	require.Equal(t, crashPasses, ref.State.Pass)
	t.Logf("uninterrupted run: %d passes in %v", crashPasses, refDur.Round(time.Millisecond))
	checkRunFiles(t, filepath.Join(dir, "ref"), true)

	rng := rand.New(rand.NewPCG(2024, 7))
	random := func() killPoint {
		d := time.Duration(rng.Int64N(int64(refDur))) // drawn now, in a fixed order
		return killPoint{fmt.Sprintf("random delay %.2f of the run", float64(d)/float64(refDur)),
			func(t *testing.T, _ string, start time.Time, _ time.Duration, exited <-chan struct{}) string {
				select {
				case <-time.After(time.Until(start.Add(d))):
				case <-exited:
				}
				return fmt.Sprintf("after %v", d.Round(time.Millisecond))
			}}
	}
	points := []killPoint{
		{"at start", func(*testing.T, string, time.Time, time.Duration, <-chan struct{}) string { return "" }},
		{"first checkpoint appears", func(t *testing.T, runDir string, start time.Time, _ time.Duration, exited <-chan struct{}) string {
			return pollUntil(t, exited, func() bool {
				_, err := os.Stat(filepath.Join(runDir, "model.npz"))
				return err == nil
			})
		}},
		ckptRewritten(0.5),
		tmpAppears("model.npz", 0.25),
		tmpAppears("model.npz", 0.75),
		tmpAppears("log.jsonl", 0.4),
		random(), random(),
	}

	var strays []string
	for i, kp := range points {
		runDir := filepath.Join(dir, fmt.Sprintf("k%d", i))
		cmd := exec.Command(bin, append(common, "--dir", filepath.Base(runDir))...)
		cmd.Dir = dir
		var errb bytes.Buffer
		cmd.Stderr = &errb
		start := time.Now()
		require.NoError(t, cmd.Start())
		exited := make(chan struct{})
		waitErr := make(chan error, 1)
		go func() { waitErr <- cmd.Wait(); close(exited) }()
		note := kp.wait(t, runDir, start, refDur, exited)
		at := time.Since(start)
		_ = cmd.Process.Signal(syscall.SIGKILL) // fails harmlessly if it has exited
		err := <-waitErr
		killed := false
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			ws, ok := ee.Sys().(syscall.WaitStatus)
			killed = ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
			require.True(t, killed, "kill point %q: the process failed on its own: %v\n%s", kp.name, err, errb.String())
		} else {
			require.NoError(t, err, "kill point %q", kp.name)
		}

		// What the kill left behind.
		pass, hasCkpt := -1, false
		ckpt := filepath.Join(runDir, "model.npz")
		if _, err := os.Stat(ckpt); err == nil {
			m, err := rnn.ReadModel(ckpt)
			require.NoError(t, err, "kill point %q: the checkpoint left behind does not load", kp.name)
			st, err := m.ResumeState()
			require.NoError(t, err, "kill point %q: the file left behind is not a checkpoint", kp.name)
			pass, hasCkpt = st.Pass, true
		}
		logPass := checkKilledLog(t, kp.name, filepath.Join(runDir, "log.jsonl"), pass)
		found := checkRunFiles(t, runDir, false)
		strays = append(strays, found...)
		state := "killed"
		if !killed {
			state = "had already finished"
		}
		t.Logf("kill %d (%s%s): %s at %v; checkpoint at pass %d, log to pass %d, temporaries left: %v",
			i, kp.name, parenthesize(note), state, at.Round(time.Millisecond), pass, logPass, found)

		if !hasCkpt {
			continue
		}
		// Resume to the reference's length: half of the runs keep the
		// checkpoint's --eval-every 1, the others evaluate only at the end.
		args := []string{"train", "--resume", ckpt, "--task", task, "--max-passes", fmt.Sprint(crashPasses), "--quiet"}
		sameEval := i%2 == 0
		if !sameEval {
			args = append(args, "--eval-every", fmt.Sprint(crashPasses))
		}
		resumeStart := time.Now()
		mustRun(t, dir, args...)
		t.Logf("kill %d: resumed from pass %d in %v", i, pass, time.Since(resumeStart).Round(time.Millisecond))
		assert.Empty(t, checkRunFiles(t, runDir, false), "kill point %q: temporaries are left after the resumed run (it clears those of the killed one)", kp.name)
		got, err := rnn.ReadModel(ckpt)
		require.NoError(t, err)
		compareModels(t, kp.name, ref, got, sameEval)
		if logPass >= 0 || sameEval {
			checkResumedLog(t, kp.name, filepath.Join(runDir, "log.jsonl"), sameEval)
		}
	}
	t.Logf("temporaries left by SIGKILL over %d kills: %d %v", len(points), len(strays), strays)
	t.Logf("crash-safety test took %v", time.Since(began).Round(time.Millisecond))
}

func parenthesize(s string) string {
	if s == "" {
		return ""
	}
	return ": " + s
}

// pollUntil polls cond until it holds or the process exits (then it
// reports so), for at most 20 s.
func pollUntil(t *testing.T, exited <-chan struct{}, cond func() bool) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for n := 0; ; n++ {
		if cond() {
			return ""
		}
		select {
		case <-exited:
			return "the process exited first"
		default:
		}
		if time.Now().After(deadline) {
			return "gave up waiting"
		}
		if n%64 == 63 {
			time.Sleep(50 * time.Microsecond)
		}
	}
}

// ckptRewritten kills right after the checkpoint's modification time
// changes once frac of the reference run's length has gone by.
func ckptRewritten(frac float64) killPoint {
	return killPoint{fmt.Sprintf("checkpoint rewritten after %.2f of the run", frac),
		func(t *testing.T, runDir string, start time.Time, ref time.Duration, exited <-chan struct{}) string {
			ckpt := filepath.Join(runDir, "model.npz")
			var last time.Time
			var lastIno uint64
			armed := start.Add(time.Duration(frac * float64(ref)))
			changes := 0
			note := pollUntil(t, exited, func() bool {
				fi, err := os.Stat(ckpt)
				if err != nil {
					return false
				}
				ino := fi.Sys().(*syscall.Stat_t).Ino
				if fi.ModTime().Equal(last) && ino == lastIno {
					return false
				}
				last, lastIno = fi.ModTime(), ino
				changes++
				return changes > 1 && time.Now().After(armed)
			})
			return strings.TrimSpace(fmt.Sprintf("%d rewrites seen %s", changes-1, note))
		}}
}

// tmpAppears kills while the atomic-write temporary of the named file
// exists, once frac of the reference run's length has gone by: mid-write.
func tmpAppears(name string, frac float64) killPoint {
	return killPoint{fmt.Sprintf("%s being written after %.2f of the run", name, frac),
		func(t *testing.T, runDir string, start time.Time, ref time.Duration, exited <-chan struct{}) string {
			time.Sleep(time.Until(start.Add(time.Duration(frac * float64(ref)))))
			prefix := "." + name + ".tmp-"
			seen := ""
			note := pollUntil(t, exited, func() bool {
				ents, err := os.ReadDir(runDir)
				if err != nil {
					return false
				}
				for _, e := range ents {
					if strings.HasPrefix(e.Name(), prefix) {
						seen = e.Name()
						return true
					}
				}
				return false
			})
			if seen != "" {
				return "saw " + seen
			}
			return note
		}}
}

// checkRunFiles checks that a run directory holds only the run's files
// and, unless clean is required, hidden atomic-write temporaries named
// after one of them in the same directory; it returns those temporaries.
func checkRunFiles(t *testing.T, runDir string, clean bool) []string {
	t.Helper()
	expected := map[string][]string{
		".":     {"model.npz", "log.jsonl", "plots"},
		"plots": {"learning.svg", "outputs.svg"},
	}
	var strays []string
	for _, sub := range []string{".", "plots"} {
		names := expected[sub]
		ents, err := os.ReadDir(filepath.Join(runDir, sub))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		require.NoError(t, err)
		for _, e := range ents {
			n := e.Name()
			if slices.Contains(names, n) {
				continue
			}
			rel := filepath.Join(sub, n)
			if clean {
				t.Errorf("%s: unexpected file %s after a clean run", runDir, rel)
				continue
			}
			ok := false
			for _, base := range names {
				ok = ok || strings.HasPrefix(n, "."+base+".tmp-")
			}
			assert.True(t, ok, "%s: %s is neither an output nor a hidden temporary of one", runDir, rel)
			strays = append(strays, rel)
		}
	}
	return strays
}

// checkKilledLog checks the log of a killed run: absent, or whole lines of
// passes 1, 2, ..., ending at the checkpoint's pass or the one after (the
// log is written before the checkpoint). It returns the last pass, -1 if
// there is no log.
func checkKilledLog(t *testing.T, kp, path string, ckptPass int) int {
	t.Helper()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return -1
	}
	hist, err := readLog(path)
	require.NoError(t, err, "kill point %q: the log does not parse", kp)
	require.NotEmpty(t, hist, "kill point %q: empty log", kp)
	for i, e := range hist {
		assert.Equal(t, i+1, e.Pass, "kill point %q: log entry %d", kp, i)
	}
	last := hist[len(hist)-1].Pass
	if ckptPass < 0 {
		assert.Equal(t, 1, last, "kill point %q: a log beyond pass 1 without a checkpoint", kp)
	} else {
		assert.Contains(t, []int{ckptPass, ckptPass + 1}, last, "kill point %q: log ends at pass %d, checkpoint at %d", kp, last, ckptPass)
	}
	return last
}

// checkResumedLog checks the log after a resumed run: passes increasing,
// ending at the last pass; with an evaluation after every pass, exactly
// passes 1 to the last.
func checkResumedLog(t *testing.T, kp, path string, everyPass bool) {
	t.Helper()
	hist, err := readLog(path)
	require.NoError(t, err, "kill point %q: resumed log", kp)
	require.NotEmpty(t, hist)
	for i := 1; i < len(hist); i++ {
		assert.Greater(t, hist[i].Pass, hist[i-1].Pass, "kill point %q: resumed log out of order at entry %d", kp, i)
	}
	assert.Equal(t, crashPasses, hist[len(hist)-1].Pass, "kill point %q: resumed log", kp)
	if everyPass {
		assert.Len(t, hist, crashPasses, "kill point %q: one log entry per pass after the resume", kp)
	}
}

// compareModels requires the resumed run's network to be bit-identical to
// the reference's, and its training state too (the evaluation fields only
// when both evaluated at the same passes).
func compareModels(t *testing.T, kp string, ref, got *rnn.ModelFile, sameEval bool) {
	t.Helper()
	arrays := []struct {
		name string
		a, b []float64
	}{
		{"J", ref.J.Data, got.J.Data},
		{"wIn", ref.WIn.Data, got.WIn.Data},
		{"wFb", ref.WFb.Data, got.WFb.Data},
		{"x0", ref.X0, got.X0},
		{"biasValue", ref.BiasValue, got.BiasValue},
	}
	for _, arr := range arrays {
		require.Len(t, arr.b, len(arr.a), "kill point %q: %s", kp, arr.name)
		for i := range arr.a {
			if math.Float64bits(arr.a[i]) != math.Float64bits(arr.b[i]) {
				t.Fatalf("kill point %q: resumed %s differs from the uninterrupted run's at %d: %v vs %v", kp, arr.name, i, arr.b[i], arr.a[i])
			}
		}
	}
	// The networks also load as such.
	_, err := rnn.NetworkOf[float64](got)
	require.NoError(t, err)
	rs, gs := *ref.State, *got.State
	rs.ElapsedSec, gs.ElapsedSec = 0, 0
	if !sameEval {
		rs.Error, rs.Best, rs.EvalPass = 0, 0, 0
		gs.Error, gs.Best, gs.EvalPass = 0, 0, 0
	}
	assert.Equal(t, rs, gs, "kill point %q: resumed training state", kp)
}
