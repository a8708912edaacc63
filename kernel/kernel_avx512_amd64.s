//go:build !purego

#include "textflag.h"
#include "tail_avx512_amd64.h"
#include "l1_amd64.h"

// Level-1 kernels for AVX-512 (F, VL; the ZMM registers and the opmask
// registers): Dot, Axpy and Scal, each one macro for both precisions, its
// main loop that of l1_amd64.h, shared with AVX2.
//
// Tails: the last n%LANES elements (LANES = 8 float64 or 16 float32) go
// through opmask K1 = (1<<(n%LANES))-1; masked-off lanes of a masked load,
// store or memory operand neither read nor write memory (nor fault), so no
// kernel touches anything outside its slice. Axpy and Scal store a tail of
// at most LANES/2 elements from YMM registers (NARROW).

#define PX SI
#define PY DI
#define N R8
#define J AX
#define END BX
#define ACC0 Z0
#define ACC1 Z1
#define ACC2 Z2
#define ACC3 Z3
#define V0 Z4
#define V1 Z5
#define V2 Z6
#define V3 Z7
#define ALPHA Z9
#define VB 64

// TAILK sets K1 to the first n%LANES lanes and jumps to done when there
// is no tail.
#define TAILK(LANES) \
	TAILMASK(N, LANES, END, K1); \
	JZ done

// DOTONE adds one more whole vector into ACC, if there is one (J < END).
#define DOTONE(MOV, FMA, SZ, LANES, V, ACC) \
	CMPQ J, END; \
	JGE  tail; \
	MOV  (PX)(J*SZ), V; \
	FMA  (PY)(J*SZ), V, ACC; \
	ADDQ $LANES, J

// DOT is the body of dot64AVX512 and dot32AVX512: four independent
// accumulators hide the FMA latency, 4·LANES elements per iteration
// (UNROLL), then up to three more whole vectors (straight-line, each into
// its own accumulator), then the last n%LANES under K1 (a merge-masked
// load and FMA: the lanes past the end keep their partial sums); REDUCE
// sums the accumulators and their lanes into the low lane of X0, which the
// TEXT stores as its result (after VZEROUPPER, which keeps X0). Labels are
// local to each TEXT.
#define DOT(MOV, FMA, SZ, LANES, UNROLL, REDUCE) \
	DOTLOOP(MOV, FMA, VPXORQ, SZ, UNROLL); \
blocks: \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
	DOTONE(MOV, FMA, SZ, LANES, V0, ACC0); \
	DOTONE(MOV, FMA, SZ, LANES, V1, ACC1); \
	DOTONE(MOV, FMA, SZ, LANES, V2, ACC2); \
tail: \
	TAILK(LANES); \
	MOV (PX)(J*SZ), K1, V3; \
	FMA (PY)(J*SZ), V3, K1, ACC3; \
done: \
	REDUCE; \
	VZEROUPPER

// FOLD: the upper half of Z0 added into Y0.
#define FOLD(ADD) \
	VEXTRACTF64X4 $1, Z0, Y1; \
	ADD           Y1, Y0, Y0

// func dot64AVX512(x, y *float64, n int) float64
// Requires: AVX512F
TEXT ·dot64AVX512(SB), NOSPLIT, $0-32
	MOVQ x+0(FP), PX
	MOVQ y+8(FP), PY
	MOVQ n+16(FP), N
	DOT(VMOVUPD, VFMADD231PD, 8, 8, 32, REDUCE64)
	VMOVSD X0, ret+24(FP)
	RET

// func dot32AVX512(x, y *float32, n int) float32
// Requires: AVX512F
TEXT ·dot32AVX512(SB), NOSPLIT, $0-28
	MOVQ x+0(FP), PX
	MOVQ y+8(FP), PY
	MOVQ n+16(FP), N
	DOT(VMOVUPS, VFMADD231PS, 4, 16, 64, REDUCE32)
	VMOVSS X0, ret+24(FP)
	RET

// AXPY (y += alpha·x) and SCAL (x *= alpha) for one precision, given its
// instructions, element size SZ, vector lanes LANES and UNROLL = 4·LANES
// elements per main iteration; alpha is broadcast in ALPHA. Up to three
// whole vectors remain after the main loop (straight-line), then the tail,
// computed under K1 from merge-masked loads and stored under K1. Labels
// are local to each TEXT.
// NEXT does one more whole vector in V with ONE (AXPYONE or SCALONE of
// l1_amd64.h), if there is one (J < END).
#define NEXT(ONE, MOV, OP, SZ, LANES, V) \
	CMPQ J, END; \
	JGE  tail; \
	ONE(MOV, OP, SZ, V); \
	ADDQ $LANES, J

// AXPYTAIL and SCALTAIL compute the tail under K1 in V with alpha in A:
// ZMM registers, or their YMM halves when the tail fits in half a vector.
#define AXPYTAIL(MOV, FMA, SZ, V, A) \
	MOV (PY)(J*SZ), K1, V; \
	FMA (PX)(J*SZ), A, K1, V; \
	MOV V, K1, (PY)(J*SZ)

#define SCALTAIL(MOV, MUL, SZ, V, A) \
	MUL (PX)(J*SZ), A, K1, V; \
	MOV V, K1, (PX)(J*SZ)

// FINISH ends AXPY and SCAL after their main loop: up to three whole
// vectors (NEXT), then the tail (TAIL). OP is the FMA of AXPY, the MUL of
// SCAL.
#define FINISH(ONE, TAIL, MOV, OP, SZ, LANES) \
blocks: \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
	NEXT(ONE, MOV, OP, SZ, LANES, V0); \
	NEXT(ONE, MOV, OP, SZ, LANES, V1); \
	NEXT(ONE, MOV, OP, SZ, LANES, V2); \
tail: \
	TAILK(LANES); \
	NARROW(LANES, narrow); \
	TAIL(MOV, OP, SZ, Z4, Z9); \
	JMP done; \
narrow: \
	TAIL(MOV, OP, SZ, Y4, Y9); \
done: \
	VZEROUPPER

#define AXPY(MOV, FMA, SZ, LANES, UNROLL) \
	AXPYLOOP(MOV, FMA, SZ, UNROLL); \
	FINISH(AXPYONE, AXPYTAIL, MOV, FMA, SZ, LANES)

#define SCAL(MOV, MUL, SZ, LANES, UNROLL) \
	SCALLOOP(MOV, MUL, SZ, UNROLL); \
	FINISH(SCALONE, SCALTAIL, MOV, MUL, SZ, LANES)

// func axpy64AVX512(alpha float64, x, y *float64, n int)
// Requires: AVX512F, AVX512VL
TEXT ·axpy64AVX512(SB), NOSPLIT, $0-32
	VBROADCASTSD alpha+0(FP), ALPHA
	MOVQ         x+8(FP), PX
	MOVQ         y+16(FP), PY
	MOVQ         n+24(FP), N
	AXPY(VMOVUPD, VFMADD231PD, 8, 8, 32)
	RET

// func axpy32AVX512(alpha float32, x, y *float32, n int)
// Requires: AVX512F, AVX512VL
TEXT ·axpy32AVX512(SB), NOSPLIT, $0-32
	VBROADCASTSS alpha+0(FP), ALPHA
	MOVQ         x+8(FP), PX
	MOVQ         y+16(FP), PY
	MOVQ         n+24(FP), N
	AXPY(VMOVUPS, VFMADD231PS, 4, 16, 64)
	RET

// func scal64AVX512(alpha float64, x *float64, n int)
// Requires: AVX512F, AVX512VL
TEXT ·scal64AVX512(SB), NOSPLIT, $0-24
	VBROADCASTSD alpha+0(FP), ALPHA
	MOVQ         x+8(FP), PX
	MOVQ         n+16(FP), N
	SCAL(VMOVUPD, VMULPD, 8, 8, 32)
	RET

// func scal32AVX512(alpha float32, x *float32, n int)
// Requires: AVX512F, AVX512VL
TEXT ·scal32AVX512(SB), NOSPLIT, $0-24
	VBROADCASTSS alpha+0(FP), ALPHA
	MOVQ         x+8(FP), PX
	MOVQ         n+16(FP), N
	SCAL(VMOVUPS, VMULPS, 4, 16, 64)
	RET

#undef PX
#undef PY
#undef N
#undef J
#undef END
#undef ACC0
#undef ACC1
#undef ACC2
#undef ACC3
#undef V0
#undef V1
#undef V2
#undef V3
#undef ALPHA
#undef VB
