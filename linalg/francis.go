package linalg

import (
	"cmp"
	"fmt"
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
	h, scale, err := squareCopy("Eigenvalues", a, false)
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
		vals[i] = v * complex(scale, 0)
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

// francisQR finds the eigenvalues of the upper Hessenberg matrix h
// (destroyed) by Francis's implicit double-shift QR iteration and stores
// them in vals in the order they deflate.
//
// The active block is rows and columns lo..hi, the trailing unreduced
// block: its subdiagonal entry hi+1 (if any) is already zero. A
// subdiagonal entry that is negligible beside its two diagonal
// neighbours is set to zero and splits the block; a 1×1 block at the
// bottom gives a real eigenvalue, a 2×2 block a real pair or a conjugate
// pair. Otherwise one double-shift step, whose two shifts are the
// eigenvalues of the block's trailing 2×2, chases a 3×3 bulge down the
// block. Only eigenvalues are wanted, so each step is applied to the
// active block only.
func francisQR(h *mat.Dense[float64], vals []complex128) error {
	n := h.Rows
	const eps = 0x1p-52
	norm := 0.0 // 1-norm-like size of h, for diagonals that are both 0
	for i := 0; i < n; i++ {
		for _, v := range h.Row(i)[max(i-1, 0):] {
			norm += math.Abs(v)
		}
	}
	maxIter := 30 * max(10, n)
	iter := 0
	for hi := n - 1; hi >= 0; {
		lo := hi
		for ; lo > 0; lo-- {
			sub := math.Abs(h.At(lo, lo-1))
			s := math.Abs(h.At(lo-1, lo-1)) + math.Abs(h.At(lo, lo))
			if s == 0 {
				s = norm
			}
			if sub <= eps*s {
				h.Set(lo, lo-1, 0)
				break
			}
		}
		switch lo {
		case hi:
			vals[hi] = complex(h.At(hi, hi), 0)
			hi--
			iter = 0
			continue
		case hi - 1:
			vals[hi-1], vals[hi] = eig2(h.At(hi-1, hi-1), h.At(hi-1, hi), h.At(hi, hi-1), h.At(hi, hi))
			hi -= 2
			iter = 0
			continue
		}
		iter++
		if iter > maxIter {
			return fmt.Errorf("linalg: Eigenvalues: the QR iteration did not converge in %d steps on a %d×%d block; please report the matrix", maxIter, hi+1, hi+1)
		}
		// The shifts enter through the trailing 2×2 [[e f] [g k]]: its
		// trace and determinant, kept as e, k and f·g. Every 10 steps
		// without deflation, exceptional shifts from the size of the last
		// subdiagonal entries break a possible cycle.
		e, k, fg := h.At(hi-1, hi-1), h.At(hi, hi), h.At(hi-1, hi)*h.At(hi, hi-1)
		if iter%10 == 0 {
			s := math.Abs(h.At(hi, hi-1)) + math.Abs(h.At(hi-1, hi-2))
			e = h.At(hi, hi) + 0.75*s
			k = e
			fg = -0.4375 * s * s
		}
		francisStep(h, lo, hi, e, k, fg)
	}
	return nil
}

// francisStep makes one implicit double-shift QR step on the unreduced
// Hessenberg block lo..hi (hi ≥ lo+2) of h, with the two shifts that are
// the eigenvalues of [[e f] [g k]] (fg = f·g).
//
// The first column of (H − σ₁)(H − σ₂) has three nonzeros; divided by
// h[lo+1][lo] they are x, y, z below, a form that loses less to
// cancellation than the expanded product. The reflector that maps them to
// a multiple of e₁ creates a bulge below the subdiagonal, and the
// reflectors at lo+1.. chase it off the bottom of the block.
func francisStep(h *mat.Dense[float64], lo, hi int, e, k, fg float64) {
	a, b, c, d := h.At(lo, lo), h.At(lo, lo+1), h.At(lo+1, lo), h.At(lo+1, lo+1)
	x := ((a-e)*(a-k)-fg)/c + b
	y := d - a - (e - a) - (k - a)
	z := h.At(lo+2, lo+1)
	for j := lo; j < hi; j++ {
		if j > lo {
			x, y = h.At(j, j-1), h.At(j+1, j-1)
			z = 0
			if j+2 <= hi {
				z = h.At(j+2, j-1)
			}
		}
		size := math.Abs(x) + math.Abs(y) + math.Abs(z)
		if size == 0 {
			continue // nothing to chase at this position
		}
		x, y, z = x/size, y/size, z/size
		beta := -math.Copysign(math.Sqrt(x*x+y*y+z*z), x)
		tau := (beta - x) / beta
		v1, v2 := y/(x-beta), z/(x-beta)
		three := j+2 <= hi
		if j > lo {
			h.Set(j, j-1, beta*size)
			h.Set(j+1, j-1, 0)
			if three {
				h.Set(j+2, j-1, 0)
			}
		}
		// From the left on rows j..j+2, columns j..hi.
		r0, r1 := h.Row(j)[j:hi+1], h.Row(j + 1)[j:hi+1]
		if three {
			r2 := h.Row(j + 2)[j : hi+1]
			for col := range r0 {
				s := tau * (r0[col] + v1*r1[col] + v2*r2[col])
				r0[col] -= s
				r1[col] -= s * v1
				r2[col] -= s * v2
			}
		} else {
			for col := range r0 {
				s := tau * (r0[col] + v1*r1[col])
				r0[col] -= s
				r1[col] -= s * v1
			}
		}
		// From the right on columns j..j+2, rows lo..min(j+3, hi).
		for i := lo; i <= min(j+3, hi); i++ {
			row := h.Row(i)[j:]
			if three {
				s := tau * (row[0] + v1*row[1] + v2*row[2])
				row[0] -= s
				row[1] -= s * v1
				row[2] -= s * v2
			} else {
				s := tau * (row[0] + v1*row[1])
				row[0] -= s
				row[1] -= s * v1
			}
		}
	}
}

// eig2 returns the eigenvalues of the real 2×2 matrix [[a b] [c d]]: two
// reals, the larger first, or a conjugate pair, the positive imaginary
// part first. The smaller real root is taken from the product of the roots
// to avoid cancellation.
func eig2(a, b, c, d float64) (complex128, complex128) {
	p := 0.5 * (a - d)
	bc := b * c
	q := p*p + bc
	if q < 0 {
		im := math.Sqrt(-q)
		return complex(d+p, im), complex(d+p, -im)
	}
	z := p + math.Copysign(math.Sqrt(q), p)
	if z == 0 {
		return complex(d, 0), complex(d, 0)
	}
	r1, r2 := d+z, d-bc/z
	if r2 > r1 {
		r1, r2 = r2, r1
	}
	return complex(r1, 0), complex(r2, 0)
}
