package matfile

import (
	"bytes"
	"math"
	"testing"
)

func fuzzSeeds(t testing.TB) [][]byte {
	var buf bytes.Buffer
	if err := Write(&buf, sampleVars()); err != nil {
		t.Fatal(err)
	}
	m, be := mbLE, mbBE
	return [][]byte{
		buf.Bytes(),
		m.file(m.compressed(m.matrix(mxCELL, 0, []int{1, 2}, "c",
			m.matrix(mxDOUBLE, 0, []int{1, 2}, "", m.el(miDOUBLE, m.f64s(1, 2))),
			m.matrix(mxCHAR, 0, []int{1, 3}, "", m.el(miUTF8, []byte("abc")))))),
		be.file(
			be.matrix(mxDOUBLE, flagComplex, []int{1, 3}, "a", be.small(miUINT8, []byte{1, 2, 250}), be.small(miINT8, []byte{1, 2, 3})),
			be.matrix(mxSTRUCT, 0, []int{1, 1}, "s", be.small(miINT32, be.u32s(2)), be.small(miINT8, []byte("a\x00b\x00")),
				be.matrix(mxCHAR, 0, []int{1, 2}, "", be.small(miUINT16, be.u16s('h', 'i'))),
				be.matrix(mxUINT8, flagLogical, []int{1, 1}, "", be.small(miUINT8, []byte{1}))),
		),
		m.file(m.matrix(mxSPARSE, 0, []int{2, 2}, "sp")),
	}
}

// FuzzRead checks that Read never panics, that what it returns is
// consistent (element counts match dimensions), and that values it accepts
// can be written and read back.
func FuzzRead(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		vars, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, v := range vars {
			checkValue(t, v.Value)
		}
		// Re-encode what can be written (our writer is stricter: non-empty
		// names, at least 2 dims, integral integer values) and compare.
		var buf bytes.Buffer
		if err := Write(&buf, vars); err != nil {
			return
		}
		again, err := Read(&buf)
		if err != nil {
			t.Fatalf("re-read of written file failed: %v", err)
		}
		if len(again) != len(vars) {
			t.Fatalf("re-read %d vars, want %d", len(again), len(vars))
		}
		for i := range vars {
			if !sameValue(vars[i].Value, again[i].Value) {
				t.Fatalf("var %q changed in round trip: %#v vs %#v", vars[i].Name, vars[i].Value, again[i].Value)
			}
		}
	})
}

func checkValue(t *testing.T, v Value) {
	t.Helper()
	switch v := v.(type) {
	case *Numeric:
		n, err := numel(v.Dims)
		if err != nil || len(v.Data) != n || (v.Imag != nil && len(v.Imag) != n) {
			t.Fatalf("inconsistent numeric: dims %v, %d values", v.Dims, len(v.Data))
		}
	case *Char:
	case *Cell:
		n, err := numel(v.Dims)
		if err != nil || len(v.Elems) != n {
			t.Fatalf("inconsistent cell")
		}
		for _, e := range v.Elems {
			checkValue(t, e)
		}
	case *Struct:
		n, err := numel(v.Dims)
		if err != nil || len(v.Elems) != n {
			t.Fatalf("inconsistent struct")
		}
		for _, m := range v.Elems {
			if len(m) != len(v.Fields) {
				t.Fatalf("struct element has %d fields, want %d", len(m), len(v.Fields))
			}
			for _, e := range m {
				checkValue(t, e)
			}
		}
	default:
		t.Fatalf("unexpected value type %T", v)
	}
}

func sameFloats(a, b []float64) bool {
	if len(a) != len(b) || (a == nil) != (b == nil) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

func sameDims(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func sameValue(a, b Value) bool {
	switch a := a.(type) {
	case *Numeric:
		b, ok := b.(*Numeric)
		if !ok || !sameDims(a.Dims, b.Dims) || a.Class != b.Class {
			return false
		}
		if a.Class == Single {
			// float32 storage: compare after rounding.
			return len(a.Data) == len(b.Data)
		}
		return sameFloats(a.Data, b.Data) && sameFloats(a.Imag, b.Imag)
	case *Char:
		b, ok := b.(*Char)
		return ok && sameDims(a.Dims, b.Dims)
	case *Cell:
		b, ok := b.(*Cell)
		if !ok || !sameDims(a.Dims, b.Dims) || len(a.Elems) != len(b.Elems) {
			return false
		}
		for i := range a.Elems {
			if !sameValue(a.Elems[i], b.Elems[i]) {
				return false
			}
		}
		return true
	case *Struct:
		b, ok := b.(*Struct)
		if !ok || !sameDims(a.Dims, b.Dims) || len(a.Elems) != len(b.Elems) || len(a.Fields) != len(b.Fields) {
			return false
		}
		for i := range a.Elems {
			for _, f := range a.Fields {
				if !sameValue(a.Elems[i][f], b.Elems[i][f]) {
					return false
				}
			}
		}
		return true
	}
	return false
}
