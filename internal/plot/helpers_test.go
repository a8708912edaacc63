package plot

import (
	"math"
	"reflect"
	"testing"
)

// Small assertion helpers (the module's go.sum does not yet carry testify's
// own dependencies, so these tests use the standard library only).

func eq[T any](t *testing.T, want, got T, msg string, args ...any) {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		t.Errorf(msg+": want %v, got %v", append(args, want, got)...)
	}
}

func near(t *testing.T, want, got, tol float64, msg string, args ...any) {
	t.Helper()
	if !(math.Abs(want-got) <= tol) {
		t.Errorf(msg+": want %g ± %g, got %g", append(args, want, tol, got)...)
	}
}

func check(t *testing.T, ok bool, msg string, args ...any) {
	t.Helper()
	if !ok {
		t.Errorf(msg, args...)
	}
}

func must(t *testing.T, ok bool, msg string, args ...any) {
	t.Helper()
	if !ok {
		t.Fatalf(msg, args...)
	}
}

func contains(vs []float64, v float64) bool {
	for _, x := range vs {
		if math.Abs(x-v) <= 1e-12*math.Abs(v) {
			return true
		}
	}
	return false
}
