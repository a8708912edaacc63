package matfile

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func sampleVars() []Var {
	return []Var{
		{"W", NewMatrix(2, 3, []float64{1, 2, 3, 4, 5, 6.25})},
		{"sgl", &Numeric{Dims: []int{1, 2}, Class: Single, Data: []float64{1.5, -2}}},
		{"i8", &Numeric{Dims: []int{1, 2}, Class: Int8, Data: []float64{-128, 127}}},
		{"u8", &Numeric{Dims: []int{1, 2}, Class: Uint8, Data: []float64{0, 255}}},
		{"i16", &Numeric{Dims: []int{1, 2}, Class: Int16, Data: []float64{-32768, 32767}}},
		{"u16", &Numeric{Dims: []int{1, 1}, Class: Uint16, Data: []float64{65535}}},
		{"i32", &Numeric{Dims: []int{2, 1}, Class: Int32, Data: []float64{math.MinInt32, math.MaxInt32}}},
		{"u32", &Numeric{Dims: []int{1, 1}, Class: Uint32, Data: []float64{math.MaxUint32}}},
		{"i64", &Numeric{Dims: []int{2, 2}, Class: Int64, Data: []float64{-1 << 62, 0, 1 << 53, 7}}},
		{"u64", &Numeric{Dims: []int{1, 1}, Class: Uint64, Data: []float64{1 << 63}}},
		{"logi", &Numeric{Dims: []int{1, 3}, Class: Logical, Data: []float64{1, 0, 1}}},
		{"cplx", &Numeric{Dims: []int{1, 2}, Class: Double, Data: []float64{1, 3}, Imag: []float64{2, -4}}},
		{"empty", NewMatrix(0, 3, nil)},
		{"three", &Numeric{Dims: []int{2, 1, 2}, Class: Double, Data: []float64{1, 2, 3, 4}}},
		{"s", NewString("héllo €")},
		{"rows", &Char{Dims: []int{2, 2}, Text: "acbd"}},
		{"astral", NewString("a\U0001F600")},
		{"inp", &Cell{Dims: []int{1, 2}, Elems: []Value{
			NewMatrix(2, 3, []float64{1, 2, 3, 4, 5, 6}),
			NewMatrix(2, 1, []float64{7, 8}),
		}}},
		{"nested", &Cell{Dims: []int{2, 1}, Elems: []Value{
			&Cell{Dims: []int{1, 1}, Elems: []Value{NewString("x")}},
			&Struct{Dims: []int{1, 1}, Fields: []string{}, Elems: []map[string]Value{{}}},
		}}},
		{"st", &Struct{Dims: []int{1, 1}, Fields: []string{"a", "longer_name", "c"}, Elems: []map[string]Value{{
			"a":           NewMatrix(1, 1, []float64{1.5}),
			"longer_name": NewString("net"),
			"c":           &Cell{Dims: []int{0, 0}, Elems: []Value{}},
		}}}},
		{"sarr", &Struct{Dims: []int{1, 2}, Fields: []string{"k"}, Elems: []map[string]Value{
			{"k": NewMatrix(1, 1, []float64{1})},
			{"k": NewMatrix(1, 1, []float64{2})},
		}}},
	}
}

func TestRoundTrip(t *testing.T) {
	vars := sampleVars()
	var buf bytes.Buffer
	if err := Write(&buf, vars); err != nil {
		t.Fatal(err)
	}
	if buf.Len()%8 != 0 {
		t.Errorf("file length %d not a multiple of 8", buf.Len())
	}
	got, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, vars) {
		for i := range vars {
			if i < len(got) && !reflect.DeepEqual(got[i], vars[i]) {
				t.Errorf("var %s: got %#v, want %#v", vars[i].Name, got[i].Value, vars[i].Value)
			}
		}
		t.Fatalf("round trip mismatch (%d vars, want %d)", len(got), len(vars))
	}
	if v, ok := Lookup(got, "st"); !ok || v.(*Struct).Elems[0]["longer_name"].(*Char).Text != "net" {
		t.Errorf("Lookup(st) = %v %v", v, ok)
	}
	if _, ok := Lookup(got, "nope"); ok {
		t.Error("Lookup found a missing variable")
	}
	if r := vars[15].Value.(*Char).Rows(); !reflect.DeepEqual(r, []string{"ab", "cd"}) {
		t.Errorf("Rows = %q", r)
	}
	if w := vars[0].Value.(*Numeric); w.At(1, 2) != 6.25 || w.At(0, 1) != 3 {
		t.Error("At indexing wrong")
	}

	path := filepath.Join(t.TempDir(), "x.mat")
	if err := WriteFile(path, vars); err != nil {
		t.Fatal(err)
	}
	got, err = ReadFile(path)
	if err != nil || !reflect.DeepEqual(got, vars) {
		t.Fatalf("file round trip: %v", err)
	}
}

func TestReadBigEndianAndStorageTypes(t *testing.T) {
	for _, m := range []mb{mbLE, mbBE} {
		file := m.file(
			// double class stored as miUINT8, small element format.
			m.matrix(mxDOUBLE, 0, []int{1, 3}, "a", m.small(miUINT8, []byte{1, 2, 250})),
			// double stored as miINT16.
			m.matrix(mxDOUBLE, 0, []int{2, 1}, "b", m.el(miINT16, m.u16s(0xffff, 300))),
			// int32 class stored as miDOUBLE.
			m.matrix(mxINT32, 0, []int{1, 1}, "c", m.el(miDOUBLE, m.f64s(-5))),
			// logical.
			m.matrix(mxUINT8, flagLogical, []int{1, 2}, "d", m.small(miUINT8, []byte{1, 0})),
			// complex single stored as miSINGLE/miINT8.
			m.matrix(mxSINGLE, flagComplex, []int{1, 1}, "e",
				m.small(miSINGLE, m.u32s(math.Float32bits(2.5))), m.small(miINT8, []byte{0xfe})),
			// char as miUTF16 and miUTF8.
			m.matrix(mxCHAR, 0, []int{1, 2}, "f", m.small(miUTF16, m.u16s('h', 'i'))),
			m.matrix(mxCHAR, 0, []int{1, 2}, "g", m.el(miUTF8, []byte("é€"))),
			// empty miMATRIX inside a cell; name as small element.
			m.el(miMATRIX, append(append(append(
				m.el(miUINT32, m.u32s(mxCELL, 0)),
				m.el(miINT32, m.u32s(1, 1))...),
				m.small(miINT8, []byte("cel"))...),
				m.el(miMATRIX, nil)...)),
			m.compressed(m.matrix(mxDOUBLE, 0, []int{1, 1}, "z", m.el(miDOUBLE, m.f64s(math.Pi)))),
		)
		vars, err := Read(bytes.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		want := []Var{
			{"a", &Numeric{Dims: []int{1, 3}, Class: Double, Data: []float64{1, 2, 250}}},
			{"b", &Numeric{Dims: []int{2, 1}, Class: Double, Data: []float64{-1, 300}}},
			{"c", &Numeric{Dims: []int{1, 1}, Class: Int32, Data: []float64{-5}}},
			{"d", &Numeric{Dims: []int{1, 2}, Class: Logical, Data: []float64{1, 0}}},
			{"e", &Numeric{Dims: []int{1, 1}, Class: Single, Data: []float64{2.5}, Imag: []float64{-2}}},
			{"f", &Char{Dims: []int{1, 2}, Text: "hi"}},
			{"g", &Char{Dims: []int{1, 2}, Text: "é€"}},
			{"cel", &Cell{Dims: []int{1, 1}, Elems: []Value{&Numeric{Dims: []int{0, 0}, Class: Double, Data: []float64{}}}}},
			{"z", &Numeric{Dims: []int{1, 1}, Class: Double, Data: []float64{math.Pi}}},
		}
		if !reflect.DeepEqual(vars, want) {
			for i := range want {
				if i >= len(vars) || !reflect.DeepEqual(vars[i], want[i]) {
					if i < len(vars) {
						t.Errorf("var %d: got %+v %#v", i, vars[i], vars[i].Value)
					} else {
						t.Errorf("var %d missing", i)
					}
				}
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	m := mbLE
	good := func(name string) []byte {
		return m.matrix(mxDOUBLE, 0, []int{1, 2}, name, m.el(miDOUBLE, m.f64s(1, 2)))
	}
	hdr := m.header()
	v73 := append([]byte{}, hdr...)
	v73[124], v73[125] = 0, 2
	badEndian := append([]byte{}, hdr...)
	badEndian[126] = 'X'
	// Compressed element whose zlib data is corrupt.
	badZ := m.compressed(good("x"))
	badZ[len(badZ)-3] ^= 0xff
	// Compressed element whose zlib data is not zlib at all.
	notZ := append(m.u32s(miCOMPRESSED, 4), 1, 2, 3, 4)

	cases := []struct {
		name string
		in   []byte
		frag string
	}{
		{"empty", nil, "too short"},
		{"short header", hdr[:100], "too short"},
		{"bad endian", append(badEndian, good("x")...), "not a level-5"},
		{"v7.3", v73, "v7.3 (HDF5, MATLAB's save -v7.3), which is not supported; save it as a level-5 MAT-file: \"save -v7"},
		// What Octave writes by default (text), with -binary and with
		// -hdf5: each is named, with the save command that works.
		{"octave text", []byte("# Created by Octave 7.3.0, Tue Dec 01 15:00:00 2026 UTC <u@h>\n# name: inp\n# type: cell\n# rows: 1\n# columns: 4\n" + strings.Repeat("0 ", 64)), "Octave's text format (Octave's default for save), not a MAT-file; save it as a level-5 MAT-file: \"save -v7 FILE VARIABLES\""},
		{"octave text, short", []byte("# name: x\n# type: scalar\n1\n"), "Octave's text format"},
		{"octave binary", append([]byte("Octave-1-L\x00"), make([]byte, 200)...), "Octave's binary format (save -binary)"},
		{"hdf5", append([]byte("\x89HDF\r\n\x1a\n"), make([]byte, 200)...), "HDF5 file (Octave's save -hdf5)"},
		{"bad version", append(append([]byte{}, hdr[:124]...), 9, 9, 'I', 'M'), "version"},
		{"truncated tag", append(m.header(), 1, 2, 3), "truncated data element tag"},
		{"lying size", append(m.header(), m.u32s(miMATRIX, 1<<31)...), "exceeds"},
		{"unexpected top-level", m.file(m.el(miDOUBLE, m.f64s(1))), "unexpected top-level miDOUBLE"},
		{"small too big", m.file(m.u32s(7<<16|miINT8, 0)), "small data element"},
		{"bad flags", m.file(m.el(miMATRIX, m.el(miINT8, []byte("abc")))), "array flags"},
		{"bad dims type", m.file(m.el(miMATRIX, append(m.el(miUINT32, m.u32s(mxDOUBLE, 0)), m.el(miDOUBLE, m.f64s(1))...))), "dimensions"},
		{"one dim", m.file(m.el(miMATRIX, append(m.el(miUINT32, m.u32s(mxDOUBLE, 0)), m.el(miINT32, m.u32s(1))...))), "dimensions"},
		{"negative dim", m.file(m.matrix(mxDOUBLE, 0, []int{-1, 2}, "x")), "negative dimension"},
		{"huge dims", m.file(m.matrix(mxDOUBLE, 0, []int{1 << 30, 1 << 30}, "x", m.el(miDOUBLE, m.f64s(1)))), `variable "x": real part: 1 values stored`},
		{"huge cell", m.file(m.matrix(mxCELL, 0, []int{1 << 30, 1 << 30}, "c")), "more elements"},
		{"huge struct", m.file(m.matrix(mxSTRUCT, 0, []int{1 << 30, 1 << 30}, "s", m.small(miINT32, m.u32s(8)), m.el(miINT8, make([]byte, 8)))), "more values"},
		{"missing data", m.file(m.matrix(mxDOUBLE, 0, []int{1, 2}, "x")), "real part"},
		{"too few values", m.file(m.matrix(mxDOUBLE, 0, []int{2, 2}, "x", m.el(miDOUBLE, m.f64s(1, 2)))), "2 values stored, dimensions need 4"},
		{"ragged bytes", m.file(m.matrix(mxDOUBLE, 0, []int{1, 1}, "x", m.el(miDOUBLE, []byte{1, 2, 3}))), "whole number"},
		{"missing imag", m.file(m.matrix(mxDOUBLE, flagComplex, []int{1, 1}, "x", m.el(miDOUBLE, m.f64s(1)))), "imaginary part"},
		{"char count", m.file(m.matrix(mxCHAR, 0, []int{1, 5}, "x", m.el(miUTF8, []byte("abc")))), "holds 3 characters"},
		{"bad utf8", m.file(m.matrix(mxCHAR, 0, []int{1, 1}, "x", m.el(miUTF8, []byte{0xff}))), "UTF-8"},
		{"char storage", m.file(m.matrix(mxCHAR, 0, []int{1, 1}, "x", m.el(miDOUBLE, m.f64s(65)))), "character storage"},
		{"sparse", m.file(m.matrix(mxSPARSE, 0, []int{2, 2}, "sp")), `variable "sp": unsupported class mxSPARSE_CLASS`},
		{"object", m.file(m.matrix(mxOBJECT, 0, []int{1, 1}, "ob")), `"ob": unsupported class mxOBJECT_CLASS`},
		{"function", m.file(m.matrix(mxFUNCTION, 0, []int{1, 1}, "fh")), `"fh": unsupported class mxFUNCTION_CLASS`},
		{"opaque", m.file(m.matrix(mxOPAQUE, 0, []int{1, 1}, "op")), "mxOPAQUE_CLASS"},
		{"unknown class", m.file(m.matrix(99, 0, []int{1, 1}, "u")), "unknown class 99"},
		{"sparse in cell", m.file(m.matrix(mxCELL, 0, []int{1, 1}, "c", m.matrix(mxSPARSE, 0, []int{1, 1}, ""))), `variable "c"{1}: unsupported class mxSPARSE_CLASS`},
		{"cell elem not matrix", m.file(m.matrix(mxCELL, 0, []int{1, 1}, "c", m.el(miDOUBLE, m.f64s(1)))), "expected miMATRIX"},
		{"huge fieldless struct", m.file(m.matrix(mxSTRUCT, 0, []int{1 << 30, 1 << 30}, "s", m.small(miINT32, m.u32s(8)), m.el(miINT8, nil))), "without fields is too large"},
		{"struct field len", m.file(m.matrix(mxSTRUCT, 0, []int{1, 1}, "s", m.small(miINT32, m.u32s(0)))), "field name length"},
		{"struct names ragged", m.file(m.matrix(mxSTRUCT, 0, []int{1, 1}, "s", m.small(miINT32, m.u32s(4)), m.el(miINT8, []byte("abcdef")))), "field names"},
		{"struct dup names", m.file(m.matrix(mxSTRUCT, 0, []int{1, 1}, "s", m.small(miINT32, m.u32s(2)), m.small(miINT8, []byte("a\x00a\x00")))), "duplicate field"},
		{"struct missing value", m.file(m.matrix(mxSTRUCT, 0, []int{1, 1}, "s", m.small(miINT32, m.u32s(2)), m.small(miINT8, []byte("a\x00")))), "more values"},
		{"struct missing 2nd value", m.file(m.matrix(mxSTRUCT, 0, []int{1, 1}, "s", m.small(miINT32, m.u32s(2)), m.small(miINT8, []byte("a\x00b\x00")), good(""))), `variable "s".b`},
		{"bad zlib", m.file(badZ), "compressed"},
		{"not zlib", m.file(notZ), "compressed"},
		{"nested compressed", m.file(m.compressed(m.compressed(good("x")))), "nested compressed"},
		{"bad inside compressed", m.file(m.compressed(m.matrix(mxSPARSE, 0, []int{1, 1}, "sp"))), "mxSPARSE_CLASS"},
		{"trailing garbage", append(m.file(good("x")), 1, 2, 3), "truncated data element tag"},
	}
	deep := m.matrix(mxDOUBLE, 0, []int{1, 1}, "", m.el(miDOUBLE, m.f64s(1)))
	for range 150 {
		deep = m.matrix(mxCELL, 0, []int{1, 1}, "", deep)
	}
	cases = append(cases, struct {
		name string
		in   []byte
		frag string
	}{"deep nesting", m.file(deep), "nested too deeply"})

	for _, c := range cases {
		_, err := Read(bytes.NewReader(c.in))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.frag) {
			t.Errorf("%s: error %q does not contain %q", c.name, err, c.frag)
		}
	}
}

func TestTrailingZeroPaddingAccepted(t *testing.T) {
	m := mbLE
	f := append(m.file(m.compressed(m.matrix(mxDOUBLE, 0, []int{1, 1}, "x", m.el(miDOUBLE, m.f64s(1))))), 0, 0, 0)
	vars, err := Read(bytes.NewReader(f))
	if err != nil || len(vars) != 1 {
		t.Fatalf("%v %v", vars, err)
	}
}

func TestTruncated(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sampleVars()); err != nil {
		t.Fatal(err)
	}
	full := buf.Bytes()
	m := mbLE
	comp := m.file(m.compressed(m.matrix(mxCELL, 0, []int{1, 2}, "c",
		m.matrix(mxDOUBLE, 0, []int{1, 2}, "", m.el(miDOUBLE, m.f64s(1, 2))),
		m.matrix(mxCHAR, 0, []int{1, 3}, "", m.el(miUTF8, []byte("abc"))))))
	for _, f := range [][]byte{full, comp} {
		for n := 0; n < len(f); n++ {
			// Cutting exactly between variables yields a valid shorter file.
			vars, err := Read(bytes.NewReader(f[:n]))
			if err == nil {
				if n < headerLen {
					t.Fatalf("truncated to %d: no error", n)
				}
				for _, v := range vars {
					if v.Value == nil {
						t.Fatalf("truncated to %d: nil value", n)
					}
				}
			}
		}
	}
	// Every cut inside a variable is an error: check the cut points of the
	// single-variable compressed file.
	for n := headerLen + 1; n < len(comp); n++ {
		if _, err := Read(bytes.NewReader(comp[:n])); err == nil {
			t.Errorf("compressed file truncated to %d of %d: no error", n, len(comp))
		}
	}
}

func TestWriteErrors(t *testing.T) {
	cases := []struct {
		v    Var
		frag string
	}{
		{Var{"", NewMatrix(1, 1, []float64{1})}, "empty variable name"},
		{Var{"x", nil}, `variable "x": nil value`},
		{Var{"x", &Numeric{Dims: []int{3}, Class: Double, Data: []float64{1, 2, 3}}}, "at least 2 dimensions"},
		{Var{"x", &Numeric{Dims: []int{2, 2}, Class: Double, Data: []float64{1}}}, "need 4 values"},
		{Var{"x", &Numeric{Dims: []int{1, 1}, Class: Double, Data: []float64{1}, Imag: []float64{}}}, "Imag"},
		{Var{"x", &Numeric{Dims: []int{1, 1}, Class: 0, Data: []float64{1}}}, "unknown numeric class"},
		{Var{"x", &Numeric{Dims: []int{1, 1}, Class: Int8, Data: []float64{200}}}, "not a valid int8"},
		{Var{"x", &Numeric{Dims: []int{1, 1}, Class: Int64, Data: []float64{1.5}}}, "not a valid int64"},
		{Var{"x", &Numeric{Dims: []int{1, 1}, Class: Int64, Data: []float64{1 << 63}}}, "not a valid int64"},
		{Var{"x", &Numeric{Dims: []int{1, 1}, Class: Uint64, Data: []float64{-1}}}, "not a valid uint64"},
		{Var{"x", &Numeric{Dims: []int{1, 1}, Class: Int32, Data: []float64{math.NaN()}}}, "not a valid int32"},
		{Var{"x", &Numeric{Dims: []int{1, 1}, Class: Logical, Data: []float64{2}}}, "not a valid logical"},
		{Var{"x", &Numeric{Dims: []int{-1, 1}, Class: Double, Data: []float64{}}}, "negative"},
		{Var{"x", &Char{Dims: []int{1, 2}, Text: "abc"}}, "need 2 characters"},
		{Var{"x", &Cell{Dims: []int{1, 2}, Elems: []Value{NewString("a")}}}, "need 2 cells"},
		{Var{"x", &Cell{Dims: []int{1, 1}, Elems: []Value{&Numeric{Dims: []int{1}, Class: Double, Data: []float64{1}}}}}, `variable "x"{1}`},
		{Var{"x", &Struct{Dims: []int{1, 1}, Fields: []string{"a"}, Elems: []map[string]Value{{}}}}, `missing field "a"`},
		{Var{"x", &Struct{Dims: []int{1, 1}, Fields: []string{"a", "a"}, Elems: []map[string]Value{{}}}}, "duplicate field"},
		{Var{"x", &Struct{Dims: []int{1, 1}, Fields: []string{""}, Elems: []map[string]Value{{}}}}, "invalid field name"},
		{Var{"x", &Struct{Dims: []int{1, 1}, Fields: nil, Elems: []map[string]Value{{"b": NewString("")}}}}, "not listed"},
	}
	for _, c := range cases {
		err := Write(io.Discard, []Var{c.v})
		if err == nil || !strings.Contains(err.Error(), c.frag) {
			t.Errorf("%s %#v: error %v, want %q", c.v.Name, c.v.Value, err, c.frag)
		}
	}
	// WriteFile leaves an existing file alone on error and names the path.
	path := filepath.Join(t.TempDir(), "keep.mat")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(path, []Var{cases[3].v})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("WriteFile error %v does not name the path", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("file clobbered: %q", b)
	}
	if err := Write(failWriter{}, sampleVars()); !errors.Is(err, errFail) {
		t.Errorf("writer error not propagated: %v", err)
	}
	if _, err := ReadFile(path + ".missing"); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("ReadFile error %v does not name the path", err)
	}
	if _, err := ReadFile(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("ReadFile error %v does not name the path", err)
	}
}

var errFail = errors.New("write failed")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errFail }
