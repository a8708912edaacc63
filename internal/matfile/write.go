package matfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hebbrnn/hebbrnn/internal/atomicfile"
)

// WriteFile writes vars to path atomically (see internal/atomicfile).
func WriteFile(path string, vars []Var) error {
	// Encode first so that an invalid value never touches the file system.
	b, err := encode(vars)
	if err != nil {
		return fmt.Errorf("matfile: write %s: %w", path, err)
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// Write writes vars as an uncompressed little-endian level-5 MAT-file.
// Double data are stored as miDOUBLE, Single as miSINGLE, and each integer
// class as the matching integer type (Int64 as miINT64); integer and
// logical values must be whole numbers in range. Char arrays are stored as
// miUINT16 (UTF-16 code units), except non-ASCII text without characters
// outside the Basic Multilingual Plane, which is stored as miUTF8 so that
// scipy.io.loadmat decodes it. Every value needs at least two dimensions.
func Write(w io.Writer, vars []Var) error {
	b, err := encode(vars)
	if err == nil {
		_, err = w.Write(b)
	}
	if err != nil {
		return fmt.Errorf("matfile: write: %w", err)
	}
	return nil
}

func encode(vars []Var) ([]byte, error) {
	e := &encoder{}
	e.buf = append(e.buf, fileHeader()...)
	for _, v := range vars {
		if v.Name == "" {
			return nil, errors.New("empty variable name")
		}
		if err := e.matrix(v.Name, v.Value, fmt.Sprintf("variable %q", v.Name)); err != nil {
			return nil, err
		}
	}
	return e.buf, nil
}

func fileHeader() []byte {
	h := make([]byte, headerLen)
	text := "MATLAB 5.0 MAT-file, Platform: GLNXA64, Created by: hebbrnn"
	copy(h, text)
	for i := len(text); i < 116; i++ {
		h[i] = ' '
	}
	// Bytes 116..123: subsystem data offset, left zero.
	binary.LittleEndian.PutUint16(h[124:], 0x0100)
	h[126], h[127] = 'I', 'M'
	return h
}

type encoder struct {
	buf []byte
}

var le = binary.LittleEndian

func (e *encoder) pad() {
	for len(e.buf)%8 != 0 {
		e.buf = append(e.buf, 0)
	}
}

// element appends a data element with the given type and payload.
func (e *encoder) element(typ uint32, data []byte) {
	if len(data) <= 4 && len(data) > 0 {
		// Small data element format.
		e.buf = le.AppendUint32(e.buf, uint32(len(data))<<16|typ)
		e.buf = append(e.buf, data...)
		e.pad()
		return
	}
	e.buf = le.AppendUint32(e.buf, typ)
	e.buf = le.AppendUint32(e.buf, uint32(len(data)))
	e.buf = append(e.buf, data...)
	e.pad()
}

var classStorage = map[Class]struct {
	mx, mi uint32
}{
	Double: {mxDOUBLE, miDOUBLE}, Single: {mxSINGLE, miSINGLE},
	Int8: {mxINT8, miINT8}, Uint8: {mxUINT8, miUINT8},
	Int16: {mxINT16, miINT16}, Uint16: {mxUINT16, miUINT16},
	Int32: {mxINT32, miINT32}, Uint32: {mxUINT32, miUINT32},
	Int64: {mxINT64, miINT64}, Uint64: {mxUINT64, miUINT64},
	Logical: {mxUINT8, miUINT8},
}

// matrix appends an miMATRIX element for v.
func (e *encoder) matrix(name string, v Value, path string) error {
	if v == nil {
		return fmt.Errorf("%s: nil value", path)
	}
	// Reserve the tag; the size is patched in at the end.
	start := len(e.buf)
	e.buf = le.AppendUint32(e.buf, miMATRIX)
	e.buf = le.AppendUint32(e.buf, 0)

	header := func(class, flags uint32, dims []int) error {
		if len(dims) < 2 {
			return fmt.Errorf("%s: need at least 2 dimensions, have %d", path, len(dims))
		}
		for _, d := range dims {
			if d < 0 || d > math.MaxInt32 {
				return fmt.Errorf("%s: invalid dimension %d", path, d)
			}
		}
		var af [8]byte
		le.PutUint32(af[:], class|flags)
		e.element(miUINT32, af[:])
		db := make([]byte, 0, 4*len(dims))
		for _, d := range dims {
			db = le.AppendUint32(db, uint32(d))
		}
		e.element(miINT32, db)
		e.element(miINT8, []byte(name))
		return nil
	}

	switch v := v.(type) {
	case *Numeric:
		st, ok := classStorage[v.Class]
		if !ok {
			return fmt.Errorf("%s: unknown numeric class %v", path, v.Class)
		}
		n, err := numel(v.Dims)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if len(v.Data) != n {
			return fmt.Errorf("%s: dimensions %s need %d values, Data has %d", path, dimString(v.Dims), n, len(v.Data))
		}
		if v.Imag != nil && len(v.Imag) != n {
			return fmt.Errorf("%s: Imag has %d values, want %d", path, len(v.Imag), n)
		}
		if v.Imag != nil && v.Class == Logical {
			return fmt.Errorf("%s: logical arrays cannot be complex", path)
		}
		var flags uint32
		if v.Class == Logical {
			flags |= flagLogical
		}
		if v.Imag != nil {
			flags |= flagComplex
		}
		if err := header(st.mx, flags, v.Dims); err != nil {
			return err
		}
		for _, part := range [][]float64{v.Data, v.Imag} {
			if part == nil {
				continue
			}
			b, err := encodeNumbers(st.mi, v.Class, part)
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			e.element(st.mi, b)
		}

	case *Char:
		units := utf16.Encode([]rune(v.Text))
		n, err := numel(v.Dims)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if len(units) != n {
			return fmt.Errorf("%s: dimensions %s need %d characters (UTF-16 units), text has %d", path, dimString(v.Dims), n, len(units))
		}
		if err := header(mxCHAR, 0, v.Dims); err != nil {
			return err
		}
		if len(units) == utf8.RuneCountInString(v.Text) && !isASCII(v.Text) {
			// Non-ASCII text within the BMP: UTF-8, as scipy writes it
			// (scipy.io.loadmat mangles non-ASCII miUINT16 characters).
			// Here code points and UTF-16 units coincide, so the
			// dimensions mean the same in both encodings.
			e.element(miUTF8, []byte(v.Text))
			break
		}
		b := make([]byte, 0, 2*len(units))
		for _, u := range units {
			b = le.AppendUint16(b, u)
		}
		e.element(miUINT16, b)

	case *Cell:
		n, err := numel(v.Dims)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if len(v.Elems) != n {
			return fmt.Errorf("%s: dimensions %s need %d cells, Elems has %d", path, dimString(v.Dims), n, len(v.Elems))
		}
		if err := header(mxCELL, 0, v.Dims); err != nil {
			return err
		}
		for i, el := range v.Elems {
			if err := e.matrix("", el, fmt.Sprintf("%s{%d}", path, i+1)); err != nil {
				return err
			}
		}

	case *Struct:
		n, err := numel(v.Dims)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if len(v.Elems) != n {
			return fmt.Errorf("%s: dimensions %s need %d elements, Elems has %d", path, dimString(v.Dims), n, len(v.Elems))
		}
		fl := 1
		seen := map[string]bool{}
		for _, f := range v.Fields {
			if f == "" || bytes.IndexByte([]byte(f), 0) >= 0 {
				return fmt.Errorf("%s: invalid field name %q", path, f)
			}
			if seen[f] {
				return fmt.Errorf("%s: duplicate field %q", path, f)
			}
			seen[f] = true
			fl = max(fl, len(f)+1)
		}
		if err := header(mxSTRUCT, 0, v.Dims); err != nil {
			return err
		}
		var flb [4]byte
		le.PutUint32(flb[:], uint32(fl))
		e.element(miINT32, flb[:])
		names := make([]byte, fl*len(v.Fields))
		for i, f := range v.Fields {
			copy(names[i*fl:], f)
		}
		e.element(miINT8, names)
		for i, m := range v.Elems {
			for _, f := range v.Fields {
				fv, ok := m[f]
				if !ok {
					return fmt.Errorf("%s(%d): missing field %q", path, i+1, f)
				}
				if err := e.matrix("", fv, fmt.Sprintf("%s(%d).%s", path, i+1, f)); err != nil {
					return err
				}
			}
			if len(m) != len(v.Fields) {
				return fmt.Errorf("%s(%d): has fields not listed in Fields", path, i+1)
			}
		}

	default:
		return fmt.Errorf("%s: unsupported value type %T", path, v)
	}

	size := len(e.buf) - start - 8
	if uint64(size) > math.MaxUint32 {
		return fmt.Errorf("%s: array too large for a level-5 MAT-file (%d bytes)", path, size)
	}
	le.PutUint32(e.buf[start+4:], uint32(size))
	return nil
}

// encodeNumbers converts values to the storage type mi, checking that
// integer classes hold whole numbers in range.
func encodeNumbers(mi uint32, class Class, vals []float64) ([]byte, error) {
	size := miSize(mi)
	b := make([]byte, 0, size*len(vals))
	var lo, hi float64
	switch class {
	case Int8:
		lo, hi = math.MinInt8, math.MaxInt8
	case Uint8:
		lo, hi = 0, math.MaxUint8
	case Logical:
		lo, hi = 0, 1
	case Int16:
		lo, hi = math.MinInt16, math.MaxInt16
	case Uint16:
		lo, hi = 0, math.MaxUint16
	case Int32:
		lo, hi = math.MinInt32, math.MaxInt32
	case Uint32:
		lo, hi = 0, math.MaxUint32
	case Int64:
		lo, hi = math.MinInt64, math.MaxInt64 // hi rounds up to 2^63: checked below
	case Uint64:
		lo, hi = 0, math.MaxUint64 // rounds up to 2^64: checked below
	}
	for i, v := range vals {
		if class != Double && class != Single {
			if v != math.Trunc(v) || v < lo || v > hi ||
				(class == Int64 && v >= 1<<63) || (class == Uint64 && v >= 1<<64) {
				return nil, fmt.Errorf("value %v at index %d is not a valid %v", v, i, class)
			}
		}
		switch mi {
		case miDOUBLE:
			b = le.AppendUint64(b, math.Float64bits(v))
		case miSINGLE:
			b = le.AppendUint32(b, math.Float32bits(float32(v)))
		case miINT8:
			b = append(b, byte(int8(v)))
		case miUINT8:
			b = append(b, byte(v))
		case miINT16:
			b = le.AppendUint16(b, uint16(int16(v)))
		case miUINT16:
			b = le.AppendUint16(b, uint16(v))
		case miINT32:
			b = le.AppendUint32(b, uint32(int32(v)))
		case miUINT32:
			b = le.AppendUint32(b, uint32(v))
		case miINT64:
			b = le.AppendUint64(b, uint64(int64(v)))
		case miUINT64:
			b = le.AppendUint64(b, uint64(v))
		}
	}
	return b, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
