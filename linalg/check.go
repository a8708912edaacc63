package linalg

import (
	"fmt"
	"math"

	"github.com/hebbrnn/hebbrnn/mat"
)

const (
	// eps is the spacing of float64 values at 1.
	eps = 0x1p-52
	// tiny is the size below which an off-diagonal entry is negligible
	// whatever its neighbours, in a matrix scaled to entries of about 1:
	// the square root of the smallest normal number (as in LAPACK's steqr).
	// It is far below ε, so deflating it costs no accuracy, but far above
	// the subnormal range, where roundoff stalls the iterations: with only
	// the relative test, a block of entries near 1e-300 beside zero
	// diagonals never deflated.
	tiny = 0x1p-511
)

// squareCopy checks that a is a square matrix of finite values and returns
// a compact copy of it scaled by a power of two, 2^-e, so that its largest
// entry is in [0.5, 1) (A = 2^e·copy). With lower set only the lower
// triangle is read and checked, and mirrored into the upper one. op names
// the caller in errors.
func squareCopy(op string, a *mat.Dense[float64], lower bool) (w *mat.Dense[float64], e int, err error) {
	if a == nil {
		return nil, 0, fmt.Errorf("linalg: %s: the matrix is nil; pass an n×n matrix", op)
	}
	if a.Rows != a.Cols {
		return nil, 0, fmt.Errorf("linalg: %s: the matrix is %d×%d, not square; pass an n×n matrix", op, a.Rows, a.Cols)
	}
	n := a.Rows
	w = mat.NewDense[float64](n, n)
	big := 0.0
	for i := 0; i < n; i++ {
		src, dst := a.Row(i), w.Row(i)
		if lower {
			src = src[:i+1]
		}
		for j, v := range src {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, 0, fmt.Errorf("linalg: %s: element (%d,%d) of the %d×%d matrix is %v; the decomposition needs finite values (a diverged network or a bad file?)", op, i, j, n, n, v)
			}
			dst[j] = v
			big = max(big, math.Abs(v))
		}
	}
	if lower {
		for i := 0; i < n; i++ {
			row := w.Row(i)
			for j := i + 1; j < n; j++ {
				row[j] = w.Data[j*w.Stride+i]
			}
		}
	}
	if big == 0 {
		return w, 0, nil
	}
	// big = f·2^e with f in [0.5, 1): dividing by 2^e is exact but for
	// entries that fall below the normal range. Ldexp, not a product
	// with 2^-e, which overflows when big is subnormal.
	_, e = math.Frexp(big)
	for i := range w.Data {
		w.Data[i] = math.Ldexp(w.Data[i], -e)
	}
	return w, e, nil
}

// errOverflow is the error of an eigenvalue that a float64 cannot hold
// (the matrix's entries are near the top of the range).
func errOverflow(op string) error {
	return fmt.Errorf("linalg: %s: an eigenvalue is beyond the float64 range (±1.8e308); scale the matrix down by a power of two and its eigenvalues back up as needed", op)
}
