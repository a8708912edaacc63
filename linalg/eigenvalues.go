package linalg

import (
	"cmp"
	"math"
	"math/cmplx"
	"slices"

	"github.com/hebbrnn/hebbrnn/mat"
)

// Eigenvalues returns the n eigenvalues of the general real n×n matrix a (complex conjugate
// pairs adjacent, positive imaginary part first), sorted by descending modulus. a is not modified.
// An error if a is not square, holds NaN/Inf, or the QR iteration does not converge.
//
// The method is balancing, Householder reduction to Hessenberg form and
// Francis's double-shift QR iteration (see the package documentation).
// Eigenvalues of equal modulus come in descending order of their real
// part; a conjugate pair is exactly conjugate.
func Eigenvalues(a *mat.Dense[float64]) ([]complex128, error) {
	h, exp, err := squareCopy("Eigenvalues", a, false)
	if err != nil {
		return nil, err
	}
	vals, b := isolate(h)
	balance(b)
	hessenberg(b)
	rest := make([]complex128, b.Rows)
	if err := francisQR(b, rest); err != nil {
		return nil, err
	}
	vals = append(vals, rest...)
	for i, v := range vals {
		re, im := math.Ldexp(real(v), exp), math.Ldexp(imag(v), exp)
		if math.IsInf(re, 0) || math.IsInf(im, 0) {
			return nil, errOverflow("Eigenvalues")
		}
		vals[i] = complex(re, im)
	}
	sortByModulus(vals)
	return vals, nil
}

// sortByModulus sorts by descending modulus, then descending real part,
// then descending |imaginary part|, then positive imaginary part first. A
// conjugate pair x ± iy has one modulus and one real part, so no other
// value can sort between its two members, whatever the ties.
func sortByModulus(vals []complex128) {
	slices.SortStableFunc(vals, func(a, b complex128) int {
		if c := cmp.Compare(cmplx.Abs(b), cmplx.Abs(a)); c != 0 {
			return c
		}
		if c := cmp.Compare(real(b), real(a)); c != 0 {
			return c
		}
		if c := cmp.Compare(math.Abs(imag(b)), math.Abs(imag(a))); c != 0 {
			return c
		}
		return cmp.Compare(imag(b), imag(a))
	})
}
