//go:build !purego

#include "textflag.h"
#include "tail_avx2_amd64.h"
#include "l1_amd64.h"

// Level-1 kernels for AVX2+FMA, and the tail-mask table shared by every
// blas_*_amd64.s file. Their main loops are those of l1_amd64.h, shared
// with AVX-512.
//
// Tails: the last n%4 (float64) or n%8 (float32) elements are loaded and
// stored with VMASKMOVPD/VMASKMOVPS, whose masked-off lanes neither read nor
// write memory, so no kernel touches anything outside its slice.

// tailMaskAVX2 is eight all-ones dwords followed by eight zero dwords. The
// 32 bytes at tailMaskAVX2+32-8r are a mask selecting the first r float64
// lanes; at tailMaskAVX2+32-4r, the first r float32 lanes.
DATA ·tailMaskAVX2+0(SB)/8, $0xffffffffffffffff
DATA ·tailMaskAVX2+8(SB)/8, $0xffffffffffffffff
DATA ·tailMaskAVX2+16(SB)/8, $0xffffffffffffffff
DATA ·tailMaskAVX2+24(SB)/8, $0xffffffffffffffff
DATA ·tailMaskAVX2+32(SB)/8, $0
DATA ·tailMaskAVX2+40(SB)/8, $0
DATA ·tailMaskAVX2+48(SB)/8, $0
DATA ·tailMaskAVX2+56(SB)/8, $0
GLOBL ·tailMaskAVX2(SB), RODATA|NOPTR, $64

// ---------------------------------------------------------------------------

#define PX SI
#define PY DI
#define N CX
#define J AX
#define END BX
#define TBL DX
#define ACC0 Y0
#define ACC1 Y1
#define ACC2 Y2
#define ACC3 Y3
#define V0 Y4
#define V1 Y5
#define V2 Y6
#define V3 Y7
#define MASK Y8
#define ALPHA Y9
#define VB 32

// DOT is the body of dot64AVX2 and dot32AVX2 after the TEXT has loaded PX,
// PY and N: four independent accumulators hide the FMA latency, 4·LANES
// elements per iteration (UNROLL), then one vector at a time, then the last
// n%LANES through a mask; REDUCE sums the accumulators and their lanes into
// the low lane of X0, which the TEXT stores as its result (after
// VZEROUPPER, which keeps X0). Labels are local to each TEXT.
#define DOT(MOV, MASKMOV, FMA, XOR, SZ, LANES, UNROLL, REDUCE) \
	DOTLOOP(MOV, FMA, XOR, SZ, UNROLL); \
blocks: \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
one: \
	CMPQ J, END; \
	JGE  tail; \
	MOV  (PX)(J*SZ), V0; \
	FMA  (PY)(J*SZ), V0, ACC0; \
	ADDQ $LANES, J; \
	JMP  one; \
tail: \
	TAILAVX2(N, SZ, LANES, END, TBL, MASK, reduce); \
	MASKMOV (PX)(J*SZ), MASK, V0; \
	MASKMOV (PY)(J*SZ), MASK, V1; \
	FMA     V1, V0, ACC1; \
reduce: \
	REDUCE; \
	VZEROUPPER

// FOLD: nothing to fold, the accumulators are YMM vectors.
#define FOLD(ADD)

// func dot64AVX2(x, y *float64, n int) float64
// Requires: AVX, FMA
TEXT ·dot64AVX2(SB), NOSPLIT, $0-32
	MOVQ x+0(FP), PX
	MOVQ y+8(FP), PY
	MOVQ n+16(FP), N
	DOT(VMOVUPD, VMASKMOVPD, VFMADD231PD, VXORPD, 8, 4, 16, REDUCE64)
	VMOVSD X0, ret+24(FP)
	RET

// func dot32AVX2(x, y *float32, n int) float32
// Requires: AVX, FMA
TEXT ·dot32AVX2(SB), NOSPLIT, $0-28
	MOVQ x+0(FP), PX
	MOVQ y+8(FP), PY
	MOVQ n+16(FP), N
	DOT(VMOVUPS, VMASKMOVPS, VFMADD231PS, VXORPS, 4, 8, 32, REDUCE32)
	VMOVSS X0, ret+24(FP)
	RET

// AXPY (y += alpha·x) and SCAL (x *= alpha) for one precision, given its
// instructions, element size SZ, vector lanes LANES and UNROLL = 4·LANES
// elements per main iteration; alpha is broadcast in ALPHA. Labels are
// local to each TEXT. TAILMASK loads the mask of the last n%LANES
// elements into MASK, or jumps to done when there are none.
#define TAILMASK(SZ, LANES) TAILAVX2(N, SZ, LANES, END, TBL, MASK, done)

// FINISH ends AXPY and SCAL after their main loop: the whole vectors left
// one at a time (ONE, from l1_amd64.h), then the last n%LANES through
// MASK (TAIL). OP is the FMA of AXPY, the MUL of SCAL.
#define FINISH(ONE, TAIL, MOV, MASKMOV, OP, SZ, LANES) \
blocks: \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
one: \
	CMPQ J, END; \
	JGE  tail; \
	ONE(MOV, OP, SZ, V0); \
	ADDQ $LANES, J; \
	JMP  one; \
tail: \
	TAILMASK(SZ, LANES); \
	TAIL(MASKMOV, OP, SZ); \
done: \
	VZEROUPPER

#define AXPYTAIL(MASKMOV, FMA, SZ) \
	MASKMOV (PX)(J*SZ), MASK, V0; \
	MASKMOV (PY)(J*SZ), MASK, V1; \
	FMA     V0, ALPHA, V1; \
	MASKMOV V1, MASK, (PY)(J*SZ)

#define SCALTAIL(MASKMOV, MUL, SZ) \
	MASKMOV (PX)(J*SZ), MASK, V0; \
	MUL     V0, ALPHA, V0; \
	MASKMOV V0, MASK, (PX)(J*SZ)

#define AXPY(MOV, MASKMOV, FMA, SZ, LANES, UNROLL) \
	AXPYLOOP(MOV, FMA, SZ, UNROLL); \
	FINISH(AXPYONE, AXPYTAIL, MOV, MASKMOV, FMA, SZ, LANES)

#define SCAL(MOV, MASKMOV, MUL, SZ, LANES, UNROLL) \
	SCALLOOP(MOV, MUL, SZ, UNROLL); \
	FINISH(SCALONE, SCALTAIL, MOV, MASKMOV, MUL, SZ, LANES)

// func axpy64AVX2(alpha float64, x, y *float64, n int)
// Requires: AVX, AVX2, FMA
TEXT ·axpy64AVX2(SB), NOSPLIT, $0-32
	VBROADCASTSD alpha+0(FP), ALPHA
	MOVQ         x+8(FP), PX
	MOVQ         y+16(FP), PY
	MOVQ         n+24(FP), N
	AXPY(VMOVUPD, VMASKMOVPD, VFMADD231PD, 8, 4, 16)
	RET

// func axpy32AVX2(alpha float32, x, y *float32, n int)
// Requires: AVX, AVX2, FMA
TEXT ·axpy32AVX2(SB), NOSPLIT, $0-32
	VBROADCASTSS alpha+0(FP), ALPHA
	MOVQ         x+8(FP), PX
	MOVQ         y+16(FP), PY
	MOVQ         n+24(FP), N
	AXPY(VMOVUPS, VMASKMOVPS, VFMADD231PS, 4, 8, 32)
	RET

// func scal64AVX2(alpha float64, x *float64, n int)
// Requires: AVX, AVX2
TEXT ·scal64AVX2(SB), NOSPLIT, $0-24
	VBROADCASTSD alpha+0(FP), ALPHA
	MOVQ         x+8(FP), PX
	MOVQ         n+16(FP), N
	SCAL(VMOVUPD, VMASKMOVPD, VMULPD, 8, 4, 16)
	RET

// func scal32AVX2(alpha float32, x *float32, n int)
// Requires: AVX, AVX2
TEXT ·scal32AVX2(SB), NOSPLIT, $0-24
	VBROADCASTSS alpha+0(FP), ALPHA
	MOVQ         x+8(FP), PX
	MOVQ         n+16(FP), N
	SCAL(VMOVUPS, VMASKMOVPS, VMULPS, 4, 8, 32)
	RET

#undef PX
#undef PY
#undef N
#undef J
#undef END
#undef TBL
#undef ACC0
#undef ACC1
#undef ACC2
#undef ACC3
#undef V0
#undef V1
#undef V2
#undef V3
#undef MASK
#undef ALPHA
#undef VB
