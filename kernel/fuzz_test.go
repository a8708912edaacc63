package kernel

import (
	"encoding/binary"
	"math"
	"testing"
)

// Fuzz targets: the implementation in use (Impl64/Impl32, the fastest tier
// unless GODEBUG or purego switched it off) against the generic twins, in
// float64 and float32, on fuzzer-chosen shapes, strides, offsets and
// values. Run one with, e.g.,
//
//	go test ./kernel/ -run '^$' -fuzz '^FuzzGemv$' -fuzztime 10s
//
// Every slice sits between NaN guard cells (and matrices have NaN padding
// between rows), as in kernel_test.go; guards must stay untouched.
//
// Values are decoded from the fuzzer's bytes (fuzzSrc, below; the fuzz
// targets of gemm_tanh_fuzz_test.go use it too): mostly k/2^s for a 16-bit
// integer k and s in 0..7 (so no sum here can overflow), and now and then
// NaN, ±Inf, ±0 or a subnormal. Tolerance, following kernel_test.go:
//
//   - a sum of n products: |got - want| ≤ 4·(n+2)·eps·Σ|terms| + n·tiny,
//     tiny being the smallest normal number (for products that underflow);
//   - element-wise updates that the assembly fuses into one FMA:
//     2 or 8 eps of the magnitude of the terms (+ tiny);
//   - Scal and the weights of MaskedUpdate: bit for bit (the same IEEE
//     operations in the same order);
//   - special values: a NaN reference requires a NaN result, an infinite
//     reference the same infinity. With only finite, bounded values and
//     infinities, whether a sum is NaN or ±Inf does not depend on the
//     order. The one documented exception is CubeGer, which computes
//     x³·y³ instead of (x·y)³: with x infinite and y³ underflowing to 0
//     (or the other way round) its result is NaN where the reference is
//     infinite.

// fuzzSeedLens are the lengths given as seeds: every tail of both vector
// widths, around one and two unrolled loops.
var fuzzSeedLens = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 19, 23, 24, 25, 31, 32, 33, 35, 47, 63, 64, 65, 67}

var fuzzSeedData = []byte("\x01\x02\x03\x11\x7f\x80\x05\xfe\x13\x42\x00\x10\x99\x21\x37\x00\x01\xff\x20\x40\x60\x81\x00\x03")

// fuzzSrc decodes values from the fuzzer's bytes in one of two ways: byte
// (and fuzzVal, finiteVal on it) hands the bytes out one at a time,
// cyclically; grid takes them two at a time, once. A source is read one
// way only. fuzzFloats, for the targets that take whole values, decodes
// the bytes as IEEE values.
type fuzzSrc struct {
	b []byte
	i int
}

func (s *fuzzSrc) byte() byte {
	if len(s.b) == 0 {
		return 0
	}
	v := s.b[s.i%len(s.b)] + byte(s.i/len(s.b)) // vary on every cycle
	s.i++
	return v
}

func fuzzVal[T float](s *fuzzSrc) T {
	k := s.byte()
	if k%32 == 0 {
		switch k / 32 {
		case 0:
			return T(math.NaN())
		case 1:
			return T(math.Inf(1))
		case 2:
			return T(math.Inf(-1))
		case 3:
			return T(math.Copysign(0, -1))
		case 4:
			return 0
		case 5:
			if eps[T]() > 1e-10 {
				return T(math.Float32frombits(1)) // smallest float32 subnormal
			}
			return T(math.Float64frombits(1))
		}
	}
	v := int16(uint16(s.byte()) | uint16(s.byte())<<8)
	return T(v) / T(int(1)<<(k%8))
}

// grid decodes the next two bytes as a little-endian int16 v: v/256 (a
// multiple of 1/256 in [-128, 128), bounded so that sums stay far from
// overflow and only their order matters), or NaN, +Inf and -Inf for the
// three lowest v. Past the end of the bytes, the j-th value (from 0) is
// (j%7-3)/4.
func (s *fuzzSrc) grid() float64 {
	j := s.i / 2
	s.i += 2
	if s.i > len(s.b) {
		return float64(j%7-3) / 4
	}
	switch v := int16(binary.LittleEndian.Uint16(s.b[2*j:])); v {
	case math.MinInt16:
		return math.NaN()
	case math.MinInt16 + 1:
		return math.Inf(1)
	case math.MinInt16 + 2:
		return math.Inf(-1)
	default:
		return float64(v) / 256
	}
}

// fuzzFloats decodes data as little-endian IEEE values of type T, bits as
// they are (any NaN payload, infinity or subnormal); a partial value at
// the end is left out. floatBytes encodes seeds the same way.
func fuzzFloats[T float](data []byte) []T {
	var x []T
	switch p := any(&x).(type) {
	case *[]float64:
		*p = make([]float64, len(data)/8)
		for i := range *p {
			(*p)[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
		}
	case *[]float32:
		*p = make([]float32, len(data)/4)
		for i := range *p {
			(*p)[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:]))
		}
	}
	return x
}

func floatBytes[T float](x []T) []byte {
	var b []byte
	switch v := any(x).(type) {
	case []float64:
		for _, f := range v {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
		}
	case []float32:
		for _, f := range v {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f))
		}
	}
	return b
}

// finiteVal is fuzzVal without NaN and infinities (for limit and alpha).
func finiteVal[T float](s *fuzzSrc) T {
	v := fuzzVal[T](s)
	if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
		return 1
	}
	return v
}

func tiny[T float]() float64 {
	if eps[T]() > 1e-10 {
		return 0x1p-126
	}
	return 0x1p-1022
}

// near reports whether got is within bound of want, with NaN and
// infinities handled as described above.
func near(got, want, bound float64) bool {
	switch {
	case math.IsNaN(want):
		return math.IsNaN(got)
	case math.IsInf(want, 0):
		return got == want
	case math.IsNaN(got) || math.IsInf(got, 0):
		return false
	}
	return math.Abs(got-want) <= bound
}

// sumBound is the bound for a sum of n terms of total magnitude mag.
func sumBound[T float](n int, mag float64) float64 {
	return 4*float64(n+2)*eps[T]()*mag + float64(n+1)*tiny[T]()
}

// useFast selects the implementation under test (the default one) for
// the duration of the test; the references call the generic twins
// directly.
func useFast(t *testing.T) {
	t.Cleanup(setTier(tiers()[0]))
}

func FuzzDot(f *testing.F) {
	for _, n := range fuzzSeedLens {
		f.Add(uint16(n), uint8(n), fuzzSeedData)
	}
	f.Fuzz(func(t *testing.T, n uint16, off uint8, data []byte) {
		useFast(t)
		fuzzDot(t, ops64, int(n%512), int(off%3), data)
		fuzzDot(t, ops32, int(n%512), int(off%3), data)
	})
}

func fuzzDot[T float](t *testing.T, o ops[T], n, off int, data []byte) {
	src := &fuzzSrc{b: data}
	x, y := newVec[T](n, off), newVec[T](n, 2-off)
	x.fill(func() T { return fuzzVal[T](src) })
	y.fill(func() T { return fuzzVal[T](src) })
	x0, y0 := x.clone(), y.clone()
	got, want := o.dot(x.s(), y.s()), dotGeneric(x.s(), y.s())
	var mag float64
	for i := range x.s() {
		mag += math.Abs(float64(x.s()[i]) * float64(y.s()[i]))
	}
	if !near(float64(got), float64(want), sumBound[T](n, mag)) {
		t.Fatalf("Dot n=%d off=%d: %v, want %v (magnitude %g)", n, off, got, want, mag)
	}
	x.equal(t, x0, "Dot input x")
	y.equal(t, y0, "Dot input y")
}

func FuzzAxpyScal(f *testing.F) {
	for _, n := range fuzzSeedLens {
		f.Add(uint16(n), uint8(n), fuzzSeedData)
	}
	f.Fuzz(func(t *testing.T, n uint16, off uint8, data []byte) {
		useFast(t)
		fuzzAxpyScal(t, ops64, int(n%512), int(off%3), data)
		fuzzAxpyScal(t, ops32, int(n%512), int(off%3), data)
	})
}

func fuzzAxpyScal[T float](t *testing.T, o ops[T], n, off int, data []byte) {
	src := &fuzzSrc{b: data}
	alpha := fuzzVal[T](src)
	x, y := newVec[T](n, off), newVec[T](n, 2-off)
	x.fill(func() T { return fuzzVal[T](src) })
	y.fill(func() T { return fuzzVal[T](src) })
	x0, y0 := x.clone(), y.clone()

	want := y.clone()
	axpyGeneric(alpha, x.s(), want.s())
	o.axpy(alpha, x.s(), y.s())
	for i, g := range y.s() {
		w := want.s()[i]
		bound := 2*eps[T]()*(math.Abs(float64(y0.s()[i]))+math.Abs(float64(alpha)*float64(x.s()[i]))+math.Abs(float64(g))) + tiny[T]()
		if !near(float64(g), float64(w), bound) {
			t.Fatalf("Axpy n=%d element %d: %v, want %v", n, i, g, w)
		}
	}
	y.checkGuards(t, "Axpy y")
	x.equal(t, x0, "Axpy input x")

	want = x.clone()
	scalGeneric(alpha, want.s())
	o.scal(alpha, x.s())
	x.equal(t, want, "Scal")
	x.checkGuards(t, "Scal")
}

func FuzzGemv(f *testing.F) {
	for i, n := range fuzzSeedLens {
		f.Add(uint8(i%9), uint8(n), uint8(i%3), uint8(i), fuzzSeedData)
	}
	f.Fuzz(func(t *testing.T, m, n, pad, flags uint8, data []byte) {
		useFast(t)
		fuzzGemv(t, ops64, int(m%40), int(n%80), int(pad%20), int(flags), data)
		fuzzGemv(t, ops32, int(m%40), int(n%80), int(pad%20), int(flags), data)
	})
}

func fuzzGemv[T float](t *testing.T, o ops[T], m, n, pad, flags int, data []byte) {
	src := &fuzzSrc{b: data}
	off := flags & 1
	alpha, beta := fuzzVal[T](src), fuzzVal[T](src)
	if flags&2 != 0 {
		beta = 0
	}
	a := newMat[T](m, n, n+pad, off)
	x, y := newVec[T](n, 1-off), newVec[T](m, off)
	a.fill(func() T { return fuzzVal[T](src) })
	x.fill(func() T { return fuzzVal[T](src) })
	if beta != 0 {
		y.fill(func() T { return fuzzVal[T](src) })
	} // else y holds NaN, which must not be read
	a0, x0, y0 := a.clone(), x.clone(), y.clone()
	want := y.clone()
	gemvGeneric(m, n, alpha, a.s(), a.ld, x.s(), beta, want.s())
	o.gemv(m, n, alpha, a.s(), a.ld, x.s(), beta, y.s())
	for i := 0; i < m; i++ {
		var mag float64
		for j := 0; j < n; j++ {
			mag += math.Abs(float64(a.s()[i*a.ld+j]) * float64(x.s()[j]))
		}
		mag *= math.Abs(float64(alpha))
		if beta != 0 {
			mag += math.Abs(float64(beta) * float64(y0.s()[i]))
		}
		if g, w := float64(y.s()[i]), float64(want.s()[i]); !near(g, w, sumBound[T](n+1, mag)) {
			t.Fatalf("Gemv m=%d n=%d pad=%d off=%d alpha=%v beta=%v row %d: %v, want %v", m, n, pad, off, alpha, beta, i, g, w)
		}
	}
	y.checkGuards(t, "Gemv y")
	a.equal(t, a0, "Gemv input a")
	x.equal(t, x0, "Gemv input x")
}

func FuzzGemvMulti(f *testing.F) {
	for i, n := range fuzzSeedLens {
		f.Add(uint8(i%9), uint8(n), uint8(i%10), uint8(i%3), uint8(i), fuzzSeedData)
	}
	f.Fuzz(func(t *testing.T, m, n, k, pad, flags uint8, data []byte) {
		useFast(t)
		fuzzGemvMulti(t, ops64, int(m%40), int(n%80), int(k%10), int(pad%20), int(flags), data)
		fuzzGemvMulti(t, ops32, int(m%40), int(n%80), int(k%10), int(pad%20), int(flags), data)
	})
}

func fuzzGemvMulti[T float](t *testing.T, o ops[T], m, n, k, pad, flags int, data []byte) {
	src := &fuzzSrc{b: data}
	off := flags & 1
	a := newMat[T](m, n, n+pad, off)
	x := newMat[T](k, n, n+pad+flags%3, 1-off)
	y := newMat[T](k, m, m+(flags>>2)%5, off)
	a.fill(func() T { return fuzzVal[T](src) })
	x.fill(func() T { return fuzzVal[T](src) })
	y.fill(func() T { return fuzzVal[T](src) }) // overwritten
	a0, x0 := a.clone(), x.clone()
	want := y.clone()
	gemvMultiGeneric(m, n, k, a.s(), a.ld, x.s(), x.ld, want.s(), y.ld)
	o.gemvMulti(m, n, k, a.s(), a.ld, x.s(), x.ld, y.s(), y.ld)
	for c := 0; c < k; c++ {
		for i := 0; i < m; i++ {
			var mag float64
			for j := 0; j < n; j++ {
				mag += math.Abs(float64(a.s()[i*a.ld+j]) * float64(x.s()[c*x.ld+j]))
			}
			if g, w := float64(y.s()[c*y.ld+i]), float64(want.s()[c*y.ld+i]); !near(g, w, sumBound[T](n, mag)) {
				t.Fatalf("GemvMulti m=%d n=%d k=%d vector %d row %d: %v, want %v", m, n, k, c, i, g, w)
			}
		}
	}
	y.checkGuards(t, "GemvMulti y")
	a.equal(t, a0, "GemvMulti input a")
	x.equal(t, x0, "GemvMulti input x")
}

func FuzzGer(f *testing.F) {
	for i, n := range fuzzSeedLens {
		f.Add(uint8(i%9), uint8(n), uint8(i%3), uint8(i), fuzzSeedData)
	}
	f.Fuzz(func(t *testing.T, m, n, pad, flags uint8, data []byte) {
		useFast(t)
		fuzzGer(t, ops64, int(m%40), int(n%80), int(pad%20), int(flags), data)
		fuzzGer(t, ops32, int(m%40), int(n%80), int(pad%20), int(flags), data)
	})
}

func FuzzCubeGer(f *testing.F) {
	for i, n := range fuzzSeedLens {
		f.Add(uint8(i%9), uint8(n), uint8(i%3), uint8(i|4), fuzzSeedData)
	}
	f.Fuzz(func(t *testing.T, m, n, pad, flags uint8, data []byte) {
		useFast(t)
		fuzzGer(t, ops64, int(m%40), int(n%80), int(pad%20), int(flags)|4, data)
		fuzzGer(t, ops32, int(m%40), int(n%80), int(pad%20), int(flags)|4, data)
	})
}

// fuzzGer checks Ger, or CubeGer when flags&4 is set.
func fuzzGer[T float](t *testing.T, o ops[T], m, n, pad, flags int, data []byte) {
	src := &fuzzSrc{b: data}
	off := flags & 1
	cube := flags&4 != 0
	alpha := fuzzVal[T](src)
	a := newMat[T](m, n, n+pad, off)
	x, y := newVec[T](m, 1-off), newVec[T](n, off)
	a.fill(func() T { return fuzzVal[T](src) })
	x.fill(func() T { return fuzzVal[T](src) })
	y.fill(func() T { return fuzzVal[T](src) })
	x0, y0, a0 := x.clone(), y.clone(), a.clone()
	want := a.clone()
	what := "Ger"
	if cube {
		what = "CubeGer"
		cubeGerGeneric(m, n, x.s(), y.s(), want.s(), a.ld)
		o.cubeGer(m, n, x.s(), y.s(), a.s(), a.ld)
	} else {
		gerGeneric(m, n, alpha, x.s(), y.s(), want.s(), a.ld)
		o.ger(m, n, alpha, x.s(), y.s(), a.s(), a.ld)
	}
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			xi, yj := x.s()[i], y.s()[j]
			g, w := float64(a.s()[i*a.ld+j]), float64(want.s()[i*a.ld+j])
			term := float64(alpha*xi) * float64(yj)
			bound := 2 * eps[T]()
			if cube {
				v := float64(xi) * float64(yj)
				term, bound = v*v*v, 8*eps[T]()
			}
			bound = bound*(math.Abs(float64(a0.s()[i*a.ld+j]))+math.Abs(term)) + tiny[T]()
			if cube && math.IsInf(w, 0) && math.IsNaN(g) && cubeUnderflow(xi, yj) {
				continue // x³·y³ = Inf·0; see the comment at the top
			}
			if !near(g, w, bound) {
				t.Fatalf("%s m=%d n=%d pad=%d off=%d alpha=%v element (%d,%d) x=%v y=%v a=%v: %v, want %v",
					what, m, n, pad, off, alpha, i, j, xi, yj, a0.s()[i*a.ld+j], g, w)
			}
		}
	}
	a.checkGuards(t, what+" a")
	x.equal(t, x0, what+" input x")
	y.equal(t, y0, what+" input y")
}

// cubeUnderflow reports whether one of x, y is infinite and the cube of
// the other, in T, underflows to zero although it is not zero.
func cubeUnderflow[T float](x, y T) bool {
	u := func(v T) bool { return v != 0 && v*v*v == 0 }
	return math.IsInf(float64(x), 0) && u(y) || math.IsInf(float64(y), 0) && u(x)
}

func FuzzMaskedUpdate(f *testing.F) {
	for i, n := range fuzzSeedLens {
		f.Add(uint8(i%9), uint8(n), uint8(i%3), uint8(i), fuzzSeedData)
	}
	f.Fuzz(func(t *testing.T, m, n, pad, flags uint8, data []byte) {
		useFast(t)
		fuzzMaskedUpdate(t, ops64, int(m%40), int(n%80), int(pad%20), int(flags), data)
		fuzzMaskedUpdate(t, ops32, int(m%40), int(n%80), int(pad%20), int(flags), data)
	})
}

func fuzzMaskedUpdate[T float](t *testing.T, o ops[T], m, n, pad, flags int, data []byte) {
	src := &fuzzSrc{b: data}
	off := flags & 1
	alpha := finiteVal[T](src)
	limit := T(math.Abs(float64(finiteVal[T](src))))
	switch flags >> 6 {
	case 1:
		limit = T(math.Inf(1))
	case 2:
		limit = 0
	}
	e := newMat[T](m, n, n+pad, off)
	w := newMat[T](m, n, n+(flags>>1)%7, 1-off)
	e.fill(func() T { return fuzzVal[T](src) })
	w.fill(func() T {
		if src.byte()%3 == 0 {
			return 0
		}
		return fuzzVal[T](src)
	})
	e0 := e.clone()
	want := w.clone()
	wantClipped, wantSum := maskedUpdateGeneric(m, n, alpha, limit, e.s(), e.ld, want.s(), w.ld)
	clipped, sum := o.maskedUpdate(m, n, alpha, limit, e.s(), e.ld, w.s(), w.ld)
	w.equal(t, want, "MaskedUpdate w")
	w.checkGuards(t, "MaskedUpdate w")
	e.equal(t, e0, "MaskedUpdate input e")
	if clipped != wantClipped {
		t.Fatalf("MaskedUpdate m=%d n=%d alpha=%v limit=%v: clipped %d, want %d", m, n, alpha, limit, clipped, wantClipped)
	}
	// The float32 generic code sums each row in float32: allow n terms of
	// error per row, on the total.
	if !near(sum, wantSum, sumBound[T](n, math.Abs(wantSum))) {
		t.Fatalf("MaskedUpdate m=%d n=%d alpha=%v limit=%v: sumAbs %v, want %v", m, n, alpha, limit, sum, wantSum)
	}
}
