//go:build !purego

#include "textflag.h"
#include "tail_avx512_amd64.h"

// MaskedUpdate for AVX-512 (F): the clipped, sparsity-preserving update
//
//	d := alpha·e; NaN → 0; clip to [-limit, limit] (counting clips);
//	w += d and sumAbs += |d| wherever w != 0
//
// two vectors per step, branch-free, with opmasks: K2 holds the lanes
// where w != 0 (the unordered compare, true for a NaN weight, as in the
// generic code), K3 those of them where d is not NaN, K4 those of K3 where
// |d| > limit. d is clipped under K3 with zeroing (0 outside K3), only the
// K2 lanes of w are added to (the others keep their bits, -0 included), and
// the clip count adds up the K4 lanes. Σ|d| is accumulated in float64
// lanes (float32 |d| are widened first). The last n%LANES columns of each
// row are loaded with the zeroing mask K1 = (1<<(n%LANES))-1, so their
// masked-off lanes read nothing and load as w = 0, which drops them out of
// K2, and stored under K1. They are done first in each row: the masked-off
// lanes of that store lie over the start of the next row when ldw is
// close to n, and a load of the next row right after it would stall (store
// forwarding); with the whole vectors of the row in between it does not
// (MaskedUpdate64 n=33: 1.7x faster).

#define M AX
#define N BX
#define J DX
#define PE SI
#define PW DI
#define LDE R8
#define LDW R9
#define END R10
#define CNT R11
#define TMP R12
#define ALPHA Z0
#define LIMIT Z1
#define NLIMIT Z2
#define ABSM Z3
#define ZERO Z4
#define SUM Z5
#define SUM2 Z6
#define SUM3 Z12
#define SUM4 Z13
#define D Z8
#define W Z9
#define T Z10
#define T2 Z11
#define MINUS1 Z7
#define CNTV Z14
#define CNTV2 Z15

// MUBODY updates one vector: D holds alpha·e, W the weights; it leaves the
// new weights in W, counts the clipped lanes (COUNT) and adds |d| to the
// sums S1 and S2 (SUMABS), per precision.
//
//	VCMPPD        K2 = (w != 0), unordered: true for NaN w
//	VCMPPD        K3 = K2 and (d == d): d not NaN
//	VPANDQ        |d|
//	VCMPPD        K4 = K3 and limit < |d|: clipped
//	VMAXPD        d = max(-limit, d) in K3, 0 elsewhere
//	VMINPD        d = min(limit, d)
//	VADDPD        w += d in K2
//	COUNT         count += 1 in the K4 lanes
//	SUMABS        sumAbs += |d|
#define MUBODY(CMP, MAX, MIN, ADD, COUNT, SUMABS, S1, S2) \
	CMP     $4, ZERO, W, K2; \
	CMP     $0, D, D, K2, K3; \
	VPANDQ  ABSM, D, T; \
	CMP     $1, T, LIMIT, K3, K4; \
	MAX     D, NLIMIT, K3, D; \
	MIN     D, LIMIT, D; \
	ADD     D, W, K2, W; \
	COUNT; \
	VPANDQ  ABSM, D, D; \
	SUMABS(S1, S2)

// float64: one accumulator, S1; the eight lanes of K4 count in the
// 64-bit lanes of CNTV (minus -1).
#define SUMABS64(S1, S2) VADDPD D, S1, S1
#define COUNT64 VPSUBQ MINUS1, CNTV, K4, CNTV

// float32: widen the low and the high eight |d| to float64, one
// accumulator each.
#define SUMABS32(S1, S2) \
	VCVTPS2PD     Y8, T; \
	VEXTRACTF64X4 $1, D, Y11; \
	VCVTPS2PD     Y11, T2; \
	VADDPD        T, S1, S1; \
	VADDPD        T2, S2, S2

// float32: the sixteen lanes of K4 count in the 32-bit lanes of CNTV2,
// which ROWEND32 folds into the 64-bit lanes of CNTV after every row (a
// 32-bit lane counts at most one row).
#define COUNT32 VPSUBD MINUS1, CNTV2, K4, CNTV2
#define ROWEND32 \
	VPMOVZXDQ     Y15, T; \
	VEXTRACTI64X4 $1, CNTV2, Y11; \
	VPMOVZXDQ     Y11, T2; \
	VPADDQ        T, CNTV, CNTV; \
	VPADDQ        T2, CNTV, CNTV; \
	VPXORQ        CNTV2, CNTV2, CNTV2

// Nothing to do (float64 counts are 64-bit lanes already).
#define NOTHING

// MULOOP is the body of both precisions once the arguments are loaded:
// MOV, MOVZ (its zeroing-masked form), MUL, MULZ, SUB, CMP, MAXZ (zeroing),
// MIN, ADD of the precision, ABSSHIFT the shift that makes the
// sign-clearing mask from all ones (VPSRLQ or VPSRLD), element size SZ,
// LANES per vector, TWO = 2·LANES, COUNT, SUMABS and ROWEND (after each
// row). Each row: the tail, then
// two vectors per iteration, their sums in separate accumulators (SUM,
// SUM2 and SUM3, SUM4) so that the additions of consecutive vectors
// overlap, then at most one more vector. It leaves the clip count in CNT
// and Σ|d| in the low lane of X5. Labels are local to each TEXT.
#define MULOOP(MOV, MOVZ, MUL, MULZ, SUB, CMP, MAXZ, MIN, ADD, ABSSHIFT, SZ, LANES, TWO, COUNT, SUMABS, ROWEND) \
	/* Constants: 0, -limit, all ones (-1), the mask clearing the sign \
	   bit; zero counts and sums. */ \
	VPXORQ     ZERO, ZERO, ZERO; \
	SUB        LIMIT, ZERO, NLIMIT; \
	VPTERNLOGD $0xff, MINUS1, MINUS1, MINUS1; \
	ABSSHIFT   $1, MINUS1, ABSM; \
	VPXORQ     CNTV, CNTV, CNTV; \
	VPXORQ     CNTV2, CNTV2, CNTV2; \
	VPXORQ     SUM, SUM, SUM; \
	VPXORQ     SUM2, SUM2, SUM2; \
	VPXORQ     SUM3, SUM3, SUM3; \
	VPXORQ     SUM4, SUM4, SUM4; \
	/* K1 selects the last n%LANES columns. */ \
	TAILMASK(N, LANES, END, K1); \
rows: \
	/* The last n%LANES columns under K1, first (see the top). */ \
	MOVQ N, J; \
	ANDQ $-LANES, J; \
	CMPQ J, N; \
	JGE  whole; \
	MULZ (PE)(J*SZ), ALPHA, K1, D; \
	MOVZ (PW)(J*SZ), K1, W; \
	MUBODY(CMP, MAXZ, MIN, ADD, COUNT, SUMABS, SUM3, SUM4); \
	MOV  W, K1, (PW)(J*SZ); \
whole: \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-TWO, END; \
loop: \
	/* Two vectors of columns per iteration. */ \
	CMPQ J, END; \
	JGE  one; \
	MUL  (PE)(J*SZ), ALPHA, D; \
	MOV  (PW)(J*SZ), W; \
	MUBODY(CMP, MAXZ, MIN, ADD, COUNT, SUMABS, SUM, SUM2); \
	MOV  W, (PW)(J*SZ); \
	MUL  64(PE)(J*SZ), ALPHA, D; \
	MOV  64(PW)(J*SZ), W; \
	MUBODY(CMP, MAXZ, MIN, ADD, COUNT, SUMABS, SUM3, SUM4); \
	MOV  W, 64(PW)(J*SZ); \
	ADDQ $TWO, J; \
	JMP  loop; \
one: \
	/* At most one more full vector. */ \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
	CMPQ J, END; \
	JGE  next; \
	MUL  (PE)(J*SZ), ALPHA, D; \
	MOV  (PW)(J*SZ), W; \
	MUBODY(CMP, MAXZ, MIN, ADD, COUNT, SUMABS, SUM, SUM2); \
	MOV  W, (PW)(J*SZ); \
next: \
	ROWEND; \
	ADDQ LDE, PE; \
	ADDQ LDW, PW; \
	DECQ M; \
	JNZ  rows; \
	/* The clip count: the eight lanes of CNTV. */ \
	VEXTRACTI64X4 $1, CNTV, Y15; \
	VPADDQ        Y15, Y14, Y14; \
	VEXTRACTI128  $1, Y14, X15; \
	VPADDQ        X15, X14, X14; \
	VMOVQ         X14, CNT; \
	VPEXTRQ       $1, X14, TMP; \
	ADDQ          TMP, CNT; \
	/* Σ|d|: the four accumulators, then the eight lanes. */ \
	VADDPD        SUM2, SUM, SUM; \
	VADDPD        SUM4, SUM3, SUM3; \
	VADDPD        SUM3, SUM, SUM; \
	VEXTRACTF64X4 $1, SUM, Y10; \
	VADDPD        Y10, Y5, Y5; \
	VEXTRACTF128  $1, Y5, X10; \
	VADDPD        X10, X5, X5; \
	VHADDPD       X5, X5, X5; \
	VZEROUPPER

// func maskedUpdate64AVX512(m, n int, alpha, limit float64, e *float64, lde int, w *float64, ldw int) (clipped int, sumAbs float64)
// Requires: AVX512F
TEXT ·maskedUpdate64AVX512(SB), NOSPLIT, $0-80
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSD alpha+16(FP), ALPHA
	VBROADCASTSD limit+24(FP), LIMIT
	MOVQ         e+32(FP), PE
	MOVQ         lde+40(FP), LDE
	SHLQ         $3, LDE
	MOVQ         w+48(FP), PW
	MOVQ         ldw+56(FP), LDW
	SHLQ         $3, LDW
	MULOOP(VMOVUPD, VMOVUPD.Z, VMULPD, VMULPD.Z, VSUBPD, VCMPPD, VMAXPD.Z, VMINPD, VADDPD, VPSRLQ, 8, 8, 16, COUNT64, SUMABS64, NOTHING)
	MOVQ         CNT, clipped+64(FP)
	VMOVSD       X5, sumAbs+72(FP)
	RET

// func maskedUpdate32AVX512(m, n int, alpha, limit float32, e *float32, lde int, w *float32, ldw int) (clipped int, sumAbs float64)
// Requires: AVX512F
TEXT ·maskedUpdate32AVX512(SB), NOSPLIT, $0-72
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSS alpha+16(FP), ALPHA
	VBROADCASTSS limit+20(FP), LIMIT
	MOVQ         e+24(FP), PE
	MOVQ         lde+32(FP), LDE
	SHLQ         $2, LDE
	MOVQ         w+40(FP), PW
	MOVQ         ldw+48(FP), LDW
	SHLQ         $2, LDW
	MULOOP(VMOVUPS, VMOVUPS.Z, VMULPS, VMULPS.Z, VSUBPS, VCMPPS, VMAXPS.Z, VMINPS, VADDPS, VPSRLD, 4, 16, 32, COUNT32, SUMABS32, ROWEND32)
	MOVQ         CNT, clipped+56(FP)
	VMOVSD       X5, sumAbs+64(FP)
	RET

#undef M
#undef N
#undef J
#undef PE
#undef PW
#undef LDE
#undef LDW
#undef END
#undef CNT
#undef TMP
#undef ALPHA
#undef LIMIT
#undef NLIMIT
#undef ABSM
#undef ZERO
#undef SUM
#undef SUM2
#undef SUM3
#undef SUM4
#undef D
#undef W
#undef T
#undef T2
#undef MINUS1
#undef CNTV
#undef CNTV2
