package analysis

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rsgTol is rsg's rule: within 0.2·T + 25.
func rsgTol(T float64) float64 { return 0.2*T + 25 }

// TestIntervalsExactLine: produced intervals on a line are fitted
// exactly, whatever the order of the trials; the means and fractions per
// sample interval are those of its trials.
func TestIntervalsExactLine(t *testing.T) {
	var samples, produced []float64
	for _, T := range []float64{600, 300, 450, 300, 600, 450} {
		samples = append(samples, T)
		produced = append(produced, 200+0.5*T) // 350, 425, 500
	}
	iv, err := IntervalReproduction(samples, produced, rsgTol)
	require.NoError(t, err)
	assert.InDelta(t, 0.5, iv.Fit.Slope, 1e-12)
	assert.InDelta(t, 200, iv.Fit.Intercept, 1e-9)
	assert.InDelta(t, 425, iv.Fit.At(450), 1e-9)
	assert.Equal(t, []float64{300, 450, 600}, iv.Samples)
	assert.Equal(t, []int{2, 2, 2}, iv.N)
	assert.InDeltaSlice(t, []float64{350, 425, 500}, iv.Mean, 1e-12)
	assert.Equal(t, []float64{1, 1, 1}, iv.Answered)
	// |350-300| = 50 <= 85; |425-450| = 25 <= 115; |500-600| = 100 <= 145
	assert.Equal(t, []float64{1, 1, 1}, iv.Correct)
	assert.Equal(t, 1.0, iv.FracCorrect)

	// the identity: slope 1, intercept 0
	iv, err = IntervalReproduction([]float64{300, 400, 500}, []float64{300, 400, 500}, rsgTol)
	require.NoError(t, err)
	assert.InDelta(t, 1, iv.Fit.Slope, 1e-12)
	assert.InDelta(t, 0, iv.Fit.Intercept, 1e-9)
}

// TestIntervalsConstant: a network that always produces the same interval
// has slope 0; only the sample intervals near it are correct.
func TestIntervalsConstant(t *testing.T) {
	samples := []float64{300, 350, 400, 450, 500, 550, 600}
	produced := make([]float64, len(samples))
	for i := range produced {
		produced[i] = 430
	}
	iv, err := IntervalReproduction(samples, produced, rsgTol)
	require.NoError(t, err)
	assert.InDelta(t, 0, iv.Fit.Slope, 1e-12)
	assert.InDelta(t, 430, iv.Fit.Intercept, 1e-9)
	// |430-T| <= 0.2T+25 for T from 337.5 to 568.75: 350..550 are
	// correct, 300 and 600 not
	assert.Equal(t, []float64{0, 1, 1, 1, 1, 1, 0}, iv.Correct)
	assert.InDelta(t, 5.0/7, iv.FracCorrect, 1e-15)
}

// TestIntervalsUnanswered: trials without an answer are left out of the
// means and of the fit, count as wrong, and lower the fraction answered;
// a sample interval with no answer at all has a NaN mean.
func TestIntervalsUnanswered(t *testing.T) {
	samples := []float64{300, 300, 400, 400, 500, 500, 600}
	produced := []float64{300, -1, 400, 400, 500, -1, -1}
	iv, err := IntervalReproduction(samples, produced, rsgTol)
	require.NoError(t, err)
	assert.InDelta(t, 1, iv.Fit.Slope, 1e-12, "the unanswered trials do not pull the line")
	assert.InDelta(t, 0, iv.Fit.Intercept, 1e-9)
	assert.Equal(t, []float64{0.5, 1, 0.5, 0}, iv.Answered)
	assert.Equal(t, []float64{0.5, 1, 0.5, 0}, iv.Correct)
	assert.Equal(t, []float64{300, 400, 500}, iv.Mean[:3])
	assert.True(t, math.IsNaN(iv.Mean[3]))
	assert.InDelta(t, 4.0/7, iv.FracAnswered, 1e-15)
	assert.InDelta(t, 4.0/7, iv.FracCorrect, 1e-15)

	// an answer outside the tolerance is answered but wrong
	iv, err = IntervalReproduction([]float64{300, 600}, []float64{386, 454}, rsgTol)
	require.NoError(t, err)
	assert.Equal(t, []float64{0, 0}, iv.Correct, "86 > 85 and 146 > 145")
	assert.Equal(t, 1.0, iv.FracAnswered)
}

// TestIntervalsErrors: no answer at all, a single answered interval,
// mismatched or empty input and non-finite values are errors.
func TestIntervalsErrors(t *testing.T) {
	for _, c := range []struct {
		samples, produced []float64
		want              string
	}{
		{[]float64{300, 400, 500}, []float64{-1, -1, -1}, "none of the 3 trials produced an interval"},
		{[]float64{300, 300, 400}, []float64{310, 290, -1}, "all have the sample interval 300"},
		{[]float64{300, 400}, []float64{300}, "2 sample intervals and 1 produced"},
		{nil, nil, "no trials"},
		{[]float64{300, math.NaN()}, []float64{300, 400}, "trial 1"},
		{[]float64{300, 400}, []float64{300, math.Inf(1)}, "not finite"},
	} {
		_, err := IntervalReproduction(c.samples, c.produced, rsgTol)
		require.Error(t, err, c.want)
		assert.Contains(t, err.Error(), c.want)
	}
}
