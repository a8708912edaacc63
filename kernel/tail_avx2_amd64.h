// VMASKMOV tails of the AVX2 kernels, included by the *_amd64.s files of
// the AVX2 tier. tailMaskAVX2 is defined in kernel_amd64.s.

// MASKAVX2 loads into mreg the VMASKMOVPD/VMASKMOVPS mask of the first
// n%lanes lanes of sz-byte elements, the 32 bytes at
// tailMaskAVX2+32-sz·(n%lanes) (all zero when n%lanes is 0). The general
// registers cnt (left at -(n%lanes)) and tbl are clobbered.
#define MASKAVX2(n, sz, lanes, cnt, tbl, mreg) \
	MOVQ n, cnt; \
	ANDQ $(lanes-1), cnt; \
	LOADMASKAVX2(sz, cnt, tbl, mreg)

// TAILAVX2 is MASKAVX2, but jumps to label first when n%lanes is 0.
#define TAILAVX2(n, sz, lanes, cnt, tbl, mreg, label) \
	MOVQ n, cnt; \
	ANDQ $(lanes-1), cnt; \
	JZ   label; \
	LOADMASKAVX2(sz, cnt, tbl, mreg)

#define LOADMASKAVX2(sz, cnt, tbl, mreg) \
	LEAQ    ·tailMaskAVX2+32(SB), tbl; \
	NEGQ    cnt; \
	VMOVDQU (tbl)(cnt*sz), mreg
