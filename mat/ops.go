package mat

import (
	"fmt"

	"github.com/hebbrnn/hebbrnn/kernel"
)

func checkLen(op, name string, got, want int) {
	if got != want {
		panic(fmt.Sprintf("mat: %s: %s has %d elements, want %d", op, name, got, want))
	}
}

// Dot returns Σ x[i]·y[i].
func Dot[T Float](x, y []T) T {
	checkLen("Dot", "y", len(y), len(x))
	if is64[T]() {
		return T(kernel.Dot64(f64(x), f64(y)))
	}
	return T(kernel.Dot32(f32(x), f32(y)))
}

// Axpy computes y += alpha·x.
func Axpy[T Float](alpha T, x, y []T) {
	checkLen("Axpy", "y", len(y), len(x))
	if is64[T]() {
		kernel.Axpy64(float64(alpha), f64(x), f64(y))
	} else {
		kernel.Axpy32(float32(alpha), f32(x), f32(y))
	}
}

// Scal computes x *= alpha.
func Scal[T Float](alpha T, x []T) {
	if is64[T]() {
		kernel.Scal64(float64(alpha), f64(x))
	} else {
		kernel.Scal32(float32(alpha), f32(x))
	}
}

// Tanh computes dst[i] = tanh(x[i]); dst may be x.
func Tanh[T Float](dst, x []T) {
	checkLen("Tanh", "dst", len(dst), len(x))
	if is64[T]() {
		kernel.Tanh64(f64(dst), f64(x))
	} else {
		kernel.Tanh32(f32(dst), f32(x))
	}
}

// Leak computes x[i] += k·(e[i] - x[i]), the leaky integration of one time
// step, with the same bits on every machine (see kernel.Leak64).
func Leak[T Float](k T, e, x []T) {
	checkLen("Leak", "e", len(e), len(x))
	if is64[T]() {
		kernel.Leak64(float64(k), f64(e), f64(x))
	} else {
		kernel.Leak32(float32(k), f32(e), f32(x))
	}
}

// Cube computes dst[i] = x[i]³; dst may be x.
func Cube[T Float](dst, x []T) {
	checkLen("Cube", "dst", len(dst), len(x))
	if is64[T]() {
		kernel.Cube64(f64(dst), f64(x))
	} else {
		kernel.Cube32(f32(dst), f32(x))
	}
}

// CubeDiff computes dst[i] = (x[i] - y[i])³; dst may be x or y.
func CubeDiff[T Float](dst, x, y []T) {
	checkLen("CubeDiff", "dst", len(dst), len(x))
	checkLen("CubeDiff", "y", len(y), len(x))
	if is64[T]() {
		kernel.CubeDiff64(f64(dst), f64(x), f64(y))
	} else {
		kernel.CubeDiff32(f32(dst), f32(x), f32(y))
	}
}

// MulVec computes y = alpha·m·x + beta·y (y is not read when beta is 0).
func (m *Dense[T]) MulVec(y []T, alpha T, x []T, beta T) {
	checkLen("MulVec", "x", len(x), m.Cols)
	checkLen("MulVec", "y", len(y), m.Rows)
	if m.Rows == 0 {
		return
	}
	if is64[T]() {
		kernel.Gemv64(m.Rows, m.Cols, float64(alpha), f64(m.Data), m.Stride, f64(x), float64(beta), f64(y))
	} else {
		kernel.Gemv32(m.Rows, m.Cols, float32(alpha), f32(m.Data), m.Stride, f32(x), float32(beta), f32(y))
	}
}

// MulVecs multiplies m by several vectors at once, reading m once per group:
// row c of y becomes m·(row c of x). x is k×Cols and y is k×Rows.
func (m *Dense[T]) MulVecs(y, x *Dense[T]) {
	if x.Cols != m.Cols || y.Cols != m.Rows || x.Rows != y.Rows {
		panic(fmt.Sprintf("mat: MulVecs: %d×%d matrix times %d vectors of %d into %d vectors of %d",
			m.Rows, m.Cols, x.Rows, x.Cols, y.Rows, y.Cols))
	}
	if m.Rows == 0 || x.Rows == 0 {
		return
	}
	if is64[T]() {
		kernel.GemvMulti64(m.Rows, m.Cols, x.Rows, f64(m.Data), m.Stride, f64(x.Data), x.Stride, f64(y.Data), y.Stride)
	} else {
		kernel.GemvMulti32(m.Rows, m.Cols, x.Rows, f32(m.Data), m.Stride, f32(x.Data), x.Stride, f32(y.Data), y.Stride)
	}
}

// AddOuter computes m += alpha·x·yᵀ.
func (m *Dense[T]) AddOuter(alpha T, x, y []T) {
	checkLen("AddOuter", "x", len(x), m.Rows)
	checkLen("AddOuter", "y", len(y), m.Cols)
	if m.Rows == 0 || m.Cols == 0 {
		return
	}
	if is64[T]() {
		kernel.Ger64(m.Rows, m.Cols, float64(alpha), f64(x), f64(y), f64(m.Data), m.Stride)
	} else {
		kernel.Ger32(m.Rows, m.Cols, float32(alpha), f32(x), f32(y), f32(m.Data), m.Stride)
	}
}

// AddCubeOuter computes m[i][j] += (x[i]·y[j])³, one time step of the
// eligibility trace.
func (m *Dense[T]) AddCubeOuter(x, y []T) {
	checkLen("AddCubeOuter", "x", len(x), m.Rows)
	checkLen("AddCubeOuter", "y", len(y), m.Cols)
	if m.Rows == 0 || m.Cols == 0 {
		return
	}
	if is64[T]() {
		kernel.CubeGer64(m.Rows, m.Cols, f64(x), f64(y), f64(m.Data), m.Stride)
	} else {
		kernel.CubeGer32(m.Rows, m.Cols, f32(x), f32(y), f32(m.Data), m.Stride)
	}
}

// AddMulTN computes m += alpha·aᵀ·b, with a k×Rows and b k×Cols.
func (m *Dense[T]) AddMulTN(alpha T, a, b *Dense[T]) {
	if a.Rows != b.Rows || a.Cols != m.Rows || b.Cols != m.Cols {
		panic(fmt.Sprintf("mat: AddMulTN: (%d×%d)ᵀ·(%d×%d) does not fit %d×%d", a.Rows, a.Cols, b.Rows, b.Cols, m.Rows, m.Cols))
	}
	if m.Rows == 0 || m.Cols == 0 || a.Rows == 0 {
		return
	}
	if is64[T]() {
		kernel.GemmTN64(m.Rows, m.Cols, a.Rows, float64(alpha), f64(a.Data), a.Stride, f64(b.Data), b.Stride, f64(m.Data), m.Stride)
	} else {
		kernel.GemmTN32(m.Rows, m.Cols, a.Rows, float32(alpha), f32(a.Data), a.Stride, f32(b.Data), b.Stride, f32(m.Data), m.Stride)
	}
}

// MaskedUpdate adds clamp(alpha·e, ±limit) to every non-zero element of m
// (zero elements stay zero; NaN increments count as 0). It returns how many
// increments were clipped and the sum of |increment|.
func (m *Dense[T]) MaskedUpdate(alpha, limit T, e *Dense[T]) (clipped int, sumAbs float64) {
	m.sameShape("MaskedUpdate", e)
	if m.Rows == 0 || m.Cols == 0 {
		return 0, 0
	}
	if is64[T]() {
		return kernel.MaskedUpdate64(m.Rows, m.Cols, float64(alpha), float64(limit), f64(e.Data), e.Stride, f64(m.Data), m.Stride)
	}
	return kernel.MaskedUpdate32(m.Rows, m.Cols, float32(alpha), float32(limit), f32(e.Data), e.Stride, f32(m.Data), m.Stride)
}

// MulVecRows is MulVec restricted to rows lo..hi-1 of m: it computes
// y[i] = alpha·(m·x)[i] + beta·y[i] for lo ≤ i < hi and leaves the other
// elements of y alone. Parallel callers use it on disjoint row ranges.
func (m *Dense[T]) MulVecRows(lo, hi int, y []T, alpha T, x []T, beta T) {
	checkLen("MulVecRows", "x", len(x), m.Cols)
	checkLen("MulVecRows", "y", len(y), m.Rows)
	if lo < 0 || hi > m.Rows || lo > hi {
		panic(fmt.Sprintf("mat: MulVecRows: rows %d..%d outside %d×%d", lo, hi, m.Rows, m.Cols))
	}
	if lo == hi {
		return
	}
	a := m.Data[lo*m.Stride:]
	if is64[T]() {
		kernel.Gemv64(hi-lo, m.Cols, float64(alpha), f64(a), m.Stride, f64(x), float64(beta), f64(y[lo:hi]))
	} else {
		kernel.Gemv32(hi-lo, m.Cols, float32(alpha), f32(a), m.Stride, f32(x), float32(beta), f32(y[lo:hi]))
	}
}
