package linalg

import "github.com/hebbrnn/hebbrnn/mat"

// hessenberg reduces h in place to the upper Hessenberg matrix Qᵀ·h·Q by
// Householder reflectors H₀…H_{n-3} (Q is not kept): H_k zeroes column k
// below the subdiagonal, and is applied from the left to rows k+1.. and
// from the right to columns k+1.., with the kernels of package mat.
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
		// Left: B ← B − tau·v·(vᵀ·B) on rows and columns k+1.. .
		b := block(h, k+1, k+1, m, m)
		s := sum[:m]
		clear(s)
		for i := range m {
			mat.Axpy(v[i], b.Row(i), s)
		}
		b.AddOuter(-tau, v, s)
		// Right: C ← C − tau·(C·v)·vᵀ on all rows, columns k+1.. .
		c := block(h, 0, k+1, n, m)
		c.MulVec(sum, 1, v, 0)
		c.AddOuter(-tau, sum, v)
	}
}
