package linalg

import (
	"math"
	"slices"

	"github.com/hebbrnn/hebbrnn/mat"
)

// EigSym returns the eigenvalues of the symmetric n×n matrix a in descending order and the
// matching orthonormal eigenvectors as the columns of vecs (n×n). a is not modified; only its
// lower triangle need be read. An error if a is not square or holds NaN/Inf.
//
// The method is Householder tridiagonalisation followed by the implicit QL
// iteration with Wilkinson shifts (see the package documentation). The sign
// of each eigenvector is fixed so that its entry of largest magnitude (the
// first of equal ones) is positive, which keeps, e.g., principal
// components pointing the same way from one run or kernel tier to the
// next unless two entries are about equal in magnitude.
func EigSym(a *mat.Dense[float64]) (vals []float64, vecs *mat.Dense[float64], err error) {
	w, exp, err := squareCopy("EigSym", a, true)
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
		vals[j] = math.Ldexp(d[p], exp)
		if math.IsInf(vals[j], 0) {
			return nil, nil, errOverflow("EigSym")
		}
		row := u.Row(p)
		sign, big := 1.0, 0.0
		for _, v := range row {
			if math.Abs(v) > big {
				big = math.Abs(v)
				sign = math.Copysign(1, v)
			}
		}
		for r, v := range row {
			vecs.Data[r*vecs.Stride+j] = sign * v
		}
	}
	return vals, vecs, nil
}
