// Package mat is the dense matrix layer of hebbrnn: row-major matrices and
// vectors of float64 or float32 with shapes, views and checked operations,
// on top of the kernels of package kernel.
//
// Storage is aligned to 64 bytes (a cache line, and the widest vector
// register). Operations check shapes and panic with a message naming the
// operation and the shapes on a mismatch: a mismatch is a programming
// error. Code that takes shapes from users (files, flags) checks them
// first and returns errors.
package mat

import (
	"fmt"
	"unsafe"
)

// Float is the element type of matrices and vectors.
type Float interface{ float32 | float64 }

// Dense is an r×c row-major matrix: element (i, j) is Data[i*Stride+j].
type Dense[T Float] struct {
	Rows, Cols, Stride int
	Data               []T
}

const align = 64

// NewVec returns a zeroed vector of n elements whose first element is
// 64-byte aligned.
func NewVec[T Float](n int) []T {
	if n < 0 {
		panic(fmt.Sprintf("mat: NewVec: negative length %d", n))
	}
	var z T
	size := int(unsafe.Sizeof(z))
	buf := make([]T, n+align/size)
	off := 0
	if len(buf) > 0 {
		if mis := int(uintptr(unsafe.Pointer(&buf[0])) % align); mis != 0 {
			off = (align - mis) / size
		}
	}
	return buf[off : off+n : off+n]
}

// NewDense returns a zeroed r×c matrix with Stride = c and aligned storage.
func NewDense[T Float](r, c int) *Dense[T] {
	if r < 0 || c < 0 {
		panic(fmt.Sprintf("mat: NewDense: negative shape %d×%d", r, c))
	}
	return &Dense[T]{Rows: r, Cols: c, Stride: c, Data: NewVec[T](r * c)}
}

// NewDensePadded returns a zeroed r×c matrix whose rows each start on a
// 64-byte boundary (Stride is c rounded up to a cache line), so that
// goroutines writing disjoint aligned column blocks of the same row never
// share a cache line.
func NewDensePadded[T Float](r, c int) *Dense[T] {
	if r < 0 || c < 0 {
		panic(fmt.Sprintf("mat: NewDensePadded: negative shape %d×%d", r, c))
	}
	var z T
	per := align / int(unsafe.Sizeof(z))
	stride := (c + per - 1) / per * per
	return &Dense[T]{Rows: r, Cols: c, Stride: stride, Data: NewVec[T](r * stride)}
}

// FromSlice wraps data, of length r·c, as an r×c matrix without copying.
func FromSlice[T Float](r, c int, data []T) (*Dense[T], error) {
	if r < 0 || c < 0 {
		return nil, fmt.Errorf("negative shape %d×%d", r, c)
	}
	if len(data) != r*c {
		return nil, fmt.Errorf("%d values do not make a %d×%d matrix", len(data), r, c)
	}
	return &Dense[T]{Rows: r, Cols: c, Stride: c, Data: data}, nil
}

// At returns element (i, j).
func (m *Dense[T]) At(i, j int) T {
	m.checkIndex("At", i, j)
	return m.Data[i*m.Stride+j]
}

// Set sets element (i, j).
func (m *Dense[T]) Set(i, j int, v T) {
	m.checkIndex("Set", i, j)
	m.Data[i*m.Stride+j] = v
}

func (m *Dense[T]) checkIndex(op string, i, j int) {
	if i < 0 || i >= m.Rows || j < 0 || j >= m.Cols {
		panic(fmt.Sprintf("mat: %s: index (%d,%d) outside %d×%d", op, i, j, m.Rows, m.Cols))
	}
}

// Row returns row i as a slice sharing storage with m.
func (m *Dense[T]) Row(i int) []T {
	if i < 0 || i >= m.Rows {
		panic(fmt.Sprintf("mat: Row: row %d outside %d×%d", i, m.Rows, m.Cols))
	}
	return m.Data[i*m.Stride : i*m.Stride+m.Cols : i*m.Stride+m.Cols]
}

// View returns the r×c sub-matrix whose top-left element is (i, j),
// sharing storage with m.
func (m *Dense[T]) View(i, j, r, c int) *Dense[T] {
	if i < 0 || j < 0 || r < 0 || c < 0 || i+r > m.Rows || j+c > m.Cols {
		panic(fmt.Sprintf("mat: View: %d×%d at (%d,%d) outside %d×%d", r, c, i, j, m.Rows, m.Cols))
	}
	if r == 0 || c == 0 {
		return &Dense[T]{Rows: r, Cols: c, Stride: max(m.Stride, c)}
	}
	start := i*m.Stride + j
	return &Dense[T]{Rows: r, Cols: c, Stride: m.Stride, Data: m.Data[start : start+(r-1)*m.Stride+c]}
}

// Copy copies src, of the same shape, into m.
func (m *Dense[T]) Copy(src *Dense[T]) {
	m.sameShape("Copy", src)
	for i := 0; i < m.Rows; i++ {
		copy(m.Row(i), src.Row(i))
	}
}

// Clone returns a compact, aligned copy of m.
func (m *Dense[T]) Clone() *Dense[T] {
	c := NewDense[T](m.Rows, m.Cols)
	c.Copy(m)
	return c
}

// Zero sets every element to 0.
func (m *Dense[T]) Zero() {
	for i := 0; i < m.Rows; i++ {
		clear(m.Row(i))
	}
}

// Flat returns the elements row by row in a new compact slice.
func (m *Dense[T]) Flat() []T {
	out := make([]T, 0, m.Rows*m.Cols)
	for i := 0; i < m.Rows; i++ {
		out = append(out, m.Row(i)...)
	}
	return out
}

// Equal reports whether m and o have the same shape and elements.
func (m *Dense[T]) Equal(o *Dense[T]) bool {
	if m.Rows != o.Rows || m.Cols != o.Cols {
		return false
	}
	for i := 0; i < m.Rows; i++ {
		a, b := m.Row(i), o.Row(i)
		for j := range a {
			if a[j] != b[j] {
				return false
			}
		}
	}
	return true
}

func (m *Dense[T]) sameShape(op string, o *Dense[T]) {
	if m.Rows != o.Rows || m.Cols != o.Cols {
		panic(fmt.Sprintf("mat: %s: shapes %d×%d and %d×%d differ", op, m.Rows, m.Cols, o.Rows, o.Cols))
	}
}

// Convert copies src into dst, converting the element type; the shapes
// must match.
func Convert[D, S Float](dst *Dense[D], src *Dense[S]) {
	if dst.Rows != src.Rows || dst.Cols != src.Cols {
		panic(fmt.Sprintf("mat: Convert: shapes %d×%d and %d×%d differ", dst.Rows, dst.Cols, src.Rows, src.Cols))
	}
	for i := 0; i < src.Rows; i++ {
		d, s := dst.Row(i), src.Row(i)
		for j, v := range s {
			d[j] = D(v)
		}
	}
}

// ConvertVec returns a copy of src with element type D.
func ConvertVec[D, S Float](src []S) []D {
	out := NewVec[D](len(src))
	for i, v := range src {
		out[i] = D(v)
	}
	return out
}

// is64 reports whether T is float64; the branch on it folds away in each
// instantiation.
func is64[T Float]() bool {
	var z T
	return unsafe.Sizeof(z) == 8
}

// f64 and f32 reinterpret a []T whose T is known (by is64) to be float64 or
// float32. They are the only unsafe conversions of the package.
func f64[T Float](s []T) []float64 {
	return unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(s))), len(s))
}

func f32[T Float](s []T) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(s))), len(s))
}
