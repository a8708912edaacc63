//go:build !purego

#include "textflag.h"
#include "tail_avx512_amd64.h"

// The element-wise parts of a time step, for AVX-512 (F, VL): Leak (the leaky
// integration x += k·(e - x)) and Cube/CubeDiff (the cubes that feed the
// eligibility product). They use the operations of their generic twins in
// the same order (a subtraction, a multiplication, an addition; no fused
// multiply-add), so every tier gives bit-identical results. The last
// n%LANES elements are loaded with zeroing masks and stored under the mask
// K1 = (1<<(n%LANES))-1, so nothing outside the slices is read or written;
// a tail of at most LANES/2 elements goes through YMM registers (NARROW).
//
// Each routine is one macro for both precisions, given the instructions
// (MOV, MOVZ its zeroing-masked form, SUB, MUL, ADD), the element size SZ,
// the lanes of a vector LANES and TWO = 2·LANES; labels are local to each
// TEXT.

#define PX SI
#define PY DI
#define PD R9
#define N R8
#define J AX
#define END BX
#define K Z15

// TAILK sets K1 to the first n%LANES lanes and jumps to done when there
// is no tail.
#define TAILK(LANES) \
	TAILMASK(N, LANES, END, K1); \
	JZ done

// LEAK: x = x + k·(e - x), x in PX, e in PY, k broadcast in K.
#define LEAK(MOV, MOVZ, SUB, MUL, ADD, SZ, LANES, TWO) \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-TWO, END; \
loop: \
	CMPQ J, END; \
	JGE  one; \
	MOV  (PX)(J*SZ), Z0; \
	MOV  64(PX)(J*SZ), Z1; \
	MOV  (PY)(J*SZ), Z2; \
	MOV  64(PY)(J*SZ), Z3; \
	SUB  Z0, Z2, Z2; \
	SUB  Z1, Z3, Z3; \
	MUL  K, Z2, Z2; \
	MUL  K, Z3, Z3; \
	ADD  Z2, Z0, Z0; \
	ADD  Z3, Z1, Z1; \
	MOV  Z0, (PX)(J*SZ); \
	MOV  Z1, 64(PX)(J*SZ); \
	ADDQ $TWO, J; \
	JMP  loop; \
one: \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
	CMPQ J, END; \
	JGE  tail; \
	MOV  (PX)(J*SZ), Z0; \
	MOV  (PY)(J*SZ), Z2; \
	SUB  Z0, Z2, Z2; \
	MUL  K, Z2, Z2; \
	ADD  Z2, Z0, Z0; \
	MOV  Z0, (PX)(J*SZ); \
	ADDQ $LANES, J; \
tail: \
	TAILK(LANES); \
	NARROW(LANES, narrow); \
	LEAKTAIL(MOV, MOVZ, SUB, MUL, ADD, SZ, Z0, Z2, Z15); \
	JMP  done; \
narrow: \
	LEAKTAIL(MOV, MOVZ, SUB, MUL, ADD, SZ, Y0, Y2, Y15); \
done: \
	VZEROUPPER

// LEAKTAIL is the tail of LEAK under K1 in registers A and B, with k in
// KR: ZMM registers, or their YMM halves when the tail fits in half a
// vector (NARROW).
#define LEAKTAIL(MOV, MOVZ, SUB, MUL, ADD, SZ, A, B, KR) \
	MOVZ (PX)(J*SZ), K1, A; \
	MOVZ (PY)(J*SZ), K1, B; \
	SUB  A, B, B; \
	MUL  KR, B, B; \
	ADD  B, A, A; \
	MOV  A, K1, (PX)(J*SZ)

// CUBE: dst = d³ as (d·d)·d, dst in PD, with d = x (PX) - y (PY) when
// SUBY and SUBYTAIL are WITHY and WITHYTAIL, or d = x when they are NOY and
// NOYTAIL.
#define CUBE(MOV, MOVZ, SUB, MUL, SZ, LANES, TWO, SUBY, SUBYTAIL) \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-TWO, END; \
loop: \
	CMPQ J, END; \
	JGE  one; \
	MOV  (PX)(J*SZ), Z0; \
	MOV  64(PX)(J*SZ), Z1; \
	SUBY(SUB, (PY)(J*SZ), Z0); \
	SUBY(SUB, 64(PY)(J*SZ), Z1); \
	MUL  Z0, Z0, Z8; \
	MUL  Z1, Z1, Z9; \
	MUL  Z0, Z8, Z8; \
	MUL  Z1, Z9, Z9; \
	MOV  Z8, (PD)(J*SZ); \
	MOV  Z9, 64(PD)(J*SZ); \
	ADDQ $TWO, J; \
	JMP  loop; \
one: \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
	CMPQ J, END; \
	JGE  tail; \
	MOV  (PX)(J*SZ), Z0; \
	SUBY(SUB, (PY)(J*SZ), Z0); \
	MUL  Z0, Z0, Z8; \
	MUL  Z0, Z8, Z8; \
	MOV  Z8, (PD)(J*SZ); \
	ADDQ $LANES, J; \
tail: \
	TAILK(LANES); \
	NARROW(LANES, narrow); \
	CUBETAIL(MOV, MOVZ, SUB, MUL, SZ, SUBYTAIL, Z0, Z8, Z4); \
	JMP  done; \
narrow: \
	CUBETAIL(MOV, MOVZ, SUB, MUL, SZ, SUBYTAIL, Y0, Y8, Y4); \
done: \
	VZEROUPPER

// CUBETAIL is the tail of CUBE under K1 in registers A, B and C (for y):
// ZMM registers, or their YMM halves when the tail fits in half a vector
// (NARROW).
#define CUBETAIL(MOV, MOVZ, SUB, MUL, SZ, SUBYTAIL, A, B, C) \
	MOVZ (PX)(J*SZ), K1, A; \
	SUBYTAIL(MOVZ, SUB, SZ, A, C); \
	MUL  A, A, B; \
	MUL  A, B, B; \
	MOV  B, K1, (PD)(J*SZ)

// With y: R -= y (a vector from memory; in the tail, loaded under K1
// into C).
#define WITHY(SUB, MEM, R) SUB MEM, R, R
#define WITHYTAIL(MOVZ, SUB, SZ, R, C) \
	MOVZ (PY)(J*SZ), K1, C; \
	SUB  C, R, R

// Without y: nothing.
#define NOY(SUB, MEM, R)
#define NOYTAIL(MOVZ, SUB, SZ, R, C)

// func leak64AVX512(k float64, e, x *float64, n int)
// Requires: AVX512F, AVX512VL
TEXT ·leak64AVX512(SB), NOSPLIT, $0-32
	VBROADCASTSD k+0(FP), K
	MOVQ         e+8(FP), PY
	MOVQ         x+16(FP), PX
	MOVQ         n+24(FP), N
	LEAK(VMOVUPD, VMOVUPD.Z, VSUBPD, VMULPD, VADDPD, 8, 8, 16)
	RET

// func leak32AVX512(k float32, e, x *float32, n int)
// Requires: AVX512F, AVX512VL
TEXT ·leak32AVX512(SB), NOSPLIT, $0-32
	VBROADCASTSS k+0(FP), K
	MOVQ         e+8(FP), PY
	MOVQ         x+16(FP), PX
	MOVQ         n+24(FP), N
	LEAK(VMOVUPS, VMOVUPS.Z, VSUBPS, VMULPS, VADDPS, 4, 16, 32)
	RET

// func cube64AVX512(dst, x *float64, n int)
// Requires: AVX512F, AVX512VL
TEXT ·cube64AVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ n+16(FP), N
	CUBE(VMOVUPD, VMOVUPD.Z, VSUBPD, VMULPD, 8, 8, 16, NOY, NOYTAIL)
	RET

// func cube32AVX512(dst, x *float32, n int)
// Requires: AVX512F, AVX512VL
TEXT ·cube32AVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ n+16(FP), N
	CUBE(VMOVUPS, VMOVUPS.Z, VSUBPS, VMULPS, 4, 16, 32, NOY, NOYTAIL)
	RET

// func cubeDiff64AVX512(dst, x, y *float64, n int)
// Requires: AVX512F, AVX512VL
TEXT ·cubeDiff64AVX512(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ y+16(FP), PY
	MOVQ n+24(FP), N
	CUBE(VMOVUPD, VMOVUPD.Z, VSUBPD, VMULPD, 8, 8, 16, WITHY, WITHYTAIL)
	RET

// func cubeDiff32AVX512(dst, x, y *float32, n int)
// Requires: AVX512F, AVX512VL
TEXT ·cubeDiff32AVX512(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ y+16(FP), PY
	MOVQ n+24(FP), N
	CUBE(VMOVUPS, VMOVUPS.Z, VSUBPS, VMULPS, 4, 16, 32, WITHY, WITHYTAIL)
	RET

#undef PX
#undef PY
#undef PD
#undef N
#undef J
#undef END
#undef K
