package linalg

import (
	"fmt"
	"math"

	"github.com/hebbrnn/hebbrnn/mat"
)

// tridiagonalQL diagonalises the symmetric tridiagonal matrix (d, e) in
// place by the implicit QL iteration with Wilkinson shifts: d ends as the
// eigenvalues (unsorted). Each plane rotation of columns i, i+1 of the
// eigenvector matrix is applied to rows i, i+1 of u, which holds that
// matrix transposed, so the rows of u end as the eigenvectors.
func tridiagonalQL(d, e []float64, u *mat.Dense[float64]) error {
	n := len(d)
	tmp := make([]float64, n)
	for l := 0; l < n; l++ {
		for iter := 0; ; iter++ {
			// The first negligible off-diagonal entry at or after l ends
			// the unreduced block l..m: negligible beside its diagonal
			// neighbours, or tiny outright.
			m := l
			for ; m < n-1; m++ {
				if math.Abs(e[m]) <= max(eps*(math.Abs(d[m])+math.Abs(d[m+1])), tiny) {
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
				rotateRows(u.Row(i), u.Row(i+1), c, s, tmp)
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
// y (index i+1): x ← c·x − s·y, y ← s·x + c·y, with tmp (len(x)) as
// scratch. It is written as four passes of mat's vector kernels, which
// are several times faster than one scalar loop.
func rotateRows(x, y []float64, c, s float64, tmp []float64) {
	copy(tmp, x)
	mat.Scal(c, x)
	mat.Axpy(-s, y, x)
	mat.Scal(c, y)
	mat.Axpy(s, tmp, y)
}
