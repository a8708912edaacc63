// The Ger and CubeGer kernels of the amd64 tiers, one source for AVX2
// (blas_ger_amd64.s, YMM vectors, VMASKMOV tails) and AVX-512
// (blas_ger_avx512_amd64.s, ZMM vectors, opmask tails).
//
// Four rows of A per pass: each vector of y is loaded (and, for CubeGer,
// cubed) once and added into four rows with one FMA each, the row
// coefficient alpha·x[i] or x[i]³ broadcast in a register. The last m%4
// rows go one at a time. The last n%LANES columns of every row are loaded
// and stored under a mask, so the cells between rows are never read or
// written.
//
// The including file defines the general registers M, N, J, PX, PY,
// PA0-PA3, LDA, END; the vector registers C0-C3, YV, T0-T3, ALPHA, TMP of
// its width; MASK, the mask operand of TLD and TST (a vector register for
// VMASKMOV, an opmask register for AVX-512); and GERMASK(SZ, LANES), which
// sets MASK to the first n%LANES lanes.

// GER is the body of Ger and CubeGer, both precisions, after the
// arguments are loaded (LDA in elements; for Ger alpha broadcast in
// ALPHA): the instructions of one precision (MOVS, MULS scalar; MOV, MUL,
// FMA vector; TLD and TST the masked load and store of a column tail),
// element size SZ and its log2 SHIFT, LANES per vector, and the byte
// offsets O1..O3 and O4 of x[1..3] and x[4]. COEF(MOVS, MULS, OFF, XR)
// sets XR to the coefficient of the row whose x is at OFF(PX), and
// YOP(MUL) transforms the vector of y in YV. Labels are local to each TEXT.
#define GER(MOV, TLD, TST, FMA, MOVS, MULS, MUL, BCAST, SZ, SHIFT, LANES, O1, O2, O3, O4, COEF, YOP) \
	SHLQ $SHIFT, LDA; \
	/* MASK selects the last n%LANES columns. */ \
	GERMASK(SZ, LANES); \
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
	TLD  (PY)(J*SZ), MASK, YV; \
	YOP(MUL); \
	TLD  (PA0)(J*SZ), MASK, T0; \
	TLD  (PA1)(J*SZ), MASK, T1; \
	TLD  (PA2)(J*SZ), MASK, T2; \
	TLD  (PA3)(J*SZ), MASK, T3; \
	FMA  YV, C0, T0; \
	FMA  YV, C1, T1; \
	FMA  YV, C2, T2; \
	FMA  YV, C3, T3; \
	TST  T0, MASK, (PA0)(J*SZ); \
	TST  T1, MASK, (PA1)(J*SZ); \
	TST  T2, MASK, (PA2)(J*SZ); \
	TST  T3, MASK, (PA3)(J*SZ); \
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
	TLD  (PY)(J*SZ), MASK, YV; \
	YOP(MUL); \
	TLD  (PA0)(J*SZ), MASK, T0; \
	FMA  YV, C0, T0; \
	TST  T0, MASK, (PA0)(J*SZ); \
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
