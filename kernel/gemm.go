//go:build amd64 && !purego

package kernel

import "sync"

// Helpers of the blocked GemmTN driver of amd64 (gemm_amd64.go; the arm64
// driver in gemm_arm64.go uses none of them). The AVX2 micro-kernel
// computes an mr×nr tile of C = Aᵀ·B from two packed slivers that it reads
// strictly in order:
//
//	ap[p*mr+r] = A[p][i0+r]   (r < mr: an mr-row sliver of Aᵀ)
//	bp[p*nr+q] = B[p][j0+q]   (q < nr: an nr-column sliver of B)
//
// Rows and columns past the edge of the matrix are packed as zeros, so the
// micro-kernel always runs on a full tile; the driver then adds only the
// valid part of an edge tile to C. The AVX-512 micro-kernel
// (gemm_avx512_amd64.go) instead reads Aᵀ in place, packs B as it goes,
// and masks the edge tiles.

// gemmBlock splits n (> 0) into the fewest blocks of at most limit and
// returns the size of a block, rounded up to a multiple of unit (when that
// keeps it ≤ limit), so that the blocks are balanced.
func gemmBlock(n, limit, unit int) int {
	nb := (n + limit - 1) / limit
	s := (n + nb - 1) / nb
	if r := (s + unit - 1) / unit * unit; r <= limit {
		s = r
	}
	return s
}

// packTail copies the last, partial group of a row into a sliver row d
// and pads it with zeros.
func packTail[T float](d, tail []T) {
	n := copy(d, tail)
	clear(d[n:])
}

// freeList keeps scratch buffers for reuse. Unlike a sync.Pool it is not
// emptied by the garbage collector, so a kernel using it allocates only
// when more goroutines call it at once than ever before.
type freeList[B any] struct {
	mu   sync.Mutex
	bufs []*B
}

func (f *freeList[B]) get() *B {
	f.mu.Lock()
	defer f.mu.Unlock()
	if n := len(f.bufs); n > 0 {
		b := f.bufs[n-1]
		f.bufs = f.bufs[:n-1]
		return b
	}
	return new(B)
}

func (f *freeList[B]) put(b *B) {
	f.mu.Lock()
	f.bufs = append(f.bufs, b)
	f.mu.Unlock()
}
