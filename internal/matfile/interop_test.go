package matfile

import (
	"path/filepath"
	"reflect"
	"testing"
)

const scipyWriteScript = `
import sys, os
import numpy as np
import scipy.io as sio
d = sys.argv[1]
T = [3, 5, 2]
inp = np.empty((1, len(T)), dtype=object)
targ = np.empty((1, len(T)), dtype=object)
for c, t in enumerate(T):
    inp[0, c] = np.arange(2 * t, dtype=np.float64).reshape(2, t) + 10 * c
    targ[0, c] = -np.arange(t, dtype=np.float64).reshape(1, t) - c
vars = {
    'dbl': np.arange(6, dtype=np.float64).reshape(2, 3) / 4,
    'sgl': np.array([[1.5, -2.5]], dtype=np.float32),
    'i8': np.array([[-128, 127]], dtype=np.int8),
    'u8': np.array([[0, 255]], dtype=np.uint8),
    'i16': np.array([[-32768, 32767]], dtype=np.int16),
    'u16': np.array([[65535]], dtype=np.uint16),
    'i32': np.array([[-(2**31)], [2**31 - 1]], dtype=np.int32),
    'u32': np.array([[2**32 - 1]], dtype=np.uint32),
    'i64': np.array([[-(2**53), 2**53]], dtype=np.int64),
    'u64': np.array([[2**63]], dtype=np.uint64),
    'logi': np.array([[True, False, True]]),
    'cplx': np.array([[1 + 2j, 3 - 4j]]),
    'vec': np.arange(4.0),
    'three': np.arange(24.0).reshape(2, 3, 4),
    'empty': np.zeros((0, 3)),
    's': 'hello',
    'u': 'h\u00e9llo \u20ac',
    'inp': inp,
    'targ': targ,
    'st': {'a': 1.5, 'name': 'net', 'w': np.eye(2)},
}
sio.savemat(os.path.join(d, 'plain.mat'), vars, do_compression=False)
sio.savemat(os.path.join(d, 'comp.mat'), vars, do_compression=True)
`

func TestReadScipyFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	runPython(t, scipyWriteScript, dir)

	// three: C-order values 0..23 for shape (2,3,4); element (i,j,k) = 12i+4j+k.
	three := make([]float64, 0, 24)
	for k := range 4 {
		for j := range 3 {
			for i := range 2 {
				three = append(three, float64(12*i+4*j+k))
			}
		}
	}
	T := []int{3, 5, 2}
	inp := &Cell{Dims: []int{1, 3}}
	targ := &Cell{Dims: []int{1, 3}}
	for c, n := range T {
		d := make([]float64, 0, 2*n)
		for j := range n {
			for i := range 2 {
				d = append(d, float64(i*n+j+10*c))
			}
		}
		inp.Elems = append(inp.Elems, NewMatrix(2, n, d))
		tg := make([]float64, n)
		for j := range n {
			tg[j] = -float64(j) - float64(c)
		}
		targ.Elems = append(targ.Elems, NewMatrix(1, n, tg))
	}
	want := []Var{
		{"dbl", NewMatrix(2, 3, []float64{0, 0.75, 0.25, 1, 0.5, 1.25})},
		{"sgl", &Numeric{Dims: []int{1, 2}, Class: Single, Data: []float64{1.5, -2.5}}},
		{"i8", &Numeric{Dims: []int{1, 2}, Class: Int8, Data: []float64{-128, 127}}},
		{"u8", &Numeric{Dims: []int{1, 2}, Class: Uint8, Data: []float64{0, 255}}},
		{"i16", &Numeric{Dims: []int{1, 2}, Class: Int16, Data: []float64{-32768, 32767}}},
		{"u16", &Numeric{Dims: []int{1, 1}, Class: Uint16, Data: []float64{65535}}},
		{"i32", &Numeric{Dims: []int{2, 1}, Class: Int32, Data: []float64{-(1 << 31), 1<<31 - 1}}},
		{"u32", &Numeric{Dims: []int{1, 1}, Class: Uint32, Data: []float64{1<<32 - 1}}},
		{"i64", &Numeric{Dims: []int{1, 2}, Class: Int64, Data: []float64{-(1 << 53), 1 << 53}}},
		{"u64", &Numeric{Dims: []int{1, 1}, Class: Uint64, Data: []float64{1 << 63}}},
		{"logi", &Numeric{Dims: []int{1, 3}, Class: Logical, Data: []float64{1, 0, 1}}},
		{"cplx", &Numeric{Dims: []int{1, 2}, Class: Double, Data: []float64{1, 3}, Imag: []float64{2, -4}}},
		{"vec", NewMatrix(1, 4, []float64{0, 1, 2, 3})},
		{"three", &Numeric{Dims: []int{2, 3, 4}, Class: Double, Data: three}},
		{"empty", NewMatrix(0, 3, nil)},
		{"s", &Char{Dims: []int{1, 5}, Text: "hello"}},
		{"u", &Char{Dims: []int{1, 7}, Text: "héllo €"}},
		{"inp", inp},
		{"targ", targ},
		{"st", &Struct{Dims: []int{1, 1}, Fields: []string{"a", "name", "w"}, Elems: []map[string]Value{{
			"a":    NewMatrix(1, 1, []float64{1.5}),
			"name": &Char{Dims: []int{1, 3}, Text: "net"},
			"w":    NewMatrix(2, 2, []float64{1, 0, 0, 1}),
		}}}},
	}
	for _, name := range []string{"plain.mat", "comp.mat"} {
		got, err := ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d variables, want %d", name, len(got), len(want))
		}
		for _, w := range want {
			v, ok := Lookup(got, w.Name)
			if !ok {
				t.Errorf("%s: variable %q missing", name, w.Name)
				continue
			}
			if !reflect.DeepEqual(v, w.Value) {
				t.Errorf("%s: %s = %#v\nwant %#v", name, w.Name, v, w.Value)
			}
		}
	}
}

const scipyCheckScript = `
import sys, os
import numpy as np
import scipy.io as sio
m = sio.loadmat(os.path.join(sys.argv[1], 'ours.mat'))
T = [3, 5, 2]
inp, targ = m['inp'], m['targ']
assert inp.shape == (1, 3) and inp.dtype == object, (inp.shape, inp.dtype)
assert targ.shape == (1, 3), targ.shape
for c, t in enumerate(T):
    x = inp[0, c]
    assert x.shape == (2, t) and x.dtype == np.float64, (c, x.shape, x.dtype)
    assert np.array_equal(x, np.arange(2 * t).reshape(2, t) + 10 * c), x
    y = targ[0, c]
    assert y.shape == (1, t), y.shape
    assert np.array_equal(y, -np.arange(t).reshape(1, t) - c), y
W = m['W']
assert W.dtype == np.float64 and W.shape == (2, 3), (W.dtype, W.shape)
assert np.array_equal(W, [[1, 2, 3], [4, 5, 6.25]]), W
I = m['I']
assert I.dtype == np.int64 and I.shape == (2, 2), (I.dtype, I.shape)
assert I.tolist() == [[-(2**62), 2**53], [0, 7]], I.tolist()
S = m['S']
assert S.dtype == np.float32 and S.tolist() == [[1.5, -2.0]], S
L = m['L']
assert L.dtype == np.uint8 and L.tolist() == [[1, 0, 1]], (L.dtype, L)
name = m['name']
assert name.shape == (1,) and name[0] == 'h\u00e9llo \u20ac', repr(name)
st = m['st']
assert st.shape == (1, 1) and set(st.dtype.names) == {'lr', 'tag'}, st.dtype
assert st['lr'][0, 0].tolist() == [[0.5]] and st['tag'][0, 0][0] == 'x', st
C = m['C']
assert C.shape == (1, 1) and C.dtype == np.complex128 and C[0, 0] == 1 - 2j, C
E = m['E']
assert E.shape == (0, 3), E.shape
print('ok')
`

func TestScipyReadsOurFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	T := []int{3, 5, 2}
	inp := &Cell{Dims: []int{1, 3}}
	targ := &Cell{Dims: []int{1, 3}}
	for c, n := range T {
		d := make([]float64, 0, 2*n)
		for j := range n {
			for i := range 2 {
				d = append(d, float64(i*n+j+10*c))
			}
		}
		inp.Elems = append(inp.Elems, NewMatrix(2, n, d))
		tg := make([]float64, n)
		for j := range n {
			tg[j] = -float64(j) - float64(c)
		}
		targ.Elems = append(targ.Elems, NewMatrix(1, n, tg))
	}
	vars := []Var{
		{"inp", inp},
		{"targ", targ},
		{"W", NewMatrix(2, 3, []float64{1, 4, 2, 5, 3, 6.25})},
		{"I", &Numeric{Dims: []int{2, 2}, Class: Int64, Data: []float64{-(1 << 62), 0, 1 << 53, 7}}},
		{"S", &Numeric{Dims: []int{1, 2}, Class: Single, Data: []float64{1.5, -2}}},
		{"L", &Numeric{Dims: []int{1, 3}, Class: Logical, Data: []float64{1, 0, 1}}},
		{"name", NewString("héllo €")},
		{"st", &Struct{Dims: []int{1, 1}, Fields: []string{"lr", "tag"}, Elems: []map[string]Value{{
			"lr": NewMatrix(1, 1, []float64{0.5}), "tag": NewString("x"),
		}}}},
		{"C", &Numeric{Dims: []int{1, 1}, Class: Double, Data: []float64{1}, Imag: []float64{-2}}},
		{"E", NewMatrix(0, 3, nil)},
	}
	if err := WriteFile(filepath.Join(dir, "ours.mat"), vars); err != nil {
		t.Fatal(err)
	}
	runPython(t, scipyCheckScript, dir)
}
