package plot

import (
	"math"
	"strconv"
	"strings"
)

// Tick is one axis tick. Label is empty for minor (unlabelled) ticks. When
// Exp is set the label is rendered as Label followed by 10 raised to *Exp
// (Label is then a mantissa prefix such as "2×", or empty for a plain power
// of ten).
type Tick struct {
	Value float64
	Label string
	Exp   *int
	Major bool
}

// Text returns the label as plain text, with a power of ten written as 10^k.
func (t Tick) Text() string {
	if t.Exp == nil {
		return t.Label
	}
	return t.Label + "10^" + strconv.Itoa(*t.Exp)
}

// niceStep returns the smallest step of the form m·10^e (m ∈ {1, 2, 5}) that
// is at least raw, as (m, e).
func niceStep(raw float64) (m float64, e int) {
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1, 0
	}
	e = int(math.Floor(math.Log10(raw)))
	f := raw / math.Pow(10, float64(e))
	// Guard against rounding in Log10/Pow (e.g. raw = 1000 → f = 0.999…).
	switch {
	case f <= 1+1e-9:
		m = 1
	case f <= 2+1e-9:
		m = 2
	case f <= 5+1e-9:
		m = 5
	default:
		m, e = 1, e+1
	}
	return m, e
}

// stepValue returns k·m·10^e computed so that decimal values come out as the
// nearest float64 (3·0.1 gives 0.3, not 0.30000000000000004).
func stepValue(k, m float64, e int) float64 {
	if e < 0 {
		return k * m / math.Pow(10, float64(-e))
	}
	return k * m * math.Pow(10, float64(e))
}

// expandRange makes a zero-width or inverted range usable.
func expandRange(lo, hi float64) (float64, float64) {
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		d := math.Abs(lo) * 0.1
		if d == 0 {
			d = 1
		}
		lo, hi = lo-d, hi+d
	}
	return lo, hi
}

// LinearTicks returns ticks at "nice" values (1, 2 or 5 times a power of ten)
// inside [lo, hi], about target of them (never more than target+1). All
// returned ticks are labelled and major. A zero-width range is widened around
// its value.
func LinearTicks(lo, hi float64, target int) []Tick {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil
	}
	if target < 2 {
		target = 2
	}
	lo, hi = expandRange(lo, hi)
	span := hi - lo
	if math.IsInf(span, 0) {
		span = hi/2 - lo/2
		span *= 2
	}
	m, e := niceStep(span / float64(target))
	var vals []float64
	// A narrow range may hold fewer than two multiples of the step: step
	// down through the 1-2-5 sequence until it holds two.
	for try := 0; try < 4; try++ {
		vals = tickValues(lo, hi, m, e)
		if len(vals) >= 2 {
			break
		}
		switch m {
		case 5:
			m = 2
		case 2:
			m = 1
		default:
			m, e = 5, e-1
		}
	}
	if len(vals) < 2 {
		vals = []float64{lo, hi}
	}
	maxAbs := 0.0
	for _, v := range vals {
		maxAbs = math.Max(maxAbs, math.Abs(v))
	}
	ticks := make([]Tick, len(vals))
	for i, v := range vals {
		ticks[i] = Tick{Value: v, Label: formatTick(v, e, maxAbs), Major: true}
	}
	return ticks
}

// tickValues returns the multiples of m·10^e in [lo, hi], or nil if there
// are too many or precision does not allow distinct values.
func tickValues(lo, hi, m float64, e int) []float64 {
	step := stepValue(1, m, e)
	if math.IsInf(step, 0) || step == 0 {
		return nil
	}
	k0 := math.Ceil(lo/step - 1e-9)
	k1 := math.Floor(hi/step + 1e-9)
	if k1 < k0 || k1-k0 > 1000 {
		return nil
	}
	var vals []float64
	for i := 0; i <= int(k1-k0); i++ {
		v := stepValue(k0+float64(i), m, e)
		if v == 0 {
			v = 0 // normalise -0
		}
		if len(vals) > 0 && v <= vals[len(vals)-1] {
			return nil // precision exhausted (huge offset, tiny span)
		}
		vals = append(vals, v)
	}
	return vals
}

// formatTick formats v, a multiple of a step 10^e (times 1, 2 or 5), with
// just the digits the step needs. Very large or very small magnitudes use a
// compact exponent form such as 2.5e-6 or 3e7.
func formatTick(v float64, e int, maxAbs float64) string {
	if maxAbs >= 1e6 || maxAbs < 1e-3 {
		if v == 0 {
			return "0"
		}
		return formatSci(v, e)
	}
	dec := 0
	if e < 0 {
		dec = -e
	}
	return strconv.FormatFloat(v, 'f', dec, 64)
}

// formatSci writes v as mantissa e exponent with the mantissa carrying the
// digits down to 10^e.
func formatSci(v float64, e int) string {
	x := int(math.Floor(math.Log10(math.Abs(v))))
	dec := x - e
	if dec < 0 {
		dec = 0
	}
	if dec > 15 {
		dec = 15
	}
	s := strconv.FormatFloat(v, 'e', dec, 64) // e.g. 2.50e-06
	mant, exp, _ := strings.Cut(s, "e")
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	}
	n, err := strconv.Atoi(exp)
	if err != nil {
		return s
	}
	return mant + "e" + strconv.Itoa(n)
}

// FormatNumber formats v compactly with at most digits significant digits
// (no trailing zeros, no 0.30000000000000004).
func FormatNumber(v float64, digits int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if v == 0 {
		return "0"
	}
	a := math.Abs(v)
	if a >= 1e6 || a < 1e-3 {
		s := strconv.FormatFloat(v, 'e', digits-1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		if strings.Contains(mant, ".") {
			mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
		}
		n, _ := strconv.Atoi(exp)
		return mant + "e" + strconv.Itoa(n)
	}
	s := strconv.FormatFloat(v, 'g', digits, 64)
	if strings.ContainsAny(s, "e") { // 'g' may still choose exponent form
		f, _ := strconv.ParseFloat(s, 64)
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	return s
}

// LogTicks returns ticks for a base-10 logarithmic axis over [lo, hi]
// (lo, hi > 0). Decades get major ticks labelled 10^k; when there are many
// decades only every n-th decade is labelled. When fewer than three decade
// values fall in the range the 2× and 5× positions are labelled as well, and
// all labels are then plain numbers (0.02, 0.05, 0.1, …) if the range lies
// within [1e-4, 1e5), else 2×10^k style. Within a single decade where that
// still gives fewer than three labels, linear nice ticks are used. The other
// integer multiples (2…9 × 10^k) are minor ticks when the range spans fewer
// than six decades.
func LogTicks(lo, hi float64, target int) []Tick {
	if !(lo > 0) || !(hi > 0) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		lo, hi = lo/math.Sqrt(10), hi*math.Sqrt(10)
	}
	if target < 2 {
		target = 2
	}
	llo, lhi := math.Log10(lo), math.Log10(hi)
	const eps = 1e-9
	in := func(v float64) bool {
		l := math.Log10(v)
		return l >= llo-eps && l <= lhi+eps
	}
	d0 := int(math.Floor(llo + eps))
	d1 := int(math.Ceil(lhi - eps))
	decades := lhi - llo

	// Label every `every`-th decade so that there are at most ~target labels.
	every := 1
	for (d1-d0)/every+1 > target+1 {
		every++
	}
	var ticks []Tick
	minor := decades < 6
	inDecades := 0
	for d := d0; d <= d1; d++ {
		if in(decadeValue(1, d)) {
			inDecades++
		}
	}
	// Fewer than three decades labelled: label 2× and 5× too, and write
	// every label as a plain number when that stays short.
	twoFive := inDecades < 3
	plain := twoFive && lo >= 1e-4 && hi < 1e5
	for d := d0; d <= d1; d++ {
		for mult := 1; mult <= 9; mult++ {
			v := decadeValue(mult, d)
			if !in(v) {
				continue
			}
			switch {
			case plain && (mult == 1 || mult == 2 || mult == 5):
				ticks = append(ticks, Tick{Value: v, Label: formatTick(v, d, 1), Major: true})
			case mult == 1:
				t := Tick{Value: v, Major: d%every == 0}
				if t.Major {
					k := d
					t.Exp = &k
				}
				ticks = append(ticks, t)
			case twoFive && (mult == 2 || mult == 5):
				k := d
				ticks = append(ticks, Tick{Value: v, Label: strconv.Itoa(mult) + "×", Exp: &k, Major: true})
			case minor:
				ticks = append(ticks, Tick{Value: v})
			}
		}
	}
	labelled := 0
	for _, t := range ticks {
		if t.Major {
			labelled++
		}
	}
	if labelled < 3 {
		// Narrow range inside a decade: linear nice ticks, placed on the
		// log scale.
		lin := LinearTicks(lo, hi, target)
		out := lin[:0:0]
		for _, t := range lin {
			if t.Value > 0 && in(t.Value) {
				out = append(out, t)
			}
		}
		if len(out) > labelled {
			return out
		}
	}
	return ticks
}

// decadeValue returns mult·10^d as the closest float64.
func decadeValue(mult, d int) float64 {
	if d < 0 {
		return float64(mult) / math.Pow(10, float64(-d))
	}
	return float64(mult) * math.Pow(10, float64(d))
}
