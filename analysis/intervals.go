package analysis

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Line is the line y = Intercept + Slope·x.
type Line struct {
	Intercept, Slope float64
}

// At returns the line's y at x.
func (l Line) At(x float64) float64 { return l.Intercept + l.Slope*x }

// Intervals is the analysis of interval reproduction (Jazayeri & Shadlen
// 2010): the produced interval against the sample interval.
type Intervals struct {
	// Samples are the distinct sample intervals, ascending; the other
	// slices have one entry per sample interval.
	Samples []float64
	N       []int // trials
	// Answered is the fraction of trials that produced an interval.
	Answered []float64
	// Mean is the mean produced interval of the answered trials (NaN when
	// none answered).
	Mean []float64
	// Correct is the fraction of trials whose produced interval is
	// within the tolerance of the sample interval (a trial without answer
	// is wrong).
	Correct []float64
	// FracAnswered and FracCorrect are those fractions over every trial.
	FracAnswered, FracCorrect float64
	// Fit is the least-squares line produced = a + b·T over the answered
	// trials: slope 1 is perfect timing, 0 a fixed interval whatever T;
	// between them, produced intervals regress to the mean.
	Fit Line
}

// IntervalReproduction analyses trials of sample intervals samples[i]
// that produced the intervals produced[i] (negative: no answer). A trial
// is correct when |produced - T| <= tol(T). It fails when the lengths
// differ, there are no trials, a value is not finite, no trial answered,
// or the answered trials have a single sample interval (no line then).
func IntervalReproduction(samples, produced []float64, tol func(T float64) float64) (*Intervals, error) {
	if len(samples) != len(produced) {
		return nil, fmt.Errorf("%d sample intervals and %d produced intervals", len(samples), len(produced))
	}
	if len(samples) == 0 {
		return nil, errors.New("no trials")
	}
	for i := range samples {
		if !isFinite(samples[i]) || !isFinite(produced[i]) {
			return nil, fmt.Errorf("trial %d: sample interval %v, produced %v: not finite", i, samples[i], produced[i])
		}
	}
	iv := &Intervals{Samples: slices.Compact(slices.Sorted(slices.Values(samples)))}
	k := len(iv.Samples)
	iv.N, iv.Answered, iv.Mean, iv.Correct = make([]int, k), make([]float64, k), make([]float64, k), make([]float64, k)
	var sx, sy float64
	answered, correct := 0, 0
	for i, T := range samples {
		j, _ := slices.BinarySearch(iv.Samples, T)
		iv.N[j]++
		p := produced[i]
		if p < 0 {
			continue
		}
		iv.Answered[j]++
		iv.Mean[j] += p
		answered++
		sx, sy = sx+T, sy+p
		if math.Abs(p-T) <= tol(T) {
			iv.Correct[j]++
			correct++
		}
	}
	if answered == 0 {
		return nil, fmt.Errorf("none of the %d trials produced an interval: no line to fit", len(samples))
	}
	for j := range k {
		if iv.Answered[j] > 0 {
			iv.Mean[j] /= iv.Answered[j]
		} else {
			iv.Mean[j] = math.NaN()
		}
		iv.Answered[j] /= float64(iv.N[j])
		iv.Correct[j] /= float64(iv.N[j])
	}
	iv.FracAnswered = float64(answered) / float64(len(samples))
	iv.FracCorrect = float64(correct) / float64(len(samples))
	// Least squares about the means, for accuracy.
	mx, my := sx/float64(answered), sy/float64(answered)
	var sxx, sxy float64
	for i, T := range samples {
		if p := produced[i]; p >= 0 {
			sxx += (T - mx) * (T - mx)
			sxy += (T - mx) * (p - my)
		}
	}
	if sxx == 0 {
		return nil, fmt.Errorf("the %d trials that produced an interval all have the sample interval %v: a line needs two", answered, mx)
	}
	b := sxy / sxx
	iv.Fit = Line{Intercept: my - b*mx, Slope: b}
	return iv, nil
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
