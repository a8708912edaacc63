package matfile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"math"
)

// mb builds raw MAT-file bytes in either byte order, for tests that need
// inputs our writer never produces.
type mb struct{ o binary.AppendByteOrder }

var (
	mbLE = mb{binary.LittleEndian}
	mbBE = mb{binary.BigEndian}
)

func (m mb) header() []byte {
	h := make([]byte, headerLen)
	copy(h, "MATLAB 5.0 MAT-file, test")
	for i := 25; i < 116; i++ {
		h[i] = ' '
	}
	b := m.o.AppendUint16(h[:124], 0x0100)
	if m.o == binary.AppendByteOrder(binary.BigEndian) {
		return append(b, 'M', 'I')
	}
	return append(b, 'I', 'M')
}

// el is a normal-format element, padded to 8 bytes.
func (m mb) el(typ uint32, data []byte) []byte {
	b := m.o.AppendUint32(nil, typ)
	b = m.o.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	for len(b)%8 != 0 {
		b = append(b, 0)
	}
	return b
}

// small is a small-format element (at most 4 bytes of data).
func (m mb) small(typ uint32, data []byte) []byte {
	b := m.o.AppendUint32(nil, uint32(len(data))<<16|typ)
	b = append(b, data...)
	for len(b) < 8 {
		b = append(b, 0)
	}
	return b
}

func (m mb) u32s(v ...uint32) []byte {
	var b []byte
	for _, x := range v {
		b = m.o.AppendUint32(b, x)
	}
	return b
}

func (m mb) f64s(v ...float64) []byte {
	var b []byte
	for _, x := range v {
		b = m.o.AppendUint64(b, math.Float64bits(x))
	}
	return b
}

func (m mb) u16s(v ...uint16) []byte {
	var b []byte
	for _, x := range v {
		b = m.o.AppendUint16(b, x)
	}
	return b
}

// matrix builds an miMATRIX element from its parts.
func (m mb) matrix(class, flags uint32, dims []int, name string, parts ...[]byte) []byte {
	var body []byte
	body = append(body, m.el(miUINT32, m.u32s(class|flags, 0))...)
	var d []uint32
	for _, x := range dims {
		d = append(d, uint32(int32(x)))
	}
	body = append(body, m.el(miINT32, m.u32s(d...))...)
	body = append(body, m.el(miINT8, []byte(name))...)
	for _, p := range parts {
		body = append(body, p...)
	}
	return m.el(miMATRIX, body)
}

func (m mb) compressed(elems ...[]byte) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	for _, e := range elems {
		zw.Write(e)
	}
	zw.Close()
	b := m.o.AppendUint32(nil, miCOMPRESSED)
	b = m.o.AppendUint32(b, uint32(buf.Len()))
	return append(b, buf.Bytes()...)
}

func (m mb) file(elems ...[]byte) []byte {
	b := m.header()
	for _, e := range elems {
		b = append(b, e...)
	}
	return b
}
