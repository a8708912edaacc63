//go:build !purego

#include "textflag.h"
#include "tail_avx2_amd64.h"

// MaskedUpdate for AVX2+FMA: the clipped, sparsity-preserving update
//
//	d := alpha·e; NaN → 0; clip to [-limit, limit] (counting clips);
//	w += d and sumAbs += |d| wherever w != 0
//
// one vector per step, branch-free: the lanes where w == 0 are masked out
// of d, of the clip count and of the sum, and their w is kept by a blend,
// so zeros stay exactly zero (including -0). "w != 0" is the unordered
// compare, true for a NaN weight, as in the generic code. Σ|d| is
// accumulated in four float64 lanes (float32 |d| are widened first). The
// clip count is kept in 64-bit lanes (float64) or in 32-bit lanes folded
// into 64-bit lanes after every row (float32). Column tails use masked
// loads and stores; masked-off lanes load as w = 0 and so drop out.

#define M AX
#define N BX
#define J CX
#define PE DX
#define PW SI
#define LDE DI
#define LDW R8
#define END R9
#define TBL R10
#define ALPHA Y0
#define LIMIT Y1
#define NLIMIT Y2
#define ABSM Y3
#define ZERO Y4
#define SUM Y5
#define CNT Y6
#define MASK Y7
#define D Y8
#define W Y9
#define NZ Y10
#define CL Y11
#define T Y12
#define T2 Y13
#define CNT32 Y14

// MUBODY64 updates one vector: d holds alpha·e, W the weights; it leaves
// the new weights in W and accumulates the clip count and Σ|d|.
//
//	VCMPPD        T = (d == d): false for NaN
//	VANDPD        NaN increments become 0
//	VCMPPD        NZ = (w != 0), unordered: true for NaN w
//	VANDPD        |d|
//	VCMPPD        CL = limit < |d|: clipped
//	VANDPD        only where w != 0
//	VPSUBQ        count -= -1 per clipped lane
//	VMAXPD        d = max(-limit, d)
//	VMINPD        d = min(limit, d)
//	VANDPD        d = 0 where w == 0
//	VADDPD        w + d
//	VBLENDVPD     w = (w != 0) ? w + d : w
//	VANDPD        |d|
//	VADDPD        sumAbs += |d|
#define MUBODY64 \
	VCMPPD $0, D, D, T; \
	VANDPD T, D, D; \
	VCMPPD $4, ZERO, W, NZ; \
	VANDPD ABSM, D, T; \
	VCMPPD $1, T, LIMIT, CL; \
	VANDPD NZ, CL, CL; \
	VPSUBQ CL, CNT, CNT; \
	VMAXPD D, NLIMIT, D; \
	VMINPD D, LIMIT, D; \
	VANDPD NZ, D, D; \
	VADDPD D, W, T; \
	VBLENDVPD NZ, T, W, W; \
	VANDPD ABSM, D, D; \
	VADDPD D, SUM, SUM

// MULOOP is the body of both precisions once the arguments are loaded:
// MOV, MASKMOV, MUL, XOR, SUB of the precision, ABSSHIFT the shift that
// makes the sign-clearing mask from all ones (VPSRLQ or VPSRLD), element
// size SZ, LANES per vector, BODY the update of one vector (MUBODY64 or
// MUBODY32), INIT and ROWEND what the float32 clip counts need at the
// start and after each row. It leaves the clip count in R11 and Σ|d| in
// the low lane of X5. Labels are local to each TEXT.
#define MULOOP(MOV, MASKMOV, MUL, XOR, SUB, ABSSHIFT, SZ, LANES, BODY, INIT, ROWEND) \
	/* Constants: 0, -limit, the mask clearing the sign bit; zero sums. */ \
	XOR ZERO, ZERO, ZERO; \
	SUB LIMIT, ZERO, NLIMIT; \
	VPCMPEQQ ABSM, ABSM, ABSM; \
	ABSSHIFT $1, ABSM, ABSM; \
	VXORPD SUM, SUM, SUM; \
	VPXOR CNT, CNT, CNT; \
	INIT; \
	/* MASK selects the last n%LANES columns. */ \
	MASKAVX2(N, SZ, LANES, END, TBL, MASK); \
rows: \
	CMPQ M, $0; \
	JLE  done; \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
loop: \
	/* One vector of columns per iteration. */ \
	CMPQ J, END; \
	JGE  tail; \
	MUL  (PE)(J*SZ), ALPHA, D; \
	MOV  (PW)(J*SZ), W; \
	BODY; \
	MOV  W, (PW)(J*SZ); \
	ADDQ $LANES, J; \
	JMP  loop; \
tail: \
	/* The last n%LANES columns: masked loads and store. */ \
	CMPQ J, N; \
	JGE  next; \
	MASKMOV (PE)(J*SZ), MASK, D; \
	MUL     D, ALPHA, D; \
	MASKMOV (PW)(J*SZ), MASK, W; \
	BODY; \
	MASKMOV W, MASK, (PW)(J*SZ); \
next: \
	ROWEND; \
	ADDQ LDE, PE; \
	ADDQ LDW, PW; \
	DECQ M; \
	JMP  rows; \
done: \
	/* Horizontal sums of the count and of Σ|d|. */ \
	VEXTRACTI128 $1, CNT, X12; \
	VPADDQ X12, X6, X6; \
	VMOVQ X6, R11; \
	VPEXTRQ $1, X6, R12; \
	ADDQ R12, R11; \
	VEXTRACTF128 $1, SUM, X12; \
	VADDPD X12, X5, X5; \
	VHADDPD X5, X5, X5; \
	VZEROUPPER

// Nothing to do (float64 counts are already 64-bit lanes).
#define NOTHING

// float32: the 32-bit clip counts start at zero and are folded into the
// 64-bit lanes after every row.
#define CNT32INIT VPXOR CNT32, CNT32, CNT32
#define CNT32FOLD \
	VPMOVZXDQ X14, T; \
	VEXTRACTI128 $1, CNT32, X13; \
	VPMOVZXDQ X13, T2; \
	VPADDQ T, CNT, CNT; \
	VPADDQ T2, CNT, CNT; \
	VPXOR CNT32, CNT32, CNT32

// MUBODY32 updates one vector: d holds alpha·e, W the weights; it leaves
// the new weights in W and accumulates the clip count and Σ|d|.
//
//	VCMPPS        T = (d == d): false for NaN
//	VANDPS        NaN increments become 0
//	VCMPPS        NZ = (w != 0), unordered: true for NaN w
//	VANDPS        |d|
//	VCMPPS        CL = limit < |d|: clipped
//	VANDPS        only where w != 0
//	VPSUBD        count -= -1 per clipped lane
//	VMAXPS        d = max(-limit, d)
//	VMINPS        d = min(limit, d)
//	VANDPS        d = 0 where w == 0
//	VADDPS        w + d
//	VBLENDVPS     w = (w != 0) ? w + d : w
//	VANDPS        |d|
//	VCVTPS2PD     widen the low four |d|
//	VCVTPS2PD     and the high four
//	VADDPD        sumAbs += |d| in float64
#define MUBODY32 \
	VCMPPS $0, D, D, T; \
	VANDPS T, D, D; \
	VCMPPS $4, ZERO, W, NZ; \
	VANDPS ABSM, D, T; \
	VCMPPS $1, T, LIMIT, CL; \
	VANDPS NZ, CL, CL; \
	VPSUBD CL, CNT32, CNT32; \
	VMAXPS D, NLIMIT, D; \
	VMINPS D, LIMIT, D; \
	VANDPS NZ, D, D; \
	VADDPS D, W, T; \
	VBLENDVPS NZ, T, W, W; \
	VANDPS ABSM, D, D; \
	VCVTPS2PD X8, T; \
	VEXTRACTF128 $1, D, X13; \
	VCVTPS2PD X13, T2; \
	VADDPD T, SUM, SUM; \
	VADDPD T2, SUM, SUM

// func maskedUpdate64AVX2(m, n int, alpha, limit float64, e *float64, lde int, w *float64, ldw int) (clipped int, sumAbs float64)
// Requires: AVX, AVX2
TEXT ·maskedUpdate64AVX2(SB), NOSPLIT, $0-80
	MOVQ m+0(FP), M
	MOVQ n+8(FP), N
	VBROADCASTSD alpha+16(FP), ALPHA
	VBROADCASTSD limit+24(FP), LIMIT
	MOVQ e+32(FP), PE
	MOVQ lde+40(FP), LDE
	SHLQ $3, LDE
	MOVQ w+48(FP), PW
	MOVQ ldw+56(FP), LDW
	SHLQ $3, LDW
	MULOOP(VMOVUPD, VMASKMOVPD, VMULPD, VXORPD, VSUBPD, VPSRLQ, 8, 4, MUBODY64, NOTHING, NOTHING)
	MOVQ R11, clipped+64(FP)
	VMOVSD X5, sumAbs+72(FP)
	RET

// func maskedUpdate32AVX2(m, n int, alpha, limit float32, e *float32, lde int, w *float32, ldw int) (clipped int, sumAbs float64)
// Requires: AVX, AVX2
TEXT ·maskedUpdate32AVX2(SB), NOSPLIT, $0-72
	MOVQ m+0(FP), M
	MOVQ n+8(FP), N
	VBROADCASTSS alpha+16(FP), ALPHA
	VBROADCASTSS limit+20(FP), LIMIT
	MOVQ e+24(FP), PE
	MOVQ lde+32(FP), LDE
	SHLQ $2, LDE
	MOVQ w+40(FP), PW
	MOVQ ldw+48(FP), LDW
	SHLQ $2, LDW
	MULOOP(VMOVUPS, VMASKMOVPS, VMULPS, VXORPS, VSUBPS, VPSRLD, 4, 8, MUBODY32, CNT32INIT, CNT32FOLD)
	MOVQ R11, clipped+56(FP)
	VMOVSD X5, sumAbs+64(FP)
	RET

#undef MUBODY32

#undef M
#undef N
#undef J
#undef PE
#undef PW
#undef LDE
#undef LDW
#undef END
#undef TBL
#undef ALPHA
#undef LIMIT
#undef NLIMIT
#undef ABSM
#undef ZERO
#undef SUM
#undef CNT
#undef MASK
#undef D
#undef W
#undef NZ
#undef CL
#undef T
#undef T2
#undef CNT32
