// Package npy reads and writes numpy .npy arrays and .npz archives.
//
// Arrays are held in C (row-major) order with one of three element types:
// float64, float32 or int64. Reading accepts the common numeric dtypes of
// either byte order (integers and booleans are widened to int64); writing
// always produces little-endian, C-order files in format version 1.0 (2.0
// when the header does not fit in 64 KiB).
package npy

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
)

// Array is an n-dimensional numeric array in C order.
type Array struct {
	Shape []int     // C-order shape; a 0-d array has len(Shape)==0
	F64   []float64 // exactly one of F64, F32, I64 is non-nil
	F32   []float32
	I64   []int64
}

// NewF64 returns a float64 array with the given data and shape. With no
// shape the array is 1-d of length len(data).
func NewF64(data []float64, shape ...int) *Array {
	if data == nil {
		data = []float64{}
	}
	return &Array{Shape: defShape(shape, len(data)), F64: data}
}

// NewF32 returns a float32 array with the given data and shape. With no
// shape the array is 1-d of length len(data).
func NewF32(data []float32, shape ...int) *Array {
	if data == nil {
		data = []float32{}
	}
	return &Array{Shape: defShape(shape, len(data)), F32: data}
}

// NewI64 returns an int64 array with the given data and shape. With no
// shape the array is 1-d of length len(data).
func NewI64(data []int64, shape ...int) *Array {
	if data == nil {
		data = []int64{}
	}
	return &Array{Shape: defShape(shape, len(data)), I64: data}
}

func defShape(shape []int, n int) []int {
	if shape == nil {
		return []int{n}
	}
	return append([]int{}, shape...)
}

// Len returns the number of elements implied by the shape (1 for a 0-d
// array).
func (a *Array) Len() int {
	n := 1
	for _, d := range a.Shape {
		n *= d
	}
	return n
}

// Dtype returns the numpy type string of the array ('<f8', '<f4' or '<i8'),
// or "" if the array does not have exactly one data slice.
func (a *Array) Dtype() string {
	switch {
	case a.F64 != nil && a.F32 == nil && a.I64 == nil:
		return "<f8"
	case a.F32 != nil && a.F64 == nil && a.I64 == nil:
		return "<f4"
	case a.I64 != nil && a.F64 == nil && a.F32 == nil:
		return "<i8"
	}
	return ""
}

func (a *Array) dataLen() int {
	switch {
	case a.F64 != nil:
		return len(a.F64)
	case a.F32 != nil:
		return len(a.F32)
	default:
		return len(a.I64)
	}
}

// Validate checks that the array has exactly one data slice, no negative
// dimensions, and as many elements as its shape implies.
func (a *Array) Validate() error {
	if a == nil {
		return errors.New("nil array")
	}
	if a.Dtype() == "" {
		return errors.New("array must have exactly one of F64, F32, I64 non-nil")
	}
	n, err := shapeLen(a.Shape, 8)
	if err != nil {
		return err
	}
	if got := a.dataLen(); got != n {
		return fmt.Errorf("shape %s implies %d elements but data has %d", formatShape(a.Shape), n, got)
	}
	return nil
}

// shapeLen returns the number of elements of shape, checking that neither
// the count nor count*itemsize overflows.
func shapeLen(shape []int, itemsize int) (int, error) {
	n := 1
	limit := math.MaxInt / itemsize
	overflow := false
	for _, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("shape %s has a negative dimension", formatShape(shape))
		}
	}
	for _, d := range shape {
		if d == 0 {
			return 0, nil
		}
		if n > limit/d {
			overflow = true
		} else {
			n *= d
		}
	}
	if overflow {
		return 0, fmt.Errorf("shape %s is too large", formatShape(shape))
	}
	return n, nil
}

var magic = []byte("\x93NUMPY")

// maxHeaderLen bounds the header size accepted by Read.
const maxHeaderLen = 1 << 20

// Read reads one .npy array from r. It reads exactly the bytes of the array
// and nothing more.
func Read(r io.Reader) (*Array, error) {
	remaining := int64(-1)
	if l, ok := r.(interface{ Len() int }); ok {
		remaining = int64(l.Len())
	}
	a, err := read(r, remaining)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	return a, nil
}

// read reads an array; remaining is the number of bytes known to be left in
// r, or -1 if unknown.
func read(r io.Reader, remaining int64) (*Array, error) {
	var pre [10]byte
	if _, err := io.ReadFull(r, pre[:8]); err != nil {
		return nil, fmt.Errorf("reading magic: %w", noEOF(err))
	}
	if !bytes.Equal(pre[:6], magic) {
		return nil, fmt.Errorf("bad magic %q, not a .npy file", pre[:6])
	}
	major, minor := pre[6], pre[7]
	var hlen int
	var consumed int64
	switch major {
	case 1:
		if _, err := io.ReadFull(r, pre[8:10]); err != nil {
			return nil, fmt.Errorf("reading header length: %w", noEOF(err))
		}
		hlen = int(binary.LittleEndian.Uint16(pre[8:10]))
		consumed = 10
	case 2, 3:
		var b [4]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return nil, fmt.Errorf("reading header length: %w", noEOF(err))
		}
		l := binary.LittleEndian.Uint32(b[:])
		if l > maxHeaderLen {
			return nil, fmt.Errorf("header length %d exceeds limit %d", l, maxHeaderLen)
		}
		hlen = int(l)
		consumed = 12
	default:
		return nil, fmt.Errorf("unsupported format version %d.%d", major, minor)
	}
	if remaining >= 0 && int64(hlen) > remaining-consumed {
		return nil, fmt.Errorf("truncated header: length %d, only %d bytes left", hlen, remaining-consumed)
	}
	hb := make([]byte, hlen)
	if _, err := io.ReadFull(r, hb); err != nil {
		return nil, fmt.Errorf("reading header: %w", noEOF(err))
	}
	consumed += int64(hlen)
	h, err := parseHeader(string(hb))
	if err != nil {
		return nil, err
	}
	dt, err := parseDescr(h.descr)
	if err != nil {
		return nil, err
	}
	n, err := shapeLen(h.shape, dt.size)
	if err != nil {
		return nil, err
	}
	nbytes := int64(n) * int64(dt.size)
	if remaining >= 0 && nbytes > remaining-consumed {
		return nil, fmt.Errorf("truncated data: shape %s of %s needs %d bytes, only %d present",
			formatShape(h.shape), h.descr, nbytes, remaining-consumed)
	}
	data, err := readN(r, nbytes, remaining >= 0)
	if err != nil {
		return nil, fmt.Errorf("truncated data: shape %s of %s needs %d bytes: %w",
			formatShape(h.shape), h.descr, nbytes, noEOF(err))
	}
	a, err := dt.decode(data, n)
	if err != nil {
		return nil, err
	}
	a.Shape = h.shape
	if h.fortran && len(h.shape) > 1 {
		a.fortranToC()
	}
	return a, nil
}

func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// readN reads exactly n bytes. Unless the size is trusted (already checked
// against the bytes known to be present), the buffer grows as data arrives so
// that a lying header cannot cause a huge allocation.
func readN(r io.Reader, n int64, trusted bool) ([]byte, error) {
	const chunk = 1 << 20
	if trusted || n <= chunk {
		buf := make([]byte, n)
		_, err := io.ReadFull(r, buf)
		return buf, err
	}
	buf := make([]byte, 0, chunk)
	for int64(len(buf)) < n {
		// Grow geometrically, but only as far as data has actually arrived.
		want := int(min(n-int64(len(buf)), int64(max(len(buf), chunk))))
		start := len(buf)
		buf = slices.Grow(buf, want)[:start+want]
		m, err := io.ReadFull(r, buf[start:])
		buf = buf[:start+m]
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// dtype describes an on-disk element type.
type dtype struct {
	kind  byte // 'f', 'i', 'u', 'b'
	size  int
	order binary.ByteOrder
}

func parseDescr(descr string) (dtype, error) {
	unsupported := func(what string) (dtype, error) {
		return dtype{}, fmt.Errorf("unsupported dtype %q (%s)", descr, what)
	}
	if descr == "" {
		return unsupported("empty")
	}
	s := descr
	var order binary.ByteOrder = binary.NativeEndian
	explicit := byte(0)
	switch s[0] {
	case '<':
		order, explicit = binary.LittleEndian, '<'
		s = s[1:]
	case '>':
		order, explicit = binary.BigEndian, '>'
		s = s[1:]
	case '=':
		explicit = '='
		s = s[1:]
	case '|':
		explicit = '|'
		s = s[1:]
	}
	if s == "" {
		return unsupported("malformed")
	}
	kind := s[0]
	size, err := strconv.Atoi(s[1:])
	if err != nil || size <= 0 || s[1] == '+' || s[1] == '-' {
		switch kind {
		case 'O':
			return unsupported("Python objects")
		}
		return unsupported("malformed")
	}
	switch kind {
	case 'f':
		switch size {
		case 4, 8:
		case 2:
			return unsupported("half precision float")
		default:
			return unsupported(fmt.Sprintf("%d-byte float", size))
		}
	case 'i', 'u':
		switch size {
		case 1, 2, 4, 8:
		default:
			return unsupported(fmt.Sprintf("%d-byte integer", size))
		}
	case 'b':
		if size != 1 {
			return unsupported("malformed bool")
		}
	case 'c':
		return unsupported("complex")
	case 'O':
		return unsupported("Python objects")
	case 'S', 'a':
		return unsupported("byte string")
	case 'U':
		return unsupported("unicode string")
	case 'V':
		return unsupported("void/structured")
	case 'M', 'm':
		return unsupported("datetime")
	default:
		return unsupported("unknown kind")
	}
	if explicit == '|' && size != 1 {
		return unsupported("'|' byte order for a multi-byte type")
	}
	return dtype{kind: kind, size: size, order: order}, nil
}

// decode converts n elements of raw data to an Array (without shape).
func (dt dtype) decode(b []byte, n int) (*Array, error) {
	o := dt.order
	switch dt.kind {
	case 'f':
		if dt.size == 8 {
			out := make([]float64, n)
			for i := range out {
				out[i] = math.Float64frombits(o.Uint64(b[8*i:]))
			}
			return &Array{F64: out}, nil
		}
		out := make([]float32, n)
		for i := range out {
			out[i] = math.Float32frombits(o.Uint32(b[4*i:]))
		}
		return &Array{F32: out}, nil
	case 'b':
		out := make([]int64, n)
		for i := range out {
			if b[i] != 0 {
				out[i] = 1
			}
		}
		return &Array{I64: out}, nil
	}
	out := make([]int64, n)
	signed := dt.kind == 'i'
	switch dt.size {
	case 1:
		for i := range out {
			if signed {
				out[i] = int64(int8(b[i]))
			} else {
				out[i] = int64(b[i])
			}
		}
	case 2:
		for i := range out {
			v := o.Uint16(b[2*i:])
			if signed {
				out[i] = int64(int16(v))
			} else {
				out[i] = int64(v)
			}
		}
	case 4:
		for i := range out {
			v := o.Uint32(b[4*i:])
			if signed {
				out[i] = int64(int32(v))
			} else {
				out[i] = int64(v)
			}
		}
	case 8:
		for i := range out {
			v := o.Uint64(b[8*i:])
			if !signed && v > math.MaxInt64 {
				return nil, fmt.Errorf("uint64 value %d at index %d does not fit in int64", v, i)
			}
			out[i] = int64(v)
		}
	}
	return &Array{I64: out}, nil
}

// fortranToC reorders the data of a, which is in Fortran (column-major)
// order for a.Shape, into C order.
func (a *Array) fortranToC() {
	switch {
	case a.F64 != nil:
		a.F64 = transposeFC(a.F64, a.Shape)
	case a.F32 != nil:
		a.F32 = transposeFC(a.F32, a.Shape)
	default:
		a.I64 = transposeFC(a.I64, a.Shape)
	}
}

// transposeFC returns src (column-major for shape) in row-major order.
func transposeFC[T any](src []T, shape []int) []T {
	dst := make([]T, len(src))
	if len(src) == 0 {
		return dst
	}
	nd := len(shape)
	// Fortran strides, in elements.
	fstride := make([]int, nd)
	s := 1
	for k := 0; k < nd; k++ {
		fstride[k] = s
		s *= shape[k]
	}
	idx := make([]int, nd)
	off := 0
	for i := range dst {
		dst[i] = src[off]
		// Increment the C-order multi-index (last axis fastest).
		for k := nd - 1; k >= 0; k-- {
			idx[k]++
			off += fstride[k]
			if idx[k] < shape[k] {
				break
			}
			off -= idx[k] * fstride[k]
			idx[k] = 0
		}
	}
	return dst
}

// headerBytes returns the complete preamble (magic, version, length,
// header dict padded so the data starts on a 64-byte boundary).
func headerBytes(a *Array) []byte {
	dict := "{'descr': '" + a.Dtype() + "', 'fortran_order': False, 'shape': " + formatShape(a.Shape) + ", }"
	const align = 64
	build := func(major byte, lenSize int) []byte {
		pre := len(magic) + 2 + lenSize
		total := pre + len(dict) + 1
		pad := (align - total%align) % align
		hlen := len(dict) + pad + 1
		b := make([]byte, 0, pre+hlen)
		b = append(b, magic...)
		b = append(b, major, 0)
		if lenSize == 2 {
			b = binary.LittleEndian.AppendUint16(b, uint16(hlen))
		} else {
			b = binary.LittleEndian.AppendUint32(b, uint32(hlen))
		}
		b = append(b, dict...)
		for range pad {
			b = append(b, ' ')
		}
		return append(b, '\n')
	}
	if b := build(1, 2); len(b)-10 <= math.MaxUint16 {
		return b
	}
	return build(2, 4)
}

// Write writes a as a .npy file: little-endian, C order, format version 1.0
// (2.0 if the header is longer than 65535 bytes).
func Write(w io.Writer, a *Array) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("npy: write: %w", err)
	}
	if _, err := w.Write(headerBytes(a)); err != nil {
		return fmt.Errorf("npy: write: %w", err)
	}
	const chunkElems = 8192
	buf := make([]byte, 0, 8*chunkElems)
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		_, err := w.Write(buf)
		buf = buf[:0]
		return err
	}
	le := binary.LittleEndian
	var err error
	switch {
	case a.F64 != nil:
		for i, v := range a.F64 {
			buf = le.AppendUint64(buf, math.Float64bits(v))
			if (i+1)%chunkElems == 0 {
				if err = flush(); err != nil {
					break
				}
			}
		}
	case a.F32 != nil:
		for i, v := range a.F32 {
			buf = le.AppendUint32(buf, math.Float32bits(v))
			if (i+1)%chunkElems == 0 {
				if err = flush(); err != nil {
					break
				}
			}
		}
	default:
		for i, v := range a.I64 {
			buf = le.AppendUint64(buf, uint64(v))
			if (i+1)%chunkElems == 0 {
				if err = flush(); err != nil {
					break
				}
			}
		}
	}
	if err == nil {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("npy: write: %w", err)
	}
	return nil
}
