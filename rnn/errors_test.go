package rnn

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestErrorsJSON checks the JSON form of Errors, [output, energy], which
// the training log keeps.
func TestErrorsJSON(t *testing.T) {
	e := Errors{Output: 0.3, Energy: 1e-7}
	require.Equal(t, 0.3+1e-7, e.Total())
	b, err := json.Marshal([]Errors{e, {}})
	require.NoError(t, err)
	require.Equal(t, `[[0.3,1e-7],[0,0]]`, string(b))
	var back []Errors
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, []Errors{e, {}}, back)

	for in, want := range map[string]Errors{`[0.5]`: {Output: 0.5}, `[0.5, 2, 7]`: {0.5, 2}, `[]`: {}, `[null, 3]`: {Energy: 3}} {
		got := Errors{Output: 9, Energy: 9}
		require.NoError(t, json.Unmarshal([]byte(in), &got), in)
		require.Equal(t, want, got, in)
	}
	got := Errors{Output: 9, Energy: 8}
	require.NoError(t, json.Unmarshal([]byte(`null`), &got))
	require.Equal(t, Errors{Output: 9, Energy: 8}, got, "null leaves the errors as they were")
	require.Error(t, json.Unmarshal([]byte(`{"output": 1}`), &got))
	require.Error(t, json.Unmarshal([]byte(`["a", 1]`), &got))
}

// TestParseMethod checks the names of the methods: Options.Method's
// spelling, "" for the default, and the error of Validate for others.
func TestParseMethod(t *testing.T) {
	for name, want := range map[string]Method{"": MethodHebbian, "hebbian": MethodHebbian, "node": MethodNode} {
		m, err := ParseMethod(name)
		require.NoError(t, err)
		require.Equal(t, want, m, name)
		if name != "" {
			require.Equal(t, name, m.String())
		}
	}
	_, err := ParseMethod("Node")
	require.EqualError(t, err, `method "Node" must be "hebbian" or "node"`)
	o := DefaultOptions()
	o.Method = "rank1"
	require.EqualError(t, o.Validate(1000), `method "rank1" must be "hebbian" or "node"`)
	require.Equal(t, "Method(7)", Method(7).String())
}

// TestWithinTolerance checks the stop rule: no tolerance never stops, the
// mean must be within it, every condition too when asked, and NaN is
// never within it.
func TestWithinTolerance(t *testing.T) {
	totals := []float64{0.05, 0.2}
	total := func(c int) float64 { return totals[c] }
	for _, c := range []struct {
		tol, mean float64
		per       bool
		want      bool
	}{
		{0, 0.01, false, false},
		{0.1, 0.125, false, false},
		{0.15, 0.125, false, true},
		{0.15, 0.125, true, false}, // condition 1 is at 0.2
		{0.2, 0.125, true, true},
		{0.2, math.NaN(), false, false},
	} {
		require.Equal(t, c.want, WithinTolerance(c.tol, c.mean, c.per, len(totals), total), "%+v", c)
	}
	totals[0] = math.NaN()
	require.False(t, WithinTolerance(1, 0.1, true, 2, total), "a NaN condition is never within the tolerance")
	require.True(t, WithinTolerance(1, 0.1, false, 2, total), "nor is it looked at without perCondition")
}
