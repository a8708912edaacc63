// Leak and Cube/CubeDiff of the amd64 tiers, one source for AVX2
// (step_amd64.s, YMM vectors, VMASKMOV tails) and AVX-512
// (step_avx512_amd64.s, ZMM vectors, opmask tails). They use the
// operations of their generic twins in the same order (a subtraction, a
// multiplication, an addition; no fused multiply-add), so every tier gives
// bit-identical results.
//
// Each routine is one macro for both precisions, given the instructions
// (MOV; TLD and TST, the masked load and store of the tail; SUB, MUL,
// ADD), the element size SZ, the lanes of a vector LANES and TWO =
// 2·LANES; labels are local to each TEXT. The including file defines the
// general registers PX, PY, PD, N, J, END; the vectors V0-V3, W0, W1 and
// K (k broadcast) of its width and VB, their size in bytes; MASK, the
// mask operand of TLD and TST; and the tails LEAKTAIL and CUBETAIL (below),
// which set MASK to the first n%LANES lanes, jump to done when there are
// none, and compute them with LEAKPART or CUBEPART.

// LEAK: x = x + k·(e - x), x in PX, e in PY, k broadcast in K.
#define LEAK(MOV, TLD, TST, SUB, MUL, ADD, SZ, LANES, TWO) \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-TWO, END; \
loop: \
	CMPQ J, END; \
	JGE  one; \
	MOV  (PX)(J*SZ), V0; \
	MOV  VB(PX)(J*SZ), V1; \
	MOV  (PY)(J*SZ), V2; \
	MOV  VB(PY)(J*SZ), V3; \
	SUB  V0, V2, V2; \
	SUB  V1, V3, V3; \
	MUL  K, V2, V2; \
	MUL  K, V3, V3; \
	ADD  V2, V0, V0; \
	ADD  V3, V1, V1; \
	MOV  V0, (PX)(J*SZ); \
	MOV  V1, VB(PX)(J*SZ); \
	ADDQ $TWO, J; \
	JMP  loop; \
one: \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
	CMPQ J, END; \
	JGE  tail; \
	MOV  (PX)(J*SZ), V0; \
	MOV  (PY)(J*SZ), V2; \
	SUB  V0, V2, V2; \
	MUL  K, V2, V2; \
	ADD  V2, V0, V0; \
	MOV  V0, (PX)(J*SZ); \
	ADDQ $LANES, J; \
tail: \
	LEAKTAIL(TLD, TST, SUB, MUL, ADD, SZ, LANES); \
done: \
	VZEROUPPER

// LEAKPART is the tail of LEAK under MASK in registers A and B, with k in
// KR.
#define LEAKPART(TLD, TST, SUB, MUL, ADD, SZ, A, B, KR) \
	TLD (PX)(J*SZ), MASK, A; \
	TLD (PY)(J*SZ), MASK, B; \
	SUB A, B, B; \
	MUL KR, B, B; \
	ADD B, A, A; \
	TST A, MASK, (PX)(J*SZ)

// CUBE: dst = d³ as (d·d)·d, dst in PD, with d = x (PX) - y (PY) when
// SUBY and SUBYTAIL are WITHY and WITHYTAIL, or d = x when they are NOY and
// NOYTAIL.
#define CUBE(MOV, TLD, TST, SUB, MUL, SZ, LANES, TWO, SUBY, SUBYTAIL) \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-TWO, END; \
loop: \
	CMPQ J, END; \
	JGE  one; \
	MOV  (PX)(J*SZ), V0; \
	MOV  VB(PX)(J*SZ), V1; \
	SUBY(SUB, (PY)(J*SZ), V0); \
	SUBY(SUB, VB(PY)(J*SZ), V1); \
	MUL  V0, V0, W0; \
	MUL  V1, V1, W1; \
	MUL  V0, W0, W0; \
	MUL  V1, W1, W1; \
	MOV  W0, (PD)(J*SZ); \
	MOV  W1, VB(PD)(J*SZ); \
	ADDQ $TWO, J; \
	JMP  loop; \
one: \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
	CMPQ J, END; \
	JGE  tail; \
	MOV  (PX)(J*SZ), V0; \
	SUBY(SUB, (PY)(J*SZ), V0); \
	MUL  V0, V0, W0; \
	MUL  V0, W0, W0; \
	MOV  W0, (PD)(J*SZ); \
	ADDQ $LANES, J; \
tail: \
	CUBETAIL(TLD, TST, SUB, MUL, SZ, LANES, SUBYTAIL); \
done: \
	VZEROUPPER

// CUBEPART is the tail of CUBE under MASK in registers A, B and C (for
// y).
#define CUBEPART(TLD, TST, SUB, MUL, SZ, SUBYTAIL, A, B, C) \
	TLD (PX)(J*SZ), MASK, A; \
	SUBYTAIL(TLD, SUB, SZ, A, C); \
	MUL A, A, B; \
	MUL A, B, B; \
	TST B, MASK, (PD)(J*SZ)

// With y: R -= y (a vector from memory; in the tail, loaded under MASK
// into C).
#define WITHY(SUB, MEM, R) SUB MEM, R, R
#define WITHYTAIL(TLD, SUB, SZ, R, C) \
	TLD (PY)(J*SZ), MASK, C; \
	SUB C, R, R

// Without y: nothing.
#define NOY(SUB, MEM, R)
#define NOYTAIL(TLD, SUB, SZ, R, C)
