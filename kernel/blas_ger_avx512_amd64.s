//go:build !purego

#include "textflag.h"

// Ger (A += alpha·x·yᵀ) and CubeGer (A += x³·(y³)ᵀ) for AVX-512F.
//
// The AVX2 scheme (blas_ger_amd64.s) on ZMM vectors: four rows of A per
// pass, each vector of y loaded (and, for CubeGer, cubed) once and added
// into four rows with one FMA each, the row coefficient alpha·x[i] or
// x[i]³ broadcast in a register; the last m%4 rows go one at a time. The
// last n%LANES columns of every row are loaded (zeroing the other lanes)
// and stored under the opmask K1, so the cells between rows are never
// read or written.

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
#define C0 Z0
#define C1 Z1
#define C2 Z2
#define C3 Z3
#define YV Z4
#define T0 Z5
#define T1 Z6
#define T2 Z7
#define T3 Z8
#define ALPHA Z10
#define TMP Z11

// GER512 is the body of Ger and CubeGer, both precisions, after the
// arguments are loaded (LDA in elements; for Ger alpha broadcast in
// ALPHA): the instructions of one precision (MOVS, MULS scalar; MOV, MOVZ
// (zero-masking), MUL, FMA vector), element size SZ and its log2 SHIFT,
// LANES per vector, and the byte offsets O1..O3 and O4 of x[1..3] and
// x[4]. COEF(MOVS, MULS, OFF, XR) sets XR to the coefficient of the row
// whose x is at OFF(PX), and YOP(MUL) transforms the vector of y in YV.
// Labels are local to each TEXT.
#define GER512(MOV, MOVZ, FMA, MOVS, MULS, MUL, BCAST, SZ, SHIFT, LANES, O1, O2, O3, O4, COEF, YOP) \
	SHLQ $SHIFT, LDA; \
	/* K1 selects the last n%LANES columns. */ \
	MOVQ  N, CX; \
	ANDQ  $(LANES-1), CX; \
	MOVQ  $1, END; \
	SHLQ  CX, END; \
	DECQ  END; \
	KMOVQ END, K1; \
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
	/* The last n%LANES columns: loads and stores under K1. */ \
	CMPQ J, N; \
	JGE  r4next; \
	MOVZ (PY)(J*SZ), K1, YV; \
	YOP(MUL); \
	MOVZ (PA0)(J*SZ), K1, T0; \
	MOVZ (PA1)(J*SZ), K1, T1; \
	MOVZ (PA2)(J*SZ), K1, T2; \
	MOVZ (PA3)(J*SZ), K1, T3; \
	FMA  YV, C0, T0; \
	FMA  YV, C1, T1; \
	FMA  YV, C2, T2; \
	FMA  YV, C3, T3; \
	MOV  T0, K1, (PA0)(J*SZ); \
	MOV  T1, K1, (PA1)(J*SZ); \
	MOV  T2, K1, (PA2)(J*SZ); \
	MOV  T3, K1, (PA3)(J*SZ); \
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
	MOVZ (PY)(J*SZ), K1, YV; \
	YOP(MUL); \
	MOVZ (PA0)(J*SZ), K1, T0; \
	FMA  YV, C0, T0; \
	MOV  T0, K1, (PA0)(J*SZ); \
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

// func ger64AVX512(m, n int, alpha float64, x, y, a *float64, lda int)
// Requires: AVX512F, AVX512BW
TEXT ·ger64AVX512(SB), NOSPLIT, $0-56
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSD alpha+16(FP), ALPHA
	MOVQ         x+24(FP), PX
	MOVQ         y+32(FP), PY
	MOVQ         a+40(FP), PA0
	MOVQ         lda+48(FP), LDA
	GER512(VMOVUPD, VMOVUPD.Z, VFMADD231PD, VMOVSD, VMULSD, VMULPD, VBROADCASTSD, 8, 3, 8, 8, 16, 24, 32, ALPHAX, ASIS)
	RET

// func ger32AVX512(m, n int, alpha float32, x, y, a *float32, lda int)
// Requires: AVX512F, AVX512BW
TEXT ·ger32AVX512(SB), NOSPLIT, $0-56
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSS alpha+16(FP), ALPHA
	MOVQ         x+24(FP), PX
	MOVQ         y+32(FP), PY
	MOVQ         a+40(FP), PA0
	MOVQ         lda+48(FP), LDA
	GER512(VMOVUPS, VMOVUPS.Z, VFMADD231PS, VMOVSS, VMULSS, VMULPS, VBROADCASTSS, 4, 2, 16, 4, 8, 12, 16, ALPHAX, ASIS)
	RET

// func cubeGer64AVX512(m, n int, x, y, a *float64, lda int)
// Requires: AVX512F, AVX512BW
TEXT ·cubeGer64AVX512(SB), NOSPLIT, $0-48
	MOVQ m+0(FP), M
	MOVQ n+8(FP), N
	MOVQ x+16(FP), PX
	MOVQ y+24(FP), PY
	MOVQ a+32(FP), PA0
	MOVQ lda+40(FP), LDA
	GER512(VMOVUPD, VMOVUPD.Z, VFMADD231PD, VMOVSD, VMULSD, VMULPD, VBROADCASTSD, 8, 3, 8, 8, 16, 24, 32, CUBEX, CUBEY)
	RET

// func cubeGer32AVX512(m, n int, x, y, a *float32, lda int)
// Requires: AVX512F, AVX512BW
TEXT ·cubeGer32AVX512(SB), NOSPLIT, $0-48
	MOVQ m+0(FP), M
	MOVQ n+8(FP), N
	MOVQ x+16(FP), PX
	MOVQ y+24(FP), PY
	MOVQ a+32(FP), PA0
	MOVQ lda+40(FP), LDA
	GER512(VMOVUPS, VMOVUPS.Z, VFMADD231PS, VMOVSS, VMULSS, VMULPS, VBROADCASTSS, 4, 2, 16, 4, 8, 12, 16, CUBEX, CUBEY)
	RET
