//go:build !purego

package kernel

import "unsafe"

// GemmTN drivers for arm64. The assembly micro-kernel (gemmTN64NEON/32)
// works on whole 4×8 (float64) or 4×16 (float32) tiles of C and reads A and
// B through their strides. The driver runs it over the interior of C in
// blocks of k, and finishes the edges with the same kernel on zero-padded
// copies: the edge rows of Aᵀ and edge columns of B are packed into small
// stack buffers, the tile goes to a zeroed scratch tile, and only its valid
// part is added to C. Nothing outside the elements of A, B and C is read or
// written.

// neonKC is the depth of a k block: one block of B's edge columns fits a
// stack buffer, and the interior tiles reuse A and B from cache.
const neonKC = 256

//go:noescape
func gemmTN64NEON(mt, nt, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int)

//go:noescape
func gemmTN32NEON(mt, nt, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int)

// neonPack copies the kc×w block src[p*ld+q] (p < kc, q < w) to
// dst[p*width+q] and sets the columns w ≤ q < width to zero.
func neonPack[T float](dst, src []T, ld, kc, w, width int) {
	for p := 0; p < kc; p++ {
		d := dst[p*width : p*width+width]
		copy(d, src[p*ld:p*ld+w])
		clear(d[w:])
	}
}

// neonAddTile adds the rows×cols corner of the scratch tile t (stride
// width) to c.
func neonAddTile[T float](c []T, ldc int, t []T, width, rows, cols int) {
	for r := 0; r < rows; r++ {
		row := c[r*ldc : r*ldc+cols]
		for q := range row {
			row[q] += t[r*width+q]
		}
	}
}

func gemmTN64(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	neonGemmTN(m, n, k, alpha, a, lda, b, ldb, c, ldc)
}

func gemmTN32(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	neonGemmTN(m, n, k, alpha, a, lda, b, ldb, c, ldc)
}

// neonTile returns the tile of T's micro-kernel: 4×8 in float64, 4×16 in
// float32 (constants in each instantiation).
func neonTile[T float]() (mr, nr int) {
	var z T
	if unsafe.Sizeof(z) == 8 {
		return 4, 8
	}
	return 4, 16
}

// neonGemmTN runs the micro-kernel over the interior of C (whole tiles) in
// blocks of k, then the edges.
func neonGemmTN[T float](m, n, k int, alpha T, a []T, lda int, b []T, ldb int, c []T, ldc int) {
	if !useNEON {
		gemmTNGeneric(m, n, k, alpha, a, lda, b, ldb, c, ldc)
		return
	}
	mr, nr := neonTile[T]()
	mi, ni := m&^(mr-1), n&^(nr-1) // the interior: whole tiles
	for p0 := 0; p0 < k; p0 += neonKC {
		kc := min(neonKC, k-p0)
		ak, bk := a[p0*lda:], b[p0*ldb:]
		if mi > 0 && ni > 0 {
			neonKernel(mi, ni, kc, alpha, ak, lda, bk, ldb, c, ldc)
		}
		if mi < m || ni < n {
			neonEdges(m, n, kc, alpha, ak, lda, bk, ldb, c, ldc)
		}
	}
}

// neonEdges adds the k block's product to the right edge (columns ni..n
// of the interior rows), the bottom edge (rows mi..m) and the corner of C,
// with the micro-kernel on zero-padded copies of the edge parts of A and B.
func neonEdges[T float](m, n, kc int, alpha T, ak []T, lda int, bk []T, ldb int, c []T, ldc int) {
	mr, nr := neonTile[T]()
	var (
		ap [neonKC * 4]T  // edge rows of Aᵀ, zero-padded to mr
		bp [neonKC * 16]T // edge columns of B, zero-padded to nr
		ct [4 * 16]T      // scratch tile
	)
	tile := ct[:mr*nr]
	mi, ni := m&^(mr-1), n&^(nr-1)
	em, en := m-mi, n-ni
	if en > 0 {
		neonPack(bp[:], bk[ni:], ldb, kc, en, nr)
		for i := 0; i < mi; i += mr {
			clear(tile)
			neonKernel(mr, nr, kc, alpha, ak[i:], lda, bp[:], nr, tile, nr)
			neonAddTile(c[i*ldc+ni:], ldc, tile, nr, mr, en)
		}
	}
	if em > 0 {
		neonPack(ap[:], ak[mi:], lda, kc, em, mr)
		for j := 0; j < ni; j += nr {
			clear(tile)
			neonKernel(mr, nr, kc, alpha, ap[:], mr, bk[j:], ldb, tile, nr)
			neonAddTile(c[mi*ldc+j:], ldc, tile, nr, em, nr)
		}
		if en > 0 {
			clear(tile)
			neonKernel(mr, nr, kc, alpha, ap[:], mr, bp[:], nr, tile, nr)
			neonAddTile(c[mi*ldc+ni:], ldc, tile, nr, em, en)
		}
	}
}

// neonKernel calls the micro-kernel of T's precision; the test on T's size
// is a constant in each instantiation.
func neonKernel[T float](mt, nt, k int, alpha T, a []T, lda int, b []T, ldb int, c []T, ldc int) {
	if unsafe.Sizeof(alpha) == 8 {
		gemmTN64NEON(mt, nt, k, float64(alpha), asF64(a), lda, asF64(b), ldb, asF64(c), ldc)
		return
	}
	gemmTN32NEON(mt, nt, k, float32(alpha), asF32(a), lda, asF32(b), ldb, asF32(c), ldc)
}

// asF64 and asF32 reinterpret a []T whose T is known to be float64 or
// float32.
func asF64[T float](s []T) []float64 {
	return unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(s))), len(s))
}

func asF32[T float](s []T) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(s))), len(s))
}
