// Package matfile reads and writes MATLAB MAT-files, level 5 (the format of
// MATLAB versions 5 to 7.2, i.e. "-v6" and "-v7" files, including v7's
// zlib-compressed variables). The HDF5-based v7.3 format is not supported.
//
// Numeric data are held as float64 in MATLAB's column-major order,
// whatever their class and on-disk storage type.
package matfile

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf16"
)

// Value is a MATLAB array: *Numeric, *Char, *Cell or *Struct.
type Value interface{ isValue() }

// Class is the MATLAB class of a numeric array.
type Class int

// Numeric classes.
const (
	Double Class = iota + 1
	Single
	Int8
	Uint8
	Int16
	Uint16
	Int32
	Uint32
	Int64
	Uint64
	Logical
)

var classNames = map[Class]string{
	Double: "double", Single: "single",
	Int8: "int8", Uint8: "uint8", Int16: "int16", Uint16: "uint16",
	Int32: "int32", Uint32: "uint32", Int64: "int64", Uint64: "uint64",
	Logical: "logical",
}

func (c Class) String() string {
	if s, ok := classNames[c]; ok {
		return s
	}
	return fmt.Sprintf("Class(%d)", int(c))
}

// Numeric is a numeric or logical array. Data (and Imag, for complex
// arrays; nil otherwise) hold product(Dims) values in column-major order.
type Numeric struct {
	Dims  []int
	Class Class
	Data  []float64
	Imag  []float64
}

// Char is a character array. Text holds the characters in column-major
// order; for the usual 1×N row string it is simply the string.
type Char struct {
	Dims []int
	Text string
}

// Cell is a cell array; Elems holds product(Dims) values in column-major
// order.
type Cell struct {
	Dims  []int
	Elems []Value
}

// Struct is a struct array with the given field names; Elems holds
// product(Dims) field maps in column-major order.
type Struct struct {
	Dims   []int
	Fields []string
	Elems  []map[string]Value
}

func (*Numeric) isValue() {}
func (*Char) isValue()    {}
func (*Cell) isValue()    {}
func (*Struct) isValue()  {}

// Var is a named top-level variable.
type Var struct {
	Name  string
	Value Value
}

// Lookup returns the value of the first variable called name.
func Lookup(vars []Var, name string) (Value, bool) {
	for _, v := range vars {
		if v.Name == name {
			return v.Value, true
		}
	}
	return nil, false
}

// NewMatrix returns a rows×cols double matrix with column-major data.
func NewMatrix(rows, cols int, data []float64) *Numeric {
	if data == nil {
		data = []float64{}
	}
	return &Numeric{Dims: []int{rows, cols}, Class: Double, Data: data}
}

// NewString returns a 1×N char array holding s.
func NewString(s string) *Char {
	return &Char{Dims: []int{1, len(utf16.Encode([]rune(s)))}, Text: s}
}

// At returns element (i, j) of a 2-d array (column-major indexing).
func (n *Numeric) At(i, j int) float64 { return n.Data[i+j*n.Dims[0]] }

// Rows splits a 2-d char array into its rows (trailing blanks kept).
func (c *Char) Rows() []string {
	if len(c.Dims) != 2 {
		return []string{c.Text}
	}
	r, k := c.Dims[0], c.Dims[1]
	u := []rune(c.Text)
	if len(u) != r*k {
		return []string{c.Text}
	}
	rows := make([]string, r)
	for i := range r {
		var b strings.Builder
		for j := range k {
			b.WriteRune(u[i+j*r])
		}
		rows[i] = b.String()
	}
	return rows
}

// numel returns the product of dims, or an error if a dimension is
// negative or the product overflows.
func numel(dims []int) (int, error) {
	n := 1
	overflow := false
	for _, d := range dims {
		if d < 0 {
			return 0, fmt.Errorf("negative dimension in %s", dimString(dims))
		}
	}
	for _, d := range dims {
		if d == 0 {
			return 0, nil
		}
		if n > math.MaxInt/d {
			overflow = true
		} else {
			n *= d
		}
	}
	if overflow {
		return 0, fmt.Errorf("dimensions %s too large", dimString(dims))
	}
	return n, nil
}

func dimString(dims []int) string {
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = fmt.Sprint(d)
	}
	return strings.Join(parts, "×")
}
