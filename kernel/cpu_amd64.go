//go:build !purego

package kernel

import "golang.org/x/sys/cpu"

// useAVX2 selects the AVX2+FMA kernels. x/sys/cpu reports AVX2 and FMA only
// when the operating system saves the YMM registers, and honours
// GODEBUG=cpu.avx2=off and cpu.fma=off.
//
// There is no AVX-512 tier: the machines this project is developed and
// tested on do not have AVX-512, and assembly that cannot be run in the
// test suite is not shipped.
var useAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

func tier() string {
	if useAVX2 {
		return "avx2"
	}
	return "generic"
}

// tiers lists the implementations this CPU can run, fastest first.
func tiers() []string {
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		return []string{"avx2", "generic"}
	}
	return []string{"generic"}
}

// setTier selects one of tiers() for a test and returns the function that
// restores the previous choice. It can only switch paths off: naming a
// tier the CPU lacks panics.
func setTier(name string) (restore func()) {
	old := useAVX2
	switch name {
	case "generic":
		useAVX2 = false
	case "avx2":
		if !(cpu.X86.HasAVX2 && cpu.X86.HasFMA) {
			panic("kernel: setTier: this CPU has no AVX2+FMA")
		}
		useAVX2 = true
	default:
		panic("kernel: setTier: unknown tier " + name)
	}
	return func() { useAVX2 = old }
}
