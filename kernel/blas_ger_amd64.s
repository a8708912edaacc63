//go:build !purego

#include "textflag.h"

// Ger (A += alpha·x·yᵀ) and CubeGer (A += x³·(y³)ᵀ) for AVX2+FMA.
//
// Four rows of A per pass: each vector of y is loaded (and, for CubeGer,
// cubed) once and added into four rows with one FMA each, the row
// coefficient alpha·x[i] or x[i]³ broadcast in a register. The last m%4
// rows go one at a time. Column tails use VMASKMOVPD/VMASKMOVPS loads and
// stores, which touch only the first n%4 (n%8) lanes, so the cells between
// rows are never read or written.

#define M AX
#define N BX
#define J CX
#define PX DX
#define PY SI
#define PA0 DI
#define PA1 R8
#define PA2 R9
#define PA3 R10
#define LDA R11
#define END R12
#define TBL R13
#define C0 Y0
#define C1 Y1
#define C2 Y2
#define C3 Y3
#define YV Y4
#define T0 Y5
#define T1 Y6
#define T2 Y7
#define T3 Y8
#define MASK Y9
#define ALPHA Y10
#define TMP Y11

// GER is the body of Ger and CubeGer, both precisions, after the
// arguments are loaded (LDA in elements; for Ger alpha broadcast in
// ALPHA): the instructions of one precision (MOVS, MULS scalar; MUL, FMA
// vector), element size SZ and its log2 SHIFT, LANES per vector, and the
// byte offsets O1..O3 and O4 of x[1..3] and x[4]. COEF(MOVS, MULS, OFF, XR)
// sets XR to the coefficient of the row whose x is at OFF(PX), and
// YOP(MUL) transforms the vector of y in YV. Labels are local to each TEXT.
#define GER(MOV, MASKMOV, FMA, MOVS, MULS, MUL, BCAST, SZ, SHIFT, LANES, O1, O2, O3, O4, COEF, YOP) \
	SHLQ $SHIFT, LDA; \
	/* MASK selects the last n%LANES columns. */ \
	MOVQ N, END; \
	ANDQ $(LANES-1), END; \
	LEAQ ·tailMaskAVX2+32(SB), TBL; \
	NEGQ END; \
	VMOVDQU (TBL)(END*SZ), MASK; \
rows4: \
	/* Four rows at a time, their coefficients broadcast. */ \
	CMPQ M, $4; \
	JL   rows1; \
	LEAQ (PA0)(LDA*1), PA1; \
	LEAQ (PA1)(LDA*1), PA2; \
	LEAQ (PA2)(LDA*1), PA3; \
	COEF(MOVS, MULS, 0, X0); \
	BCAST X0, C0; \
	COEF(MOVS, MULS, O1, X1); \
	BCAST X1, C1; \
	COEF(MOVS, MULS, O2, X2); \
	BCAST X2, C2; \
	COEF(MOVS, MULS, O3, X3); \
	BCAST X3, C3; \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
r4loop: \
	/* One vector of y (YOP applied) per iteration into four rows. */ \
	CMPQ J, END; \
	JGE  r4tail; \
	MOV  (PY)(J*SZ), YV; \
	YOP(MUL); \
	MOV  (PA0)(J*SZ), T0; \
	MOV  (PA1)(J*SZ), T1; \
	MOV  (PA2)(J*SZ), T2; \
	MOV  (PA3)(J*SZ), T3; \
	FMA  YV, C0, T0; \
	FMA  YV, C1, T1; \
	FMA  YV, C2, T2; \
	FMA  YV, C3, T3; \
	MOV  T0, (PA0)(J*SZ); \
	MOV  T1, (PA1)(J*SZ); \
	MOV  T2, (PA2)(J*SZ); \
	MOV  T3, (PA3)(J*SZ); \
	ADDQ $LANES, J; \
	JMP  r4loop; \
r4tail: \
	/* The last n%LANES columns: masked loads and stores. */ \
	CMPQ J, N; \
	JGE  r4next; \
	MASKMOV (PY)(J*SZ), MASK, YV; \
	YOP(MUL); \
	MASKMOV (PA0)(J*SZ), MASK, T0; \
	MASKMOV (PA1)(J*SZ), MASK, T1; \
	MASKMOV (PA2)(J*SZ), MASK, T2; \
	MASKMOV (PA3)(J*SZ), MASK, T3; \
	FMA  YV, C0, T0; \
	FMA  YV, C1, T1; \
	FMA  YV, C2, T2; \
	FMA  YV, C3, T3; \
	MASKMOV T0, MASK, (PA0)(J*SZ); \
	MASKMOV T1, MASK, (PA1)(J*SZ); \
	MASKMOV T2, MASK, (PA2)(J*SZ); \
	MASKMOV T3, MASK, (PA3)(J*SZ); \
r4next: \
	LEAQ (PA3)(LDA*1), PA0; \
	ADDQ $O4, PX; \
	SUBQ $4, M; \
	JMP  rows4; \
rows1: \
	/* The last m%4 rows one at a time. */ \
	CMPQ M, $0; \
	JLE  done; \
	COEF(MOVS, MULS, 0, X0); \
	BCAST X0, C0; \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
r1loop: \
	CMPQ J, END; \
	JGE  r1tail; \
	MOV  (PY)(J*SZ), YV; \
	YOP(MUL); \
	MOV  (PA0)(J*SZ), T0; \
	FMA  YV, C0, T0; \
	MOV  T0, (PA0)(J*SZ); \
	ADDQ $LANES, J; \
	JMP  r1loop; \
r1tail: \
	CMPQ J, N; \
	JGE  r1next; \
	MASKMOV (PY)(J*SZ), MASK, YV; \
	YOP(MUL); \
	MASKMOV (PA0)(J*SZ), MASK, T0; \
	FMA  YV, C0, T0; \
	MASKMOV T0, MASK, (PA0)(J*SZ); \
r1next: \
	ADDQ LDA, PA0; \
	ADDQ $SZ, PX; \
	DECQ M; \
	JMP  rows1; \
done: \
	VZEROUPPER

// Ger: coefficient alpha·x[i], y as it is.
#define ALPHAX(MOVS, MULS, OFF, XR) MULS OFF(PX), X10, XR
#define ASIS(MUL)

// CubeGer: coefficient x[i]³ = (x[i]·x[i])·x[i], y³ likewise.
#define CUBEX(MOVS, MULS, OFF, XR) \
	MOVS OFF(PX), XR; \
	MULS XR, XR, X11; \
	MULS XR, X11, XR
#define CUBEY(MUL) \
	MUL YV, YV, TMP; \
	MUL TMP, YV, YV

// func ger64AVX2(m, n int, alpha float64, x, y, a *float64, lda int)
// Requires: AVX, AVX2, FMA
TEXT ·ger64AVX2(SB), NOSPLIT, $0-56
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSD alpha+16(FP), ALPHA
	MOVQ         x+24(FP), PX
	MOVQ         y+32(FP), PY
	MOVQ         a+40(FP), PA0
	MOVQ         lda+48(FP), LDA
	GER(VMOVUPD, VMASKMOVPD, VFMADD231PD, VMOVSD, VMULSD, VMULPD, VBROADCASTSD, 8, 3, 4, 8, 16, 24, 32, ALPHAX, ASIS)
	RET

// func ger32AVX2(m, n int, alpha float32, x, y, a *float32, lda int)
// Requires: AVX, AVX2, FMA
TEXT ·ger32AVX2(SB), NOSPLIT, $0-56
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSS alpha+16(FP), ALPHA
	MOVQ         x+24(FP), PX
	MOVQ         y+32(FP), PY
	MOVQ         a+40(FP), PA0
	MOVQ         lda+48(FP), LDA
	GER(VMOVUPS, VMASKMOVPS, VFMADD231PS, VMOVSS, VMULSS, VMULPS, VBROADCASTSS, 4, 2, 8, 4, 8, 12, 16, ALPHAX, ASIS)
	RET

// func cubeGer64AVX2(m, n int, x, y, a *float64, lda int)
// Requires: AVX, AVX2, FMA
TEXT ·cubeGer64AVX2(SB), NOSPLIT, $0-48
	MOVQ m+0(FP), M
	MOVQ n+8(FP), N
	MOVQ x+16(FP), PX
	MOVQ y+24(FP), PY
	MOVQ a+32(FP), PA0
	MOVQ lda+40(FP), LDA
	GER(VMOVUPD, VMASKMOVPD, VFMADD231PD, VMOVSD, VMULSD, VMULPD, VBROADCASTSD, 8, 3, 4, 8, 16, 24, 32, CUBEX, CUBEY)
	RET

// func cubeGer32AVX2(m, n int, x, y, a *float32, lda int)
// Requires: AVX, AVX2, FMA
TEXT ·cubeGer32AVX2(SB), NOSPLIT, $0-48
	MOVQ m+0(FP), M
	MOVQ n+8(FP), N
	MOVQ x+16(FP), PX
	MOVQ y+24(FP), PY
	MOVQ a+32(FP), PA0
	MOVQ lda+40(FP), LDA
	GER(VMOVUPS, VMASKMOVPS, VFMADD231PS, VMOVSS, VMULSS, VMULPS, VBROADCASTSS, 4, 2, 8, 4, 8, 12, 16, CUBEX, CUBEY)
	RET
