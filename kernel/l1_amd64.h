// The main loops of the level-1 kernels of the amd64 tiers, one source
// for AVX2 (kernel_amd64.s, YMM vectors) and AVX-512 (kernel_avx512_amd64.s,
// ZMM vectors): four vectors, UNROLL = 4·LANES elements, per iteration,
// from J = 0 while J < n rounded down to UNROLL; they leave J at the first
// element not done and jump to blocks, where each file finishes its own
// way (whole vectors, then a masked tail). The including file defines the
// general registers PX, PY, N, J, END; the vectors ACC0-ACC3, V0-V3 and
// ALPHA of its width; and VB, the size of a vector in bytes.

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
