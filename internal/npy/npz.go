package npy

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"github.com/hebbrnn/hebbrnn/internal/atomicfile"
)

// NPZ is the content of a .npz archive (a zip file of .npy members, as
// written by numpy.savez).
type NPZ struct {
	Names  []string          // member names in file order, without the ".npy" suffix for arrays
	Arrays map[string]*Array // members named "*.npy", keyed without the suffix
	Raw    map[string][]byte // members that are not .npy (e.g. "config.json"), keyed by their full member name
}

// NewNPZ returns an empty archive.
func NewNPZ() *NPZ {
	return &NPZ{Arrays: map[string]*Array{}, Raw: map[string][]byte{}}
}

// ReadNPZ reads a .npz archive of the given size from r.
func ReadNPZ(r io.ReaderAt, size int64) (*NPZ, error) {
	z, err := readNPZ(r, size)
	if err != nil {
		return nil, fmt.Errorf("npz: %w", err)
	}
	return z, nil
}

// ReadNPZFile reads the .npz archive at path. Errors name the path.
func ReadNPZFile(path string) (*NPZ, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("npz: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("npz: %w", err)
	}
	z, err := readNPZ(f, fi.Size())
	if err != nil {
		return nil, fmt.Errorf("npz: %s: %w", path, err)
	}
	return z, nil
}

func readNPZ(r io.ReaderAt, size int64) (*NPZ, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("malformed zip archive: %w", err)
	}
	z := NewNPZ()
	seen := map[string]bool{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue // directory entry; numpy never writes these
		}
		key, isArray := strings.CutSuffix(f.Name, ".npy")
		if !isArray {
			key = f.Name
		}
		if key == "" {
			return nil, fmt.Errorf("member with empty name %q", f.Name)
		}
		if seen[key] {
			return nil, fmt.Errorf("duplicate member %q", f.Name)
		}
		seen[key] = true
		if err := readMember(z, f, key, isArray); err != nil {
			return nil, fmt.Errorf("member %q: %w", f.Name, err)
		}
		z.Names = append(z.Names, key)
	}
	return z, nil
}

func readMember(z *NPZ, f *zip.File, key string, isArray bool) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	if !isArray {
		b, err := io.ReadAll(rc)
		if err != nil {
			return err
		}
		z.Raw[key] = b
		return nil
	}
	// The declared size is only an upper bound (archive/zip refuses to
	// return more), so it is used to reject lying headers early while the
	// data itself is still read incrementally.
	remaining := int64(-1)
	if f.UncompressedSize64 <= math.MaxInt64 {
		remaining = int64(f.UncompressedSize64)
	}
	a, err := read(rc, remaining)
	if err != nil {
		return err
	}
	// Read to the end of the member: archive/zip checks the CRC-32 only
	// there, and bytes after the array's data are an error too.
	if n, err := io.Copy(io.Discard, rc); err != nil {
		return err
	} else if n > 0 {
		return fmt.Errorf("%d bytes after the array's data", n)
	}
	z.Arrays[key] = a
	return nil
}

// Set adds or replaces the array called name (without ".npy"). A new name is
// appended to Names; a replaced one keeps its position.
func (z *NPZ) Set(name string, a *Array) {
	if z.Arrays == nil {
		z.Arrays = map[string]*Array{}
	}
	if _, ok := z.Raw[name]; ok {
		delete(z.Raw, name)
	} else if _, ok := z.Arrays[name]; !ok {
		z.Names = append(z.Names, name)
	}
	z.Arrays[name] = a
}

// SetRaw adds or replaces the non-array member called name (the full member
// name, e.g. "config.json"). A new name is appended to Names; a replaced one
// keeps its position.
func (z *NPZ) SetRaw(name string, b []byte) {
	if z.Raw == nil {
		z.Raw = map[string][]byte{}
	}
	if _, ok := z.Arrays[name]; ok {
		delete(z.Arrays, name)
	} else if _, ok := z.Raw[name]; !ok {
		z.Names = append(z.Names, name)
	}
	z.Raw[name] = b
}

// Shape returns the shape of the named array.
func (z *NPZ) Shape(name string) ([]int, bool) {
	a, ok := z.Arrays[name]
	if !ok || a == nil {
		return nil, false
	}
	return a.Shape, true
}

// checkShape compares an array's shape with a wanted one (-1 = any).
func checkShape(name string, a *Array, want []int) error {
	if len(want) == 0 {
		return nil
	}
	ok := len(want) == len(a.Shape)
	for i := 0; ok && i < len(want); i++ {
		if want[i] >= 0 && want[i] != a.Shape[i] {
			ok = false
		}
	}
	if !ok {
		return fmt.Errorf("array %q has shape %s, want %s", name, formatShape(a.Shape), formatWant(want))
	}
	return nil
}

func formatWant(want []int) string {
	s := formatShape(want)
	return strings.ReplaceAll(s, "-1", "*")
}

func (z *NPZ) lookup(name string) (*Array, error) {
	a, ok := z.Arrays[name]
	if !ok || a == nil {
		if _, raw := z.Raw[name]; raw {
			return nil, fmt.Errorf("member %q is not a .npy array", name)
		}
		return nil, fmt.Errorf("missing array %q", name)
	}
	if err := a.Validate(); err != nil {
		return nil, fmt.Errorf("array %q: %w", name, err)
	}
	return a, nil
}

// Float64 returns the data of the named floating-point array, converting
// float32 to float64. If shape is given, the array must have that many
// dimensions and each non-negative entry must match (-1 matches any size).
// With no shape arguments any shape is accepted. Integer and bool arrays
// are converted when their values are exact in float64.
func (z *NPZ) Float64(name string, shape ...int) ([]float64, error) {
	a, err := z.lookup(name)
	if err != nil {
		return nil, err
	}
	switch {
	case a.F64 != nil:
		if err := checkShape(name, a, shape); err != nil {
			return nil, err
		}
		return a.F64, nil
	case a.F32 != nil:
		if err := checkShape(name, a, shape); err != nil {
			return nil, err
		}
		out := make([]float64, len(a.F32))
		for i, v := range a.F32 {
			out[i] = float64(v)
		}
		return out, nil
	}
	// Integer (and bool) arrays: numpy users write targets such as
	// np.ones(..., dtype=int); they convert exactly up to 2^53.
	if err := checkShape(name, a, shape); err != nil {
		return nil, err
	}
	out := make([]float64, len(a.I64))
	for i, v := range a.I64 {
		if v > 1<<53 || v < -(1<<53) {
			return nil, fmt.Errorf("array %q holds the integer %d, too large to be a float64 exactly", name, v)
		}
		out[i] = float64(v)
	}
	return out, nil
}

// Int64 returns the data of the named integer (or bool) array. Shape
// arguments work as for Float64. Float arrays are an error.
func (z *NPZ) Int64(name string, shape ...int) ([]int64, error) {
	a, err := z.lookup(name)
	if err != nil {
		return nil, err
	}
	if a.I64 == nil {
		return nil, fmt.Errorf("array %q has dtype %s, want an integer dtype", name, dtypeName(a))
	}
	if err := checkShape(name, a, shape); err != nil {
		return nil, err
	}
	return a.I64, nil
}

func dtypeName(a *Array) string {
	switch {
	case a.F64 != nil:
		return "float64"
	case a.F32 != nil:
		return "float32"
	}
	return "int64"
}

// validate checks that Names, Arrays and Raw describe the same members.
func (z *NPZ) validate() error {
	seen := make(map[string]bool, len(z.Names))
	for _, n := range z.Names {
		if seen[n] {
			return fmt.Errorf("duplicate name %q", n)
		}
		seen[n] = true
		a, isArr := z.Arrays[n]
		_, isRaw := z.Raw[n]
		switch {
		case isArr && isRaw:
			return fmt.Errorf("name %q is both an array and a raw member", n)
		case !isArr && !isRaw:
			return fmt.Errorf("name %q has no array or raw member", n)
		case isArr:
			if n == "" {
				return errors.New("empty array name")
			}
			if err := a.Validate(); err != nil {
				return fmt.Errorf("array %q: %w", n, err)
			}
		case isRaw:
			if strings.HasSuffix(n, ".npy") || n == "" || strings.HasSuffix(n, "/") {
				return fmt.Errorf("invalid raw member name %q", n)
			}
		}
	}
	for n := range z.Arrays {
		if !seen[n] {
			return fmt.Errorf("array %q not listed in Names", n)
		}
	}
	for n := range z.Raw {
		if !seen[n] {
			return fmt.Errorf("raw member %q not listed in Names", n)
		}
	}
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// zipEpoch is the modification time recorded for every member, so that
// output is deterministic.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteTo writes the archive as an uncompressed zip file: first the arrays
// (as "name.npy") in Names order, then the raw members in Names order.
func (z *NPZ) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	if err := z.write(cw); err != nil {
		return cw.n, fmt.Errorf("npz: write: %w", err)
	}
	return cw.n, nil
}

func (z *NPZ) write(w io.Writer) error {
	if err := z.validate(); err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, n := range z.Names {
		a, ok := z.Arrays[n]
		if !ok {
			continue
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: n + ".npy", Method: zip.Store, Modified: zipEpoch})
		if err != nil {
			return err
		}
		if err := Write(fw, a); err != nil {
			return fmt.Errorf("array %q: %w", n, err)
		}
	}
	for _, n := range z.Names {
		b, ok := z.Raw[n]
		if !ok {
			continue
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store, Modified: zipEpoch})
		if err != nil {
			return err
		}
		if _, err := fw.Write(b); err != nil {
			return err
		}
	}
	return zw.Close()
}

// Bytes returns the archive encoded as a zip file.
func (z *NPZ) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if _, err := z.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteNPZFile writes z to path atomically (see internal/atomicfile).
func WriteNPZFile(path string, z *NPZ) error {
	if z == nil {
		return fmt.Errorf("npz: write %s: nil archive", path)
	}
	if err := z.validate(); err != nil {
		return fmt.Errorf("npz: write %s: %w", path, err)
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		return z.write(w)
	})
}
