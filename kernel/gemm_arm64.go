//go:build !purego

package kernel

// GemmTN drivers for arm64. The assembly micro-kernel (gemmTNNEON64/32)
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
func gemmTNNEON64(mt, nt, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int)

//go:noescape
func gemmTNNEON32(mt, nt, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int)

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
	if !useNEON {
		gemmTNGeneric(m, n, k, alpha, a, lda, b, ldb, c, ldc)
		return
	}
	const mr, nr = 4, 8
	mi, ni := m&^(mr-1), n&^(nr-1) // the interior: whole tiles
	for p0 := 0; p0 < k; p0 += neonKC {
		kc := min(neonKC, k-p0)
		ak, bk := a[p0*lda:], b[p0*ldb:]
		if mi > 0 && ni > 0 {
			gemmTNNEON64(mi, ni, kc, alpha, ak, lda, bk, ldb, c, ldc)
		}
		if mi < m || ni < n {
			gemmTNEdges64(m, n, kc, alpha, ak, lda, bk, ldb, c, ldc)
		}
	}
}

// gemmTNEdges64 adds the k block's product to the right edge (columns
// ni..n of the interior rows), the bottom edge (rows mi..m) and the corner
// of C, with the micro-kernel on zero-padded copies of the edge parts of A
// and B.
func gemmTNEdges64(m, n, kc int, alpha float64, ak []float64, lda int, bk []float64, ldb int, c []float64, ldc int) {
	const mr, nr = 4, 8
	var (
		ap [neonKC * mr]float64 // edge rows of Aᵀ, zero-padded to mr
		bp [neonKC * nr]float64 // edge columns of B, zero-padded to nr
		ct [mr * nr]float64     // scratch tile
	)
	mi, ni := m&^(mr-1), n&^(nr-1)
	em, en := m-mi, n-ni
	if en > 0 {
		neonPack(bp[:], bk[ni:], ldb, kc, en, nr)
		for i := 0; i < mi; i += mr {
			clear(ct[:])
			gemmTNNEON64(mr, nr, kc, alpha, ak[i:], lda, bp[:], nr, ct[:], nr)
			neonAddTile(c[i*ldc+ni:], ldc, ct[:], nr, mr, en)
		}
	}
	if em > 0 {
		neonPack(ap[:], ak[mi:], lda, kc, em, mr)
		for j := 0; j < ni; j += nr {
			clear(ct[:])
			gemmTNNEON64(mr, nr, kc, alpha, ap[:], mr, bk[j:], ldb, ct[:], nr)
			neonAddTile(c[mi*ldc+j:], ldc, ct[:], nr, em, nr)
		}
		if en > 0 {
			clear(ct[:])
			gemmTNNEON64(mr, nr, kc, alpha, ap[:], mr, bp[:], nr, ct[:], nr)
			neonAddTile(c[mi*ldc+ni:], ldc, ct[:], nr, em, en)
		}
	}
}

func gemmTN32(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	if !useNEON {
		gemmTNGeneric(m, n, k, alpha, a, lda, b, ldb, c, ldc)
		return
	}
	const mr, nr = 4, 16
	mi, ni := m&^(mr-1), n&^(nr-1) // the interior: whole tiles
	for p0 := 0; p0 < k; p0 += neonKC {
		kc := min(neonKC, k-p0)
		ak, bk := a[p0*lda:], b[p0*ldb:]
		if mi > 0 && ni > 0 {
			gemmTNNEON32(mi, ni, kc, alpha, ak, lda, bk, ldb, c, ldc)
		}
		if mi < m || ni < n {
			gemmTNEdges32(m, n, kc, alpha, ak, lda, bk, ldb, c, ldc)
		}
	}
}

// gemmTNEdges32 adds the k block's product to the right edge (columns
// ni..n of the interior rows), the bottom edge (rows mi..m) and the corner
// of C, with the micro-kernel on zero-padded copies of the edge parts of A
// and B.
func gemmTNEdges32(m, n, kc int, alpha float32, ak []float32, lda int, bk []float32, ldb int, c []float32, ldc int) {
	const mr, nr = 4, 16
	var (
		ap [neonKC * mr]float32 // edge rows of Aᵀ, zero-padded to mr
		bp [neonKC * nr]float32 // edge columns of B, zero-padded to nr
		ct [mr * nr]float32     // scratch tile
	)
	mi, ni := m&^(mr-1), n&^(nr-1)
	em, en := m-mi, n-ni
	if en > 0 {
		neonPack(bp[:], bk[ni:], ldb, kc, en, nr)
		for i := 0; i < mi; i += mr {
			clear(ct[:])
			gemmTNNEON32(mr, nr, kc, alpha, ak[i:], lda, bp[:], nr, ct[:], nr)
			neonAddTile(c[i*ldc+ni:], ldc, ct[:], nr, mr, en)
		}
	}
	if em > 0 {
		neonPack(ap[:], ak[mi:], lda, kc, em, mr)
		for j := 0; j < ni; j += nr {
			clear(ct[:])
			gemmTNNEON32(mr, nr, kc, alpha, ap[:], mr, bk[j:], ldb, ct[:], nr)
			neonAddTile(c[mi*ldc+j:], ldc, ct[:], nr, em, nr)
		}
		if en > 0 {
			clear(ct[:])
			gemmTNNEON32(mr, nr, kc, alpha, ap[:], mr, bp[:], nr, ct[:], nr)
			neonAddTile(c[mi*ldc+ni:], ldc, ct[:], nr, em, en)
		}
	}
}
