package linalg

import "github.com/hebbrnn/hebbrnn/mat"

// tridiagonalize reduces the symmetric matrix w (both triangles set) to the
// tridiagonal T = Qᵀ·A·Q with diagonal d and off-diagonal e (e[k] couples
// k and k+1; e[n-1] = 0). Q = H₀·H₁···H_{n-3}, and the Householder vector
// of H_k, acting on indices k+1..n-1, is left in row k of w from column
// k+1 on (its tau in w[k][k]), for householderProduct.
//
// Step k reads column k below the diagonal as row k right of it (the
// trailing block is kept whole and symmetric), so every loop runs along
// rows.
func tridiagonalize(w *mat.Dense[float64], d, e []float64) {
	n := w.Rows
	if n == 0 {
		return
	}
	p := make([]float64, n)
	for k := 0; k < n-2; k++ {
		rowK := w.Row(k)
		d[k] = rowK[k]
		v := rowK[k+1:]
		beta, tau := house(v)
		e[k] = beta
		rowK[k] = tau
		if tau == 0 {
			continue
		}
		// B ← H·B·H for the trailing block B, as B − v·qᵀ − q·vᵀ with
		// p = tau·B·v and q = p − (tau/2)(vᵀp)·v.
		m := n - k - 1
		b := block(w, k+1, k+1, m, m)
		pk := p[:m]
		b.MulVec(pk, tau, v, 0)
		mat.Axpy(-0.5*tau*mat.Dot(v, pk), v, pk)
		b.AddOuter(-1, v, pk)
		b.AddOuter(-1, pk, v)
	}
	if n >= 2 {
		d[n-2] = w.At(n-2, n-2)
		e[n-2] = w.At(n-2, n-1)
	}
	d[n-1] = w.At(n-1, n-1)
	e[n-1] = 0
}

// householderProduct sets u = Qᵀ = H_{n-3}···H₀ from the reflectors that
// tridiagonalize left in w. It multiplies from the right starting with the
// last reflector: while H_k is applied, the product differs from the
// identity only in rows and columns k+1.., so only that block B is
// touched: B ← B − tau·(B·v)·vᵀ.
func householderProduct(w, u *mat.Dense[float64]) {
	n := w.Rows
	for i := 0; i < n; i++ {
		u.Set(i, i, 1)
	}
	s := make([]float64, n)
	for k := n - 3; k >= 0; k-- {
		rowK := w.Row(k)
		tau, v := rowK[k], rowK[k+1:]
		if tau == 0 {
			continue
		}
		m := n - k - 1
		b := block(u, k+1, k+1, m, m)
		b.MulVec(s[:m], 1, v, 0)
		b.AddOuter(-tau, s[:m], v)
	}
}
