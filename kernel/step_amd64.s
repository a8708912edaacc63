//go:build !purego

#include "textflag.h"

// The element-wise parts of a time step, for AVX2: Leak (the leaky
// integration x += k·(e - x)) and Cube/CubeDiff (the cubes that feed the
// eligibility product). They use the operations of their generic twins in
// the same order (a subtraction, a multiplication, an addition; no fused
// multiply-add), so every tier gives bit-identical results. Tails go
// through VMASKMOVPD/VMASKMOVPS with the mask of the first n%4 (n%8) lanes.
//
// Each routine is one macro for both precisions, given the instructions
// (MOV, MASKMOV, SUB, MUL, ADD), the element size SZ, the lanes of a
// vector LANES and TWO = 2·LANES; labels are local to each TEXT.

#define PX SI
#define PY DI
#define PD R8
#define N CX
#define J AX
#define END BX
#define TBL DX
#define K Y15
#define MASK Y14

// TAILMASK loads the mask of the last n%LANES elements into MASK and
// leaves n%LANES in END (flags set: JZ when there is no tail).
#define TAILMASK(SZ, LANES) \
	MOVQ    N, END; \
	ANDQ    $(LANES-1), END; \
	JZ      done; \
	LEAQ    ·tailMaskAVX2+32(SB), TBL; \
	NEGQ    END; \
	VMOVDQU (TBL)(END*SZ), MASK

// LEAK: x = x + k·(e - x), x in PX, e in PY, k broadcast in K.
#define LEAK(MOV, MASKMOV, SUB, MUL, ADD, SZ, LANES, TWO) \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-TWO, END; \
loop: \
	CMPQ J, END; \
	JGE  one; \
	MOV  (PX)(J*SZ), Y0; \
	MOV  32(PX)(J*SZ), Y1; \
	MOV  (PY)(J*SZ), Y2; \
	MOV  32(PY)(J*SZ), Y3; \
	SUB  Y0, Y2, Y2; \
	SUB  Y1, Y3, Y3; \
	MUL  K, Y2, Y2; \
	MUL  K, Y3, Y3; \
	ADD  Y2, Y0, Y0; \
	ADD  Y3, Y1, Y1; \
	MOV  Y0, (PX)(J*SZ); \
	MOV  Y1, 32(PX)(J*SZ); \
	ADDQ $TWO, J; \
	JMP  loop; \
one: \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
	CMPQ J, END; \
	JGE  tail; \
	MOV  (PX)(J*SZ), Y0; \
	MOV  (PY)(J*SZ), Y2; \
	SUB  Y0, Y2, Y2; \
	MUL  K, Y2, Y2; \
	ADD  Y2, Y0, Y0; \
	MOV  Y0, (PX)(J*SZ); \
	ADDQ $LANES, J; \
tail: \
	TAILMASK(SZ, LANES); \
	MASKMOV (PX)(J*SZ), MASK, Y0; \
	MASKMOV (PY)(J*SZ), MASK, Y2; \
	SUB     Y0, Y2, Y2; \
	MUL     K, Y2, Y2; \
	ADD     Y2, Y0, Y0; \
	MASKMOV Y0, MASK, (PX)(J*SZ); \
done: \
	VZEROUPPER

// CUBE: dst = d³ as (d·d)·d, dst in PD, with d = x (PX) - y (PY) when
// SUBY and SUBYTAIL are WITHY and WITHYTAIL, or d = x when they are NOY and
// NOYTAIL.
#define CUBE(MOV, MASKMOV, SUB, MUL, SZ, LANES, TWO, SUBY, SUBYTAIL) \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-TWO, END; \
loop: \
	CMPQ J, END; \
	JGE  one; \
	MOV  (PX)(J*SZ), Y0; \
	MOV  32(PX)(J*SZ), Y1; \
	SUBY(SUB, (PY)(J*SZ), Y0); \
	SUBY(SUB, 32(PY)(J*SZ), Y1); \
	MUL  Y0, Y0, Y8; \
	MUL  Y1, Y1, Y9; \
	MUL  Y0, Y8, Y8; \
	MUL  Y1, Y9, Y9; \
	MOV  Y8, (PD)(J*SZ); \
	MOV  Y9, 32(PD)(J*SZ); \
	ADDQ $TWO, J; \
	JMP  loop; \
one: \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
	CMPQ J, END; \
	JGE  tail; \
	MOV  (PX)(J*SZ), Y0; \
	SUBY(SUB, (PY)(J*SZ), Y0); \
	MUL  Y0, Y0, Y8; \
	MUL  Y0, Y8, Y8; \
	MOV  Y8, (PD)(J*SZ); \
	ADDQ $LANES, J; \
tail: \
	TAILMASK(SZ, LANES); \
	MASKMOV (PX)(J*SZ), MASK, Y0; \
	SUBYTAIL(MASKMOV, SUB, SZ); \
	MUL     Y0, Y0, Y8; \
	MUL     Y0, Y8, Y8; \
	MASKMOV Y8, MASK, (PD)(J*SZ); \
done: \
	VZEROUPPER

// With y: Y0 -= y (a vector from memory; in the tail, masked into Y4).
#define WITHY(SUB, MEM, R) SUB MEM, R, R
#define WITHYTAIL(MASKMOV, SUB, SZ) \
	MASKMOV (PY)(J*SZ), MASK, Y4; \
	SUB     Y4, Y0, Y0

// Without y: nothing.
#define NOY(SUB, MEM, R)
#define NOYTAIL(MASKMOV, SUB, SZ)

// func leak64AVX2(k float64, e, x *float64, n int)
// Requires: AVX, AVX2
TEXT ·leak64AVX2(SB), NOSPLIT, $0-32
	VBROADCASTSD k+0(FP), K
	MOVQ         e+8(FP), PY
	MOVQ         x+16(FP), PX
	MOVQ         n+24(FP), N
	LEAK(VMOVUPD, VMASKMOVPD, VSUBPD, VMULPD, VADDPD, 8, 4, 8)
	RET

// func leak32AVX2(k float32, e, x *float32, n int)
// Requires: AVX, AVX2
TEXT ·leak32AVX2(SB), NOSPLIT, $0-32
	VBROADCASTSS k+0(FP), K
	MOVQ         e+8(FP), PY
	MOVQ         x+16(FP), PX
	MOVQ         n+24(FP), N
	LEAK(VMOVUPS, VMASKMOVPS, VSUBPS, VMULPS, VADDPS, 4, 8, 16)
	RET

// func cube64AVX2(dst, x *float64, n int)
// Requires: AVX, AVX2
TEXT ·cube64AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ n+16(FP), N
	CUBE(VMOVUPD, VMASKMOVPD, VSUBPD, VMULPD, 8, 4, 8, NOY, NOYTAIL)
	RET

// func cube32AVX2(dst, x *float32, n int)
// Requires: AVX, AVX2
TEXT ·cube32AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ n+16(FP), N
	CUBE(VMOVUPS, VMASKMOVPS, VSUBPS, VMULPS, 4, 8, 16, NOY, NOYTAIL)
	RET

// func cubeDiff64AVX2(dst, x, y *float64, n int)
// Requires: AVX, AVX2
TEXT ·cubeDiff64AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ y+16(FP), PY
	MOVQ n+24(FP), N
	CUBE(VMOVUPD, VMASKMOVPD, VSUBPD, VMULPD, 8, 4, 8, WITHY, WITHYTAIL)
	RET

// func cubeDiff32AVX2(dst, x, y *float32, n int)
// Requires: AVX, AVX2
TEXT ·cubeDiff32AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ y+16(FP), PY
	MOVQ n+24(FP), N
	CUBE(VMOVUPS, VMASKMOVPS, VSUBPS, VMULPS, 4, 8, 16, WITHY, WITHYTAIL)
	RET
