// The parts of the level-1 kernels (Dot, Axpy, Scal) that the amd64 tiers
// share, one source for AVX2 (kernel_amd64.s, YMM vectors) and AVX-512
// (kernel_avx512_amd64.s, ZMM vectors); each file keeps its own way of
// finishing after the main loop (a loop or straight-line whole vectors,
// then a VMASKMOV or opmask tail).
//
// The main loops do four vectors, UNROLL = 4·LANES elements, per
// iteration, from J = 0 while J < n rounded down to UNROLL; they leave J
// at the first element not done and jump to blocks. The including file
// defines the general registers PX, PY, N, J, END; the vectors ACC0-ACC3,
// V0-V3 and ALPHA of its width; VB, the size of a vector in bytes; and
// FOLD (see REDUCE64).

// DOTLOOP: ACC0-ACC3 (zeroed with XOR) += x·y, four independent
// accumulators to hide the FMA latency.
#define DOTLOOP(MOV, FMA, XOR, SZ, UNROLL) \
	XOR  ACC0, ACC0, ACC0; \
	XOR  ACC1, ACC1, ACC1; \
	XOR  ACC2, ACC2, ACC2; \
	XOR  ACC3, ACC3, ACC3; \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-UNROLL, END; \
loop: \
	CMPQ J, END; \
	JGE  blocks; \
	MOV  (PX)(J*SZ), V0; \
	MOV  VB(PX)(J*SZ), V1; \
	MOV  2*VB(PX)(J*SZ), V2; \
	MOV  3*VB(PX)(J*SZ), V3; \
	FMA  (PY)(J*SZ), V0, ACC0; \
	FMA  VB(PY)(J*SZ), V1, ACC1; \
	FMA  2*VB(PY)(J*SZ), V2, ACC2; \
	FMA  3*VB(PY)(J*SZ), V3, ACC3; \
	ADDQ $UNROLL, J; \
	JMP  loop

// AXPYLOOP: y += alpha·x, alpha broadcast in ALPHA.
#define AXPYLOOP(MOV, FMA, SZ, UNROLL) \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-UNROLL, END; \
loop: \
	CMPQ J, END; \
	JGE  blocks; \
	MOV  (PY)(J*SZ), V0; \
	MOV  VB(PY)(J*SZ), V1; \
	MOV  2*VB(PY)(J*SZ), V2; \
	MOV  3*VB(PY)(J*SZ), V3; \
	FMA  (PX)(J*SZ), ALPHA, V0; \
	FMA  VB(PX)(J*SZ), ALPHA, V1; \
	FMA  2*VB(PX)(J*SZ), ALPHA, V2; \
	FMA  3*VB(PX)(J*SZ), ALPHA, V3; \
	MOV  V0, (PY)(J*SZ); \
	MOV  V1, VB(PY)(J*SZ); \
	MOV  V2, 2*VB(PY)(J*SZ); \
	MOV  V3, 3*VB(PY)(J*SZ); \
	ADDQ $UNROLL, J; \
	JMP  loop

// SCALLOOP: x *= alpha, alpha broadcast in ALPHA.
#define SCALLOOP(MOV, MUL, SZ, UNROLL) \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-UNROLL, END; \
loop: \
	CMPQ J, END; \
	JGE  blocks; \
	MUL  (PX)(J*SZ), ALPHA, V0; \
	MUL  VB(PX)(J*SZ), ALPHA, V1; \
	MUL  2*VB(PX)(J*SZ), ALPHA, V2; \
	MUL  3*VB(PX)(J*SZ), ALPHA, V3; \
	MOV  V0, (PX)(J*SZ); \
	MOV  V1, VB(PX)(J*SZ); \
	MOV  V2, 2*VB(PX)(J*SZ); \
	MOV  V3, 3*VB(PX)(J*SZ); \
	ADDQ $UNROLL, J; \
	JMP  loop

// REDUCE64 and REDUCE32 sum ACC0-ACC3 into ACC0, which must be register
// 0 of its width (Y0 or Z0), and then its lanes into the low lane of X0,
// with register 1 as scratch. FOLD(ADD), defined by the including file,
// first adds the upper half of Z0 into Y0, or does nothing for YMM
// vectors.
#define REDUCE64 \
	VADDPD       ACC1, ACC0, ACC0; \
	VADDPD       ACC3, ACC2, ACC2; \
	VADDPD       ACC2, ACC0, ACC0; \
	FOLD(VADDPD); \
	VEXTRACTF128 $1, Y0, X1; \
	VADDPD       X1, X0, X0; \
	VHADDPD      X0, X0, X0

#define REDUCE32 \
	VADDPS       ACC1, ACC0, ACC0; \
	VADDPS       ACC3, ACC2, ACC2; \
	VADDPS       ACC2, ACC0, ACC0; \
	FOLD(VADDPS); \
	VEXTRACTF128 $1, Y0, X1; \
	VADDPS       X1, X0, X0; \
	VHADDPS      X0, X0, X0; \
	VHADDPS      X0, X0, X0

// AXPYONE and SCALONE do one whole vector at J in V, for the loops after
// the main one.
#define AXPYONE(MOV, FMA, SZ, V) \
	MOV (PY)(J*SZ), V; \
	FMA (PX)(J*SZ), ALPHA, V; \
	MOV V, (PY)(J*SZ)

#define SCALONE(MOV, MUL, SZ, V) \
	MUL (PX)(J*SZ), ALPHA, V; \
	MOV V, (PX)(J*SZ)
