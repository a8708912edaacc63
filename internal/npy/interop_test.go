package npy

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const numpyWriteScript = `
import sys, os
import numpy as np
d = sys.argv[1]
def p(n): return os.path.join(d, n)
x = np.arange(6, dtype=np.float64).reshape(2, 3) * 0.25 - 1
np.save(p('f8.npy'), x)
np.save(p('f4.npy'), x.astype(np.float32))
np.save(p('special.npy'), np.array([np.nan, np.inf, -np.inf, -0.0, 5e-324, 1.7976931348623157e308]))
np.save(p('i8.npy'), np.array([-(2**63), -1, 0, 1, 2**63 - 1], dtype=np.int64))
np.save(p('i4.npy'), np.array([-(2**31), -1, 0, 2**31 - 1], dtype=np.int32))
np.save(p('i2.npy'), np.array([-(2**15), 2**15 - 1], dtype=np.int16))
np.save(p('i1.npy'), np.array([-128, 127], dtype=np.int8))
np.save(p('u1.npy'), np.array([0, 255], dtype=np.uint8))
np.save(p('u2.npy'), np.array([0, 65535], dtype=np.uint16))
np.save(p('u4.npy'), np.array([0, 2**32 - 1], dtype=np.uint32))
np.save(p('u8.npy'), np.array([0, 2**63 - 1], dtype=np.uint64))
np.save(p('u8big.npy'), np.array([2**64 - 1], dtype=np.uint64))
np.save(p('bool.npy'), np.array([[True, False], [False, True]]))
np.save(p('be_f8.npy'), x.astype('>f8'))
np.save(p('be_f4.npy'), x.astype('>f4'))
np.save(p('be_i4.npy'), np.array([-2, 70000], dtype='>i4'))
np.save(p('be_i8.npy'), np.array([-2, 2**40], dtype='>i8'))
np.save(p('fortran.npy'), np.asfortranarray(np.arange(24, dtype=np.int64).reshape(2, 3, 4)))
np.save(p('fortran2.npy'), np.asfortranarray(x))
np.save(p('zerod.npy'), np.array(3.25))
np.save(p('empty.npy'), np.zeros((0, 3)))
np.save(p('f2.npy'), np.zeros(3, dtype=np.float16))
np.save(p('c16.npy'), np.zeros(3, dtype=np.complex128))
np.save(p('obj.npy'), np.array([1, 'a'], dtype=object), allow_pickle=True)
np.save(p('str.npy'), np.array(['ab', 'c']))
np.save(p('rec.npy'), np.zeros(2, dtype=[('a', '<f8'), ('b', '<i4')]))
np.savez(p('plain.npz'), W=x, n=np.array([1, 2, 3]), s=np.array(7.5))
np.savez_compressed(p('comp.npz'), W=x.astype(np.float32), J=np.arange(12).reshape(3, 4))
`

func TestReadNumpyFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	runPython(t, numpyWriteScript, dir)

	load := func(name string) *Array {
		t.Helper()
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		a, err := Read(f) // *os.File: size unknown to Read
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return a
	}
	x := []float64{-1, -0.75, -0.5, -0.25, 0, 0.25}
	x32 := make([]float32, len(x))
	for i, v := range x {
		x32[i] = float32(v)
	}

	checkF64 := func(name string, a *Array, shape []int, want []float64) {
		t.Helper()
		if a.F64 == nil || !slices.Equal(a.Shape, shape) {
			t.Fatalf("%s: got shape %v dtype %s, want %v float64", name, a.Shape, a.Dtype(), shape)
		}
		for i := range want {
			if math.Float64bits(a.F64[i]) != math.Float64bits(want[i]) && !(math.IsNaN(a.F64[i]) && math.IsNaN(want[i])) {
				t.Fatalf("%s: [%d] = %v, want %v", name, i, a.F64[i], want[i])
			}
		}
	}
	checkI64 := func(name string, a *Array, shape []int, want []int64) {
		t.Helper()
		if a.I64 == nil || !slices.Equal(a.Shape, shape) || !slices.Equal(a.I64, want) {
			t.Fatalf("%s: got shape %v %v %v, want %v %v", name, a.Shape, a.Dtype(), a.I64, shape, want)
		}
	}

	checkF64("f8", load("f8.npy"), []int{2, 3}, x)
	checkF64("be_f8", load("be_f8.npy"), []int{2, 3}, x)
	checkF64("fortran2", load("fortran2.npy"), []int{2, 3}, x)
	checkF64("special", load("special.npy"), []int{6},
		[]float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 5e-324, math.MaxFloat64})
	checkF64("zerod", load("zerod.npy"), []int{}, []float64{3.25})
	checkF64("empty", load("empty.npy"), []int{0, 3}, nil)
	for _, n := range []string{"f4.npy", "be_f4.npy"} {
		a := load(n)
		if a.F32 == nil || !slices.Equal(a.F32, x32) || !slices.Equal(a.Shape, []int{2, 3}) {
			t.Errorf("%s: got %v %v %v", n, a.Shape, a.Dtype(), a.F32)
		}
	}
	checkI64("i8", load("i8.npy"), []int{5}, []int64{math.MinInt64, -1, 0, 1, math.MaxInt64})
	checkI64("i4", load("i4.npy"), []int{4}, []int64{math.MinInt32, -1, 0, math.MaxInt32})
	checkI64("i2", load("i2.npy"), []int{2}, []int64{math.MinInt16, math.MaxInt16})
	checkI64("i1", load("i1.npy"), []int{2}, []int64{-128, 127})
	checkI64("u1", load("u1.npy"), []int{2}, []int64{0, 255})
	checkI64("u2", load("u2.npy"), []int{2}, []int64{0, 65535})
	checkI64("u4", load("u4.npy"), []int{2}, []int64{0, math.MaxUint32})
	checkI64("u8", load("u8.npy"), []int{2}, []int64{0, math.MaxInt64})
	checkI64("bool", load("bool.npy"), []int{2, 2}, []int64{1, 0, 0, 1})
	checkI64("be_i4", load("be_i4.npy"), []int{2}, []int64{-2, 70000})
	checkI64("be_i8", load("be_i8.npy"), []int{2}, []int64{-2, 1 << 40})
	want := make([]int64, 24)
	for i := range want {
		want[i] = int64(i)
	}
	checkI64("fortran", load("fortran.npy"), []int{2, 3, 4}, want)

	for name, frag := range map[string]string{
		"u8big.npy": "does not fit",
		"f2.npy":    "<f2",
		"c16.npy":   "<c16",
		"obj.npy":   "|O",
		"str.npy":   "<U2",
		"rec.npy":   "structured",
	} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Read(f)
		f.Close()
		if err == nil || !strings.Contains(err.Error(), frag) {
			t.Errorf("%s: error %v, want one mentioning %q", name, err, frag)
		}
	}

	z, err := ReadNPZFile(filepath.Join(dir, "plain.npz"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(z.Names, []string{"W", "n", "s"}) {
		t.Errorf("plain.npz names %v", z.Names)
	}
	if w, err := z.Float64("W", 2, 3); err != nil || !slices.Equal(w, x) {
		t.Errorf("plain W: %v %v", w, err)
	}
	if n, err := z.Int64("n", 3); err != nil || !slices.Equal(n, []int64{1, 2, 3}) {
		t.Errorf("plain n: %v %v", n, err)
	}
	if s, err := z.Float64("s"); err != nil || !slices.Equal(s, []float64{7.5}) {
		t.Errorf("plain s: %v %v", s, err)
	}
	if sh, ok := z.Shape("s"); !ok || len(sh) != 0 {
		t.Errorf("plain s shape %v %v", sh, ok)
	}

	z, err = ReadNPZFile(filepath.Join(dir, "comp.npz"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(z.Names, []string{"W", "J"}) {
		t.Errorf("comp.npz names %v", z.Names)
	}
	if z.Arrays["W"].F32 == nil {
		t.Errorf("comp W dtype %s, want <f4", z.Arrays["W"].Dtype())
	}
	if w, err := z.Float64("W", -1, 3); err != nil || !slices.Equal(w, x) {
		t.Errorf("comp W: %v %v", w, err)
	}
	j, err := z.Int64("J", 3, 4)
	if err != nil || len(j) != 12 || j[11] != 11 {
		t.Errorf("comp J: %v %v", j, err)
	}
}

const numpyCheckScript = `
import sys, os, zipfile, json
import numpy as np
d = sys.argv[1]
def p(n): return os.path.join(d, n)
x = np.arange(6, dtype=np.float64).reshape(2, 3) * 0.25 - 1

a = np.load(p('f8.npy'))
assert a.dtype == np.dtype('<f8') and a.shape == (2, 3), (a.dtype, a.shape)
assert np.array_equal(a, x), a
assert a.flags['C_CONTIGUOUS']

a = np.load(p('special.npy'))
assert np.isnan(a[0]) and a[1] == np.inf and a[2] == -np.inf and np.signbit(a[3]) and a[3] == 0, a

a = np.load(p('zerod.npy'))
assert a.shape == () and a.dtype == np.float64 and a == -2.5, a

a = np.load(p('empty.npy'))
assert a.shape == (0, 3) and a.dtype == np.float32, (a.shape, a.dtype)

a = np.load(p('i8.npy'))
assert a.dtype == np.int64 and a.shape == (2, 2, 2), (a.dtype, a.shape)
assert a.tolist() == [[[-(2**63), -1], [0, 1]], [[2, 3], [4, 2**63 - 1]]], a.tolist()

# Long shape: header beyond one 64-byte block, still aligned.
a = np.load(p('manydims.npy'))
assert a.shape == (1,) * 20 + (3,) and a.ravel().tolist() == [1.0, 2.0, 3.0], a.shape
with open(p('manydims.npy'), 'rb') as f:
    raw = f.read()
hl = int.from_bytes(raw[8:10], 'little')
assert (10 + hl) % 64 == 0, hl

for name in ('out.npz',):
    z = np.load(p(name))
    assert list(z.files) == ['W', 'b', 'n', 'scalar', 'config.json'], z.files
    assert np.array_equal(z['W'], x) and z['W'].dtype == np.float64
    assert np.array_equal(z['b'], np.array([0.5, -1.5], dtype=np.float32)) and z['b'].dtype == np.float32
    assert z['n'].tolist() == [[1, 2, 3], [4, 5, 6]] and z['n'].dtype == np.int64
    assert z['scalar'].shape == () and z['scalar'] == 42
    zf = zipfile.ZipFile(p(name))
    assert zf.namelist() == ['W.npy', 'b.npy', 'n.npy', 'scalar.npy', 'config.json'], zf.namelist()
    assert json.loads(zf.read('config.json')) == {"n": 3}
    assert zf.testzip() is None
print("ok")
`

func TestNumpyReadsOurFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	x := []float64{-1, -0.75, -0.5, -0.25, 0, 0.25}
	writeNpy := func(name string, a *Array) {
		t.Helper()
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := Write(f, a); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	writeNpy("f8.npy", NewF64(x, 2, 3))
	writeNpy("special.npy", NewF64([]float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1)}))
	writeNpy("zerod.npy", NewF64([]float64{-2.5}, []int{}...))
	writeNpy("empty.npy", NewF32(nil, 0, 3))
	writeNpy("i8.npy", NewI64([]int64{math.MinInt64, -1, 0, 1, 2, 3, 4, math.MaxInt64}, 2, 2, 2))
	many := make([]int, 21)
	for i := range many {
		many[i] = 1
	}
	many[20] = 3
	writeNpy("manydims.npy", NewF64([]float64{1, 2, 3}, many...))

	z := NewNPZ()
	z.Set("W", NewF64(x, 2, 3))
	z.Set("b", NewF32([]float32{0.5, -1.5}))
	z.SetRaw("config.json", []byte(`{"n": 3}`))
	z.Set("n", NewI64([]int64{1, 2, 3, 4, 5, 6}, 2, 3))
	z.Set("scalar", &Array{Shape: []int{}, I64: []int64{42}})
	if err := WriteNPZFile(filepath.Join(dir, "out.npz"), z); err != nil {
		t.Fatal(err)
	}
	runPython(t, numpyCheckScript, dir)
}
