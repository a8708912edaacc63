package matfile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"unicode/utf16"
	"unicode/utf8"
)

// Data element types (mi*).
const (
	miINT8       = 1
	miUINT8      = 2
	miINT16      = 3
	miUINT16     = 4
	miINT32      = 5
	miUINT32     = 6
	miSINGLE     = 7
	miDOUBLE     = 9
	miINT64      = 12
	miUINT64     = 13
	miMATRIX     = 14
	miCOMPRESSED = 15
	miUTF8       = 16
	miUTF16      = 17
	miUTF32      = 18
)

// Array classes (mx*_CLASS).
const (
	mxCELL     = 1
	mxSTRUCT   = 2
	mxOBJECT   = 3
	mxCHAR     = 4
	mxSPARSE   = 5
	mxDOUBLE   = 6
	mxSINGLE   = 7
	mxINT8     = 8
	mxUINT8    = 9
	mxINT16    = 10
	mxUINT16   = 11
	mxINT32    = 12
	mxUINT32   = 13
	mxINT64    = 14
	mxUINT64   = 15
	mxFUNCTION = 16
	mxOPAQUE   = 17
)

// Array flag bits (in the first word of the array flags sub-element).
const (
	flagComplex = 0x0800
	flagGlobal  = 0x0400
	flagLogical = 0x0200
)

var mxNames = map[uint32]string{
	mxCELL: "mxCELL_CLASS", mxSTRUCT: "mxSTRUCT_CLASS", mxOBJECT: "mxOBJECT_CLASS",
	mxCHAR: "mxCHAR_CLASS", mxSPARSE: "mxSPARSE_CLASS", mxDOUBLE: "mxDOUBLE_CLASS",
	mxSINGLE: "mxSINGLE_CLASS", mxINT8: "mxINT8_CLASS", mxUINT8: "mxUINT8_CLASS",
	mxINT16: "mxINT16_CLASS", mxUINT16: "mxUINT16_CLASS", mxINT32: "mxINT32_CLASS",
	mxUINT32: "mxUINT32_CLASS", mxINT64: "mxINT64_CLASS", mxUINT64: "mxUINT64_CLASS",
	mxFUNCTION: "mxFUNCTION_CLASS", mxOPAQUE: "mxOPAQUE_CLASS",
}

func mxName(c uint32) string {
	if s, ok := mxNames[c]; ok {
		return s
	}
	return fmt.Sprintf("unknown class %d", c)
}

var mxToClass = map[uint32]Class{
	mxDOUBLE: Double, mxSINGLE: Single, mxINT8: Int8, mxUINT8: Uint8,
	mxINT16: Int16, mxUINT16: Uint16, mxINT32: Int32, mxUINT32: Uint32,
	mxINT64: Int64, mxUINT64: Uint64,
}

// miSize returns the element size of a numeric data type, or 0.
func miSize(t uint32) int {
	switch t {
	case miINT8, miUINT8:
		return 1
	case miINT16, miUINT16:
		return 2
	case miINT32, miUINT32, miSINGLE:
		return 4
	case miDOUBLE, miINT64, miUINT64:
		return 8
	}
	return 0
}

var miNames = map[uint32]string{
	miINT8: "miINT8", miUINT8: "miUINT8", miINT16: "miINT16", miUINT16: "miUINT16",
	miINT32: "miINT32", miUINT32: "miUINT32", miSINGLE: "miSINGLE", miDOUBLE: "miDOUBLE",
	miINT64: "miINT64", miUINT64: "miUINT64", miMATRIX: "miMATRIX", miCOMPRESSED: "miCOMPRESSED",
	miUTF8: "miUTF8", miUTF16: "miUTF16", miUTF32: "miUTF32",
}

func miName(t uint32) string {
	if s, ok := miNames[t]; ok {
		return s
	}
	return fmt.Sprintf("unknown data type %d", t)
}

const (
	headerLen = 128
	// maxDepth bounds the nesting of cells and structs.
	maxDepth = 100
	// maxDecompressed bounds the size of one decompressed element.
	maxDecompressed int64 = 1 << 32
	// maxFieldlessStruct bounds the element count of a struct array without
	// fields, whose size is not limited by the data present.
	maxFieldlessStruct = 1 << 16
)

// ReadFile reads the MAT-file at path. Errors name the path.
func ReadFile(path string) ([]Var, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("matfile: %w", err)
	}
	defer f.Close()
	vars, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("matfile: %s: %w", path, err)
	}
	return vars, nil
}

// Read reads a level-5 MAT-file from r.
func Read(r io.Reader) ([]Var, error) {
	vars, err := read(r)
	if err != nil {
		return nil, fmt.Errorf("matfile: %w", err)
	}
	return vars, nil
}

// saveV7 is the advice of every "wrong format" error.
const saveV7 = `save it as a level-5 MAT-file: "save -v7 FILE VARIABLES" in Octave or MATLAB`

// otherFormat recognises the files that Octave and MATLAB write when told
// to save in some other format than level 5, from the first bytes, and
// returns an error that names the format and the fix; nil when the bytes
// are none of them.
func otherFormat(head []byte) error {
	switch {
	case bytes.HasPrefix(head, []byte("# Created by Octave")), bytes.HasPrefix(head, []byte("# name: ")):
		return errors.New("this is Octave's text format (Octave's default for save), not a MAT-file; " + saveV7)
	case bytes.HasPrefix(head, []byte("Octave-1-")):
		return errors.New("this is Octave's binary format (save -binary), not a MAT-file; " + saveV7)
	case bytes.HasPrefix(head, []byte("\x89HDF\r\n\x1a\n")):
		return errors.New("this is an HDF5 file (Octave's save -hdf5), not a level-5 MAT-file; " + saveV7)
	}
	return nil
}

func read(r io.Reader) ([]Var, error) {
	var hdr [headerLen]byte
	if n, err := io.ReadFull(r, hdr[:]); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			if err := otherFormat(hdr[:n]); err != nil {
				return nil, err
			}
			return nil, errors.New("file too short for a MAT-file header")
		}
		return nil, err
	}
	if err := otherFormat(hdr[:]); err != nil {
		return nil, err
	}
	var order binary.ByteOrder
	switch string(hdr[126:128]) {
	case "IM":
		order = binary.LittleEndian
	case "MI":
		order = binary.BigEndian
	default:
		return nil, fmt.Errorf("not a level-5 MAT-file (endian indicator %q; a MATLAB v4 file?); %s", hdr[126:128], saveV7)
	}
	switch v := order.Uint16(hdr[124:126]); v {
	case 0x0100:
	case 0x0200:
		return nil, errors.New("this is a MAT-file v7.3 (HDF5, MATLAB's save -v7.3), which is not supported; " + saveV7)
	default:
		return nil, fmt.Errorf("unsupported MAT-file version %#04x; %s", v, saveV7)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	d := &decoder{order: order}
	return d.topLevel(body, headerLen, false)
}

type decoder struct {
	order binary.ByteOrder
}

// element is one decoded data element.
type element struct {
	typ  uint32
	data []byte
}

// next splits the first data element off b. off is the file offset of b,
// for error messages. It returns the element and the remaining bytes.
func (d *decoder) next(b []byte, off int64) (element, []byte, error) {
	if len(b) < 8 {
		return element{}, nil, fmt.Errorf("offset %d: truncated data element tag (%d bytes left)", off, len(b))
	}
	w := d.order.Uint32(b[0:4])
	if w>>16 != 0 {
		// Small data element: size and type packed in one word, data in
		// the next four bytes.
		n := int(w >> 16)
		typ := w & 0xffff
		if n > 4 {
			return element{}, nil, fmt.Errorf("offset %d: small data element claims %d bytes (max 4)", off, n)
		}
		return element{typ: typ, data: b[4 : 4+n : 4+n]}, b[8:], nil
	}
	typ := w
	n := uint64(d.order.Uint32(b[4:8]))
	rest := b[8:]
	if n > uint64(len(rest)) {
		return element{}, nil, fmt.Errorf("offset %d: %s element of %d bytes exceeds the %d bytes remaining",
			off, miName(typ), n, len(rest))
	}
	data := rest[:n:n]
	rest = rest[n:]
	if typ != miCOMPRESSED {
		pad := int((8 - n%8) % 8)
		rest = rest[min(pad, len(rest)):]
	}
	return element{typ: typ, data: data}, rest, nil
}

// topLevel decodes a sequence of top-level elements (variables).
func (d *decoder) topLevel(b []byte, off int64, inCompressed bool) ([]Var, error) {
	vars := []Var{}
	start := len(b)
	for len(b) > 0 {
		pos := off + int64(start-len(b))
		if len(b) < 8 && allZero(b) {
			break // trailing padding
		}
		el, rest, err := d.next(b, pos)
		if err != nil {
			return nil, err
		}
		b = rest
		switch el.typ {
		case miMATRIX:
			name, v, err := d.matrix(el.data, pos+8, "", 0)
			if err != nil {
				return nil, err
			}
			vars = append(vars, Var{Name: name, Value: v})
		case miCOMPRESSED:
			if inCompressed {
				return nil, fmt.Errorf("offset %d: nested compressed element", pos)
			}
			inner, err := inflate(el.data)
			if err != nil {
				return nil, fmt.Errorf("offset %d: compressed element: %w", pos, err)
			}
			vs, err := d.topLevel(inner, 0, true)
			if err != nil {
				return nil, fmt.Errorf("in compressed element at offset %d: %w", pos, err)
			}
			vars = append(vars, vs...)
		default:
			return nil, fmt.Errorf("offset %d: unexpected top-level %s element", pos, miName(el.typ))
		}
	}
	return vars, nil
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// inflate decompresses a zlib stream. The output grows only as data is
// actually produced, and is capped at maxDecompressed bytes.
func inflate(b []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, maxDecompressed+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > maxDecompressed {
		return nil, fmt.Errorf("decompressed data exceeds %d bytes", maxDecompressed)
	}
	return out, nil
}

// matrix decodes the content of an miMATRIX element. path names the value
// for error messages ("" at top level, where the element's own name is
// used).
func (d *decoder) matrix(b []byte, off int64, path string, depth int) (string, Value, error) {
	if depth > maxDepth {
		return "", nil, fmt.Errorf("%s: cells/structs nested too deeply", path)
	}
	if len(b) == 0 {
		// An empty miMATRIX stands for an empty double array.
		return "", &Numeric{Dims: []int{0, 0}, Class: Double, Data: []float64{}}, nil
	}
	start := len(b)
	pos := func() int64 { return off + int64(start-len(b)) }
	where := func() string {
		if path == "" {
			return "variable"
		}
		return path
	}
	sub := func(what string) (element, error) {
		p := pos()
		el, rest, err := d.next(b, p)
		if err != nil {
			return element{}, fmt.Errorf("%s: %s: %w", where(), what, err)
		}
		b = rest
		return el, nil
	}

	// Array flags.
	el, err := sub("array flags")
	if err != nil {
		return "", nil, err
	}
	if el.typ != miUINT32 || len(el.data) != 8 {
		return "", nil, fmt.Errorf("%s: malformed array flags (%s, %d bytes)", where(), miName(el.typ), len(el.data))
	}
	flags := d.order.Uint32(el.data[0:4])
	class := flags & 0xff

	// Dimensions.
	el, err = sub("dimensions")
	if err != nil {
		return "", nil, err
	}
	if el.typ != miINT32 || len(el.data)%4 != 0 || len(el.data) < 8 {
		return "", nil, fmt.Errorf("%s: malformed dimensions (%s, %d bytes)", where(), miName(el.typ), len(el.data))
	}
	dims := make([]int, len(el.data)/4)
	for i := range dims {
		v := int32(d.order.Uint32(el.data[4*i:]))
		if v < 0 {
			return "", nil, fmt.Errorf("%s: negative dimension %d", where(), v)
		}
		dims[i] = int(v)
	}
	n, err := numel(dims)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", where(), err)
	}

	// Name.
	el, err = sub("name")
	if err != nil {
		return "", nil, err
	}
	if el.typ != miINT8 && el.typ != miUINT8 && el.typ != miUTF8 {
		return "", nil, fmt.Errorf("%s: malformed array name (%s)", where(), miName(el.typ))
	}
	name := string(el.data)
	if path == "" {
		path = fmt.Sprintf("variable %q", name)
	}

	switch class {
	case mxCELL:
		// Each element takes at least an 8-byte tag.
		if n > len(b)/8 {
			return "", nil, fmt.Errorf("%s: cell of %s claims more elements than the data holds", path, dimString(dims))
		}
		c := &Cell{Dims: dims, Elems: make([]Value, n)}
		for i := range n {
			p := pos()
			el, err := sub(fmt.Sprintf("cell element %d", i+1))
			if err != nil {
				return "", nil, err
			}
			if el.typ != miMATRIX {
				return "", nil, fmt.Errorf("%s{%d}: expected miMATRIX, got %s", path, i+1, miName(el.typ))
			}
			_, v, err := d.matrix(el.data, p+8, fmt.Sprintf("%s{%d}", path, i+1), depth+1)
			if err != nil {
				return "", nil, err
			}
			c.Elems[i] = v
		}
		return name, c, nil

	case mxSTRUCT:
		el, err := sub("field name length")
		if err != nil {
			return "", nil, err
		}
		if el.typ != miINT32 || len(el.data) != 4 {
			return "", nil, fmt.Errorf("%s: malformed field name length", path)
		}
		fl := int(int32(d.order.Uint32(el.data)))
		if fl <= 0 {
			return "", nil, fmt.Errorf("%s: invalid field name length %d", path, fl)
		}
		el, err = sub("field names")
		if err != nil {
			return "", nil, err
		}
		if (el.typ != miINT8 && el.typ != miUINT8) || len(el.data)%fl != 0 {
			return "", nil, fmt.Errorf("%s: malformed field names (%s, %d bytes, field length %d)", path, miName(el.typ), len(el.data), fl)
		}
		nf := len(el.data) / fl
		fields := make([]string, nf)
		seen := map[string]bool{}
		for i := range fields {
			raw := el.data[i*fl : (i+1)*fl]
			if j := bytes.IndexByte(raw, 0); j >= 0 {
				raw = raw[:j]
			}
			fields[i] = string(raw)
			if seen[fields[i]] {
				return "", nil, fmt.Errorf("%s: duplicate field name %q", path, fields[i])
			}
			seen[fields[i]] = true
		}
		if nf > 0 && n > len(b)/8/nf {
			return "", nil, fmt.Errorf("%s: struct of %s with %d fields claims more values than the data holds", path, dimString(dims), nf)
		}
		if nf == 0 && n > maxFieldlessStruct {
			return "", nil, fmt.Errorf("%s: struct array of %s without fields is too large", path, dimString(dims))
		}
		s := &Struct{Dims: dims, Fields: fields, Elems: make([]map[string]Value, n)}
		for i := range n {
			m := make(map[string]Value, nf)
			for _, f := range fields {
				fp := fmt.Sprintf("%s(%d).%s", path, i+1, f)
				if n == 1 {
					fp = path + "." + f
				}
				p := pos()
				el, err := sub(fp)
				if err != nil {
					return "", nil, err
				}
				if el.typ != miMATRIX {
					return "", nil, fmt.Errorf("%s: expected miMATRIX, got %s", fp, miName(el.typ))
				}
				_, v, err := d.matrix(el.data, p+8, fp, depth+1)
				if err != nil {
					return "", nil, err
				}
				m[f] = v
			}
			s.Elems[i] = m
		}
		return name, s, nil

	case mxCHAR:
		el, err := sub("character data")
		if err != nil {
			return "", nil, err
		}
		text, units, err := d.chars(el)
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w", path, err)
		}
		if units != n {
			return "", nil, fmt.Errorf("%s: char array of %s holds %d characters", path, dimString(dims), units)
		}
		return name, &Char{Dims: dims, Text: text}, nil

	case mxDOUBLE, mxSINGLE, mxINT8, mxUINT8, mxINT16, mxUINT16, mxINT32, mxUINT32, mxINT64, mxUINT64:
		cls := mxToClass[class]
		if flags&flagLogical != 0 {
			cls = Logical
		}
		el, err := sub("real part")
		if err != nil {
			return "", nil, err
		}
		re, err := d.numbers(el, n)
		if err != nil {
			return "", nil, fmt.Errorf("%s: real part: %w", path, err)
		}
		num := &Numeric{Dims: dims, Class: cls, Data: re}
		if flags&flagComplex != 0 {
			el, err := sub("imaginary part")
			if err != nil {
				return "", nil, err
			}
			im, err := d.numbers(el, n)
			if err != nil {
				return "", nil, fmt.Errorf("%s: imaginary part: %w", path, err)
			}
			num.Imag = im
		}
		return name, num, nil

	case mxSPARSE, mxOBJECT, mxFUNCTION, mxOPAQUE:
		return "", nil, fmt.Errorf("%s: unsupported class %s", path, mxName(class))
	default:
		return "", nil, fmt.Errorf("%s: unsupported class %s", path, mxName(class))
	}
}

// numbers converts a numeric data element holding n values to float64.
func (d *decoder) numbers(el element, n int) ([]float64, error) {
	size := miSize(el.typ)
	if size == 0 {
		return nil, fmt.Errorf("non-numeric storage type %s", miName(el.typ))
	}
	if len(el.data)%size != 0 {
		return nil, fmt.Errorf("%s data of %d bytes is not a whole number of values", miName(el.typ), len(el.data))
	}
	if got := len(el.data) / size; got != n {
		return nil, fmt.Errorf("%d values stored, dimensions need %d", got, n)
	}
	out := make([]float64, n)
	b := el.data
	o := d.order
	switch el.typ {
	case miINT8:
		for i := range out {
			out[i] = float64(int8(b[i]))
		}
	case miUINT8:
		for i := range out {
			out[i] = float64(b[i])
		}
	case miINT16:
		for i := range out {
			out[i] = float64(int16(o.Uint16(b[2*i:])))
		}
	case miUINT16:
		for i := range out {
			out[i] = float64(o.Uint16(b[2*i:]))
		}
	case miINT32:
		for i := range out {
			out[i] = float64(int32(o.Uint32(b[4*i:])))
		}
	case miUINT32:
		for i := range out {
			out[i] = float64(o.Uint32(b[4*i:]))
		}
	case miSINGLE:
		for i := range out {
			out[i] = float64(math.Float32frombits(o.Uint32(b[4*i:])))
		}
	case miDOUBLE:
		for i := range out {
			out[i] = math.Float64frombits(o.Uint64(b[8*i:]))
		}
	case miINT64:
		for i := range out {
			out[i] = float64(int64(o.Uint64(b[8*i:])))
		}
	case miUINT64:
		for i := range out {
			out[i] = float64(o.Uint64(b[8*i:]))
		}
	}
	return out, nil
}

// chars decodes character data and returns the text and the number of
// characters as MATLAB counts them (UTF-16 code units for 16-bit storage,
// code points otherwise).
func (d *decoder) chars(el element) (string, int, error) {
	b := el.data
	switch el.typ {
	case miUTF8:
		if !utf8.Valid(b) {
			return "", 0, errors.New("invalid UTF-8 in character data")
		}
		return string(b), utf8.RuneCount(b), nil
	case miUINT8, miINT8:
		// Latin-1.
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r), len(r), nil
	case miUINT16, miUTF16, miINT16:
		if len(b)%2 != 0 {
			return "", 0, fmt.Errorf("%s character data of odd length %d", miName(el.typ), len(b))
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = d.order.Uint16(b[2*i:])
		}
		return string(utf16.Decode(u)), len(u), nil
	case miUTF32, miUINT32, miINT32:
		if len(b)%4 != 0 {
			return "", 0, fmt.Errorf("%s character data of length %d", miName(el.typ), len(b))
		}
		r := make([]rune, len(b)/4)
		for i := range r {
			r[i] = rune(d.order.Uint32(b[4*i:]))
		}
		return string(r), len(r), nil
	}
	return "", 0, fmt.Errorf("unsupported character storage type %s", miName(el.typ))
}
