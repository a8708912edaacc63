//go:build linux

package kernel

// Guard-page tests: every exported kernel, in every implementation this CPU
// has, runs on operands that end exactly at the end of an accessible page
// followed by an inaccessible (PROT_NONE) page, and, in a second run, on
// operands that start exactly at the start of an accessible page preceded
// by an inaccessible page. A read or write of even one byte past either end
// of an operand then faults. With debug.SetPanicOnFault the fault becomes a
// panic that the test recovers from and reports with the kernel, the
// implementation, the shape and the operand whose guard page was hit
// (without it the fault would crash the test binary).
//
// Matrices are exactly (m-1)*ld+n elements long (also when n = 0), so
// their last element is the last accessible element; the padding between
// rows (j ≥ n) holds NaN and must keep its exact bits. Every result is
// compared with the generic twin of kernel_generic.go run on ordinary
// copies of the operands, and every input must be unchanged; the data are
// small integers, so all implementations agree exactly (Tanh: within
// 4 ulp of the twin).
//
// Strides: every matrix is tried with ld = cols, cols+1 and cols+d, where
// d runs through 2..17 as the column count is swept, so every padding
// 0..17 meets every row count (see guardDeltas).

import (
	"fmt"
	"math"
	"runtime/debug"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// guardArena is an anonymous mapping laid out as
// [inaccessible page | accessible pages | inaccessible page].
type guardArena struct {
	mem  []byte // the whole mapping
	data []byte // the accessible pages
}

func newGuardArena(tb testing.TB, bytes int) *guardArena {
	tb.Helper()
	ps := unix.Getpagesize()
	pages := max(1, (bytes+ps-1)/ps)
	mem, err := unix.Mmap(-1, 0, (pages+2)*ps, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		tb.Fatalf("mmap: %v", err)
	}
	if err := unix.Mprotect(mem[:ps], unix.PROT_NONE); err != nil {
		tb.Fatalf("mprotect: %v", err)
	}
	if err := unix.Mprotect(mem[(pages+1)*ps:], unix.PROT_NONE); err != nil {
		tb.Fatalf("mprotect: %v", err)
	}
	return &guardArena{mem: mem, data: mem[ps : (pages+1)*ps]}
}

func (a *guardArena) free() error { return unix.Munmap(a.mem) }

// where names the part of the arena that holds address p.
func (a *guardArena) where(p uintptr) string {
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(a.mem)))
	d := uintptr(unsafe.Pointer(unsafe.SliceData(a.data)))
	de := d + uintptr(len(a.data))
	switch {
	case p < lo || p >= lo+uintptr(len(a.mem)):
		return ""
	case p < d:
		return fmt.Sprintf("guard page before the data (%d bytes before the first accessible byte)", d-p)
	case p >= de:
		return fmt.Sprintf("guard page after the data (%d bytes past the last accessible byte)", p-de)
	}
	return "accessible data"
}

// guardPlace says where an operand sits in its arena.
type guardPlace int

const (
	guardAtEnd   guardPlace = iota // last element is the last accessible element
	guardAtStart                   // first element is the first accessible element
)

func (p guardPlace) String() string {
	if p == guardAtEnd {
		return "end-of-page"
	}
	return "start-after-guard"
}

// guardSliceOf returns n elements of type T at place p in a.
func guardSliceOf[T float](a *guardArena, n int, p guardPlace) []T {
	off := 0
	if p == guardAtEnd {
		off = len(a.data) - n*int(unsafe.Sizeof(T(0)))
	}
	return unsafe.Slice((*T)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(a.data)), off)), n)
}

// guardOperand is one operand of the current case: the slice in the
// guarded arena and its twin on the Go heap for the generic code.
type guardOperand[T float] struct {
	slot int
	name string
	g    []T
	ref  []T
	ulps int // allowed difference of elements (0: exact)
}

// guardEnv holds the arenas (one per operand slot) and the state of the
// current case.
type guardEnv[T float] struct {
	t      *testing.T
	arenas []*guardArena
	refs   [][]T
	place  guardPlace
	rnd    uint64
	ops    []guardOperand[T]
	kernel string
	format string
	args   []any
	cases  int
	errors int

	// Pools of values: integers in [-2, 2], [-3, 3] and [-4, 4]; integers
	// in [-2, 2] of which 3/7 are zero; multiples of 1/4 in [-4, 4]; NaN.
	i2, i3, i4, sparse, quarters, nan []T
}

func newGuardEnv[T float](t *testing.T, kernel string) *guardEnv[T] {
	e := &guardEnv[T]{t: t, kernel: kernel, rnd: 0x9e3779b97f4a7c15}
	e.i2, e.i3, e.i4 = e.ints(2), e.ints(3), e.ints(4)
	e.sparse = e.pool(func(v uint64) T {
		if v %= 7; v >= 3 {
			return T(v) - 4 // -1, 0, 1, 2
		}
		return T(v) - 2 // -2, -1, 0
	})
	e.quarters = e.pool(func(v uint64) T { return T(int(v%33)-16) / 4 })
	e.nan = e.pool(func(uint64) T { return T(math.NaN()) })
	t.Cleanup(func() {
		for _, a := range e.arenas {
			if err := a.free(); err != nil {
				t.Errorf("munmap: %v", err)
			}
		}
	})
	return e
}

// start begins a case; format and args describe it in failure messages.
func (e *guardEnv[T]) start(format string, args ...any) {
	e.ops = e.ops[:0]
	e.format, e.args = format, args // formatted only on failure
}

// operand returns slot i as a slice of n elements at the current place,
// and its heap twin.
func (e *guardEnv[T]) operand(i int, name string, n int) (g, ref []T) {
	need := n * int(unsafe.Sizeof(T(0)))
	for len(e.arenas) <= i {
		e.arenas = append(e.arenas, newGuardArena(e.t, 16<<10))
		e.refs = append(e.refs, nil)
	}
	if a := e.arenas[i]; len(a.data) < need {
		if err := a.free(); err != nil {
			e.t.Fatalf("munmap: %v", err)
		}
		e.arenas[i] = newGuardArena(e.t, max(need, 2*len(a.data)))
	}
	if cap(e.refs[i]) < n {
		e.refs[i] = make([]T, n)
	}
	g, ref = guardSliceOf[T](e.arenas[i], n, e.place), e.refs[i][:n]
	e.ops = append(e.ops, guardOperand[T]{slot: i, name: name, g: g, ref: ref})
	return g, ref
}

// next returns a pseudo-random number (xorshift64*).
func (e *guardEnv[T]) next() uint64 {
	e.rnd ^= e.rnd >> 12
	e.rnd ^= e.rnd << 25
	e.rnd ^= e.rnd >> 27
	return (e.rnd * 0x2545f4914f6cdd1d) >> 32
}

// guardPoolLen is the length of a pool of values; rows are copied from
// pseudo-random offsets in it.
const guardPoolLen = 4096

// pool returns guardPoolLen+guardMaxLen+1 values from gen.
func (e *guardEnv[T]) pool(gen func(r uint64) T) []T {
	p := make([]T, guardPoolLen+guardMaxLen+1)
	for i := range p {
		p[i] = gen(e.next())
	}
	return p
}

// ints returns a pool of integers in [-r, r].
func (e *guardEnv[T]) ints(r int) []T {
	return e.pool(func(v uint64) T { return T(int(v%uint64(2*r+1)) - r) })
}

// fill sets the elements of the n-column matrix g (stride ld; a vector is
// one row) from pool, the padding between its rows to NaN, and copies g to
// ref.
func (e *guardEnv[T]) fill(g, ref []T, n, ld int, pool []T) {
	nan := T(math.NaN())
	for i := 0; i*ld < len(g); i++ {
		row := g[i*ld:]
		o := int(e.next() % guardPoolLen)
		copy(row[:min(n, len(row))], pool[o:])
		for j := n; j < min(ld, len(row)); j++ {
			row[j] = nan
		}
		if ld == 0 {
			break
		}
	}
	copy(ref, g)
}

// guardMatLen is the length of an m×n matrix with stride ld: its last
// element is the last one of the slice.
func guardMatLen(m, n, ld int) int {
	if m == 0 {
		return 0
	}
	return (m-1)*ld + n
}

// run runs kern on the guarded operands and ref on their twins, and
// checks that every operand matches its twin afterwards. It reports false
// (after reporting the failure) if kern faulted or panicked.
func (e *guardEnv[T]) run(kern, ref func()) bool {
	e.cases++
	if p := guardCall(kern); p != nil {
		msg := fmt.Sprint(p)
		if f, ok := p.(interface{ Addr() uintptr }); ok {
			addr := f.Addr()
			msg = fmt.Sprintf("fault at address %#x", addr)
			for i, a := range e.arenas {
				if w := a.where(addr); w != "" {
					name := fmt.Sprintf("slot %d", i)
					for _, o := range e.ops {
						if o.slot == i {
							name = o.name
						}
					}
					msg += fmt.Sprintf(" in operand %s: %s", name, w)
				}
			}
		}
		e.fail("%s", msg)
		return false
	}
	if p := guardCall(ref); p != nil {
		e.fail("the generic twin panicked: %v", p)
		return false
	}
	for _, o := range e.ops {
		if guardBytes(o.g) == guardBytes(o.ref) {
			continue // identical bits: the common case, checked fast
		}
		for k := range o.g {
			if !guardSame(o.g[k], o.ref[k], o.ulps) {
				e.fail("operand %s, index %d: got %v, generic twin gives %v", o.name, k, o.g[k], o.ref[k])
				break
			}
		}
	}
	return true
}

func (e *guardEnv[T]) fail(format string, args ...any) {
	e.t.Helper()
	e.errors++
	if e.errors > 20 {
		e.t.Fatalf("too many failures")
	}
	e.t.Errorf("%s %s, operands at %v: %s", e.kernel, fmt.Sprintf(e.format, e.args...), e.place, fmt.Sprintf(format, args...))
}

func guardBytes[T float](s []T) string {
	return unsafe.String((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(T(0))))
}

func guardCall(f func()) (p any) {
	defer func() { p = recover() }()
	f()
	return nil
}

// guardSame reports whether got matches want: equal values, the same bits
// (NaN padding), or, if ulps > 0, finite values at most ulps apart.
func guardSame[T float](got, want T, ulps int) bool {
	if got == want {
		return true
	}
	var gb, wb int64
	switch g := any(got).(type) {
	case float64:
		gb, wb = int64(math.Float64bits(g)), int64(math.Float64bits(float64(want)))
	case float32:
		gb, wb = int64(math.Float32bits(g)), int64(math.Float32bits(float32(want)))
	}
	if gb == wb {
		return true
	}
	if ulps == 0 || got != got || want != want || (got < 0) != (want < 0) {
		return false
	}
	d := gb - wb
	return d >= -int64(ulps) && d <= int64(ulps)
}

// guardOps holds the exported kernels of one precision.
type guardOps[T float] struct {
	bits         string
	dot          func(x, y []T) T
	axpy         func(alpha T, x, y []T)
	scal         func(alpha T, x []T)
	gemv         func(m, n int, alpha T, a []T, lda int, x []T, beta T, y []T)
	gemvMulti    func(m, n, k int, a []T, lda int, x []T, ldx int, y []T, ldy int)
	ger          func(m, n int, alpha T, x, y, a []T, lda int)
	cubeGer      func(m, n int, x, y, a []T, lda int)
	gemmTN       func(m, n, k int, alpha T, a []T, lda int, b []T, ldb int, c []T, ldc int)
	tanh         func(dst, x []T)
	tanhGeneric  func(dst, x []T)
	maskedUpdate func(m, n int, alpha, limit T, e []T, lde int, w []T, ldw int) (int, float64)
	leak         func(k T, e, x []T)
	cube         func(dst, x []T)
	cubeDiff     func(dst, x, y []T)
}

var (
	guardOps64 = guardOps[float64]{"64", Dot64, Axpy64, Scal64, Gemv64, GemvMulti64, Ger64, CubeGer64, GemmTN64, Tanh64, tanh64Generic, MaskedUpdate64, Leak64, Cube64, CubeDiff64}
	guardOps32 = guardOps[float32]{"32", Dot32, Axpy32, Scal32, Gemv32, GemvMulti32, Ger32, CubeGer32, GemmTN32, Tanh32, tanh32Generic, MaskedUpdate32, Leak32, Cube32, CubeDiff32}
)

// Sizes swept. Vector lengths and matrix columns run over 0..67, past
// four times the widest vector (16 float32 lanes) plus every remainder;
// row counts cover every remainder of the 4- and 6-row blocks.
const guardMaxLen = 67

var guardRows = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 33}

// guardDeltas returns the stride paddings (ld - cols) tried for a matrix
// with the given rows and columns: 0, 1, and one of 2..17 that changes
// with the shape, so that the sweep over the columns meets every padding
// 0..17 for every row count. salt varies the choice between the strides of
// one kernel's operands.
func guardDeltas(rows, cols, salt int) []int {
	return []int{0, 1, 2 + (cols+5*rows+7*salt)%16}
}

// guardKernel runs f for every tier and both placements.
func guardKernel[T float](t *testing.T, total *int, name string, f func(e *guardEnv[T])) {
	t.Run(name, func(t *testing.T) {
		forEachTier(t, func(t *testing.T) {
			defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
			e := newGuardEnv[T](t, name)
			for _, p := range []guardPlace{guardAtEnd, guardAtStart} {
				e.place = p
				f(e)
			}
			t.Logf("%s: %d cases", name, e.cases)
			*total += e.cases
		})
	})
}

func TestGuardPages(t *testing.T) {
	total := 0
	guardKernels(t, &total, guardOps64)
	guardKernels(t, &total, guardOps32)
	t.Logf("%d kernel×implementation×shape×placement cases in all", total)
}

func guardKernels[T float](t *testing.T, total *int, o guardOps[T]) {
	guardKernel(t, total, "Dot"+o.bits, func(e *guardEnv[T]) {
		for n := 0; n <= guardMaxLen; n++ {
			e.start("n=%d", n)
			x, xr := e.operand(0, "x", n)
			y, yr := e.operand(1, "y", n)
			e.fill(x, xr, n, n, e.i3)
			e.fill(y, yr, n, n, e.i3)
			var got, want T
			if e.run(func() { got = o.dot(x, y) }, func() { want = dotGeneric(xr, yr) }) && got != want {
				e.fail("result %v, generic twin gives %v", got, want)
			}
		}
	})

	guardKernel(t, total, "Axpy"+o.bits, func(e *guardEnv[T]) {
		for n := 0; n <= guardMaxLen; n++ {
			e.start("n=%d", n)
			x, xr := e.operand(0, "x", n)
			y, yr := e.operand(1, "y", n)
			e.fill(x, xr, n, n, e.i3)
			e.fill(y, yr, n, n, e.i3)
			e.run(func() { o.axpy(3, x, y) }, func() { axpyGeneric(3, xr, yr) })
		}
	})

	guardKernel(t, total, "Scal"+o.bits, func(e *guardEnv[T]) {
		for n := 0; n <= guardMaxLen; n++ {
			e.start("n=%d", n)
			x, xr := e.operand(0, "x", n)
			e.fill(x, xr, n, n, e.i3)
			e.run(func() { o.scal(-2, x) }, func() { scalGeneric(-2, xr) })
		}
	})

	guardKernel(t, total, "Tanh"+o.bits, func(e *guardEnv[T]) {
		for n := 0; n <= guardMaxLen; n++ {
			e.start("n=%d dst≠x", n)
			x, xr := e.operand(0, "x", n)
			d, dr := e.operand(1, "dst", n)
			e.ops[1].ulps = 4
			e.fill(x, xr, n, n, e.quarters)
			e.fill(d, dr, n, n, e.nan)
			e.run(func() { o.tanh(d, x) }, func() { o.tanhGeneric(dr, xr) })

			e.start("n=%d dst=x", n)
			x, xr = e.operand(0, "x=dst", n)
			e.ops[0].ulps = 4
			e.fill(x, xr, n, n, e.quarters)
			e.run(func() { o.tanh(x, x) }, func() { o.tanhGeneric(xr, xr) })
		}
	})

	guardKernel(t, total, "Leak"+o.bits, func(e *guardEnv[T]) {
		for n := 0; n <= guardMaxLen; n++ {
			e.start("n=%d", n)
			x, xr := e.operand(0, "x", n)
			y, yr := e.operand(1, "e", n)
			e.fill(x, xr, n, n, e.quarters)
			e.fill(y, yr, n, n, e.quarters)
			e.run(func() { o.leak(0.5, y, x) }, func() { leakGeneric(0.5, yr, xr) })
		}
	})

	guardKernel(t, total, "Cube"+o.bits, func(e *guardEnv[T]) {
		for n := 0; n <= guardMaxLen; n++ {
			e.start("n=%d", n)
			x, xr := e.operand(0, "x", n)
			d, dr := e.operand(1, "dst", n)
			e.fill(x, xr, n, n, e.quarters)
			e.fill(d, dr, n, n, e.nan)
			e.run(func() { o.cube(d, x) }, func() { cubeGeneric(dr, xr) })

			e.start("n=%d diff", n)
			x, xr = e.operand(0, "x", n)
			y, yr := e.operand(1, "y", n)
			d, dr = e.operand(2, "dst", n)
			e.fill(x, xr, n, n, e.quarters)
			e.fill(y, yr, n, n, e.quarters)
			e.fill(d, dr, n, n, e.nan)
			e.run(func() { o.cubeDiff(d, x, y) }, func() { cubeDiffGeneric(dr, xr, yr) })
		}
	})

	guardKernel(t, total, "Gemv"+o.bits, func(e *guardEnv[T]) {
		for _, m := range guardRows {
			for n := 0; n <= guardMaxLen; n++ {
				for _, d := range guardDeltas(m, n, 0) {
					for _, beta := range []T{0, -1} {
						lda := n + d
						e.start("m=%d n=%d lda=%d beta=%v", m, n, lda, beta)
						a, ar := e.operand(0, "a", guardMatLen(m, n, lda))
						x, xr := e.operand(1, "x", n)
						y, yr := e.operand(2, "y", m)
						e.fill(a, ar, n, lda, e.i3)
						e.fill(x, xr, n, n, e.i3)
						if beta == 0 {
							e.fill(y, yr, m, m, e.nan) // y is not read
						} else {
							e.fill(y, yr, m, m, e.i3)
						}
						e.run(func() { o.gemv(m, n, 2, a, lda, x, beta, y) },
							func() { gemvGeneric(m, n, 2, ar, lda, xr, beta, yr) })
					}
				}
			}
		}
	})

	guardKernel(t, total, "GemvMulti"+o.bits, func(e *guardEnv[T]) {
		for _, m := range guardRows {
			for n := 0; n <= guardMaxLen; n++ {
				for _, k := range []int{1, 2, 3, 4, 5, 7, 9} {
					da := guardDeltas(m, n, k)
					dx := guardDeltas(k, n, k+1)
					dy := guardDeltas(k, m, k+2)
					for i := range da {
						lda, ldx, ldy := n+da[i], n+dx[(i+1)%3], m+dy[(i+2)%3]
						e.start("m=%d n=%d k=%d lda=%d ldx=%d ldy=%d", m, n, k, lda, ldx, ldy)
						a, ar := e.operand(0, "a", guardMatLen(m, n, lda))
						x, xr := e.operand(1, "x", guardMatLen(k, n, ldx))
						y, yr := e.operand(2, "y", guardMatLen(k, m, ldy))
						e.fill(a, ar, n, lda, e.i3)
						e.fill(x, xr, n, ldx, e.i3)
						e.fill(y, yr, m, ldy, e.nan) // y is not read
						e.run(func() { o.gemvMulti(m, n, k, a, lda, x, ldx, y, ldy) },
							func() { gemvMultiGeneric(m, n, k, ar, lda, xr, ldx, yr, ldy) })
					}
				}
			}
		}
	})

	for _, cube := range []bool{false, true} {
		name := "Ger"
		if cube {
			name = "CubeGer"
		}
		guardKernel(t, total, name+o.bits, func(e *guardEnv[T]) {
			for _, m := range guardRows {
				for n := 0; n <= guardMaxLen; n++ {
					for _, d := range guardDeltas(m, n, 0) {
						lda := n + d
						e.start("m=%d n=%d lda=%d", m, n, lda)
						x, xr := e.operand(0, "x", m)
						y, yr := e.operand(1, "y", n)
						a, ar := e.operand(2, "a", guardMatLen(m, n, lda))
						e.fill(x, xr, m, m, e.i2)
						e.fill(y, yr, n, n, e.i2)
						e.fill(a, ar, n, lda, e.i3)
						if cube {
							e.run(func() { o.cubeGer(m, n, x, y, a, lda) },
								func() { cubeGerGeneric(m, n, xr, yr, ar, lda) })
						} else {
							e.run(func() { o.ger(m, n, 2, x, y, a, lda) },
								func() { gerGeneric(m, n, 2, xr, yr, ar, lda) })
						}
					}
				}
			}
		})
	}

	guardKernel(t, total, "GemmTN"+o.bits, func(e *guardEnv[T]) {
		type shape struct{ m, n, k int }
		var shapes []shape
		for _, m := range guardRows {
			for n := 0; n <= guardMaxLen; n++ {
				for _, k := range []int{1, 2, 3} {
					shapes = append(shapes, shape{m, n, k})
				}
			}
		}
		for _, m := range []int{10, 11, 12, 13} { // more remainders of 6 rows
			for _, n := range []int{7, 8, 9, 16, 17, 31, 32, 33} {
				shapes = append(shapes, shape{m, n, 5})
			}
		}
		// Past the blocking of k (256), of the columns (256; 264 and 288 on
		// the avx512 tier) and of the rows (258 on amd64).
		shapes = append(shapes, shape{5, 9, 258}, shape{7, 259, 3}, shape{9, 297, 2}, shape{261, 9, 2}, shape{0, 5, 3}, shape{5, 0, 3}, shape{5, 5, 0})
		for _, s := range shapes {
			m, n, k := s.m, s.n, s.k
			da := guardDeltas(k, m, n)
			db := guardDeltas(k, n, m+1)
			dc := guardDeltas(m, n, k+2)
			for i := range da {
				lda, ldb, ldc := m+da[i], n+db[(i+1)%3], n+dc[(i+2)%3]
				e.start("m=%d n=%d k=%d lda=%d ldb=%d ldc=%d", m, n, k, lda, ldb, ldc)
				a, ar := e.operand(0, "a", guardMatLen(k, m, lda))
				b, br := e.operand(1, "b", guardMatLen(k, n, ldb))
				c, cr := e.operand(2, "c", guardMatLen(m, n, ldc))
				e.fill(a, ar, m, lda, e.i2)
				e.fill(b, br, n, ldb, e.i2)
				e.fill(c, cr, n, ldc, e.i3)
				e.run(func() { o.gemmTN(m, n, k, 2, a, lda, b, ldb, c, ldc) },
					func() { gemmTNGeneric(m, n, k, 2, ar, lda, br, ldb, cr, ldc) })
			}
		}
	})

	guardKernel(t, total, "MaskedUpdate"+o.bits, func(e *guardEnv[T]) {
		for _, m := range guardRows {
			for n := 0; n <= guardMaxLen; n++ {
				de := guardDeltas(m, n, 0)
				dw := guardDeltas(m, n, 1)
				for i := range de {
					lde, ldw := n+de[i], n+dw[(i+1)%3]
					e.start("m=%d n=%d lde=%d ldw=%d", m, n, lde, ldw)
					ev, er := e.operand(0, "e", guardMatLen(m, n, lde))
					w, wr := e.operand(1, "w", guardMatLen(m, n, ldw))
					e.fill(ev, er, n, lde, e.i4)
					e.fill(w, wr, n, ldw, e.sparse)
					var gc, wc int
					var gs, ws float64
					if e.run(func() { gc, gs = o.maskedUpdate(m, n, 0.5, 1.5, ev, lde, w, ldw) },
						func() { wc, ws = maskedUpdateGeneric(m, n, 0.5, 1.5, er, lde, wr, ldw) }) && (gc != wc || gs != ws) {
						e.fail("returned (%d, %v), generic twin gives (%d, %v)", gc, gs, wc, ws)
					}
				}
			}
		}
	})
}

// TestGuardPagesFault checks the harness itself: one element past the end
// of an end-of-page operand, and one before the start of a
// start-after-guard operand, must fault, and the fault must be recovered
// as a panic that names its address.
func TestGuardPagesFault(t *testing.T) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	a := newGuardArena(t, 1)
	t.Cleanup(func() { a.free() })
	end := guardSliceOf[float64](a, 3, guardAtEnd)
	start := guardSliceOf[float32](a, 3, guardAtStart)
	end[2], start[0] = 1, 2 // accessible
	var sink float64
	past := unsafe.Add(unsafe.Pointer(&end[2]), 8)
	before := unsafe.Add(unsafe.Pointer(&start[0]), -4)
	for _, c := range []struct {
		name string
		f    func()
		addr uintptr
	}{
		{"read past the end", func() { sink = *(*float64)(past) }, uintptr(past)},
		{"write before the start", func() { *(*float32)(before) = 1 }, uintptr(before)},
	} {
		p := guardCall(c.f)
		f, ok := p.(interface{ Addr() uintptr })
		if !ok || f.Addr() != c.addr {
			t.Errorf("%s: recovered %v, want a fault at %#x", c.name, p, c.addr)
		}
	}
	_ = sink
}
