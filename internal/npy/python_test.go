package npy

import (
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// The interop tests run a Python interpreter with numpy to produce and check
// files. The project's test script installs Debian's python3-numpy (used via
// /usr/bin/python3), so a missing numpy is a test FAILURE, not a skip. Set
// HEBBRNN_NO_PYTHON=1 to skip these tests on machines without numpy.

var (
	pythonOnce sync.Once
	pythonPath string
	pythonErr  string
)

func findPython() {
	cands := []string{"/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		cands = append(cands, p)
	}
	var msgs []string
	for _, c := range cands {
		out, err := exec.Command(c, "-c", "import numpy").CombinedOutput()
		if err == nil {
			pythonPath = c
			return
		}
		msgs = append(msgs, c+": "+strings.TrimSpace(string(out))+" "+err.Error())
	}
	pythonErr = strings.Join(msgs, "; ")
}

// pythonWithNumpy returns a python3 that can import numpy, or fails the test
// (skips if HEBBRNN_NO_PYTHON=1).
func pythonWithNumpy(t *testing.T) string {
	t.Helper()
	if os.Getenv("HEBBRNN_NO_PYTHON") == "1" {
		t.Skip("HEBBRNN_NO_PYTHON=1: skipping numpy interop test")
	}
	pythonOnce.Do(findPython)
	if pythonPath == "" {
		t.Fatalf("no python3 with numpy found (install python3-numpy, or set HEBBRNN_NO_PYTHON=1 to skip): %s", pythonErr)
	}
	return pythonPath
}

// runPython runs script with the numpy-capable interpreter, with dir as
// its only argument (sys.argv[1]), and fails the test on a non-zero exit.
func runPython(t *testing.T, script, dir string) {
	t.Helper()
	py := pythonWithNumpy(t)
	cmd := exec.Command(py, "-c", script, dir)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python failed: %v\n%s", err, out)
	}
}
