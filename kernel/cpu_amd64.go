//go:build !purego

package kernel

import "golang.org/x/sys/cpu"

// The tiers of amd64, fastest first. x/sys/cpu reports a feature only when
// the operating system saves the registers it needs (YMM for AVX2, ZMM and
// the opmask registers for AVX-512), and honours GODEBUG=cpu.avx512f=off,
// cpu.avx2=off and cpu.fma=off.
//
//   - avx512: AVX-512F with the VL, DQ and BW subsets (opmask tails on
//     bytes, words, dwords and qwords; 256-bit instructions on 32
//     registers), on top of avx2;
//   - avx2: AVX2 and FMA;
//   - generic: the Go code.
var (
	hasAVX2   = cpu.X86.HasAVX2 && cpu.X86.HasFMA
	hasAVX512 = hasAVX2 && cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL &&
		cpu.X86.HasAVX512DQ && cpu.X86.HasAVX512BW
)

// useAVX512 and useAVX2 select the assembly. useAVX512 implies useAVX2:
// a routine without an AVX-512 version runs its AVX2 one.
var (
	useAVX2   = hasAVX2
	useAVX512 = hasAVX512
)

func tier() string {
	switch {
	case useAVX512:
		return "avx512"
	case useAVX2:
		return "avx2"
	}
	return "generic"
}

// tiers lists the implementations this CPU can run, fastest first.
func tiers() []string {
	switch {
	case hasAVX512:
		return []string{"avx512", "avx2", "generic"}
	case hasAVX2:
		return []string{"avx2", "generic"}
	}
	return []string{"generic"}
}

// missingTiers names the assembly tiers of this architecture that this CPU
// (or GODEBUG) rules out, with the reason, so that the tests can say what
// they did not run.
func missingTiers() map[string]string {
	m := map[string]string{}
	if !hasAVX512 {
		m["avx512"] = "this CPU lacks AVX-512 F, VL, DQ or BW (or GODEBUG switched it off)"
	}
	if !hasAVX2 {
		m["avx2"] = "this CPU lacks AVX2 or FMA (or GODEBUG switched it off)"
	}
	return m
}

// setTier selects one of tiers() for a test and returns the function that
// restores the previous choice. It can only switch paths off: naming a
// tier the CPU lacks panics.
func setTier(name string) (restore func()) {
	old2, old512 := useAVX2, useAVX512
	switch name {
	case "generic":
		useAVX2, useAVX512 = false, false
	case "avx2":
		if !hasAVX2 {
			panic("kernel: setTier: this CPU has no AVX2+FMA")
		}
		useAVX2, useAVX512 = true, false
	case "avx512":
		if !hasAVX512 {
			panic("kernel: setTier: this CPU has no AVX-512 F/VL/DQ/BW")
		}
		useAVX2, useAVX512 = true, true
	default:
		panic("kernel: setTier: unknown tier " + name)
	}
	return func() { useAVX2, useAVX512 = old2, old512 }
}
