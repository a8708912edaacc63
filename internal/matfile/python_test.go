package matfile

import (
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// The interop tests run a Python interpreter with numpy and scipy to produce
// and check files. The project's test script installs Debian's
// python3-numpy and python3-scipy (used via /usr/bin/python3), so a missing
// scipy is a test FAILURE, not a skip. Set HEBBRNN_NO_PYTHON=1 to skip these
// tests on machines without them.

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
		out, err := exec.Command(c, "-c", "import numpy, scipy.io").CombinedOutput()
		if err == nil {
			pythonPath = c
			return
		}
		msgs = append(msgs, c+": "+strings.TrimSpace(string(out))+" "+err.Error())
	}
	pythonErr = strings.Join(msgs, "; ")
}

// pythonWithScipy returns a python3 that can import numpy and scipy, or fails the test
// (skips if HEBBRNN_NO_PYTHON=1).
func pythonWithScipy(t *testing.T) string {
	t.Helper()
	if os.Getenv("HEBBRNN_NO_PYTHON") == "1" {
		t.Skip("HEBBRNN_NO_PYTHON=1: skipping numpy/scipy interop test")
	}
	pythonOnce.Do(findPython)
	if pythonPath == "" {
		t.Fatalf("no python3 with numpy and scipy found (install python3-numpy and python3-scipy, or set HEBBRNN_NO_PYTHON=1 to skip): %s", pythonErr)
	}
	return pythonPath
}

// runPython runs script with the scipy-capable interpreter, with dir as
// its only argument (sys.argv[1]), and fails the test on a non-zero exit.
func runPython(t *testing.T, script, dir string) {
	t.Helper()
	py := pythonWithScipy(t)
	cmd := exec.Command(py, "-c", script, dir)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python failed: %v\n%s", err, out)
	}
}
