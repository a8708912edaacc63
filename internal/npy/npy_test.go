package npy

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// mkNpy builds a .npy file with the given version, raw header text and data.
func mkNpy(major byte, hdr string, data []byte) []byte {
	var b []byte
	b = append(b, magic...)
	b = append(b, major, 0)
	if major == 1 {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(hdr)))
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(hdr)))
	}
	b = append(b, hdr...)
	return append(b, data...)
}

func encode(t testing.TB, a *Array) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameArray reports whether a and b have the same shape, dtype and bits.
func sameArray(a, b *Array) bool {
	if !slices.Equal(a.Shape, b.Shape) || a.Dtype() != b.Dtype() {
		return false
	}
	switch {
	case a.F64 != nil:
		return slices.EqualFunc(a.F64, b.F64, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) })
	case a.F32 != nil:
		return slices.EqualFunc(a.F32, b.F32, func(x, y float32) bool { return math.Float32bits(x) == math.Float32bits(y) })
	default:
		return slices.Equal(a.I64, b.I64)
	}
}

func TestRoundTrip(t *testing.T) {
	shapes := [][]int{{}, {0}, {5}, {2, 0, 3}, {2, 3, 4}, {1, 1, 1, 1}}
	for _, shape := range shapes {
		n := 1
		for _, d := range shape {
			n *= d
		}
		f64 := make([]float64, n)
		f32 := make([]float32, n)
		i64 := make([]int64, n)
		for i := range n {
			f64[i] = float64(i)*1.5 - 3
			f32[i] = float32(i) * -0.125
			i64[i] = int64(i)*1e15 - 7
		}
		if n > 0 {
			f64[0] = math.NaN()
			f32[0] = float32(math.Inf(-1))
			i64[0] = math.MinInt64
		}
		for _, a := range []*Array{
			{Shape: shape, F64: f64},
			{Shape: shape, F32: f32},
			{Shape: shape, I64: i64},
		} {
			b := encode(t, a)
			if len(b) < 10 {
				t.Fatal("short output")
			}
			hl := int(binary.LittleEndian.Uint16(b[8:10]))
			if (10+hl)%64 != 0 || b[10+hl-1] != '\n' {
				t.Errorf("%v %s: header not 64-byte aligned or not newline-terminated", shape, a.Dtype())
			}
			got, err := Read(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%v %s: %v", shape, a.Dtype(), err)
			}
			if !sameArray(got, a) {
				t.Errorf("%v %s: round trip mismatch: %+v", shape, a.Dtype(), got)
			}
			if got.Len() != n {
				t.Errorf("Len = %d, want %d", got.Len(), n)
			}
			// Also through a reader whose size is unknown.
			got, err = Read(io.MultiReader(bytes.NewReader(b)))
			if err != nil || !sameArray(got, a) {
				t.Errorf("%v %s: streaming read: %v", shape, a.Dtype(), err)
			}
			// Read consumes exactly one array.
			r := bytes.NewReader(append(slices.Clone(b), b...))
			for range 2 {
				if got, err := Read(r); err != nil || !sameArray(got, a) {
					t.Fatalf("concatenated read: %v", err)
				}
			}
			if r.Len() != 0 {
				t.Errorf("%d bytes left after two reads", r.Len())
			}
		}
	}
}

func TestEmptySliceNonNil(t *testing.T) {
	for _, d := range []string{"<f8", "<f4", "<i8", "|b1", ">u2"} {
		b := mkNpy(1, "{'descr': '"+d+"', 'fortran_order': False, 'shape': (0, 4), }\n", nil)
		a, err := Read(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if a.Dtype() == "" || a.Len() != 0 || a.dataLen() != 0 {
			t.Errorf("%s: got %+v", d, a)
		}
	}
}

// TestAllDtypes reads every supported dtype in both byte orders and all
// format versions.
func TestAllDtypes(t *testing.T) {
	type tc struct {
		kind byte
		size int
		vals []float64 // values representable in the type
	}
	cases := []tc{
		{'f', 8, []float64{1.5, -2.25, math.Inf(1)}},
		{'f', 4, []float64{1.5, -2.25, math.Inf(-1)}},
		{'i', 8, []float64{-9e15, 0, 9e15}},
		{'i', 4, []float64{math.MinInt32, 0, math.MaxInt32}},
		{'i', 2, []float64{math.MinInt16, 1, math.MaxInt16}},
		{'i', 1, []float64{-128, 1, 127}},
		{'u', 8, []float64{0, 1, 1 << 62}},
		{'u', 4, []float64{0, 1, math.MaxUint32}},
		{'u', 2, []float64{0, 1, math.MaxUint16}},
		{'u', 1, []float64{0, 1, 255}},
		{'b', 1, []float64{0, 1, 1}},
	}
	for _, c := range cases {
		for _, order := range []binary.AppendByteOrder{binary.LittleEndian, binary.BigEndian} {
			var data []byte
			for _, v := range c.vals {
				switch {
				case c.kind == 'f' && c.size == 8:
					data = order.AppendUint64(data, math.Float64bits(v))
				case c.kind == 'f':
					data = order.AppendUint32(data, math.Float32bits(float32(v)))
				case c.kind == 'u' && c.size == 8:
					data = order.AppendUint64(data, uint64(v))
				case c.size == 8:
					data = order.AppendUint64(data, uint64(int64(v)))
				case c.size == 4:
					data = order.AppendUint32(data, uint32(int64(v)))
				case c.size == 2:
					data = order.AppendUint16(data, uint16(int64(v)))
				default:
					data = append(data, byte(int64(v)))
				}
			}
			bo := "<"
			if order == binary.AppendByteOrder(binary.BigEndian) {
				bo = ">"
			}
			if c.size == 1 {
				bo = "|"
			}
			descr := bo + string(c.kind) + string(rune('0'+c.size))
			for _, v := range []byte{1, 2, 3} {
				hdr := "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (3,), }\n"
				a, err := Read(bytes.NewReader(mkNpy(v, hdr, data)))
				if err != nil {
					t.Fatalf("%s v%d: %v", descr, v, err)
				}
				var got []float64
				switch {
				case a.F64 != nil:
					got = a.F64
				case a.F32 != nil:
					for _, x := range a.F32 {
						got = append(got, float64(x))
					}
				default:
					for _, x := range a.I64 {
						got = append(got, float64(x))
					}
				}
				if !slices.Equal(got, c.vals) {
					t.Errorf("%s v%d: got %v want %v", descr, v, got, c.vals)
				}
				wantDtype := "<i8"
				if c.kind == 'f' {
					wantDtype = "<f" + string(rune('0'+c.size))
				}
				if a.Dtype() != wantDtype {
					t.Errorf("%s: dtype %s, want %s", descr, a.Dtype(), wantDtype)
				}
			}
		}
	}
}

func TestFortranOrder(t *testing.T) {
	// shape (2,3,4), element (i,j,k) = 100i+10j+k, stored column-major.
	var data []byte
	for k := range 4 {
		for j := range 3 {
			for i := range 2 {
				data = binary.LittleEndian.AppendUint16(data, uint16(100*i+10*j+k))
			}
		}
	}
	hdr := "{'shape': (2, 3, 4), 'fortran_order': True, 'descr': '<i2'}"
	a, err := Read(bytes.NewReader(mkNpy(1, hdr, data)))
	if err != nil {
		t.Fatal(err)
	}
	var want []int64
	for i := range 2 {
		for j := range 3 {
			for k := range 4 {
				want = append(want, int64(100*i+10*j+k))
			}
		}
	}
	if !slices.Equal(a.I64, want) {
		t.Errorf("got %v\nwant %v", a.I64, want)
	}
	// 1-d and empty Fortran arrays are unchanged.
	a, err = Read(bytes.NewReader(mkNpy(1, "{'descr':'<f8','fortran_order':True,'shape':(0,2)}", nil)))
	if err != nil || a.Len() != 0 {
		t.Errorf("empty fortran: %v %v", a, err)
	}
}

func TestHeaderSyntax(t *testing.T) {
	good := []struct {
		hdr   string
		shape []int
	}{
		{"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", []int{2, 3}},
		{`{"shape":(2,3),"descr":"<f8","fortran_order":False}`, []int{2, 3}},
		{"  {  'fortran_order' : False ,\t'shape' : ( 6 , ) , 'descr' : '<f8' , }  \n", []int{6}},
		{"{'descr': '<f8', 'fortran_order': False, 'shape': (), }", []int{}},
		{"{'descr': '<f8', 'fortran_order': False, 'shape': (6L,), }", []int{6}},
		{"{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 3,), }", []int{1, 2, 3}},
		{"{'descr': 'f8', 'fortran_order': False, 'shape': (6,)}", []int{6}},
		{"{'descr': '=f8', 'fortran_order': False, 'shape': (6,)}", []int{6}},
	}
	for _, g := range good {
		n := 1
		for _, d := range g.shape {
			n *= d
		}
		a, err := Read(bytes.NewReader(mkNpy(1, g.hdr, make([]byte, 8*n))))
		if err != nil {
			t.Errorf("%q: %v", g.hdr, err)
			continue
		}
		if !slices.Equal(a.Shape, g.shape) {
			t.Errorf("%q: shape %v want %v", g.hdr, a.Shape, g.shape)
		}
	}
}

func TestBadInput(t *testing.T) {
	valid := encode(t, NewF64([]float64{1, 2, 3, 4, 5, 6}, 2, 3))
	h := func(s string) []byte { return mkNpy(1, s, make([]byte, 64)) }
	cases := []struct {
		name string
		in   []byte
		frag string
	}{
		{"empty", nil, "magic"},
		{"bad magic", append([]byte("\x93NUMPZ"), valid[6:]...), "bad magic"},
		{"zip not npy", []byte("PK\x03\x04aaaaaaaaaaaaaaaaaa"), "bad magic"},
		{"version 4", append(append(slices.Clone(magic), 4, 0), valid[8:]...), "version 4.0"},
		{"huge v2 header", append(append(slices.Clone(magic), 2, 0), 0xff, 0xff, 0xff, 0x7f), "exceeds limit"},
		{"header longer than file", mkNpy(1, "{}", nil)[:10], "truncated header"},
		{"not a dict", h("['descr']"), "not a Python dict"},
		{"missing descr", h("{'fortran_order': False, 'shape': (1,)}"), "no 'descr'"},
		{"missing shape", h("{'fortran_order': False, 'descr': '<f8'}"), "no 'shape'"},
		{"missing fortran", h("{'shape': (1,), 'descr': '<f8'}"), "no 'fortran_order'"},
		{"extra key", h("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}"), "unexpected key"},
		{"dup key", h("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}"), "duplicate key"},
		{"negative dim", h("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}"), "negative"},
		{"shape int", h("{'descr': '<f8', 'fortran_order': False, 'shape': (3)}"), "not a tuple"},
		{"shape list", h("{'descr': '<f8', 'fortran_order': False, 'shape': [3]}"), "not a tuple"},
		{"shape float", h("{'descr': '<f8', 'fortran_order': False, 'shape': (3.5,)}"), "malformed number"},
		{"shape string", h("{'descr': '<f8', 'fortran_order': False, 'shape': ('3',)}"), "not an integer"},
		{"fortran not bool", h("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}"), "not a bool"},
		{"descr not string", h("{'descr': 8, 'fortran_order': False, 'shape': (1,)}"), "not a string"},
		{"unterminated string", h("{'descr: '<f8'}"), "syntax"},
		{"unterminated dict", h("{'descr': '<f8', 'fortran_order': False"), "syntax"},
		{"trailing junk", h("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x"), "trailing"},
		{"bad name", h("{'descr': '<f8', 'fortran_order': false, 'shape': (1,)}"), "unexpected name"},
		{"deep nesting", h("{'descr': " + strings.Repeat("(", 100) + "}"), "nesting too deep"},
		{"huge int", h("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}"), "out of range"},
		{"overflow product", h("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296)}"), "too large"},
		{"overflow itemsize", h("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,)}"), "too large"},
		{"lying shape", h("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000,)}"), "truncated data"},
		{"half", h("{'descr': '<f2', 'fortran_order': False, 'shape': (1,)}"), `"<f2"`},
		{"longdouble", h("{'descr': '<f16', 'fortran_order': False, 'shape': (1,)}"), `"<f16"`},
		{"complex", h("{'descr': '<c16', 'fortran_order': False, 'shape': (1,)}"), "complex"},
		{"object", h("{'descr': '|O', 'fortran_order': False, 'shape': (1,)}"), "objects"},
		{"bytes", h("{'descr': '|S3', 'fortran_order': False, 'shape': (1,)}"), "string"},
		{"unicode", h("{'descr': '<U3', 'fortran_order': False, 'shape': (1,)}"), "string"},
		{"datetime", h("{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (1,)}"), "<M8[ns]"},
		{"structured", h("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,)}"), "structured"},
		{"empty descr", h("{'descr': '', 'fortran_order': False, 'shape': (1,)}"), "unsupported dtype"},
		{"pipe multi-byte", h("{'descr': '|f8', 'fortran_order': False, 'shape': (1,)}"), "byte order"},
		{"i3", h("{'descr': '<i3', 'fortran_order': False, 'shape': (1,)}"), "3-byte"},
		{"b2", h("{'descr': '<b2', 'fortran_order': False, 'shape': (1,)}"), "bool"},
		{"u8 too big", mkNpy(1, "{'descr': '<u8', 'fortran_order': False, 'shape': (1,)}", bytes.Repeat([]byte{0xff}, 8)), "does not fit"},
	}
	for _, c := range cases {
		_, err := Read(bytes.NewReader(c.in))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.frag) {
			t.Errorf("%s: error %q does not contain %q", c.name, err, c.frag)
		}
		// Same result with an unknown-size reader.
		if _, err := Read(io.MultiReader(bytes.NewReader(c.in))); err == nil {
			t.Errorf("%s: no error from streaming reader", c.name)
		}
	}
}

func TestTruncated(t *testing.T) {
	for _, a := range []*Array{
		NewF64([]float64{1, 2, 3, 4, 5, 6}, 2, 3),
		NewF32([]float32{1, 2, 3}),
		NewI64([]int64{7}, []int{}...),
	} {
		full := encode(t, a)
		for n := 0; n < len(full); n++ {
			for _, r := range []io.Reader{bytes.NewReader(full[:n]), io.MultiReader(bytes.NewReader(full[:n]))} {
				_, err := Read(r)
				if err == nil {
					t.Fatalf("%s truncated to %d of %d bytes: no error", a.Dtype(), n, len(full))
				}
				if n >= 128 && !strings.Contains(err.Error(), "truncated data") {
					t.Errorf("truncated at %d: unhelpful error %q", n, err)
				}
			}
		}
	}
}

// TestLyingHeaderStreaming checks that a header claiming a huge array does
// not make Read allocate the claimed size when the input size is unknown.
func TestLyingHeaderStreaming(t *testing.T) {
	b := mkNpy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,)}", make([]byte, 100))
	var before, after runtimeMem
	before.read()
	_, err := Read(io.MultiReader(bytes.NewReader(b)))
	after.read()
	if err == nil || !strings.Contains(err.Error(), "truncated data") {
		t.Fatalf("err = %v", err)
	}
	if d := after.total - before.total; d > 64<<20 {
		t.Errorf("allocated %d bytes for a 200-byte input", d)
	}
}

func TestValidateAndWriteErrors(t *testing.T) {
	bad := []*Array{
		nil,
		{Shape: []int{1}},
		{Shape: []int{1}, F64: []float64{1}, I64: []int64{1}},
		{Shape: []int{2}, F64: []float64{1}},
		{Shape: []int{-1}, F64: []float64{}},
		{Shape: []int{}, F32: []float32{}},
	}
	for i, a := range bad {
		if err := Write(io.Discard, a); err == nil {
			t.Errorf("case %d: Write accepted invalid array", i)
		}
	}
	werr := errors.New("disk full")
	if err := Write(failWriter{werr}, NewF64(make([]float64, 100000))); !errors.Is(err, werr) {
		t.Errorf("write error not propagated: %v", err)
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

func TestNewHelpers(t *testing.T) {
	a := NewF64(nil)
	if a.F64 == nil || !slices.Equal(a.Shape, []int{0}) {
		t.Errorf("NewF64(nil) = %+v", a)
	}
	if a := NewI64([]int64{1, 2, 3, 4}, 2, 2); !slices.Equal(a.Shape, []int{2, 2}) || a.Validate() != nil {
		t.Errorf("NewI64 = %+v", a)
	}
	if a := NewF32([]float32{1}, []int{}...); len(a.Shape) != 0 || a.Len() != 1 || a.Validate() != nil {
		t.Errorf("NewF32 0-d = %+v", a)
	}
}

func TestHeaderV2WhenLong(t *testing.T) {
	shape := make([]int, 30000)
	for i := range shape {
		shape[i] = 1
	}
	a := NewF64([]float64{4.5}, shape...)
	b := encode(t, a)
	if b[6] != 2 {
		t.Fatalf("version %d, want 2 for a %d-byte header", b[6], len(b))
	}
	if hl := binary.LittleEndian.Uint32(b[8:12]); (12+hl)%64 != 0 {
		t.Errorf("v2 header not aligned")
	}
	got, err := Read(bytes.NewReader(b))
	if err != nil || !sameArray(got, a) {
		t.Fatalf("v2 round trip: %v", err)
	}
}

func TestNPZRoundTrip(t *testing.T) {
	z := NewNPZ()
	z.Set("W", NewF64([]float64{1, 2, 3, 4, 5, 6}, 2, 3))
	z.SetRaw("config.json", []byte(`{"a":1}`))
	z.Set("nested/b", NewF32([]float32{1.5}))
	z.Set("steps", NewI64([]int64{3}, []int{}...))
	z.Set("W", NewF64([]float64{6, 5, 4, 3, 2, 1}, 3, 2)) // replace keeps position
	z.SetRaw("empty.txt", nil)
	if !slices.Equal(z.Names, []string{"W", "config.json", "nested/b", "steps", "empty.txt"}) {
		t.Fatalf("Names = %v", z.Names)
	}
	b, err := z.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadNPZ(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	// Arrays are written before raw members.
	if !slices.Equal(got.Names, []string{"W", "nested/b", "steps", "config.json", "empty.txt"}) {
		t.Errorf("read Names = %v", got.Names)
	}
	for n, a := range z.Arrays {
		if !sameArray(a, got.Arrays[n]) {
			t.Errorf("array %s mismatch", n)
		}
	}
	if e, ok := got.Raw["empty.txt"]; string(got.Raw["config.json"]) != `{"a":1}` || !ok || len(e) != 0 {
		t.Errorf("raw = %q", got.Raw)
	}
	// Deterministic output.
	b2, _ := z.Bytes()
	if !bytes.Equal(b, b2) {
		t.Error("output not deterministic")
	}

	path := filepath.Join(t.TempDir(), "m.npz")
	if err := WriteNPZFile(path, z); err != nil {
		t.Fatal(err)
	}
	fromFile, err := ReadNPZFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(fromFile.Names, got.Names) {
		t.Errorf("file Names %v", fromFile.Names)
	}

	// Switching a name between kinds.
	z.SetRaw("steps", []byte("x"))
	if _, ok := z.Arrays["steps"]; ok || len(z.Names) != 5 {
		t.Errorf("SetRaw did not replace the array: %v", z.Names)
	}
	z.Set("steps", NewI64([]int64{1}))
	if _, ok := z.Raw["steps"]; ok || len(z.Names) != 5 {
		t.Errorf("Set did not replace the raw member: %v", z.Names)
	}
	var zero NPZ
	zero.Set("a", NewF64(nil))
	zero.SetRaw("b", nil)
	if _, err := zero.Bytes(); err != nil {
		t.Errorf("zero NPZ: %v", err)
	}
}

func TestNPZGetters(t *testing.T) {
	z := NewNPZ()
	z.Set("J", NewF64(make([]float64, 6), 2, 3))
	z.Set("h", NewF32([]float32{1.5, 2.5}))
	z.Set("n", NewI64([]int64{4, 5}))
	z.SetRaw("cfg", []byte("{}"))

	if _, err := z.Float64("J", 2, 3); err != nil {
		t.Error(err)
	}
	if _, err := z.Float64("J", -1, 3); err != nil {
		t.Error(err)
	}
	if _, err := z.Float64("J"); err != nil {
		t.Error(err)
	}
	if h, err := z.Float64("h", 2); err != nil || !slices.Equal(h, []float64{1.5, 2.5}) {
		t.Error(h, err)
	}
	if n, err := z.Int64("n", -1); err != nil || !slices.Equal(n, []int64{4, 5}) {
		t.Error(n, err)
	}
	if n, err := z.Float64("n", 2); err != nil || !slices.Equal(n, []float64{4, 5}) {
		t.Error("an integer array reads as float64:", n, err)
	}
	z.Set("big", NewI64([]int64{1 << 60}))
	if _, err := z.Float64("big"); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Error("an integer past 2^53 must be refused:", err)
	}
	errCases := []struct {
		err  error
		frag string
	}{
		{second(z.Float64("K")), `missing array "K"`},
		{second(z.Float64("J", 3, 2)), `array "J" has shape (2, 3), want (3, 2)`},
		{second(z.Float64("J", 6)), `array "J" has shape (2, 3), want (6,)`},
		{second(z.Float64("J", -1, 2)), `want (*, 2)`},
		{second(z.Int64("J")), `array "J" has dtype float64, want an integer dtype`},
		{second(z.Int64("h")), `float32`},
		{second(z.Int64("n", 3)), `array "n" has shape (2,), want (3,)`},
		{second(z.Int64("cfg")), `not a .npy array`},
	}
	for i, c := range errCases {
		if c.err == nil || !strings.Contains(c.err.Error(), c.frag) {
			t.Errorf("case %d: error %v, want %q", i, c.err, c.frag)
		}
	}
	if sh, ok := z.Shape("J"); !ok || !slices.Equal(sh, []int{2, 3}) {
		t.Errorf("Shape(J) = %v %v", sh, ok)
	}
	if _, ok := z.Shape("cfg"); ok {
		t.Error("Shape of raw member")
	}
}

func second[T any](_ T, err error) error { return err }

func zipOf(t testing.TB, members ...[2]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m[0], Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(m[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestNPZBadInput(t *testing.T) {
	good := string(encode(t, NewF64([]float64{1, 2})))
	cases := []struct {
		name string
		in   []byte
		frag string
	}{
		{"not zip", []byte("hello world, not a zip file"), "malformed zip"},
		{"empty", nil, "malformed zip"},
		{"duplicate", zipOf(t, [2]string{"a.npy", good}, [2]string{"a.npy", good}), `duplicate member "a.npy"`},
		{"array/raw clash", zipOf(t, [2]string{"a.npy", good}, [2]string{"a", "x"}), `duplicate member "a"`},
		{"bad member", zipOf(t, [2]string{"a.npy", good[:len(good)-3]}), `member "a.npy"`},
		{"empty name", zipOf(t, [2]string{".npy", good}), "empty name"},
	}
	for _, c := range cases {
		_, err := ReadNPZ(bytes.NewReader(c.in), int64(len(c.in)))
		if err == nil || !strings.Contains(err.Error(), c.frag) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.frag)
		}
	}
	// Truncated archives.
	full := zipOf(t, [2]string{"a.npy", good}, [2]string{"b.txt", "hello"})
	for n := 0; n < len(full); n++ {
		if _, err := ReadNPZ(bytes.NewReader(full[:n]), int64(n)); err == nil {
			t.Fatalf("truncated to %d: no error", n)
		}
	}
	// Corrupt byte inside stored data is caught by the CRC.
	corrupt := slices.Clone(full)
	i := bytes.Index(corrupt, []byte("hello"))
	corrupt[i] = 'j'
	if _, err := ReadNPZ(bytes.NewReader(corrupt), int64(len(corrupt))); err == nil {
		t.Error("corrupt member: no error")
	}
	// File errors name the path.
	path := filepath.Join(t.TempDir(), "bad.npz")
	if err := os.WriteFile(path, []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadNPZFile(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v does not name %s", err, path)
	}
	if _, err := ReadNPZFile(path + ".missing"); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v does not name the path", err)
	}
}

func TestNPZWriteInvalid(t *testing.T) {
	cases := []*NPZ{
		{Names: []string{"a"}},
		{Names: []string{"a", "a"}, Arrays: map[string]*Array{"a": NewF64(nil)}},
		{Arrays: map[string]*Array{"a": NewF64(nil)}},
		{Raw: map[string][]byte{"a": nil}},
		{Names: []string{"a.npy"}, Raw: map[string][]byte{"a.npy": nil}},
		{Names: []string{"a"}, Arrays: map[string]*Array{"a": {Shape: []int{3}, F64: []float64{1}}}},
	}
	for i, z := range cases {
		if _, err := z.WriteTo(io.Discard); err == nil {
			t.Errorf("case %d: no error", i)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "x.npz")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteNPZFile(path, cases[0]); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v does not name path", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("old file clobbered: %q", b)
	}
}
