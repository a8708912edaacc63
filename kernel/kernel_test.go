package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Tolerance policy of these tests.
//
//   - Exact checks: inputs are small multiples of 1/4 (or 1/2 for the
//     cubes), so every product and partial sum is exactly representable in
//     float32 and float64. Any summation order and any fusing of
//     multiply-adds then gives the same bits, and every implementation must
//     match the plain loops below exactly.
//   - Random data: |got - want| ≤ 4·n·eps·Σ|a·x| for a sum of n products
//     (the classical bound on the rounding error of a dot product).
//   - Tanh: see tanh_test.go.
//
// Every slice handed to a kernel sits between guard cells holding NaN,
// matrices have padding between rows (stride > columns) holding NaN, and
// inputs are checked to be unchanged afterwards: a kernel that reads
// outside its elements turns a result into NaN, one that writes outside
// them changes a guard.

// forEachTier runs f once per implementation this CPU has.
func forEachTier(t *testing.T, f func(t *testing.T)) {
	for _, name := range tiers() {
		t.Run("impl="+name, func(t *testing.T) {
			restore := setTier(name)
			t.Cleanup(restore)
			f(t)
		})
	}
}

const (
	maxWidth = 16 // the widest vector, in float32 lanes, of any implementation
	guardLen = 2 * maxWidth
)

var (
	vecLens = func() []int {
		var l []int
		for n := 0; n <= 4*maxWidth+3; n++ {
			l = append(l, n)
		}
		return l
	}()
	rowCounts = []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33}
	offsets   = []int{0, 1}
)

// guarded is a slice of length n at offset off inside a buffer of guard
// cells holding NaN.
type guarded[T float] struct {
	buf  []T
	off  int
	n    int
	rows int // for a matrix: rows, cols and stride; for a vector rows = 1
	cols int
	ld   int
}

func newVec[T float](n, off int) *guarded[T] {
	return newMat[T](1, n, n, off)
}

// newMat makes an m×n matrix with stride ld (≥ n); the padding cells of
// every row are guards as well.
func newMat[T float](m, n, ld, off int) *guarded[T] {
	size := 0
	if m > 0 {
		size = (m-1)*ld + n
	}
	g := &guarded[T]{buf: make([]T, off+size+guardLen), off: off, n: size, rows: m, cols: n, ld: ld}
	nan := T(math.NaN())
	for i := range g.buf {
		g.buf[i] = nan
	}
	return g
}

func (g *guarded[T]) s() []T { return g.buf[g.off : g.off+g.n] }

// inside reports whether buffer index k is an element of the matrix.
func (g *guarded[T]) inside(k int) bool {
	k -= g.off
	if k < 0 || k >= g.n {
		return false
	}
	return k%g.ld < g.cols
}

// fill sets every element with gen.
func (g *guarded[T]) fill(gen func() T) {
	for i := 0; i < g.rows; i++ {
		for j := 0; j < g.cols; j++ {
			g.buf[g.off+i*g.ld+j] = gen()
		}
	}
}

func (g *guarded[T]) clone() *guarded[T] {
	c := *g
	c.buf = append([]T(nil), g.buf...)
	return &c
}

// checkGuards fails unless every non-element cell still holds NaN.
func (g *guarded[T]) checkGuards(t *testing.T, what string) {
	t.Helper()
	for k, v := range g.buf {
		if !g.inside(k) && v == v {
			t.Fatalf("%s: guard cell %d (element offset %d) overwritten with %v", what, k, k-g.off, v)
		}
	}
}

// sameBits fails unless g and want hold the same elements bit for bit
// (NaN matches NaN).
func (g *guarded[T]) equal(t *testing.T, want *guarded[T], what string) {
	t.Helper()
	for k := range g.buf {
		if !g.inside(k) {
			continue
		}
		a, b := g.buf[k], want.buf[k]
		if a != b && !(a != a && b != b) {
			t.Fatalf("%s: element %d = %v, want %v", what, k-g.off, a, b)
		}
	}
}

// quarters returns small multiples of 1/4 in [-2, 2].
func quarters[T float](r *rand.Rand) func() T {
	return func() T { return T(r.IntN(17)-8) / 4 }
}

func halves[T float](r *rand.Rand) func() T {
	return func() T { return T(r.IntN(9)-4) / 2 }
}

func normals[T float](r *rand.Rand) func() T {
	return func() T { return T(r.NormFloat64()) }
}

func eps[T float]() float64 {
	var z T
	if _, ok := any(z).(float32); ok {
		return 0x1p-23
	}
	return 0x1p-52
}

// Plain reference loops: the doc comments of kernel.go, word for word.

func refDot[T float](x, y []T) T {
	var s T
	for i := range x {
		s += x[i] * y[i]
	}
	return s
}

func refGemv[T float](m, n int, alpha T, a []T, lda int, x []T, beta T, y []T) {
	for i := 0; i < m; i++ {
		var s T
		for j := 0; j < n; j++ {
			s += a[i*lda+j] * x[j]
		}
		if beta == 0 {
			y[i] = alpha * s
		} else {
			y[i] = alpha*s + beta*y[i]
		}
	}
}

func refGemmTN[T float](m, n, k int, alpha T, a []T, lda int, b []T, ldb int, c []T, ldc int) {
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var s T
			for p := 0; p < k; p++ {
				s += a[p*lda+i] * b[p*ldb+j]
			}
			c[i*ldc+j] += alpha * s
		}
	}
}

// The kernels under test, by precision.
type ops[T float] struct {
	dot          func(x, y []T) T
	axpy         func(alpha T, x, y []T)
	scal         func(alpha T, x []T)
	gemv         func(m, n int, alpha T, a []T, lda int, x []T, beta T, y []T)
	gemvMulti    func(m, n, k int, a []T, lda int, x []T, ldx int, y []T, ldy int)
	ger          func(m, n int, alpha T, x, y, a []T, lda int)
	cubeGer      func(m, n int, x, y, a []T, lda int)
	gemmTN       func(m, n, k int, alpha T, a []T, lda int, b []T, ldb int, c []T, ldc int)
	maskedUpdate func(m, n int, alpha, limit T, e []T, lde int, w []T, ldw int) (int, float64)
}

var ops64 = ops[float64]{Dot64, Axpy64, Scal64, Gemv64, GemvMulti64, Ger64, CubeGer64, GemmTN64, MaskedUpdate64}
var ops32 = ops[float32]{Dot32, Axpy32, Scal32, Gemv32, GemvMulti32, Ger32, CubeGer32, GemmTN32, MaskedUpdate32}

func bothPrecisions(t *testing.T, f64 func(t *testing.T), f32 func(t *testing.T)) {
	forEachTier(t, func(t *testing.T) {
		t.Run("f64", f64)
		t.Run("f32", f32)
	})
}

func TestLevel1(t *testing.T) {
	bothPrecisions(t, func(t *testing.T) { testLevel1(t, ops64) }, func(t *testing.T) { testLevel1(t, ops32) })
}

func testLevel1[T float](t *testing.T, o ops[T]) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range vecLens {
		for _, off := range offsets {
			name := fmt.Sprintf("n=%d/off=%d", n, off)
			x, y := newVec[T](n, off), newVec[T](n, 1-off)
			x.fill(quarters[T](r))
			y.fill(quarters[T](r))
			x0, y0 := x.clone(), y.clone()

			if got, want := o.dot(x.s(), y.s()), refDot(x.s(), y.s()); got != want {
				t.Fatalf("Dot %s = %v, want %v", name, got, want)
			}
			x.equal(t, x0, "Dot input x "+name)
			y.equal(t, y0, "Dot input y "+name)

			want := y.clone()
			for i := range want.s() {
				want.s()[i] += 0.5 * x.s()[i]
			}
			o.axpy(0.5, x.s(), y.s())
			y.equal(t, want, "Axpy "+name)
			y.checkGuards(t, "Axpy "+name)
			x.equal(t, x0, "Axpy input "+name)

			want = x.clone()
			for i := range want.s() {
				want.s()[i] *= -2
			}
			o.scal(-2, x.s())
			x.equal(t, want, "Scal "+name)
			x.checkGuards(t, "Scal "+name)
		}
	}
}

func TestGemv(t *testing.T) {
	bothPrecisions(t, func(t *testing.T) { testGemv(t, ops64) }, func(t *testing.T) { testGemv(t, ops32) })
}

func testGemv[T float](t *testing.T, o ops[T]) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, m := range rowCounts {
		for _, n := range vecLens {
			for s, pad := range []int{0, 1, maxWidth + 3} {
				off := s & 1
				for _, ab := range [][2]T{{1, 0}, {-0.5, 2}, {2, 1}} {
					alpha, beta := ab[0], ab[1]
					name := fmt.Sprintf("m=%d/n=%d/lda=n+%d/off=%d/alpha=%v/beta=%v", m, n, pad, off, alpha, beta)
					a := newMat[T](m, n, n+pad, off)
					x, y := newVec[T](n, 1-off), newVec[T](m, off)
					a.fill(quarters[T](r))
					x.fill(quarters[T](r))
					if beta != 0 {
						y.fill(quarters[T](r))
					}
					a0, x0 := a.clone(), x.clone()
					want := y.clone()
					refGemv(m, n, alpha, a.s(), a.ld, x.s(), beta, want.s())
					o.gemv(m, n, alpha, a.s(), a.ld, x.s(), beta, y.s())
					y.equal(t, want, "Gemv "+name)
					y.checkGuards(t, "Gemv y "+name)
					a.equal(t, a0, "Gemv input a "+name)
					x.equal(t, x0, "Gemv input x "+name)
				}
			}
		}
	}
}

func TestGemvMulti(t *testing.T) {
	bothPrecisions(t, func(t *testing.T) { testGemvMulti(t, ops64) }, func(t *testing.T) { testGemvMulti(t, ops32) })
}

func testGemvMulti[T float](t *testing.T, o ops[T]) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, k := range []int{0, 1, 2, 3, 4, 5, 7, 8, 9} {
		for _, m := range rowCounts {
			for _, n := range vecLens {
				pad := (m + n + k) % 3 * (maxWidth/2 + 1)
				off := (m + n) & 1
				name := fmt.Sprintf("k=%d/m=%d/n=%d/pad=%d/off=%d", k, m, n, pad, off)
				a := newMat[T](m, n, n+pad, off)
				x := newMat[T](k, n, n+pad+1, 1-off)
				y := newMat[T](k, m, m+pad, off)
				a.fill(quarters[T](r))
				x.fill(quarters[T](r))
				y.fill(quarters[T](r)) // must be overwritten
				a0, x0 := a.clone(), x.clone()
				want := y.clone()
				for c := 0; c < k; c++ {
					refGemv(m, n, 1, a.s(), a.ld, x.s()[c*x.ld:], 0, want.s()[c*y.ld:])
				}
				o.gemvMulti(m, n, k, a.s(), a.ld, x.s(), x.ld, y.s(), y.ld)
				y.equal(t, want, "GemvMulti "+name)
				y.checkGuards(t, "GemvMulti y "+name)
				a.equal(t, a0, "GemvMulti input a "+name)
				x.equal(t, x0, "GemvMulti input x "+name)
			}
		}
	}
}

func TestGer(t *testing.T) {
	bothPrecisions(t, func(t *testing.T) { testGer(t, ops64) }, func(t *testing.T) { testGer(t, ops32) })
}

func testGer[T float](t *testing.T, o ops[T]) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, m := range rowCounts {
		for _, n := range vecLens {
			pad := (m * 7) % 3 * (maxWidth/2 + 1)
			off := (m + n) & 1
			name := fmt.Sprintf("m=%d/n=%d/pad=%d/off=%d", m, n, pad, off)
			for _, cube := range []bool{false, true} {
				a := newMat[T](m, n, n+pad, off)
				x, y := newVec[T](m, 1-off), newVec[T](n, off)
				a.fill(quarters[T](r))
				x.fill(halves[T](r))
				y.fill(halves[T](r))
				x0, y0 := x.clone(), y.clone()
				want := a.clone()
				for i := 0; i < m; i++ {
					for j := 0; j < n; j++ {
						if cube {
							v := x.s()[i] * y.s()[j]
							want.s()[i*a.ld+j] += v * v * v
						} else {
							want.s()[i*a.ld+j] += -1.5 * x.s()[i] * y.s()[j]
						}
					}
				}
				what := "Ger "
				if cube {
					what = "CubeGer "
					o.cubeGer(m, n, x.s(), y.s(), a.s(), a.ld)
				} else {
					o.ger(m, n, -1.5, x.s(), y.s(), a.s(), a.ld)
				}
				a.equal(t, want, what+name)
				a.checkGuards(t, what+name)
				x.equal(t, x0, what+"input x "+name)
				y.equal(t, y0, what+"input y "+name)
			}
		}
	}
}

var gemmDims = []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 23, 24, 25, 31, 33, 47, 48, 49, 64, 65}

func TestGemmTN(t *testing.T) {
	bothPrecisions(t, func(t *testing.T) { testGemmTN(t, ops64) }, func(t *testing.T) { testGemmTN(t, ops32) })
}

func testGemmTN[T float](t *testing.T, o ops[T]) {
	r := rand.New(rand.NewPCG(9, 10))
	ks := []int{0, 1, 2, 3, 5, 8, 17}
	for _, m := range gemmDims {
		for _, n := range gemmDims {
			k := ks[(m+2*n)%len(ks)]
			pad := (m + n) % 3 * (maxWidth/2 + 1)
			off := (m ^ n) & 1
			alpha := []T{1, -0.5, 2}[(m+n)%3]
			name := fmt.Sprintf("m=%d/n=%d/k=%d/pad=%d/off=%d/alpha=%v", m, n, k, pad, off, alpha)
			a := newMat[T](k, m, m+pad, off)
			b := newMat[T](k, n, n+pad+1, 1-off)
			c := newMat[T](m, n, n+pad, off)
			a.fill(quarters[T](r))
			b.fill(quarters[T](r))
			c.fill(quarters[T](r))
			a0, b0 := a.clone(), b.clone()
			want := c.clone()
			refGemmTN(m, n, k, alpha, a.s(), a.ld, b.s(), b.ld, want.s(), c.ld)
			o.gemmTN(m, n, k, alpha, a.s(), a.ld, b.s(), b.ld, c.s(), c.ld)
			c.equal(t, want, "GemmTN "+name)
			c.checkGuards(t, "GemmTN c "+name)
			a.equal(t, a0, "GemmTN input a "+name)
			b.equal(t, b0, "GemmTN input b "+name)
		}
	}
}

// TestGemmTNLarge checks shapes beyond any cache block with random data,
// within the tolerance policy.
func TestGemmTNLarge(t *testing.T) {
	bothPrecisions(t, func(t *testing.T) { testGemmTNLarge(t, ops64) }, func(t *testing.T) { testGemmTNLarge(t, ops32) })
}

func testGemmTNLarge[T float](t *testing.T, o ops[T]) {
	r := rand.New(rand.NewPCG(11, 12))
	shapes := [][3]int{{200, 200, 1000}, {301, 257, 129}, {67, 513, 300}, {1, 700, 5}, {700, 1, 5}}
	if testing.Short() { // under emulation: shapes that still cross every block edge
		shapes = [][3]int{{70, 270, 260}, {263, 9, 40}, {1, 300, 5}}
	}
	for _, sh := range shapes {
		m, n, k := sh[0], sh[1], sh[2]
		a := newMat[T](k, m, m+1, 1)
		b := newMat[T](k, n, n, 0)
		c := newMat[T](m, n, n+3, 0)
		a.fill(normals[T](r))
		b.fill(normals[T](r))
		c.fill(normals[T](r))
		want := c.clone()
		refGemmTN(m, n, k, 0.75, a.s(), a.ld, b.s(), b.ld, want.s(), c.ld)
		o.gemmTN(m, n, k, 0.75, a.s(), a.ld, b.s(), b.ld, c.s(), c.ld)
		c.checkGuards(t, "GemmTN large")
		for i := 0; i < m; i++ {
			for j := 0; j < n; j++ {
				var mag float64
				for p := 0; p < k; p++ {
					mag += math.Abs(float64(a.s()[p*a.ld+i] * b.s()[p*b.ld+j]))
				}
				mag = 0.75*mag + math.Abs(float64(c.s()[i*c.ld+j]))
				got, w := float64(c.s()[i*c.ld+j]), float64(want.s()[i*c.ld+j])
				if d := math.Abs(got - w); d > 4*float64(k+1)*eps[T]()*mag {
					t.Fatalf("GemmTN %v (%d,%d): %v, want %v (diff %g, bound %g)", sh, i, j, got, w, d, 4*float64(k)*eps[T]()*mag)
				}
			}
		}
	}
}

// TestGemmTNSplit checks that, with alpha = 1, GemmTN gives the same bits
// whether C is computed in one call or in blocks of rows or of columns,
// each block a call of its own (as the trainer's goroutines do, on blocks
// of rows starting at multiples of 16): every element must be the same
// chain of multiply-adds over k whatever tile it falls in.
func TestGemmTNSplit(t *testing.T) {
	bothPrecisions(t, func(t *testing.T) { testGemmTNSplit(t, ops64) }, func(t *testing.T) { testGemmTNSplit(t, ops32) })
}

func testGemmTNSplit[T float](t *testing.T, o ops[T]) {
	r := rand.New(rand.NewPCG(15, 16))
	const m, n, k = 71, 83, 300 // past the blocking of k; edge tiles on both sides
	lda, ldb, ldc := m+3, n+1, n+2
	a, b := make([]T, k*lda), make([]T, k*ldb)
	for i := range a {
		a[i] = T(r.NormFloat64())
	}
	for i := range b {
		b[i] = T(r.NormFloat64())
	}
	c0 := make([]T, m*ldc)
	for i := range c0 {
		c0[i] = T(r.NormFloat64())
	}
	want := slices.Clone(c0)
	o.gemmTN(m, n, k, 1, a, lda, b, ldb, want, ldc)
	for _, split := range [][]int{{0, 16, 48, m}, {0, 5, 37, 64, m}} {
		c := slices.Clone(c0)
		for s := 0; s+1 < len(split); s++ {
			i0, i1 := split[s], split[s+1]
			o.gemmTN(i1-i0, n, k, 1, a[i0:], lda, b, ldb, c[i0*ldc:], ldc)
		}
		if !slices.Equal(c, want) {
			t.Fatalf("rows split at %v: C differs from one call", split)
		}
	}
	for _, split := range [][]int{{0, 24, 48, n}, {0, 7, 50, n}} {
		c := slices.Clone(c0)
		for s := 0; s+1 < len(split); s++ {
			j0, j1 := split[s], split[s+1]
			o.gemmTN(m, j1-j0, k, 1, a, lda, b[j0:], ldb, c[j0:], ldc)
		}
		if !slices.Equal(c, want) {
			t.Fatalf("columns split at %v: C differs from one call", split)
		}
	}
}

func TestMaskedUpdate(t *testing.T) {
	bothPrecisions(t, func(t *testing.T) { testMaskedUpdate(t, ops64) }, func(t *testing.T) { testMaskedUpdate(t, ops32) })
}

func testMaskedUpdate[T float](t *testing.T, o ops[T]) {
	r := rand.New(rand.NewPCG(13, 14))
	inf := T(math.Inf(1))
	special := []T{T(math.NaN()), inf, -inf, 0}
	for _, m := range rowCounts {
		for _, n := range vecLens {
			pad := (m + n) % 3 * (maxWidth/2 + 1)
			off := (m + 3*n) & 1
			name := fmt.Sprintf("m=%d/n=%d/pad=%d/off=%d", m, n, pad, off)
			e := newMat[T](m, n, n+pad, off)
			w := newMat[T](m, n, n+pad+2, 1-off)
			e.fill(func() T {
				if r.IntN(8) == 0 {
					return special[r.IntN(len(special))]
				}
				return quarters[T](r)() * 4
			})
			w.fill(func() T {
				if r.IntN(3) == 0 {
					return 0
				}
				return quarters[T](r)()
			})
			e0 := e.clone()
			want := w.clone()
			alpha, limit := T(-0.25), T(0.5)
			wantClipped, wantSum := 0, 0.0
			for i := 0; i < m; i++ {
				for j := 0; j < n; j++ {
					wv := &want.s()[i*w.ld+j]
					if *wv == 0 {
						continue
					}
					d := alpha * e.s()[i*e.ld+j]
					if d != d {
						d = 0
					}
					if d > limit {
						d, wantClipped = limit, wantClipped+1
					} else if d < -limit {
						d, wantClipped = -limit, wantClipped+1
					}
					*wv += d
					wantSum += math.Abs(float64(d))
				}
			}
			clipped, sum := o.maskedUpdate(m, n, alpha, limit, e.s(), e.ld, w.s(), w.ld)
			w.equal(t, want, "MaskedUpdate "+name)
			w.checkGuards(t, "MaskedUpdate w "+name)
			e.equal(t, e0, "MaskedUpdate input e "+name)
			if clipped != wantClipped || sum != wantSum {
				t.Fatalf("MaskedUpdate %s: clipped, sum = %d, %v; want %d, %v", name, clipped, sum, wantClipped, wantSum)
			}
		}
	}
}

// TestRandomTolerance checks Dot and Gemv on random data of the sizes the
// trainer uses against float64 references, within n·eps·Σ|a·x|.
func TestRandomTolerance(t *testing.T) {
	bothPrecisions(t, func(t *testing.T) { testRandomTolerance(t, ops64) }, func(t *testing.T) { testRandomTolerance(t, ops32) })
}

func testRandomTolerance[T float](t *testing.T, o ops[T]) {
	r := rand.New(rand.NewPCG(15, 16))
	for _, n := range []int{100, 150, 200, 201, 500, 1000, 2003} {
		a := newMat[T](n, n, n, 0)
		x, y := newVec[T](n, 0), newVec[T](n, 0)
		a.fill(normals[T](r))
		x.fill(normals[T](r))
		o.gemv(n, n, 1, a.s(), a.ld, x.s(), 0, y.s())
		for i := 0; i < n; i++ {
			var s, mag float64
			for j := 0; j < n; j++ {
				p := float64(a.s()[i*n+j]) * float64(x.s()[j])
				s += p
				mag += math.Abs(p)
			}
			if d := math.Abs(float64(y.s()[i]) - s); d > 4*float64(n)*eps[T]()*mag {
				t.Fatalf("Gemv n=%d row %d: %v, want %v", n, i, y.s()[i], s)
			}
		}
		got := float64(o.dot(a.s()[:n], x.s()))
		var s, mag float64
		for j := 0; j < n; j++ {
			s += float64(a.s()[j]) * float64(x.s()[j])
			mag += math.Abs(float64(a.s()[j]) * float64(x.s()[j]))
		}
		if d := math.Abs(got - s); d > 4*float64(n)*eps[T]()*mag {
			t.Fatalf("Dot n=%d: %v, want %v", n, got, s)
		}
	}
}

func TestPanics(t *testing.T) {
	a := make([]float64, 12)
	for name, f := range map[string]func(){
		"Dot lengths":       func() { Dot64(a[:3], a[:4]) },
		"Gemv short a":      func() { Gemv64(4, 4, 1, a, 4, a, 0, a) },
		"Gemv stride":       func() { Gemv64(2, 4, 1, a, 3, a, 0, a) },
		"Gemv negative":     func() { Gemv64(-1, 4, 1, a, 4, a, 0, a) },
		"Gemv short x":      func() { Gemv64(2, 4, 1, a, 4, a[:3], 0, a) },
		"GemmTN short c":    func() { GemmTN64(4, 4, 1, 1, a, 4, a, 4, a, 4) },
		"Tanh lengths":      func() { Tanh64(a[:2], a[:3]) },
		"MaskedUpdate NaN":  func() { MaskedUpdate64(1, 1, 1, math.NaN(), a, 1, a, 1) },
		"GemvMulti short y": func() { GemvMulti64(3, 3, 2, a, 3, a, 3, a[:4], 3) },
		"Ger32 short":       func() { Ger32(2, 2, 1, make([]float32, 1), make([]float32, 2), make([]float32, 4), 2) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// TestEmptyOperands passes empty slices where no element is read (n = 0)
// with strides that would point past them.
func TestEmptyOperands(t *testing.T) {
	forEachTier(t, func(t *testing.T) {
		y := []float64{5, 5}
		Gemv64(2, 0, 1, []float64{}, 1, nil, 0, y)
		if y[0] != 0 || y[1] != 0 {
			t.Fatalf("Gemv64 with n = 0, beta = 0: y = %v, want zeros", y)
		}
		y = []float64{5, 5}
		Gemv64(2, 0, 1, []float64{}, 1, nil, 2, y)
		if y[0] != 10 || y[1] != 10 {
			t.Fatalf("Gemv64 with n = 0, beta = 2: y = %v, want 10s", y)
		}
		y = []float64{5, 5, 5, 5}
		GemvMulti64(2, 0, 1, []float64{}, 1, nil, 0, y, 2)
		GemvMulti64(1, 0, 2, []float64{1}, 0, []float64{}, 1, y, 1)
		if y[0] != 0 || y[1] != 0 {
			t.Fatalf("GemvMulti64 with n = 0: y = %v, want zeros", y)
		}
	})
}

// TestMissingTiers says, in one line, which assembly tiers this run cannot
// test and why (the test script prints it), so that a machine without
// AVX-512 never passes the AVX-512 tests silently.
func TestMissingTiers(t *testing.T) {
	m := missingTiers()
	if len(m) == 0 {
		return
	}
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	var b strings.Builder
	for i, name := range names {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s tier not tested: %s", name, m[name])
	}
	t.Skip(b.String())
}

func TestImpl(t *testing.T) {
	for _, got := range []string{Impl64(), Impl32()} {
		if got != tiers()[0] {
			t.Errorf("Impl = %q, want the fastest tier %q", got, tiers()[0])
		}
	}
}
