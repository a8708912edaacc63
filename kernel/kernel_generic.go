package kernel

import "math"

// This file is the pure-Go reference of every kernel. It is always
// compiled: the assembly is tested against it, and it is the implementation
// on CPUs without the needed features and under the purego build tag.

type float interface{ ~float32 | ~float64 }

func dotGeneric[T float](x, y []T) T {
	var s0, s1, s2, s3 T
	n := len(x)
	y = y[:n]
	i := 0
	for ; i+4 <= n; i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < n; i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

func axpyGeneric[T float](alpha T, x, y []T) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += alpha * v
	}
}

func scalGeneric[T float](alpha T, x []T) {
	for i := range x {
		x[i] *= alpha
	}
}

// leakGeneric sets x[i] += k·(e[i] - x[i]). The conversion T(…) rounds
// the product before the sum, which keeps the compiler from fusing them
// into one multiply-add (as it may on arm64, for example): every machine
// and every tier then gives the same bits.
func leakGeneric[T float](k T, e, x []T) {
	e = e[:len(x)]
	for i, v := range e {
		x[i] = x[i] + T(k*(v-x[i]))
	}
}

func cubeGeneric[T float](dst, x []T) {
	dst = dst[:len(x)]
	for i, v := range x {
		dst[i] = v * v * v
	}
}

func cubeDiffGeneric[T float](dst, x, y []T) {
	dst, y = dst[:len(x)], y[:len(x)]
	for i, v := range x {
		d := v - y[i]
		dst[i] = d * d * d
	}
}

func gemvGeneric[T float](m, n int, alpha T, a []T, lda int, x []T, beta T, y []T) {
	if n == 0 { // a and x may be empty whatever lda says
		var s T // the empty sum; alpha·0 is NaN for an infinite alpha
		for i := range y[:m] {
			if beta == 0 {
				y[i] = alpha * s
			} else {
				y[i] = alpha*s + beta*y[i]
			}
		}
		return
	}
	x = x[:n]
	for i := 0; i < m; i++ {
		s := dotGeneric(a[i*lda:i*lda+n], x)
		if beta == 0 {
			y[i] = alpha * s
		} else {
			y[i] = alpha*s + beta*y[i]
		}
	}
}

func gemvMultiGeneric[T float](m, n, k int, a []T, lda int, x []T, ldx int, y []T, ldy int) {
	if n == 0 { // a and x may be empty whatever their strides say
		for c := 0; c < k; c++ {
			clear(y[c*ldy : c*ldy+m])
		}
		return
	}
	for c := 0; c < k; c++ {
		xc := x[c*ldx : c*ldx+n]
		yc := y[c*ldy : c*ldy+m]
		for i := range yc {
			yc[i] = dotGeneric(a[i*lda:i*lda+n], xc)
		}
	}
}

func gerGeneric[T float](m, n int, alpha T, x, y []T, a []T, lda int) {
	y = y[:n]
	for i := 0; i < m; i++ {
		axpyGeneric(alpha*x[i], y, a[i*lda:i*lda+n])
	}
}

func cubeGerGeneric[T float](m, n int, x, y []T, a []T, lda int) {
	y = y[:n]
	for i := 0; i < m; i++ {
		xi := x[i]
		row := a[i*lda : i*lda+n]
		for j, yj := range y {
			v := xi * yj
			row[j] += v * v * v
		}
	}
}

// gemmTNGeneric blocks over k and the columns of C so that a block of B and
// one row of C stay in cache while the rows of Aᵀ stream past.
func gemmTNGeneric[T float](m, n, k int, alpha T, a []T, lda int, b []T, ldb int, c []T, ldc int) {
	const kb, nb = 128, 256
	for p0 := 0; p0 < k; p0 += kb {
		p1 := min(p0+kb, k)
		for j0 := 0; j0 < n; j0 += nb {
			j1 := min(j0+nb, n)
			for i := 0; i < m; i++ {
				row := c[i*ldc+j0 : i*ldc+j1]
				for p := p0; p < p1; p++ {
					axpyGeneric(alpha*a[p*lda+i], b[p*ldb+j0:p*ldb+j1], row)
				}
			}
		}
	}
}

func tanh64Generic(dst, x []float64) {
	dst = dst[:len(x)]
	for i, v := range x {
		dst[i] = math.Tanh(v)
	}
}

func tanh32Generic(dst, x []float32) {
	dst = dst[:len(x)]
	for i, v := range x {
		dst[i] = float32(math.Tanh(float64(v)))
	}
}

func maskedUpdateGeneric[T float](m, n int, alpha, limit T, e []T, lde int, w []T, ldw int) (clipped int, sumAbs float64) {
	for i := 0; i < m; i++ {
		er := e[i*lde : i*lde+n]
		wr := w[i*ldw : i*ldw+n]
		var rowSum T
		for j, wv := range wr {
			if wv == 0 {
				continue
			}
			d := alpha * er[j]
			switch {
			case d != d:
				d = 0
			case d > limit:
				d = limit
				clipped++
			case d < -limit:
				d = -limit
				clipped++
			}
			wr[j] = wv + d
			if d < 0 {
				rowSum -= d
			} else {
				rowSum += d
			}
		}
		sumAbs += float64(rowSum)
	}
	return clipped, sumAbs
}
