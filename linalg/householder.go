package linalg

import (
	"math"

	"github.com/hebbrnn/hebbrnn/mat"
)

// house turns x into the Householder vector v (v[0] = 1) of the
// reflector P = I − tau·v·vᵀ with P·x = beta·e₁, and returns beta and tau.
// When x is a multiple of e₁ but for entries below tiny (negligible in the
// scaled matrices of this package), tau is 0 (P = I), beta is x[0], and x
// is left as it is but for x[0] = 1.
//
// The norm is taken of x divided by its largest entry, and v by dividing,
// not multiplying by a reciprocal: squares of entries far below 1
// underflow, a reciprocal of a subnormal number overflows, and either
// would leave tau and v out of step, P no longer orthogonal. For the same
// reason entries below tiny are not reflected: in the subnormal range the
// norm has too few significant bits.
func house(x []float64) (beta, tau float64) {
	alpha := x[0]
	x[0] = 1
	big := 0.0
	for _, v := range x[1:] {
		big = max(big, math.Abs(v))
	}
	if big <= tiny {
		return alpha, 0
	}
	big = max(big, math.Abs(alpha))
	ss := (alpha / big) * (alpha / big)
	for _, v := range x[1:] {
		ss += (v / big) * (v / big)
	}
	beta = -math.Copysign(big*math.Sqrt(ss), alpha)
	tau = (beta - alpha) / beta
	den := alpha - beta
	for i := 1; i < len(x); i++ {
		x[i] /= den
	}
	return beta, tau
}

// block is the r×c sub-matrix of m at (i, j), r, c ≥ 1, as mat's View but
// as a value, so that the reductions' per-column views cost no allocation.
func block(m *mat.Dense[float64], i, j, r, c int) mat.Dense[float64] {
	start := i*m.Stride + j
	return mat.Dense[float64]{Rows: r, Cols: c, Stride: m.Stride, Data: m.Data[start : start+(r-1)*m.Stride+c]}
}
