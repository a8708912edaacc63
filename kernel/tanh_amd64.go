//go:build !purego

package kernel

// tanhChunk is the number of values the assembly processes per chunk; its
// scratch buffer holds two float64 per value.
const tanhChunk = 32

// tanh64AVX2 sets dst[i] = tanh(x[i]) for i < n; n is a positive multiple
// of 4, dst may be x, and tmp is scratch space for 2·tanhChunk values.
//
//go:noescape
func tanh64AVX2(dst, x *float64, n int, tmp *float64)

// tanh32AVX2 sets dst[i] = tanh(x[i]) for i < n, computed in float64
// with a shorter formula than tanh64AVX2, accurate enough for float32; n
// is a positive multiple of 4 and dst may be x.
//
//go:noescape
func tanh32AVX2(dst, x *float32, n int)

// tanh64AVX512 sets dst[i] = tanh(x[i]) for i < n (n ≥ 0), eight values
// at a time, the last n%8 under an opmask, without a division; dst may be
// x.
//
//go:noescape
func tanh64AVX512(dst, x *float64, n int)

// tanh32AVX512 is tanh64AVX512 in float32 (the same algorithm with
// shorter polynomials), sixteen values at a time, the last n%16 under an
// opmask.
//
//go:noescape
func tanh32AVX512(dst, x *float32, n int)

func tanh64(dst, x []float64) {
	if useAVX512 {
		if len(x) > 0 {
			tanh64AVX512(&dst[:len(x)][0], &x[0], len(x))
		}
		return
	}
	if !useAVX2 {
		tanh64Generic(dst, x)
		return
	}
	dst = dst[:len(x)]
	var tmp [2 * tanhChunk]float64
	n := len(x) &^ 3
	if n > 0 {
		tanh64AVX2(&dst[0], &x[0], n, &tmp[0])
	}
	if n < len(x) {
		// The last 1..3 values go through a zero-padded copy, so that the
		// assembly never touches memory past the slices.
		var t [4]float64
		copy(t[:], x[n:])
		tanh64AVX2(&t[0], &t[0], 4, &tmp[0])
		copy(dst[n:], t[:])
	}
}

func tanh32(dst, x []float32) {
	if useAVX512 {
		if len(x) > 0 {
			tanh32AVX512(&dst[:len(x)][0], &x[0], len(x))
		}
		return
	}
	if !useAVX2 {
		tanh32Generic(dst, x)
		return
	}
	dst = dst[:len(x)]
	n := len(x) &^ 3
	if n > 0 {
		tanh32AVX2(&dst[0], &x[0], n)
	}
	if n < len(x) {
		var t [4]float32
		copy(t[:], x[n:])
		tanh32AVX2(&t[0], &t[0], 4)
		copy(dst[n:], t[:])
	}
}
