//go:build !purego

#include "textflag.h"
#include "neon_arm64.h"

// GemmTN micro-kernel for NEON: C[0:mt, 0:nt] += alpha·Aᵀ·B over whole
// tiles of 4 rows by four vectors (4×8 in float64, 4×16 in float32); the
// Go side (gemm_arm64.go) handles the edges. One macro for both
// precisions, given the lane arrangement ARR (D2 or S4) and element EL (D
// or S), element size ESZ, SHIFT = log2(ESZ) and the tile width NR. Sixteen accumulators V16-V31 hold the tile (row r, vector
// q in V(16+4r+q)); per step p the four values a[p*lda+i..i+3] are
// broadcast into V0-V3 and the NR values b[p*ldb+j..] loaded into V4-V7.
// Labels are local to each TEXT.

#define MT R0
#define NT R1
#define K R2
#define A R3
#define LDA R4
#define B R5
#define LDB R6
#define C R7
#define LDC R8
#define J R9
#define AP R10
#define BP R11
#define CNT R12
#define CP R13
#define ASTEP R14
#define ACOL R15
#define CROW R16
#define BCOL R17
#define CCOL R19

// OUTER accumulates row r of the outer product: broadcast AV times V4-V7.
#define OUTER(ARR, AV, C0, C1, C2, C3) \
	VFMLA AV.ARR, V4.ARR, C0.ARR; \
	VFMLA AV.ARR, V5.ARR, C1.ARR; \
	VFMLA AV.ARR, V6.ARR, C2.ARR; \
	VFMLA AV.ARR, V7.ARR, C3.ARR

// CADD adds alpha (V8) times one row of the tile to the row of C at CP.
#define CADD(ARR, C0, C1, C2, C3) \
	VLD1  (CP), [V9.ARR, V10.ARR, V11.ARR, V12.ARR]; \
	VFMLA V8.ARR, C0.ARR, V9.ARR; \
	VFMLA V8.ARR, C1.ARR, V10.ARR; \
	VFMLA V8.ARR, C2.ARR, V11.ARR; \
	VFMLA V8.ARR, C3.ARR, V12.ARR; \
	VST1  [V9.ARR, V10.ARR, V11.ARR, V12.ARR], (CP)

// GEMMTN is the body of both precisions after the TEXT has loaded the
// arguments: MT, NT, K, alpha in F8, A, LDA, B, LDB, C and LDC (strides in
// elements).
#define GEMMTN(ARR, EL, ESZ, SHIFT, NR) \
	/* Strides in bytes; ASTEP takes AP from a[p*lda+i+3] to a[(p+1)*lda+i]. */ \
	LSL  $SHIFT, LDA; \
	LSL  $SHIFT, LDB; \
	LSL  $SHIFT, LDC; \
	SUB  $(3*ESZ), LDA, ASTEP; \
	VDUP V8.EL[0], V8.ARR; \
	MOVD A, ACOL; \
	MOVD C, CROW; \
tilerow: \
	/* Rows i..i+3: ACOL = &a[i], CROW = &c[i*ldc]. */ \
	MOVD B, BCOL; \
	MOVD CROW, CCOL; \
	MOVD NT, J; \
tile: \
	MOVD ACOL, AP; \
	MOVD BCOL, BP; \
	MOVD K, CNT; \
	ZERO4(V16, V17, V18, V19); \
	ZERO4(V20, V21, V22, V23); \
	ZERO4(V24, V25, V26, V27); \
	ZERO4(V28, V29, V30, V31); \
kloop: \
	VLD1R.P ESZ(AP), [V0.ARR]; \
	VLD1R.P ESZ(AP), [V1.ARR]; \
	VLD1R.P ESZ(AP), [V2.ARR]; \
	VLD1R   (AP), [V3.ARR]; \
	ADD     ASTEP, AP; \
	VLD1    (BP), [V4.ARR, V5.ARR, V6.ARR, V7.ARR]; \
	ADD     LDB, BP; \
	OUTER(ARR, V0, V16, V17, V18, V19); \
	OUTER(ARR, V1, V20, V21, V22, V23); \
	OUTER(ARR, V2, V24, V25, V26, V27); \
	OUTER(ARR, V3, V28, V29, V30, V31); \
	SUBS    $1, CNT; \
	BNE     kloop; \
	MOVD CCOL, CP; \
	CADD(ARR, V16, V17, V18, V19); \
	ADD  LDC, CP; \
	CADD(ARR, V20, V21, V22, V23); \
	ADD  LDC, CP; \
	CADD(ARR, V24, V25, V26, V27); \
	ADD  LDC, CP; \
	CADD(ARR, V28, V29, V30, V31); \
	/* Next tile to the right, then the next four rows. */ \
	ADD  $64, BCOL; \
	ADD  $64, CCOL; \
	SUBS $NR, J; \
	BNE  tile; \
	ADD  $(4*ESZ), ACOL; \
	ADD  LDC<<2, CROW; \
	SUBS $4, MT; \
	BNE  tilerow

// func gemmTN64NEON(mt, nt, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int)
// Requires: NEON. mt a multiple of 4, nt a multiple of 8, k ≥ 1.
TEXT ·gemmTN64NEON(SB), NOSPLIT, $0-128
	MOVD  mt+0(FP), MT
	MOVD  nt+8(FP), NT
	MOVD  k+16(FP), K
	FMOVD alpha+24(FP), F8
	MOVD  a_base+32(FP), A
	MOVD  lda+56(FP), LDA
	MOVD  b_base+64(FP), B
	MOVD  ldb+88(FP), LDB
	MOVD  c_base+96(FP), C
	MOVD  ldc+120(FP), LDC
	GEMMTN(D2, D, 8, 3, 8)
	RET

// func gemmTN32NEON(mt, nt, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int)
// Requires: NEON. mt a multiple of 4, nt a multiple of 16, k ≥ 1.
TEXT ·gemmTN32NEON(SB), NOSPLIT, $0-128
	MOVD  mt+0(FP), MT
	MOVD  nt+8(FP), NT
	MOVD  k+16(FP), K
	FMOVS alpha+24(FP), F8
	MOVD  a_base+32(FP), A
	MOVD  lda+56(FP), LDA
	MOVD  b_base+64(FP), B
	MOVD  ldb+88(FP), LDB
	MOVD  c_base+96(FP), C
	MOVD  ldc+120(FP), LDC
	GEMMTN(S4, S, 4, 2, 16)
	RET
