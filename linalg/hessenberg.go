package linalg

import "github.com/hebbrnn/hebbrnn/mat"

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
