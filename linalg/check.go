package linalg

import (
	"fmt"
	"math"

	"github.com/hebbrnn/hebbrnn/mat"
)

// squareCopy checks that a is a square matrix of finite values and returns
// a compact copy of it scaled by a power of two, with the factor s that
// undoes the scaling (A = s·copy). With lower set only the lower triangle
// is read and checked, and mirrored into the upper one. op names the
// caller in errors.
func squareCopy(op string, a *mat.Dense[float64], lower bool) (w *mat.Dense[float64], s float64, err error) {
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
		return w, 1, nil
	}
	// big = f·2^e with f in [0.5, 1): dividing by 2^e is exact and brings
	// the largest entry into [0.5, 1).
	_, e := math.Frexp(big)
	inv := math.Ldexp(1, -e)
	for i := range w.Data {
		w.Data[i] *= inv
	}
	return w, math.Ldexp(1, e), nil
}

// house turns x into the Householder vector v (v[0] = 1) of the
// reflector P = I − tau·v·vᵀ with P·x = beta·e₁, and returns beta and tau.
// When x is already a multiple of e₁, tau is 0 (P = I) and x is left as it
// is but for x[0] = 1.
func house(x []float64) (beta, tau float64) {
	alpha := x[0]
	tail := 0.0
	for _, v := range x[1:] {
		tail += v * v
	}
	x[0] = 1
	if tail == 0 {
		return alpha, 0
	}
	beta = -math.Copysign(math.Sqrt(alpha*alpha+tail), alpha)
	tau = (beta - alpha) / beta
	inv := 1 / (alpha - beta)
	for i := 1; i < len(x); i++ {
		x[i] *= inv
	}
	return beta, tau
}

// block is the r×c sub-matrix of m at (i, j), r, c ≥ 1, as mat's View but
// as a value, so that the reductions' per-column views cost no allocation.
func block(m *mat.Dense[float64], i, j, r, c int) mat.Dense[float64] {
	start := i*m.Stride + j
	return mat.Dense[float64]{Rows: r, Cols: c, Stride: m.Stride, Data: m.Data[start : start+(r-1)*m.Stride+c]}
}
