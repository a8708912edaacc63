package rnn

import (
	"encoding/json"
)

// Errors are the two errors of a trial (docs/algorithm.md §2.1): the output error,
// the mean |z - target| over the counted steps and the outputs, and the
// energy error, the energy cost times the mean |r| of the output units over
// every step. Learning follows their Total.
//
// Their JSON form is the array [output, energy].
type Errors struct {
	Output float64
	Energy float64
}

// Total returns the error that learning follows: Output + Energy.
func (e Errors) Total() float64 { return e.Output + e.Energy }

// MarshalJSON writes e as [output, energy].
func (e Errors) MarshalJSON() ([]byte, error) {
	return json.Marshal([]float64{e.Output, e.Energy})
}

// UnmarshalJSON reads [output, energy]. Like a Go array, it takes the
// values present and leaves the others zero, ignores values past the
// second, and leaves e unchanged on null.
func (e *Errors) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var v []float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*e = Errors{}
	if len(v) > 0 {
		e.Output = v[0]
	}
	if len(v) > 1 {
		e.Energy = v[1]
	}
	return nil
}

// WithinTolerance is the trainer's stop rule at an evaluation: a
// tolerance is set (tol > 0), the mean error over the conditions is within
// it and, when perCondition, so is the total error of every one of the
// conds conditions (total(c)). A NaN error is never within it.
func WithinTolerance(tol, mean float64, perCondition bool, conds int, total func(c int) float64) bool {
	if !(tol > 0 && mean <= tol) {
		return false
	}
	for c := range conds {
		if perCondition && !(total(c) <= tol) {
			return false
		}
	}
	return true
}
