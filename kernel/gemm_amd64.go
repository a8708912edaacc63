//go:build !purego

package kernel

import (
	"unsafe"
)

// Blocking of the AVX2 GemmTN. The micro-kernels hold a gemmMR×gemmNR64 (gemmNR32 in float32) tile
// of C in twelve YMM accumulators (6 rows × 2 vectors). For each block of
// kc steps of k, nc columns of B and mc rows of C, both blocks are packed
// into slivers (packPanelAVX2); then each 6-row sliver of Aᵀ (kc×6 values,
// which stay in L1) is swept across the slivers of the B block (kc×nc
// values, which stay in L2).
const (
	gemmMR   = 6
	gemmNR64 = 8
	gemmNR32 = 16
	gemmKC64 = 256
	gemmNC64 = 256
	gemmKC32 = 256
	gemmNC32 = 256
	gemmMC   = 258 // a multiple of gemmMR
)

// gemmBuf64 and gemmBuf32 are the packing buffers, reused through a free
// list so that GemmTN does not allocate in steady state.
type gemmBuf64 struct {
	b [gemmKC64 * gemmNC64]float64
	a [gemmKC64 * gemmMC]float64
	t [gemmMR * gemmNR64]float64
}

type gemmBuf32 struct {
	b [gemmKC32 * gemmNC32]float32
	a [gemmKC32 * gemmMC]float32
	t [gemmMR * gemmNR32]float32
}

var (
	gemmPool64 freeList[gemmBuf64]
	gemmPool32 freeList[gemmBuf32]
)

// gemmKernel64AVX2 adds alpha·Σ_p ap[p*6+r]·bp[p*ldb+q] to c[r*ldc+q] for
// r < 6, q < 8, p < k (k ≥ 1). ap is a packed sliver of Aᵀ and bp one of B
// (packPanelAVX2), with ldb = 8. (Reading B in place, with its own stride, was
// measured and was no faster than packing it.)
//
//go:noescape
func gemmKernel64AVX2(k int, ap, bp *float64, ldb int, c *float64, ldc int, alpha float64)

// gemmKernel32AVX2 is gemmKernel64AVX2 in float32 with 16 columns.
//
//go:noescape
func gemmKernel32AVX2(k int, ap, bp *float32, ldb int, c *float32, ldc int, alpha float32)

// gemmPackRowAVX2 copies n groups of width bytes (24, 32, 48 or 64), which
// lie back to back at src, to dst, dst+step, dst+2·step, ...
//
//go:noescape
func gemmPackRowAVX2(dst, src unsafe.Pointer, n, step, width int)

// packPanelAVX2 copies the kc×w block src[p*ld+j] (p < kc, j < w) into
// slivers of nr columns: column j of row p goes to
// dst[(j/nr)*kc*nr + p*nr + j%nr], and the last sliver is padded with
// zeros. It reads src row by row (sequential reads when the rows are long)
// and copies the full groups of each row with gemmPackRowAVX2: packing with
// Go's copy of 6 or 8 values at a time took about 20% of the time of a
// 200×200×1000 product, the assembly about 8%.
func packPanelAVX2[T float](dst, src []T, ld, kc, w, nr int) {
	size := int(unsafe.Sizeof(T(0)))
	ns := (w + nr - 1) / nr
	dst = dst[:ns*kc*nr]
	nf := w / nr // full slivers
	for p := 0; p < kc; p++ {
		row := src[p*ld : p*ld+w]
		if nf > 0 {
			_ = dst[(nf-1)*kc*nr+p*nr+nr-1] // the last group written
			gemmPackRowAVX2(unsafe.Pointer(&dst[p*nr]), unsafe.Pointer(&row[0]), nf, kc*nr*size, nr*size)
		}
		if nf*nr < w {
			o := nf*kc*nr + p*nr
			packTail(dst[o:o+nr], row[nf*nr:])
		}
	}
}

// gemmTiles is the blocking of one tier and precision: mr×nr tiles of C,
// blocks of kc steps of k, nc columns of B and mc rows of C, and the tier
// of the micro-kernels (see gemmDrive).
type gemmTiles struct {
	mr, nr, kc, nc, mc int
	avx512             bool
}

var (
	gemmTiles64AVX2 = gemmTiles{gemmMR, gemmNR64, gemmKC64, gemmNC64, gemmMC, false}
	gemmTiles32AVX2 = gemmTiles{gemmMR, gemmNR32, gemmKC32, gemmNC32, gemmMC, false}
)

func gemmTN64(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	if useAVX512 {
		buf := gemmPool64AVX512.get()
		gemmDrive(&gemmTiles64AVX512, m, n, k, alpha, a, lda, b, ldb, c, ldc, buf.b[:], buf.a[:], nil)
		gemmPool64AVX512.put(buf)
		return
	}
	if !useAVX2 {
		gemmTNGeneric(m, n, k, alpha, a, lda, b, ldb, c, ldc)
		return
	}
	buf := gemmPool64.get()
	gemmDrive(&gemmTiles64AVX2, m, n, k, alpha, a, lda, b, ldb, c, ldc, buf.b[:], buf.a[:], buf.t[:])
	gemmPool64.put(buf)
}

func gemmTN32(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	if useAVX512 {
		buf := gemmPool32AVX512.get()
		gemmDrive(&gemmTiles32AVX512, m, n, k, alpha, a, lda, b, ldb, c, ldc, buf.b[:], buf.a[:], nil)
		gemmPool32AVX512.put(buf)
		return
	}
	if !useAVX2 {
		gemmTNGeneric(m, n, k, alpha, a, lda, b, ldb, c, ldc)
		return
	}
	buf := gemmPool32.get()
	gemmDrive(&gemmTiles32AVX2, m, n, k, alpha, a, lda, b, ldb, c, ldc, buf.b[:], buf.a[:], buf.t[:])
	gemmPool32.put(buf)
}

// gemmDrive is the blocked driver of both precisions and both tiers: it
// packs blocks of B into bufB and runs the micro-kernel on every mr×nr
// tile. The AVX2 tier packs blocks of Aᵀ into bufA as well, and computes
// edge tiles into bufT and adds only their valid part to C. The AVX-512
// tier reads the full mr-row slivers of Aᵀ in place (mr consecutive
// elements of each row of A, lda apart), packs only a last partial sliver
// into bufA, and its micro-kernel masks edge tiles itself.
func gemmDrive[T float](t *gemmTiles, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, c []T, ldc int, bufB, bufA, bufT []T) {
	mrF, nrF := t.mr, t.nr
	kcb := gemmBlock(k, t.kc, 1)
	ncb := gemmBlock(n, t.nc, nrF)
	mcb := gemmBlock(m, t.mc, mrF)
	for p0 := 0; p0 < k; p0 += kcb {
		kc := min(kcb, k-p0)
		var pq gemmPrefetch[T]
		if t.avx512 {
			pq.next(b, ldb, p0+kc, min(kcb, k-p0-kc), kc)
		}
		for j0 := 0; j0 < n; j0 += ncb {
			nc := min(ncb, n-j0)
			if !t.avx512 {
				packPanelAVX2(bufB, b[p0*ldb+j0:], ldb, kc, nc, nrF)
			}
			for i1 := 0; i1 < m; i1 += mcb {
				mc := min(mcb, m-i1)
				full := mc / mrF * mrF // rows of the full slivers
				switch {
				case !t.avx512:
					packPanelAVX2(bufA, a[p0*lda+i1:], lda, kc, mc, mrF)
				case full < mc:
					packPanelAVX512(bufA, a[p0*lda+i1+full:], lda, kc, mc-full, mrF)
				}
				for ii := 0; ii < mc; ii += mrF {
					mr, i0 := min(mrF, mc-ii), i1+ii
					for jj := 0; jj < nc; jj += nrF {
						nr := min(nrF, nc-jj)
						bp := &bufB[jj*kc]
						o := i0*ldc + j0 + jj
						if t.avx512 {
							_ = c[o+(mr-1)*ldc+nr-1] // the valid part of the tile is inside c
							ap, ldap := &bufA[0], mrF
							if mr == mrF {
								_ = a[(p0+kc-1)*lda+i0+mrF-1] // the sliver is inside a
								ap, ldap = &a[p0*lda+i0], lda
							}
							var bq *T // B in place, for the first tile of a column sliver
							if i0 == 0 {
								_ = b[(p0+kc-1)*ldb+j0+jj+nr-1]
								bq = &b[p0*ldb+j0+jj]
							}
							pf, pfs := pq.take(&c[o])
							gemmKernelAVX512(kc, ap, ldap, bq, ldb, bp, &c[o], ldc, alpha, mr, nr, pf, pfs)
							continue
						}
						ap := &bufA[ii*kc]
						if mr == mrF && nr == nrF {
							_ = c[o+(mrF-1)*ldc+nrF-1] // the whole tile is inside c
							gemmKernel(kc, ap, bp, nrF, &c[o], ldc, alpha)
							continue
						}
						// Edge tile: compute it into bufT, add its valid part.
						clear(bufT)
						gemmKernel(kc, ap, bp, nrF, &bufT[0], nrF, alpha)
						for r := 0; r < mr; r++ {
							row := c[o+r*ldc : o+r*ldc+nr]
							for q := range row {
								row[q] += bufT[r*nrF+q]
							}
						}
					}
				}
			}
		}
	}
}

// gemmKernel calls the micro-kernel of T's precision. The test on T's size
// is a constant in each instantiation: no indirect call, nothing escapes.
func gemmKernel[T float](k int, ap, bp *T, ldb int, c *T, ldc int, alpha T) {
	if unsafe.Sizeof(alpha) == 8 {
		gemmKernel64AVX2(k, (*float64)(unsafe.Pointer(ap)), (*float64)(unsafe.Pointer(bp)), ldb,
			(*float64)(unsafe.Pointer(c)), ldc, float64(alpha))
		return
	}
	gemmKernel32AVX2(k, (*float32)(unsafe.Pointer(ap)), (*float32)(unsafe.Pointer(bp)), ldb,
		(*float32)(unsafe.Pointer(c)), ldc, float32(alpha))
}
