// NEON instructions that Go's arm64 assembler lacks, and small helpers
// shared by the *_arm64.s files.
//
// Go's arm64 assembler has VFMLA and VFMLS but no other floating-point
// vector arithmetic, so the missing instructions are WORD encodings. Their
// arguments are register numbers (0-31), in the Go operand order: source
// m, source n, destination d. SZ is the precision of the lanes, bit 22 of
// every encoding here: 1 for two float64 lanes (.D2), 0 for four float32
// lanes (.S4).

// VFADD: Vd = Vn + Vm
#define VFADD(SZ, m, n, d) WORD $(0x4E20D400 | ((SZ)<<22) | ((m)<<16) | ((n)<<5) | (d))
// VFSUB: Vd = Vn - Vm
#define VFSUB(SZ, m, n, d) WORD $(0x4EA0D400 | ((SZ)<<22) | ((m)<<16) | ((n)<<5) | (d))
// VFMUL: Vd = Vn · Vm
#define VFMUL(SZ, m, n, d) WORD $(0x6E20DC00 | ((SZ)<<22) | ((m)<<16) | ((n)<<5) | (d))
// VFDIV: Vd = Vn / Vm
#define VFDIV(SZ, m, n, d) WORD $(0x6E20FC00 | ((SZ)<<22) | ((m)<<16) | ((n)<<5) | (d))
// VFADDP: pairwise, Vd = [n0+n1, (n2+n3,) m0+m1(, m2+m3)]
#define VFADDP(SZ, m, n, d) WORD $(0x6E20D400 | ((SZ)<<22) | ((m)<<16) | ((n)<<5) | (d))
// FADDP2: scalar Dd (or Sd) = n0 + n1
#define FADDP2(SZ, n, d) WORD $(0x7E30D800 | ((SZ)<<22) | ((n)<<5) | (d))
// VFCMEQ: Vd = all ones in the lanes where n == m
#define VFCMEQ(SZ, m, n, d) WORD $(0x4E20E400 | ((SZ)<<22) | ((m)<<16) | ((n)<<5) | (d))
// VFCMEQZ: Vd = all ones in the lanes where n == 0
#define VFCMEQZ(SZ, n, d) WORD $(0x4EA0D800 | ((SZ)<<22) | ((n)<<5) | (d))
// VFCMGT: Vd = all ones in the lanes where n > m
#define VFCMGT(SZ, m, n, d) WORD $(0x6EA0E400 | ((SZ)<<22) | ((m)<<16) | ((n)<<5) | (d))
// VFMIN, VFMAX: lane-wise minimum and maximum (NaN if either is NaN)
#define VFMIN(SZ, m, n, d) WORD $(0x4EA0F400 | ((SZ)<<22) | ((m)<<16) | ((n)<<5) | (d))
#define VFMAX(SZ, m, n, d) WORD $(0x4E20F400 | ((SZ)<<22) | ((m)<<16) | ((n)<<5) | (d))
// VFABS: Vd = |Vn|
#define VFABS(SZ, n, d) WORD $(0x4EA0F800 | ((SZ)<<22) | ((n)<<5) | (d))
// VFCVTNS: to integers of the lane width, rounding to nearest (ties to even)
#define VFCVTNS(SZ, n, d) WORD $(0x4E21A800 | ((SZ)<<22) | ((n)<<5) | (d))
// VSCVTF: integers of the lane width to floating point
#define VSCVTF(SZ, n, d) WORD $(0x4E21D800 | ((SZ)<<22) | ((n)<<5) | (d))

// FCVTL Vd.2D, Vn.2S: lanes 0-1 of n widened to float64
#define FCVTL(n, d) WORD $(0x0E617800 | ((n)<<5) | (d))
// FCVTL2 Vd.2D, Vn.4S: lanes 2-3 of n widened to float64
#define FCVTL2(n, d) WORD $(0x4E617800 | ((n)<<5) | (d))
// FCVTN Vd.2S, Vn.2D: float64 lanes narrowed to lanes 0-1, upper half zeroed
#define FCVTN(n, d) WORD $(0x0E616800 | ((n)<<5) | (d))

// Clearing vector registers.
#define ZERO(v) VEOR v.B16, v.B16, v.B16
#define ZERO4(a, b, c, d) \
	ZERO(a); \
	ZERO(b); \
	ZERO(c); \
	ZERO(d)

// HSUM64 and HSUM32 add the lanes of V(v) into its lane 0 (so F(v) holds
// the sum): one pairwise add of two float64 lanes, or two of four float32
// lanes.
#define HSUM64(v) FADDP2(1, v, v)
#define HSUM32(v) VFADDP(0, v, v, v); FADDP2(0, v, v)

// NOHOOK stands for a per-precision step that one precision does not need.
#define NOHOOK(SZ)

// AXPYLOOP is the column loop of Axpy, Ger and CubeGer: y[j] += s·f(x[j])
// for CNT elements, x read at XP, y read at YP and written at YW, s in
// every lane of VS (and in FS). VEC4, VEC1 and ONE apply f in place to x
// in V0-V3, V0 or F0 (NOHOOK for f(x) = x). Four vectors per step, then
// one, then one element at a time in lane 0 (a scalar load zeroes the
// other lanes); it ends at label END. Parameters as in kernel_arm64.s.
#define AXPYLOOP(ARR, LANES, FMOV, FMUL, FMADD, ESZ, SZ, VS, FS, XP, YP, YW, CNT, VEC4, VEC1, ONE, END) \
four: \
	CMP    $(4*LANES), CNT; \
	BLT    one; \
	VLD1.P 64(XP), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]; \
	VLD1.P 64(YP), [V4.ARR, V5.ARR, V6.ARR, V7.ARR]; \
	VEC4(SZ); \
	VFMLA  VS.ARR, V0.ARR, V4.ARR; \
	VFMLA  VS.ARR, V1.ARR, V5.ARR; \
	VFMLA  VS.ARR, V2.ARR, V6.ARR; \
	VFMLA  VS.ARR, V3.ARR, V7.ARR; \
	VST1.P [V4.ARR, V5.ARR, V6.ARR, V7.ARR], 64(YW); \
	SUB    $(4*LANES), CNT; \
	B      four; \
one: \
	CMP    $LANES, CNT; \
	BLT    single; \
	VLD1.P 16(XP), [V0.ARR]; \
	VLD1.P 16(YP), [V4.ARR]; \
	VEC1(SZ); \
	VFMLA  VS.ARR, V0.ARR, V4.ARR; \
	VST1.P [V4.ARR], 16(YW); \
	SUB    $LANES, CNT; \
	B      one; \
single: \
	CBZ    CNT, END; \
	FMOV.P ESZ(XP), F0; \
	FMOV.P ESZ(YP), F4; \
	ONE(FMUL); \
	FMADD  FS, F4, F0, F4; \
	FMOV.P F4, ESZ(YW); \
	SUB    $1, CNT; \
	B      single
