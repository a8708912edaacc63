//go:build !purego

package kernel

import "unsafe"

// Blocking of the AVX-512 GemmTN. The micro-kernels hold an 8-row tile of
// C in 24 ZMM accumulators (8 rows × 3 vectors: 24 float64 or 48 float32
// columns) and mask the edge tiles themselves, so the driver (gemmDrive)
// needs no scratch tile.
//
// B is used in slivers of 3 vectors per step of k, packed as on the AVX2
// path, but without a packing pass: the tile in the first row of C reads
// its sliver of B in place and stores it packed (gemmKernelPack*), and the
// tiles below it read the packed copy. The 8 values of Aᵀ of a step are 8
// consecutive elements of a row of A, which the micro-kernel reads in
// place; only a last sliver of fewer than 8 rows is packed, padded with
// zeros. With separate packing passes, as on the AVX2 path, packing took
// about 15% of a 200×200×1000 float64 product (A and B, 1.6 MB each, do
// not fit in L2 together, and the copies waited on L3); without them the
// product is about 10% faster. The first row of tiles of a block of k
// still waits on L3 for B; to hide most of that, the tiles of the block
// before prefetch the rows of B of the next block into L2 as they go
// (gemmPrefetch; 2-4% faster).
const (
	gemmMR512   = 8
	gemmNR64512 = 24
	gemmNR32512 = 48
	gemmKC64512 = 256
	gemmNC64512 = 264 // a multiple of gemmNR64512
	gemmKC32512 = 256
	gemmNC32512 = 288 // a multiple of gemmNR32512
	gemmMC512   = 256 // a multiple of gemmMR512
)

var (
	gemmTiles64AVX512 = gemmTiles{gemmMR512, gemmNR64512, gemmKC64512, gemmNC64512, gemmMC512, true}
	gemmTiles32AVX512 = gemmTiles{gemmMR512, gemmNR32512, gemmKC32512, gemmNC32512, gemmMC512, true}
)

// gemmBuf64AVX512 and gemmBuf32AVX512 are the packing buffers of the
// AVX-512 path, reused through free lists.
type gemmBuf64AVX512 struct {
	b [gemmKC64512 * gemmNC64512]float64
	a [gemmKC64512 * gemmMR512]float64 // a last partial sliver of Aᵀ
}

type gemmBuf32AVX512 struct {
	b [gemmKC32512 * gemmNC32512]float32
	a [gemmKC32512 * gemmMR512]float32
}

var (
	gemmPool64AVX512 freeList[gemmBuf64AVX512]
	gemmPool32AVX512 freeList[gemmBuf32AVX512]
)

// gemmKernel64AVX512 adds alpha·Σ_p ap[p*lda+r]·bp[p*24+q] to c[r*ldc+q]
// for r < rows, q < cols, p < k (k ≥ 1, 1 ≤ rows ≤ 8, 1 ≤ cols ≤ 24),
// from a packed sliver bp of B (packPanelAVX512) and 8 values of Aᵀ per
// step: a full sliver in place in A (lda its stride) or a packed one
// (lda = 8). It reads all 8 values of a step, and no element of C outside
// the rows×cols tile. Every four steps it prefetches into L2 the cache line
// at pf and advances pf by pfs bytes (gemmPrefetch).
//
//go:noescape
func gemmKernel64AVX512(k int, ap *float64, lda int, bp *float64, c *float64, ldc int, alpha float64, rows, cols int, pf *float64, pfs int)

// gemmKernel32AVX512 is gemmKernel64AVX512 in float32 with up to 48
// columns (bp[p*48+q]).
//
//go:noescape
func gemmKernel32AVX512(k int, ap *float32, lda int, bp *float32, c *float32, ldc int, alpha float32, rows, cols int, pf *float32, pfs int)

// gemmKernelPack64AVX512 is gemmKernel64AVX512 reading B in place
// (b[p*ldb+q], q < cols, under masks) and storing the vectors of B it
// reads into the packed sliver bp, so that the first tile of a column
// sliver packs it for the tiles below (it writes as many vectors of a
// step of bp as it reads, those past cols zero).
//
//go:noescape
func gemmKernelPack64AVX512(k int, ap *float64, lda int, b *float64, ldb int, bp *float64, c *float64, ldc int, alpha float64, rows, cols int)

// gemmKernelPack32AVX512 is gemmKernelPack64AVX512 in float32.
//
//go:noescape
func gemmKernelPack32AVX512(k int, ap *float32, lda int, b *float32, ldb int, bp *float32, c *float32, ldc int, alpha float32, rows, cols int)

// gemmPackAVX512 copies the n bytes at src (n > 0) in groups of width
// bytes (at most 64) to dst, dst+step, dst+2·step, ..., padding the last
// group with zeros to width bytes; it reads nothing past the n bytes.
//
//go:noescape
func gemmPackAVX512(dst, src unsafe.Pointer, n, step, width int)

// packPanelAVX512 packs the last, partial sliver of Aᵀ: it copies the
// kc×w block src[p*ld+j] (p < kc, j < w ≤ nr ≤ 8) to dst[p*nr+j] and pads
// each row with zeros to nr values.
func packPanelAVX512[T float](dst, src []T, ld, kc, w, nr int) {
	size := int(unsafe.Sizeof(T(0)))
	_ = dst[kc*nr-1]
	for p := 0; p < kc; p++ {
		row := src[p*ld : p*ld+w]
		gemmPackAVX512(unsafe.Pointer(&dst[p*nr]), unsafe.Pointer(&row[0]), w*size, nr*size, nr*size)
	}
}

// gemmKernelAVX512 calls the AVX-512 micro-kernel of T's precision (the
// test on T's size is a constant in each instantiation): with b != nil
// the packing one, which reads B at b (stride ldb) and packs it into bp.
func gemmKernelAVX512[T float](k int, ap *T, lda int, b *T, ldb int, bp *T, c *T, ldc int, alpha T, rows, cols int, pf *T, pfs int) {
	p := func(x *T) *float64 { return (*float64)(unsafe.Pointer(x)) }
	q := func(x *T) *float32 { return (*float32)(unsafe.Pointer(x)) }
	switch {
	case unsafe.Sizeof(alpha) == 8 && b != nil:
		gemmKernelPack64AVX512(k, p(ap), lda, p(b), ldb, p(bp), p(c), ldc, float64(alpha), rows, cols)
	case unsafe.Sizeof(alpha) == 8:
		gemmKernel64AVX512(k, p(ap), lda, p(bp), p(c), ldc, float64(alpha), rows, cols, p(pf), pfs)
	case b != nil:
		gemmKernelPack32AVX512(k, q(ap), lda, q(b), ldb, q(bp), q(c), ldc, float32(alpha), rows, cols)
	default:
		gemmKernel32AVX512(k, q(ap), lda, q(bp), q(c), ldc, float32(alpha), rows, cols, q(pf), pfs)
	}
}

// Ger and CubeGer (blas_ger_avx512_amd64.s): the AVX2 scheme on ZMM
// vectors, four rows of A per pass over y, column tails under an opmask.

// ger64AVX512 adds alpha·x[i]·y[j] to a[i*lda+j] for i < m, j < n.
//
//go:noescape
func ger64AVX512(m, n int, alpha float64, x, y, a *float64, lda int)

// ger32AVX512 is ger64AVX512 in float32.
//
//go:noescape
func ger32AVX512(m, n int, alpha float32, x, y, a *float32, lda int)

// cubeGer64AVX512 adds x[i]³·y[j]³ to a[i*lda+j] for i < m, j < n.
//
//go:noescape
func cubeGer64AVX512(m, n int, x, y, a *float64, lda int)

// cubeGer32AVX512 is cubeGer64AVX512 in float32.
//
//go:noescape
func cubeGer32AVX512(m, n int, x, y, a *float32, lda int)

// gemmPrefetch hands out, tile by tile, the cache lines of the rows of B
// that the next block of k will read, so that the micro-kernels of this
// block prefetch them into L2 (one line every four steps of k) while they
// compute: the first row of tiles of the next block reads B in place and
// would otherwise wait for it on L3. (Prefetching the next rows of A as
// well measured no faster.)
type gemmPrefetch[T float] struct {
	r   []T // the range still to prefetch
	per int // elements per tile: one cache line per step of k
}

// next sets the range to rows p1..p1+kn-1 of B (nothing when kn ≤ 0), for
// tiles of kc steps, which prefetch kc/4 lines each.
func (q *gemmPrefetch[T]) next(b []T, ldb, p1, kn, kc int) {
	if kn <= 0 {
		return
	}
	q.r = b[p1*ldb : min((p1+kn)*ldb, len(b))]
	q.per = kc / 4 * 64 / int(unsafe.Sizeof(T(0)))
}

// take returns the start of the next part and the stride 64 bytes or, when
// all is handed out, idle (a line in cache) and the stride 0.
func (q *gemmPrefetch[T]) take(idle *T) (*T, int) {
	if len(q.r) == 0 {
		return idle, 0
	}
	p := &q.r[0]
	q.r = q.r[min(q.per, len(q.r)):]
	return p, 64
}
