// Opmask tails of the AVX-512 kernels, included by the *_avx512_amd64.s
// files of the level-1, step and MaskedUpdate kernels.

// TAILMASK sets KREG to the first n%LANES lanes, (1<<(n%LANES))-1, built
// in the general register TMP with the shift count in CX (n%LANES is left
// in CX). The zero flag is set when the mask is empty (n%LANES == 0: DECL
// gave 0, and KMOVW leaves the flags alone), so a JZ may follow. KMOVW
// writes 16 mask bits; an 8-lane instruction reads the low 8.
#define TAILMASK(N, LANES, TMP, KREG) \
	MOVQ  N, CX; \
	ANDQ  $(LANES-1), CX; \
	MOVL  $1, TMP; \
	SHLL  CX, TMP; \
	DECL  TMP; \
	KMOVW TMP, KREG

// NARROW jumps to LABEL when the tail (n%LANES, in CX after TAILMASK)
// fits in the low half of a vector. A tail then goes through YMM
// registers, so that its masked store spans at most 32 bytes, as in the
// AVX2 code: the masked-off lanes of a store still count as an overlap
// with later loads of the memory behind the slice (store forwarding then
// stalls), and a narrower store overlaps less of it.
#define NARROW(LANES, LABEL) \
	CMPQ CX, $(LANES/2); \
	JLE  LABEL
