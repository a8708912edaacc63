//go:build !purego

#include "textflag.h"
#include "neon_arm64.h"

// MaskedUpdate for NEON: the clipped, sparsity-preserving update
//
//	d := alpha·e; NaN → 0; clip to [-limit, limit] (counting clips);
//	w += d and sumAbs += |d| wherever w != 0
//
// One macro for both precisions. Per vector: d = alpha·e with NaN lanes
// zeroed, the clip mask (d > limit or d < -limit) taken, d clamped, then
// d and the clip mask are zeroed where w == 0, and w keeps its bits there
// (so -0 stays -0). Σ|d| is summed in float64 lanes (V20, and V23 for the
// upper float32 lanes), the clip counts per lane in V21 (folded into CLIP
// after each row); the scalar tail adds to F22 and CLIP.
//
// Parameters: the lane arrangement ARR (D2 or S4) and element EL (D or
// S), LANES per vector, the scalar instructions FMOV, FMUL, FADD, FABS,
// FCMP, FNEG, element size ESZ, SZ for the WORD encodings of neon_arm64.h,
// and the float32 hooks: SUMABS adds |d| (V8) to the float64 sums, ADDABS1
// adds |d| (F2) of one tail element to F22, FOLD adds the lane clip counts
// to CLIP, FINAL folds V23 into V20. Labels are local to each TEXT.

#define M R0
#define N R1
#define E R2
#define LDE R3
#define W R4
#define LDW R5
#define EP R6
#define WP R7
#define WW R8
#define CNT R9
#define CLIP R10
#define T0 R11

#define MASKED(ARR, EL, LANES, FMOV, FMUL, FADD, FABS, FCMP, FNEG, ESZ, SZ, SUMABS, ADDABS1, FOLD, FINAL) \
	FNEG F29, F30; \
	VDUP V28.EL[0], V28.ARR; \
	VDUP V29.EL[0], V29.ARR; \
	VDUP V30.EL[0], V30.ARR; \
	/* V31 = 0; the sums V20, V23 and the clip counts V21 start at 0. */ \
	ZERO4(V31, V20, V23, V21); \
	FMOVD ZR, F22; \
	MOVD  ZR, CLIP; \
row: \
	MOVD E, EP; \
	MOVD W, WP; \
	MOVD W, WW; \
	MOVD N, CNT; \
vec: \
	CMP    $LANES, CNT; \
	BLT    tail; \
	VLD1.P 16(EP), [V0.ARR]; \
	VLD1.P 16(WP), [V1.ARR]; \
	/* d = alpha·e, NaN → 0 */ \
	VFMUL(SZ, 28, 0, 2); \
	VFCMEQ(SZ, 2, 2, 3); \
	VAND   V3.B16, V2.B16, V2.B16; \
	/* clip mask V4 = (d > limit) | (-limit > d); clamp d */ \
	VFCMGT(SZ, 29, 2, 4); \
	VFCMGT(SZ, 2, 30, 5); \
	VORR   V5.B16, V4.B16, V4.B16; \
	VFMIN(SZ, 29, 2, 2); \
	VFMAX(SZ, 30, 2, 2); \
	/* where w == 0: d = 0 and no clip */ \
	VFCMEQZ(SZ, 1, 6); \
	VBIT   V6.B16, V31.B16, V2.B16; \
	VBIT   V6.B16, V31.B16, V4.B16; \
	/* w += d, keeping w's bits where w == 0 */ \
	VFADD(SZ, 2, 1, 7); \
	VBIT   V6.B16, V1.B16, V7.B16; \
	VST1.P [V7.ARR], 16(WW); \
	/* count clips (mask lanes are -1) and sum |d| */ \
	VSUB   V4.ARR, V21.ARR, V21.ARR; \
	VFABS(SZ, 2, 8); \
	SUMABS; \
	SUB    $LANES, CNT; \
	B      vec; \
tail: \
	CBZ    CNT, rowend; \
	FMOV.P ESZ(EP), F0; \
	FMOV   (WP), F1; \
	FCMP   $(0.0), F1; \
	BEQ    next; \
	FMUL   F28, F0, F2; \
	FCMP   F2, F2; \
	BVC    notnan; \
	FMOV   ZR, F2; \
notnan: \
	FCMP F29, F2; \
	BLE  notabove; \
	FMOV F29, F2; \
	ADD  $1, CLIP; \
	B    clamped; \
notabove: \
	FCMP F30, F2; \
	BGE  clamped; \
	FMOV F30, F2; \
	ADD  $1, CLIP; \
clamped: \
	FADD F2, F1, F1; \
	FMOV F1, (WP); \
	FABS F2, F2; \
	ADDABS1; \
next: \
	ADD $ESZ, WP; \
	SUB $1, CNT; \
	B   tail; \
rowend: \
	FOLD; \
	ZERO(V21); \
	ADD  LDE, E; \
	ADD  LDW, W; \
	SUBS $1, M; \
	BNE  row; \
	/* Σ|d| = lanes of V20 (+ V23) + tails, in F20. */ \
	FINAL; \
	FADDP2(1, 20, 20); \
	FADDD F22, F20, F20

#define SUMABSF64 VFADD(1, 8, 20, 20)
#define SUMABSF32 \
	FCVTL(8, 9); \
	FCVTL2(8, 10); \
	VFADD(1, 9, 20, 20); \
	VFADD(1, 10, 23, 23)
#define ADDABS1F64 FADDD F2, F22, F22
#define ADDABS1F32 FCVTSD F2, F2; FADDD F2, F22, F22
#define FOLDF64 \
	VMOV V21.D[0], T0; \
	ADD  T0, CLIP; \
	VMOV V21.D[1], T0; \
	ADD  T0, CLIP
#define FOLDF32 \
	VADDV V21.S4, V24; \
	VMOV  V24.S[0], T0; \
	ADD   T0, CLIP
#define FINALF32 VFADD(1, 23, 20, 20)

// func maskedUpdate64NEON(m, n int, alpha, limit float64, e []float64, lde int, w []float64, ldw int) (clipped int, sumAbs float64)
// Requires: NEON. m, n ≥ 1, limit ≥ 0.
TEXT ·maskedUpdate64NEON(SB), NOSPLIT, $0-112
	MOVD  m+0(FP), M
	MOVD  n+8(FP), N
	FMOVD alpha+16(FP), F28
	FMOVD limit+24(FP), F29
	MOVD  e_base+32(FP), E
	MOVD  lde+56(FP), LDE
	MOVD  w_base+64(FP), W
	MOVD  ldw+88(FP), LDW
	LSL   $3, LDE
	LSL   $3, LDW
	MASKED(D2, D, 2, FMOVD, FMULD, FADDD, FABSD, FCMPD, FNEGD, 8, 1, SUMABSF64, ADDABS1F64, FOLDF64, NOHOOK(1))
	MOVD  CLIP, clipped+96(FP)
	FMOVD F20, sumAbs+104(FP)
	RET

// func maskedUpdate32NEON(m, n int, alpha, limit float32, e []float32, lde int, w []float32, ldw int) (clipped int, sumAbs float64)
// Requires: NEON. m, n ≥ 1, limit ≥ 0.
TEXT ·maskedUpdate32NEON(SB), NOSPLIT, $0-104
	MOVD  m+0(FP), M
	MOVD  n+8(FP), N
	FMOVS alpha+16(FP), F28
	FMOVS limit+20(FP), F29
	MOVD  e_base+24(FP), E
	MOVD  lde+48(FP), LDE
	MOVD  w_base+56(FP), W
	MOVD  ldw+80(FP), LDW
	LSL   $2, LDE
	LSL   $2, LDW
	MASKED(S4, S, 4, FMOVS, FMULS, FADDS, FABSS, FCMPS, FNEGS, 4, 0, SUMABSF32, ADDABS1F32, FOLDF32, FINALF32)
	MOVD  CLIP, clipped+88(FP)
	FMOVD F20, sumAbs+96(FP)
	RET
