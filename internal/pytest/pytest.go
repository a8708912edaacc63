// Package pytest runs Python scripts with numpy (and scipy) from tests,
// for the interoperability tests of the file formats.
//
// The project's test script installs Debian's python3-numpy and
// python3-scipy (used through /usr/bin/python3), so a missing module is a
// test failure, not a skip. HEBBRNN_NO_PYTHON=1 skips these tests on
// machines without them.
package pytest

import (
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// interp is the outcome of looking for an interpreter.
type interp struct{ path, err string }

var found sync.Map // modules ("numpy, scipy.io") → interp

// Python returns a python3 that can import the given modules (a Python
// import list such as "numpy" or "numpy, scipy.io"), or fails the test.
func Python(t testing.TB, modules string) string {
	t.Helper()
	if os.Getenv("HEBBRNN_NO_PYTHON") == "1" {
		t.Skip("HEBBRNN_NO_PYTHON=1: skipping a test that needs Python with " + modules)
	}
	v, ok := found.Load(modules)
	if !ok {
		v = find(modules)
		found.Store(modules, v)
	}
	in := v.(interp)
	if in.path == "" {
		t.Fatalf("no python3 that imports %s (install Debian's python3-numpy and python3-scipy, or set HEBBRNN_NO_PYTHON=1 to skip): %s", modules, in.err)
	}
	return in.path
}

func find(modules string) interp {
	cands := []string{"/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		cands = append(cands, p)
	}
	var msgs []string
	for _, c := range cands {
		out, err := exec.Command(c, "-c", "import "+modules).CombinedOutput()
		if err == nil {
			return interp{path: c}
		}
		msgs = append(msgs, c+": "+strings.TrimSpace(string(out))+" "+err.Error())
	}
	return interp{err: strings.Join(msgs, "; ")}
}

// Run runs script with a python3 that imports modules, with args as
// sys.argv[1:], and fails the test on a non-zero exit.
func Run(t testing.TB, modules, script string, args ...string) {
	t.Helper()
	py := Python(t, modules)
	cmd := exec.Command(py, append([]string{"-c", script}, args...)...)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python failed: %v\n%s", err, out)
	}
}
