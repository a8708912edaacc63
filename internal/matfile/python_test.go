package matfile

import (
	"testing"

	"github.com/hebbrnn/hebbrnn/internal/pytest"
)

// runPython runs script with a python3 that has numpy and scipy, with dir
// as its only argument (sys.argv[1]); see package pytest.
func runPython(t *testing.T, script, dir string) {
	t.Helper()
	pytest.Run(t, "numpy, scipy.io", script, dir)
}
