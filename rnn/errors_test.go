package rnn

import (
	"encoding/json"
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
