//go:build !purego

package kernel

// useNEON selects the NEON (Advanced SIMD) kernels, which every arm64 CPU
// has. It is a variable only so that tests can switch it off.
var useNEON = true

func tier() string {
	if useNEON {
		return "neon"
	}
	return "generic"
}

func tiers() []string { return []string{"neon", "generic"} }

// missingTiers is empty: every arm64 CPU has NEON.
func missingTiers() map[string]string { return nil }

// setTier selects one of tiers() for a test and returns the function that
// restores the previous choice.
func setTier(name string) (restore func()) {
	old := useNEON
	switch name {
	case "generic":
		useNEON = false
	case "neon":
		useNEON = true
	default:
		panic("kernel: setTier: unknown tier " + name)
	}
	return func() { useNEON = old }
}
