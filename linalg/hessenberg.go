package linalg

import (
	"math"

	"github.com/hebbrnn/hebbrnn/mat"
)

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

// hessenberg reduces h in place to the upper Hessenberg matrix Qᵀ·h·Q by
// Householder reflectors H₀…H_{n-3} (Q is not kept): H_k zeroes column k
// below the subdiagonal, and is applied from the left to rows k+1.. and
// from the right to columns k+1.., both as loops along rows.
func hessenberg(h *mat.Dense[float64]) {
	n := h.Rows
	if n < 3 {
		return
	}
	x := make([]float64, n)
	sum := make([]float64, n)
	for k := 0; k < n-2; k++ {
		m := n - k - 1
		v := x[:m]
		for i := range m {
			v[i] = h.At(k+1+i, k)
		}
		beta, tau := house(v)
		h.Set(k+1, k, beta)
		for i := k + 2; i < n; i++ {
			h.Set(i, k, 0)
		}
		if tau == 0 {
			continue
		}
		// Left: rows k+1.. of columns k+1.. take −tau·v·(vᵀ·rows).
		s := sum[:m]
		clear(s)
		for i := range m {
			axpy(v[i], h.Row(k + 1 + i)[k+1:], s)
		}
		for i := range m {
			axpy(-tau*v[i], s, h.Row(k + 1 + i)[k+1:])
		}
		// Right: every row's columns k+1.. take −tau·(row·v)·vᵀ.
		for i := 0; i < n; i++ {
			row := h.Row(i)[k+1:]
			axpy(-tau*dot(v, row), v, row)
		}
	}
}
