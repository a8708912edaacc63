package rnn

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hebbrnn/hebbrnn/internal/npy"
)

// FuzzParseOptions feeds arbitrary JSON to the options parser: it must
// never panic, and options it accepts and validates must survive a round
// trip through their JSON form.
func FuzzParseOptions(f *testing.F) {
	for _, s := range []string{`{}`, `{"eta": 0.02, "targetTimes": [800, 999], "order": "linear"}`,
		`{"eta": -1}`, `{"targetTimes": [5]}`, `{"maxPasses": 1e99}`, `[]`, `{"order": 3}`, `{"evalEvery": 0}`,
		`{"method": "node", "perturbFrom": 3}`, `{"eta": 1}{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := ParseOptions(data, DefaultOptions())
		if err != nil {
			return
		}
		if o.Validate(1000) != nil {
			return
		}
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatalf("valid options do not marshal: %v", err)
		}
		back, err := ParseOptions(b, DefaultOptions())
		if err != nil {
			t.Fatalf("options do not parse back: %v\n%s", err, b)
		}
		b2, _ := json.Marshal(back)
		if !bytes.Equal(b, b2) {
			t.Fatalf("round trip changed the options:\n%s\n%s", b, b2)
		}
	})
}

// FuzzDecodeModel feeds arbitrary archives to the model decoder: it must
// return a network or an error, never panic.
func FuzzDecodeModel(f *testing.F) {
	net, err := New[float64](smallConfig(), rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		f.Fatal(err)
	}
	z, err := encodeModel(net, "")
	if err != nil {
		f.Fatal(err)
	}
	good, err := z.Bytes()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	z.SetRaw("config.json", []byte(`{"activation": "tanh", "dt": 0, "tau": 1}`))
	bad, _ := z.Bytes()
	f.Add(bad)
	f.Fuzz(func(t *testing.T, data []byte) {
		z, err := npy.ReadNPZ(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		m, err := decodeModel(z)
		if err != nil {
			return
		}
		n, err := NetworkOf[float64](m)
		if err != nil {
			return
		}
		for _, v := range n.J.Data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatal("a network with non-finite weights was accepted")
			}
		}
	})
}
