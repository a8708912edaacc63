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

// GER is the body of ger64AVX2 and ger32AVX2 after the arguments are
// loaded (alpha broadcast in ALPHA, LDA in elements): the instructions of
// one precision, element size SZ and its log2 SHIFT, LANES per vector,
// and the byte offsets O1..O3 and O4 of x[1..3] and x[4]. Labels are local
// to each TEXT.
#define GER(MOV, MASKMOV, FMA, MULS, BCAST, SZ, SHIFT, LANES, O1, O2, O3, O4) \
	SHLQ $SHIFT, LDA; \
	/* MASK selects the last n%LANES columns. */ \
	MOVQ N, END; \
	ANDQ $(LANES-1), END; \
	LEAQ ·tailMaskAVX2+32(SB), TBL; \
	NEGQ END; \
	VMOVDQU (TBL)(END*SZ), MASK; \
rows4: \
	/* Four rows at a time, coefficients alpha·x[i] broadcast. */ \
	CMPQ M, $4; \
	JL   rows1; \
	LEAQ (PA0)(LDA*1), PA1; \
	LEAQ (PA1)(LDA*1), PA2; \
	LEAQ (PA2)(LDA*1), PA3; \
	MULS (PX), X10, X0; \
	BCAST X0, C0; \
	MULS O1(PX), X10, X1; \
	BCAST X1, C1; \
	MULS O2(PX), X10, X2; \
	BCAST X2, C2; \
	MULS O3(PX), X10, X3; \
	BCAST X3, C3; \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
r4loop: \
	/* One vector of y per iteration into four rows. */ \
	CMPQ J, END; \
	JGE  r4tail; \
	MOV  (PY)(J*SZ), YV; \
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
	MULS (PX), X10, X0; \
	BCAST X0, C0; \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
r1loop: \
	CMPQ J, END; \
	JGE  r1tail; \
	MOV  (PY)(J*SZ), YV; \
	MOV  (PA0)(J*SZ), T0; \
	FMA  YV, C0, T0; \
	MOV  T0, (PA0)(J*SZ); \
	ADDQ $LANES, J; \
	JMP  r1loop; \
r1tail: \
	CMPQ J, N; \
	JGE  r1next; \
	MASKMOV (PY)(J*SZ), MASK, YV; \
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
	GER(VMOVUPD, VMASKMOVPD, VFMADD231PD, VMULSD, VBROADCASTSD, 8, 3, 4, 8, 16, 24, 32)
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
	GER(VMOVUPS, VMASKMOVPS, VFMADD231PS, VMULSS, VBROADCASTSS, 4, 2, 8, 4, 8, 12, 16)
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
	SHLQ $3, LDA

	// MASK selects the last n%4 columns.
	MOVQ N, END
	ANDQ $3, END
	LEAQ ·tailMaskAVX2+32(SB), TBL
	NEGQ END
	VMOVDQU (TBL)(END*8), MASK

	// Four rows at a time.
rows4:
	CMPQ M, $4
	JL   rows1
	LEAQ (PA0)(LDA*1), PA1
	LEAQ (PA1)(LDA*1), PA2
	LEAQ (PA2)(LDA*1), PA3

	// Row coefficients x[i]³ = (x[i]·x[i])·x[i], broadcast.
	VMOVSD (PX), X0
	VMULSD X0, X0, X11
	VMULSD X0, X11, X0
	VBROADCASTSD X0, C0
	VMOVSD 8(PX), X1
	VMULSD X1, X1, X11
	VMULSD X1, X11, X1
	VBROADCASTSD X1, C1
	VMOVSD 16(PX), X2
	VMULSD X2, X2, X11
	VMULSD X2, X11, X2
	VBROADCASTSD X2, C2
	VMOVSD 24(PX), X3
	VMULSD X3, X3, X11
	VMULSD X3, X11, X3
	VBROADCASTSD X3, C3
	XORQ J, J
	MOVQ N, END
	ANDQ $-4, END

	// One vector of y³ per iteration into four rows.
r4loop:
	CMPQ J, END
	JGE  r4tail
	VMOVUPD (PY)(J*8), YV
	VMULPD YV, YV, TMP
	VMULPD TMP, YV, YV
	VMOVUPD (PA0)(J*8), T0
	VMOVUPD (PA1)(J*8), T1
	VMOVUPD (PA2)(J*8), T2
	VMOVUPD (PA3)(J*8), T3
	VFMADD231PD YV, C0, T0
	VFMADD231PD YV, C1, T1
	VFMADD231PD YV, C2, T2
	VFMADD231PD YV, C3, T3
	VMOVUPD T0, (PA0)(J*8)
	VMOVUPD T1, (PA1)(J*8)
	VMOVUPD T2, (PA2)(J*8)
	VMOVUPD T3, (PA3)(J*8)
	ADDQ $4, J
	JMP  r4loop

	// The last n%4 columns: masked loads and stores.
r4tail:
	CMPQ J, N
	JGE  r4next
	VMASKMOVPD (PY)(J*8), MASK, YV
	VMULPD YV, YV, TMP
	VMULPD TMP, YV, YV
	VMASKMOVPD (PA0)(J*8), MASK, T0
	VMASKMOVPD (PA1)(J*8), MASK, T1
	VMASKMOVPD (PA2)(J*8), MASK, T2
	VMASKMOVPD (PA3)(J*8), MASK, T3
	VFMADD231PD YV, C0, T0
	VFMADD231PD YV, C1, T1
	VFMADD231PD YV, C2, T2
	VFMADD231PD YV, C3, T3
	VMASKMOVPD T0, MASK, (PA0)(J*8)
	VMASKMOVPD T1, MASK, (PA1)(J*8)
	VMASKMOVPD T2, MASK, (PA2)(J*8)
	VMASKMOVPD T3, MASK, (PA3)(J*8)

r4next:
	LEAQ (PA3)(LDA*1), PA0
	ADDQ $32, PX
	SUBQ $4, M
	JMP  rows4

	// The last m%4 rows one at a time.
rows1:
	CMPQ M, $0
	JLE  done
	VMOVSD (PX), X0
	VMULSD X0, X0, X11
	VMULSD X0, X11, X0
	VBROADCASTSD X0, C0
	XORQ J, J
	MOVQ N, END
	ANDQ $-4, END

r1loop:
	CMPQ J, END
	JGE  r1tail
	VMOVUPD (PY)(J*8), YV
	VMULPD YV, YV, TMP
	VMULPD TMP, YV, YV
	VMOVUPD (PA0)(J*8), T0
	VFMADD231PD YV, C0, T0
	VMOVUPD T0, (PA0)(J*8)
	ADDQ $4, J
	JMP  r1loop

r1tail:
	CMPQ J, N
	JGE  r1next
	VMASKMOVPD (PY)(J*8), MASK, YV
	VMULPD YV, YV, TMP
	VMULPD TMP, YV, YV
	VMASKMOVPD (PA0)(J*8), MASK, T0
	VFMADD231PD YV, C0, T0
	VMASKMOVPD T0, MASK, (PA0)(J*8)

r1next:
	ADDQ LDA, PA0
	ADDQ $8, PX
	DECQ M
	JMP  rows1

done:
	VZEROUPPER
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
	SHLQ $2, LDA

	// MASK selects the last n%8 columns.
	MOVQ N, END
	ANDQ $7, END
	LEAQ ·tailMaskAVX2+32(SB), TBL
	NEGQ END
	VMOVDQU (TBL)(END*4), MASK

	// Four rows at a time.
rows4:
	CMPQ M, $4
	JL   rows1
	LEAQ (PA0)(LDA*1), PA1
	LEAQ (PA1)(LDA*1), PA2
	LEAQ (PA2)(LDA*1), PA3

	// Row coefficients x[i]³ = (x[i]·x[i])·x[i], broadcast.
	VMOVSS (PX), X0
	VMULSS X0, X0, X11
	VMULSS X0, X11, X0
	VBROADCASTSS X0, C0
	VMOVSS 4(PX), X1
	VMULSS X1, X1, X11
	VMULSS X1, X11, X1
	VBROADCASTSS X1, C1
	VMOVSS 8(PX), X2
	VMULSS X2, X2, X11
	VMULSS X2, X11, X2
	VBROADCASTSS X2, C2
	VMOVSS 12(PX), X3
	VMULSS X3, X3, X11
	VMULSS X3, X11, X3
	VBROADCASTSS X3, C3
	XORQ J, J
	MOVQ N, END
	ANDQ $-8, END

	// One vector of y³ per iteration into four rows.
r4loop:
	CMPQ J, END
	JGE  r4tail
	VMOVUPS (PY)(J*4), YV
	VMULPS YV, YV, TMP
	VMULPS TMP, YV, YV
	VMOVUPS (PA0)(J*4), T0
	VMOVUPS (PA1)(J*4), T1
	VMOVUPS (PA2)(J*4), T2
	VMOVUPS (PA3)(J*4), T3
	VFMADD231PS YV, C0, T0
	VFMADD231PS YV, C1, T1
	VFMADD231PS YV, C2, T2
	VFMADD231PS YV, C3, T3
	VMOVUPS T0, (PA0)(J*4)
	VMOVUPS T1, (PA1)(J*4)
	VMOVUPS T2, (PA2)(J*4)
	VMOVUPS T3, (PA3)(J*4)
	ADDQ $8, J
	JMP  r4loop

	// The last n%8 columns: masked loads and stores.
r4tail:
	CMPQ J, N
	JGE  r4next
	VMASKMOVPS (PY)(J*4), MASK, YV
	VMULPS YV, YV, TMP
	VMULPS TMP, YV, YV
	VMASKMOVPS (PA0)(J*4), MASK, T0
	VMASKMOVPS (PA1)(J*4), MASK, T1
	VMASKMOVPS (PA2)(J*4), MASK, T2
	VMASKMOVPS (PA3)(J*4), MASK, T3
	VFMADD231PS YV, C0, T0
	VFMADD231PS YV, C1, T1
	VFMADD231PS YV, C2, T2
	VFMADD231PS YV, C3, T3
	VMASKMOVPS T0, MASK, (PA0)(J*4)
	VMASKMOVPS T1, MASK, (PA1)(J*4)
	VMASKMOVPS T2, MASK, (PA2)(J*4)
	VMASKMOVPS T3, MASK, (PA3)(J*4)

r4next:
	LEAQ (PA3)(LDA*1), PA0
	ADDQ $16, PX
	SUBQ $4, M
	JMP  rows4

	// The last m%4 rows one at a time.
rows1:
	CMPQ M, $0
	JLE  done
	VMOVSS (PX), X0
	VMULSS X0, X0, X11
	VMULSS X0, X11, X0
	VBROADCASTSS X0, C0
	XORQ J, J
	MOVQ N, END
	ANDQ $-8, END

r1loop:
	CMPQ J, END
	JGE  r1tail
	VMOVUPS (PY)(J*4), YV
	VMULPS YV, YV, TMP
	VMULPS TMP, YV, YV
	VMOVUPS (PA0)(J*4), T0
	VFMADD231PS YV, C0, T0
	VMOVUPS T0, (PA0)(J*4)
	ADDQ $8, J
	JMP  r1loop

r1tail:
	CMPQ J, N
	JGE  r1next
	VMASKMOVPS (PY)(J*4), MASK, YV
	VMULPS YV, YV, TMP
	VMULPS TMP, YV, YV
	VMASKMOVPS (PA0)(J*4), MASK, T0
	VFMADD231PS YV, C0, T0
	VMASKMOVPS T0, MASK, (PA0)(J*4)

r1next:
	ADDQ LDA, PA0
	ADDQ $4, PX
	DECQ M
	JMP  rows1

done:
	VZEROUPPER
	RET

#undef M
#undef N
#undef J
#undef PX
#undef PY
#undef PA0
#undef PA1
#undef PA2
#undef PA3
#undef LDA
#undef END
#undef TBL
#undef C0
#undef C1
#undef C2
#undef C3
#undef YV
#undef T0
#undef T1
#undef T2
#undef T3
#undef MASK
#undef ALPHA
#undef TMP
