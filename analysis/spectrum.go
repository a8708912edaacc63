package analysis

import (
	"math/cmplx"
	"slices"

	"github.com/hebbrnn/hebbrnn/linalg"
	"github.com/hebbrnn/hebbrnn/mat"
)

// Spectrum returns the eigenvalues of a square matrix (the recurrent
// weights J) by decreasing modulus.
func Spectrum(j *mat.Dense[float64]) ([]complex128, error) {
	ev, err := linalg.Eigenvalues(j)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(ev, func(a, b complex128) int {
		ma, mb := cmplx.Abs(a), cmplx.Abs(b)
		switch {
		case ma > mb:
			return -1
		case ma < mb:
			return 1
		}
		return 0
	})
	return ev, nil
}
