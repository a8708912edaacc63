package npy

import (
	"bytes"
	"testing"
)

func fuzzSeeds(t testing.TB) [][]byte {
	seeds := [][]byte{
		encode(t, NewF64([]float64{1, 2, 3, 4, 5, 6}, 2, 3)),
		encode(t, NewF32([]float32{-1.5}, []int{}...)),
		encode(t, NewI64([]int64{1, -2, 3}, 3, 1)),
		encode(t, NewF64(nil, 0, 5)),
		mkNpy(1, "{'descr': '>i2', 'fortran_order': True, 'shape': (2, 2), }", []byte{0, 1, 0, 2, 0, 3, 0, 4}),
		mkNpy(2, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", []byte{0, 1, 2}),
		mkNpy(3, "{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }", []byte{1, 0, 0, 0, 0, 0, 0, 0}),
		mkNpy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000,), }", nil),
	}
	return seeds
}

// FuzzRead checks that Read never panics and that anything it accepts
// survives a Write/Read round trip unchanged.
func FuzzRead(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Read(bytes.NewReader(data))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if err := a.Validate(); err != nil {
			t.Fatalf("Read returned an invalid array: %v", err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, a); err != nil {
			t.Fatalf("Write of a read array failed: %v", err)
		}
		b, err := Read(&buf)
		if err != nil {
			t.Fatalf("re-read failed: %v", err)
		}
		if !sameArray(a, b) {
			t.Fatalf("round trip changed the array: %+v vs %+v", a, b)
		}
	})
}

// FuzzReadNPZ checks that ReadNPZ never panics and that anything it
// accepts survives a write/read round trip.
func FuzzReadNPZ(f *testing.F) {
	z := NewNPZ()
	z.Set("a", NewF64([]float64{1, 2}))
	z.SetRaw("c.json", []byte("{}"))
	z.Set("b", NewI64([]int64{3}, []int{}...))
	b, err := z.Bytes()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	for _, s := range fuzzSeeds(f)[:3] {
		f.Add(zipOf(f, [2]string{"x.npy", string(s)}, [2]string{"y", "raw"}))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		z, err := ReadNPZ(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		out, err := z.Bytes()
		if err != nil {
			t.Fatalf("writing a read archive failed: %v", err)
		}
		z2, err := ReadNPZ(bytes.NewReader(out), int64(len(out)))
		if err != nil {
			t.Fatalf("re-read failed: %v", err)
		}
		if len(z2.Names) != len(z.Names) || len(z2.Arrays) != len(z.Arrays) || len(z2.Raw) != len(z.Raw) {
			t.Fatalf("member count changed: %v vs %v", z.Names, z2.Names)
		}
		for n, a := range z.Arrays {
			if b := z2.Arrays[n]; b == nil || !sameArray(a, b) {
				t.Fatalf("array %q changed", n)
			}
		}
		for n, r := range z.Raw {
			if !bytes.Equal(r, z2.Raw[n]) {
				t.Fatalf("raw %q changed", n)
			}
		}
	})
}
