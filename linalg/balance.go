package linalg

import (
	"math"

	"github.com/hebbrnn/hebbrnn/mat"
)

// isolate finds the eigenvalues that a permutation of h exposes, as the
// first step of LAPACK's balancing does: a row that is zero off the
// diagonal within the active units can be permuted to the bottom, a column
// that is zero off the diagonal to the top, and its diagonal entry is an
// eigenvalue. Rows are searched until none is found, then columns (in that
// order the permuted matrix is block upper triangular: a row sent to the
// bottom is zero in every unit active at the time, which includes every
// column sent to the top later). It returns those eigenvalues and the
// remaining active block, compact, whose eigenvalues are the others. A
// triangular matrix is thus solved exactly, whichever triangle it fills.
func isolate(h *mat.Dense[float64]) ([]complex128, *mat.Dense[float64]) {
	n := h.Rows
	active := make([]int, n)
	for i := range active {
		active[i] = i
	}
	var found []complex128
	// zeroOff reports whether row (or column, with col) u is zero off the
	// diagonal in the active units.
	zeroOff := func(u int, col bool) bool {
		for _, v := range active {
			if v == u {
				continue
			}
			x := h.Data[u*h.Stride+v]
			if col {
				x = h.Data[v*h.Stride+u]
			}
			if x != 0 {
				return false
			}
		}
		return true
	}
	for _, col := range []bool{false, true} {
		for again := true; again; {
			again = false
			for p := len(active) - 1; p >= 0; p-- {
				u := active[p]
				if zeroOff(u, col) {
					found = append(found, complex(h.At(u, u), 0))
					active = append(active[:p], active[p+1:]...)
					again = true
					break
				}
			}
		}
	}
	if len(found) == 0 {
		return nil, h
	}
	b := mat.NewDense[float64](len(active), len(active))
	for i, u := range active {
		row, src := b.Row(i), h.Row(u)
		for j, v := range active {
			row[j] = src[v]
		}
	}
	return found, b
}

// balance replaces h by the similar matrix D⁻¹·h·D, D diagonal with powers
// of two on it (so the scaling is exact), that makes each unit's row and
// column norms (off the diagonal) about equal (Parlett and Reinsch 1969).
// The eigenvalues do not change, but the norm usually drops, and with it
// the errors of the reduction and the QR iteration, which are relative to
// the norm.
//
// Unit i is rescaled by f = 2^k, k the integer nearest ½·log₂(r/c) for
// the row and column 1-norms r and c, whenever that lowers r + c by 5% or
// more; sweeps repeat until no unit changes. Each accepted scaling lowers
// the sum of the norms by 5%, so the sweeps end.
func balance(h *mat.Dense[float64]) {
	n := h.Rows
	for sweep := 0; sweep < 100; sweep++ {
		changed := false
		for i := 0; i < n; i++ {
			c, r := 0.0, 0.0
			row := h.Row(i)
			for j := 0; j < n; j++ {
				if j != i {
					c += math.Abs(h.Data[j*h.Stride+i])
					r += math.Abs(row[j])
				}
			}
			if c == 0 || r == 0 {
				continue
			}
			k := math.Round(0.5 * math.Log2(r/c))
			if k == 0 {
				continue
			}
			f := math.Ldexp(1, int(k))
			if c*f+r/f >= 0.95*(c+r) {
				continue
			}
			changed = true
			for j := 0; j < n; j++ {
				h.Data[j*h.Stride+i] *= f
			}
			for j := range row {
				row[j] /= f
			}
		}
		if !changed {
			return
		}
	}
}
