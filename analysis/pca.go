package analysis

import (
	"errors"
	"fmt"

	"github.com/hebbrnn/hebbrnn/linalg"
	"github.com/hebbrnn/hebbrnn/mat"
)

// PCA is the principal component analysis of a set of states.
type PCA struct {
	Mean []float64 // N, the mean state
	// Components holds the principal axes in its columns (N×N, unit
	// length), by decreasing variance.
	Components *mat.Dense[float64]
	// Variance is the variance along each axis (the eigenvalues of the
	// covariance, descending, negative rounding clipped to 0); Explained
	// is each one's fraction of the total.
	Variance, Explained []float64
	Samples             int
}

// FitPCA finds the principal components of the rows of the given
// matrices (each steps×N, e.g. the rates R of clean runs: every trial's
// every step is a sample), centred on their mean, from the eigenvectors of
// their covariance (linalg.EigSym).
func FitPCA(states []*mat.Dense[float64]) (*PCA, error) {
	if len(states) == 0 {
		return nil, errors.New("PCA of no states")
	}
	n, total := states[0].Cols, 0
	for i, s := range states {
		if s.Cols != n {
			return nil, fmt.Errorf("states %d have %d columns, states 0 %d", i, s.Cols, n)
		}
		total += s.Rows
	}
	if total < 2 || n == 0 {
		return nil, fmt.Errorf("PCA of %d samples of %d values: need 2 samples or more", total, n)
	}
	mean := make([]float64, n)
	for _, s := range states {
		for i := 0; i < s.Rows; i++ {
			mat.Axpy(1, s.Row(i), mean)
		}
	}
	mat.Scal(1/float64(total), mean)
	cov := mat.NewDense[float64](n, n)
	for _, s := range states {
		c := mat.NewDense[float64](s.Rows, n)
		for i := 0; i < s.Rows; i++ {
			row := c.Row(i)
			copy(row, s.Row(i))
			mat.Axpy(-1, mean, row)
		}
		cov.AddMulTN(1/float64(total-1), c, c)
	}
	vals, vecs, err := linalg.EigSym(cov)
	if err != nil {
		return nil, fmt.Errorf("PCA: %w", err)
	}
	p := &PCA{Mean: mean, Components: vecs, Variance: make([]float64, n), Explained: make([]float64, n), Samples: total}
	sum := 0.0
	for i, v := range vals {
		p.Variance[i] = max(v, 0)
		sum += p.Variance[i]
	}
	for i, v := range p.Variance {
		if sum > 0 {
			p.Explained[i] = v / sum
		}
	}
	return p, nil
}

// Project returns the coordinates of the rows of s (rows×N) on the first
// k components (rows×k).
func (p *PCA) Project(s *mat.Dense[float64], k int) *mat.Dense[float64] {
	k = min(k, p.Components.Cols)
	out := mat.NewDense[float64](s.Rows, k)
	c := make([]float64, len(p.Mean))
	for i := 0; i < s.Rows; i++ {
		copy(c, s.Row(i))
		mat.Axpy(-1, p.Mean, c)
		row := out.Row(i)
		for j := 0; j < k; j++ {
			row[j] = 0
		}
		for u, v := range c { // row = cᵀ·V[:, :k]
			mat.Axpy(v, p.Components.Row(u)[:k], row)
		}
	}
	return out
}
