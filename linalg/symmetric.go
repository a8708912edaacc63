package linalg

import (
	"fmt"
	"math"
	"slices"

	"github.com/hebbrnn/hebbrnn/mat"
)

// EigSym returns the eigenvalues of the symmetric n×n matrix a in descending order and the
// matching orthonormal eigenvectors as the columns of vecs (n×n). a is not modified; only its
// lower triangle need be read. An error if a is not square or holds NaN/Inf.
//
// The method is Householder tridiagonalisation followed by the implicit QL
// iteration with Wilkinson shifts (see the package documentation).
func EigSym(a *mat.Dense[float64]) (vals []float64, vecs *mat.Dense[float64], err error) {
	w, scale, err := squareCopy("EigSym", a, true)
	if err != nil {
		return nil, nil, err
	}
	n := w.Rows
	d := make([]float64, n)
	e := make([]float64, n)
	tridiagonalize(w, d, e)
	u := mat.NewDense[float64](n, n)
	householderProduct(w, u)
	if err := tridiagonalQL(d, e, u); err != nil {
		return nil, nil, err
	}

	// Descending order; u's rows are the eigenvectors.
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(i, j int) int {
		switch {
		case d[i] > d[j]:
			return -1
		case d[i] < d[j]:
			return 1
		}
		return 0
	})
	vals = make([]float64, n)
	vecs = mat.NewDense[float64](n, n)
	for j, p := range perm {
		vals[j] = d[p] * scale
		for r, v := range u.Row(p) {
			vecs.Data[r*vecs.Stride+j] = v
		}
	}
	return vals, vecs, nil
}

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

// tridiagonalQL diagonalises the symmetric tridiagonal matrix (d, e) in
// place by the implicit QL iteration with Wilkinson shifts: d ends as the
// eigenvalues (unsorted). Each plane rotation of columns i, i+1 of the
// eigenvector matrix is applied to rows i, i+1 of u, which holds that
// matrix transposed, so the rows of u end as the eigenvectors.
func tridiagonalQL(d, e []float64, u *mat.Dense[float64]) error {
	n := len(d)
	const eps = 0x1p-52
	for l := 0; l < n; l++ {
		for iter := 0; ; iter++ {
			// The first negligible off-diagonal entry at or after l ends
			// the unreduced block l..m.
			m := l
			for ; m < n-1; m++ {
				if math.Abs(e[m]) <= eps*(math.Abs(d[m])+math.Abs(d[m+1])) {
					break
				}
			}
			if m == l {
				break // d[l] is an eigenvalue
			}
			if iter == 50 {
				return fmt.Errorf("linalg: EigSym: the QL iteration did not converge at eigenvalue %d of %d; please report the matrix", l, n)
			}
			// Wilkinson shift: the eigenvalue of the leading 2×2 block
			// closer to d[l]; g is d[m] minus the shift.
			g := (d[l+1] - d[l]) / (2 * e[l])
			r := math.Hypot(g, 1)
			g = d[m] - d[l] + e[l]/(g+math.Copysign(r, g))
			s, c, p := 1.0, 1.0, 0.0
			i := m - 1
			for ; i >= l; i-- {
				f, b := s*e[i], c*e[i]
				r = math.Hypot(f, g)
				e[i+1] = r
				if r == 0 {
					// The rotation underflowed: the block splits at i+1.
					d[i+1] -= p
					e[m] = 0
					break
				}
				s, c = f/r, g/r
				g = d[i+1] - p
				r = (d[i]-g)*s + 2*c*b
				p = s * r
				d[i+1] = g + p
				g = c*r - b
				rotateRows(u.Row(i), u.Row(i+1), c, s)
			}
			if r == 0 && i >= l {
				continue
			}
			d[l] -= p
			e[l] = g
			e[m] = 0
		}
	}
	return nil
}

// rotateRows applies the plane rotation (c, s) to the rows x (index i) and
// y (index i+1): x ← c·x − s·y, y ← s·x + c·y.
func rotateRows(x, y []float64, c, s float64) {
	y = y[:len(x)]
	for k, xv := range x {
		yv := y[k]
		x[k] = c*xv - s*yv
		y[k] = s*xv + c*yv
	}
}
