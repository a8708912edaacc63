package plot

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

const (
	gridColor  = "#e3e3e3"
	frameColor = "#333333"
	textColor  = "#222222"
	hlineColor = "#555555"
	spanColor  = "#888888"
	dashArray  = "7 4"
)

// num formats a coordinate with at most two decimals and no trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// esc escapes text for use in XML character data and attribute values.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// textWidth estimates the rendered width of s in a sans-serif font of size fs
// (calibrated on DejaVu Sans, which is on the wide side).
func textWidth(s string, fs float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune(".,:;'|!il", r):
			w += 0.32
		case r == ' ':
			w += 0.32
		case strings.ContainsRune("fjrt()[]-", r):
			w += 0.42
		case strings.ContainsRune("mwMW", r):
			w += 0.92
		case r >= 'A' && r <= 'Z':
			w += 0.72
		case r == '×' || r == '±':
			w += 0.84
		default:
			w += 0.62
		}
	}
	return w * fs
}

// boldWidth estimates the rendered width of s in bold: DejaVu Sans Bold is
// 10-23% wider than the regular face, letter by letter.
func boldWidth(s string, fs float64) float64 { return 1.15 * textWidth(s, fs) }

// fitFont returns fs, or the smaller font size at which the bold title s
// fits in width.
func fitFont(s string, fs, width float64) float64 {
	if w := boldWidth(s, fs); w > width && width > 0 {
		return math.Max(6, fs*width/w)
	}
	return fs
}

// tickWidth is the estimated width of a tick label.
func tickWidth(t Tick, fs float64) float64 {
	if t.Exp == nil {
		return textWidth(t.Label, fs)
	}
	return textWidth(t.Label+"10", fs) + textWidth(strconv.Itoa(*t.Exp), fs*supScale)
}

const supScale = 0.72

type rect struct{ x, y, w, h float64 }

type pt struct{ x, y float64 }

type fonts struct{ tick, label, title float64 }

type scale struct {
	lo, hi float64 // data limits (log10 of them on a log axis)
	p0, p1 float64 // pixel positions of lo and hi
	log    bool
}

func (s scale) px(v float64) float64 {
	if s.log {
		v = math.Log10(v)
	}
	p := s.p0 + (v-s.lo)/(s.hi-s.lo)*(s.p1-s.p0)
	// Keep far-away points representable; the plot area is clipped anyway.
	return math.Max(-1e5, math.Min(1e5, p))
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

type svgWriter struct {
	bytes.Buffer
}

func (w *svgWriter) pf(format string, args ...any) { fmt.Fprintf(w, format, args...) }

func render(f *Figure) ([]byte, error) {
	w := &svgWriter{}
	w.pf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.pf(`<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="sans-serif" fill="%s">`+"\n",
		num(f.Width), num(f.Height), num(f.Width), num(f.Height), textColor)
	w.pf(`<rect width="100%%" height="100%%" fill="#ffffff"/>` + "\n")

	top := 0.0
	cw := f.Width / float64(f.Cols)
	chEst := f.Height / float64(f.Rows)
	fs := fonts{}
	fs.tick = math.Max(12, math.Min(15, math.Min(cw, chEst)/38))
	fs.label = fs.tick + 2
	fs.title = fs.tick + 3
	if f.Title != "" {
		tfs := fitFont(f.Title, fs.title+3, f.Width-20)
		top = tfs * 2.2
		w.pf(`<text class="figure-title" x="%s" y="%s" font-size="%s" font-weight="bold" text-anchor="middle">%s</text>`+"\n",
			num(f.Width/2), num(tfs*1.45), num(tfs), esc(f.Title))
	}
	ch := (f.Height - top) / float64(f.Rows)
	// A legend outside a panel of the last column gets room of its own,
	// taken from every column alike, so that all plot areas keep one width.
	reserve := 0.0
	for i, a := range f.Axes {
		if a != nil && f.Cols > 1 && i%f.Cols == f.Cols-1 && a.Legend && a.LegendOutside {
			if es := legendEntries(a, seriesColors(a.Series)); len(es) > 0 {
				bw, _ := legendSize(es, fs.tick)
				reserve = math.Max(reserve, bw+2*legendInset-math.Max(16, fs.tick*2.2))
			}
		}
	}
	cw = (f.Width - reserve) / float64(f.Cols)
	for i, a := range f.Axes {
		if a == nil {
			continue
		}
		r, c := i/f.Cols, i%f.Cols
		cell := rect{float64(c) * cw, top + float64(r)*ch, cw, ch}
		if c == f.Cols-1 {
			cell.w += reserve
		}
		if err := renderAxes(w, a, cell, i, fs); err != nil {
			return nil, fmt.Errorf("plot: axes %d: %w", i, err)
		}
	}
	w.pf("</svg>\n")
	return w.Bytes(), nil
}

// dataRange collects the finite data extent of an Axes.
type extent struct{ lo, hi float64 }

func newExtent() extent { return extent{math.Inf(1), math.Inf(-1)} }

func (e *extent) add(v float64) {
	if finite(v) {
		e.lo = math.Min(e.lo, v)
		e.hi = math.Max(e.hi, v)
	}
}

func (e extent) ok() bool { return e.lo <= e.hi }

func (a *Axes) extents() (xe, ye extent, items int, err error) {
	xe, ye = newExtent(), newExtent()
	okY := func(v float64) bool { return finite(v) && (!a.LogY || v > 0) }
	for si, s := range a.Series {
		if s.X != nil && len(s.X) != len(s.Y) {
			return xe, ye, 0, fmt.Errorf("series %d: len(X)=%d != len(Y)=%d", si, len(s.X), len(s.Y))
		}
		items++
		for i, y := range s.Y {
			x := float64(i)
			if s.X != nil {
				x = s.X[i]
			}
			if finite(x) && okY(y) {
				xe.add(x)
				ye.add(y)
			}
		}
	}
	for _, h := range a.HLines {
		items++
		if okY(h.Y) {
			ye.add(h.Y)
		}
	}
	for _, v := range a.VSpans {
		items++
		xe.add(v.X0)
		xe.add(v.X1)
	}
	for bi, b := range a.Bands {
		if len(b.Lo) != len(b.X) || len(b.Hi) != len(b.X) {
			return xe, ye, 0, fmt.Errorf("band %d: len(X)=%d, len(Lo)=%d, len(Hi)=%d differ", bi, len(b.X), len(b.Lo), len(b.Hi))
		}
		items++
		for i, x := range b.X {
			if finite(x) && okY(b.Lo[i]) && okY(b.Hi[i]) {
				xe.add(x)
				ye.add(b.Lo[i])
				ye.add(b.Hi[i])
			}
		}
	}
	for _, c := range a.Circles {
		items++
		if finite(c.X) && finite(c.Y) && finite(c.R) {
			xe.add(c.X - c.R)
			xe.add(c.X + c.R)
			if okY(c.Y - c.R) {
				ye.add(c.Y - c.R)
			}
			if okY(c.Y + c.R) {
				ye.add(c.Y + c.R)
			}
		}
	}
	for _, p := range a.Points {
		items++
		if finite(p.X) && okY(p.Y) {
			xe.add(p.X)
			ye.add(p.Y)
		}
	}
	return xe, ye, items, nil
}

// limits turns a data extent and optional fixed limits into axis limits
// (in log10 units when log is set).
func limits(e extent, fmin, fmax *float64, log bool) (lo, hi float64, err error) {
	if log {
		if fmin != nil && !(*fmin > 0) || fmax != nil && !(*fmax > 0) {
			return 0, 0, fmt.Errorf("non-positive limit on a log axis")
		}
	}
	tr := func(v float64) float64 {
		if log {
			return math.Log10(v)
		}
		return v
	}
	if !e.ok() {
		if fmin == nil || fmax == nil {
			if log {
				return 0, 0, fmt.Errorf("no finite positive data for the log axis")
			}
			return 0, 0, fmt.Errorf("no finite data")
		}
		e = extent{*fmin, *fmax}
	}
	lo, hi = tr(e.lo), tr(e.hi)
	if fmin != nil {
		lo = tr(*fmin)
	}
	if fmax != nil {
		hi = tr(*fmax)
	}
	if !finite(lo) || !finite(hi) {
		return 0, 0, fmt.Errorf("non-finite axis limit")
	}
	if lo == hi {
		if log {
			lo, hi = lo-0.5, hi+0.5
		} else {
			lo, hi = expandRange(lo, hi)
		}
	}
	if lo > hi {
		return 0, 0, fmt.Errorf("axis minimum %g above maximum %g", lo, hi)
	}
	pad := (hi - lo) * 0.04
	if fmin == nil {
		lo -= pad
	}
	if fmax == nil {
		hi += pad
	}
	return lo, hi, nil
}

type layout struct {
	plot   rect
	xt, yt []Tick
}

func yTicks(lo, hi float64, log bool, plotH float64, fs float64) []Tick {
	target := int(math.Max(2, math.Min(8, plotH/(fs*3.2))))
	if log {
		t := LogTicks(math.Pow(10, lo), math.Pow(10, hi), target)
		// Demote intermediate labels (2×, 5×) if labels would collide.
		minGap := func(ts []Tick) float64 {
			g := math.Inf(1)
			prev := math.NaN()
			for _, tk := range ts {
				if !tk.Major {
					continue
				}
				p := math.Log10(tk.Value) / (hi - lo) * plotH
				if !math.IsNaN(prev) {
					g = math.Min(g, math.Abs(p-prev))
				}
				prev = p
			}
			return g
		}
		for _, drop := range []int{2, 5} {
			if minGap(t) >= fs*1.3 {
				break
			}
			for i := range t {
				if t[i].Major && mantissa(t[i].Value) == drop {
					t[i] = Tick{Value: t[i].Value}
				}
			}
		}
		return t
	}
	for ; target > 2; target-- {
		t := LinearTicks(lo, hi, target)
		if float64(len(t))*fs*1.4 < plotH {
			return t
		}
	}
	return LinearTicks(lo, hi, 2)
}

// mantissa returns the leading digit of v when v is an integer multiple of a
// power of ten (1…9), else 0.
func mantissa(v float64) int {
	e := math.Floor(math.Log10(v))
	m := v / math.Pow(10, e)
	r := math.Round(m)
	if math.Abs(m-r) < 1e-6 && r >= 1 && r <= 9 {
		return int(r)
	}
	return 0
}

func xTicks(lo, hi float64, plotW float64, fs float64) []Tick {
	target := int(math.Max(2, math.Min(10, plotW/(fs*5))))
	for ; target >= 2; target-- {
		t := LinearTicks(lo, hi, target)
		if target == 2 {
			return t
		}
		maxW := 0.0
		for _, tk := range t {
			maxW = math.Max(maxW, tickWidth(tk, fs))
		}
		if float64(len(t))*(maxW+fs*1.5) <= plotW {
			return t
		}
	}
	return LinearTicks(lo, hi, 2)
}

func renderAxes(w *svgWriter, a *Axes, cell rect, idx int, fs fonts) error {
	xe, ye, items, err := a.extents()
	if err != nil {
		return err
	}
	if items == 0 && (a.XMin == nil || a.XMax == nil || a.YMin == nil || a.YMax == nil) {
		return fmt.Errorf("no data")
	}
	x0, x1, err := limits(xe, a.XMin, a.XMax, false)
	if err != nil {
		return fmt.Errorf("x axis: %w", err)
	}
	y0, y1, err := limits(ye, a.YMin, a.YMax, a.LogY)
	if err != nil {
		return fmt.Errorf("y axis: %w", err)
	}
	bx0, bx1, by0, by1 := x0, x1, y0, y1

	topM := fs.tick * 1.0
	if a.Title != "" {
		topM = fs.title * 2.0
	}
	botM := 5 + fs.tick*1.55 + 8
	if a.XLabel != "" {
		botM += fs.label * 1.5
	}
	plotH := cell.h - topM - botM
	var lay layout
	for iter := 0; iter < 3; iter++ {
		yt := yTicks(y0, y1, a.LogY, plotH, fs.tick)
		maxYW := 0.0
		for _, t := range yt {
			if t.Label != "" || t.Exp != nil {
				maxYW = math.Max(maxYW, tickWidth(t, fs.tick))
			}
		}
		leftM := 10 + maxYW + 5 + 5
		if a.YLabel != "" {
			leftM += fs.label * 1.5
		}
		rightM := math.Max(16, fs.tick*2.2)
		if a.Legend && a.LegendOutside {
			if es := legendEntries(a, seriesColors(a.Series)); len(es) > 0 {
				bw, _ := legendSize(es, fs.tick)
				rightM = math.Max(rightM, bw+2*legendInset)
			}
		}
		lay.plot = rect{cell.x + leftM, cell.y + topM, cell.w - leftM - rightM, plotH}
		if lay.plot.w < 10 || lay.plot.h < 10 {
			return fmt.Errorf("panel too small (%.0fx%.0f px) for its labels", cell.w, cell.h)
		}
		if !a.EqualAspect {
			break
		}
		x0, x1, y0, y1 = equalAspect(bx0, bx1, by0, by1, lay.plot, a)
	}
	lay.yt = yTicks(y0, y1, a.LogY, lay.plot.h, fs.tick)
	lay.xt = xTicks(x0, x1, lay.plot.w, fs.tick)
	p := lay.plot
	xs := scale{lo: x0, hi: x1, p0: p.x, p1: p.x + p.w}
	ys := scale{lo: y0, hi: y1, p0: p.y + p.h, p1: p.y, log: a.LogY}

	clip := "clip" + strconv.Itoa(idx)
	w.pf(`<g class="axes" id="axes%d">`+"\n", idx)
	w.pf(`<clipPath id="%s"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath>`+"\n",
		clip, num(p.x), num(p.y), num(p.w), num(p.h))

	// Shaded bands.
	for _, v := range a.VSpans {
		if !finite(v.X0) || !finite(v.X1) {
			continue
		}
		l, r := xs.px(math.Min(v.X0, v.X1)), xs.px(math.Max(v.X0, v.X1))
		l, r = math.Max(l, p.x), math.Min(r, p.x+p.w)
		if r <= l {
			continue
		}
		col, op := spanStyle(v)
		w.pf(`<rect class="vspan" x="%s" y="%s" width="%s" height="%s" fill="%s" fill-opacity="%s"/>`+"\n",
			num(l), num(p.y), num(r-l), num(p.h), esc(col), num(op))
	}

	for _, b := range a.Bands {
		var d strings.Builder
		for _, seg := range bandSegments(b, xs, ys, a.LogY) {
			for i, q := range seg {
				if i == 0 {
					d.WriteString("M")
				} else {
					d.WriteString("L")
				}
				d.WriteString(num(q.x) + " " + num(q.y))
			}
			d.WriteString("Z")
		}
		if d.Len() == 0 {
			continue
		}
		col, op := fillStyle(b.Color, b.Opacity)
		w.pf(`<path class="band" clip-path="url(#%s)" d="%s" fill="%s" fill-opacity="%s" stroke="none"/>`+"\n",
			clip, d.String(), esc(col), num(op))
	}

	// Grid at major ticks.
	var grid strings.Builder
	for _, t := range lay.xt {
		x := xs.px(t.Value)
		fmt.Fprintf(&grid, "M%s %sV%s", num(x), num(p.y), num(p.y+p.h))
	}
	for _, t := range lay.yt {
		if !t.Major {
			continue
		}
		y := ys.px(t.Value)
		fmt.Fprintf(&grid, "M%s %sH%s", num(p.x), num(y), num(p.x+p.w))
	}
	if grid.Len() > 0 {
		w.pf(`<path class="grid" d="%s" stroke="%s" stroke-width="1" fill="none"/>`+"\n", grid.String(), gridColor)
	}

	// Reference lines.
	for _, h := range a.HLines {
		if !finite(h.Y) || (a.LogY && h.Y <= 0) {
			continue
		}
		y := ys.px(h.Y)
		if y < p.y-0.5 || y > p.y+p.h+0.5 {
			continue
		}
		w.pf(`<line class="hline" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1.5"%s/>`+"\n",
			num(p.x), num(y), num(p.x+p.w), num(y), esc(hlineCol(h)), dashAttr(h.Dashed))
	}

	// Series.
	var samples []pt
	colors := seriesColors(a.Series)
	for si, s := range a.Series {
		segs := pixelSegments(s, xs, ys, a.LogY)
		var d strings.Builder
		for _, seg := range segs {
			for i, q := range seg {
				if i == 0 {
					d.WriteString("M")
				} else {
					d.WriteString("L")
				}
				d.WriteString(num(q.x))
				d.WriteString(" ")
				d.WriteString(num(q.y))
			}
			if len(seg) == 1 {
				d.WriteString("l0 0")
			}
			samples = appendSamples(samples, seg)
		}
		if d.Len() == 0 {
			continue
		}
		op := ""
		if s.Opacity > 0 && s.Opacity < 1 {
			op = ` stroke-opacity="` + num(s.Opacity) + `"`
		}
		w.pf(`<path class="series" clip-path="url(#%s)" d="%s" fill="none" stroke="%s" stroke-width="%s" stroke-linejoin="round" stroke-linecap="round"%s%s/>`+"\n",
			clip, d.String(), esc(colors[si]), num(seriesWidth(s)), dashAttr(s.Dashed), op)
	}

	// Circles (data-unit radius) and dots (pixel radius).
	for _, c := range a.Circles {
		if !finite(c.X) || !finite(c.Y) || !finite(c.R) || (a.LogY && c.Y <= 0) {
			continue
		}
		cx, cy := xs.px(c.X), ys.px(c.Y)
		rx := math.Abs(xs.px(c.X+c.R) - cx)
		ry := rx
		if a.LogY {
			if c.Y-c.R > 0 {
				ry = math.Abs(ys.px(c.Y-c.R)-ys.px(c.Y+c.R)) / 2
			}
		} else {
			ry = math.Abs(ys.px(c.Y+c.R) - cy)
		}
		col := c.Color
		if col == "" {
			col = hlineColor
		}
		fill := `fill="none"`
		if c.Fill {
			fill = `fill="` + esc(col) + `" fill-opacity="0.2"`
		}
		w.pf(`<ellipse class="circle" clip-path="url(#%s)" cx="%s" cy="%s" rx="%s" ry="%s" stroke="%s" stroke-width="1.5" %s/>`+"\n",
			clip, num(cx), num(cy), num(rx), num(ry), esc(col), fill)
		samples = append(samples, pt{cx, cy})
	}
	for _, q := range a.Points {
		if !finite(q.X) || !finite(q.Y) || (a.LogY && q.Y <= 0) {
			continue
		}
		r := q.R
		if !(r > 0) {
			r = 4
		}
		col := q.Color
		if col == "" {
			col = "#000000"
		}
		cx, cy := xs.px(q.X), ys.px(q.Y)
		w.pf(`<circle class="point" clip-path="url(#%s)" cx="%s" cy="%s" r="%s" fill="%s"/>`+"\n",
			clip, num(cx), num(cy), num(r), esc(col))
		samples = append(samples, pt{cx, cy})
	}

	// Frame, ticks and tick labels.
	w.pf(`<rect class="frame" x="%s" y="%s" width="%s" height="%s" fill="none" stroke="%s" stroke-width="1"/>`+"\n",
		num(p.x), num(p.y), num(p.w), num(p.h), frameColor)
	var tk strings.Builder
	for _, t := range lay.xt {
		x := xs.px(t.Value)
		fmt.Fprintf(&tk, "M%s %sv5", num(x), num(p.y+p.h))
	}
	for _, t := range lay.yt {
		y := ys.px(t.Value)
		l := 5.0
		if !t.Major {
			l = 3
		}
		fmt.Fprintf(&tk, "M%s %sh%s", num(p.x), num(y), num(-l))
	}
	w.pf(`<path class="ticks" d="%s" stroke="%s" stroke-width="1" fill="none"/>`+"\n", tk.String(), frameColor)
	for _, t := range lay.xt {
		writeTickLabel(w, t, xs.px(t.Value), p.y+p.h+5+fs.tick*1.05, "middle", fs.tick)
	}
	for _, t := range lay.yt {
		if t.Label == "" && t.Exp == nil {
			continue
		}
		writeTickLabel(w, t, p.x-5-4, ys.px(t.Value)+fs.tick*0.36, "end", fs.tick)
	}

	// Axis labels and title.
	if a.XLabel != "" {
		w.pf(`<text class="xlabel" x="%s" y="%s" font-size="%s" text-anchor="middle">%s</text>`+"\n",
			num(p.x+p.w/2), num(p.y+p.h+5+fs.tick*1.55+fs.label*1.2), num(fs.label), esc(a.XLabel))
	}
	if a.YLabel != "" {
		x := cell.x + 8 + fs.label*0.85
		y := p.y + p.h/2
		w.pf(`<text class="ylabel" x="%s" y="%s" font-size="%s" text-anchor="middle" transform="rotate(-90 %s %s)">%s</text>`+"\n",
			num(x), num(y), num(fs.label), num(x), num(y), esc(a.YLabel))
	}
	if a.Title != "" {
		// Centred over the plot area, but kept inside the cell.
		tf := fitFont(a.Title, fs.title, cell.w-10)
		half := boldWidth(a.Title, tf) / 2
		cx := math.Min(math.Max(p.x+p.w/2, cell.x+5+half), cell.x+cell.w-5-half)
		w.pf(`<text class="title" x="%s" y="%s" font-size="%s" font-weight="600" text-anchor="middle">%s</text>`+"\n",
			num(cx), num(cell.y+fs.title*1.35), num(tf), esc(a.Title))
	}

	if a.Legend {
		writeLegend(w, a, colors, p, samples, fs.tick)
	}
	w.pf("</g>\n")
	return nil
}

// equalAspect widens the base limits so that one data unit has the same
// pixel length on both axes.
func equalAspect(x0, x1, y0, y1 float64, p rect, a *Axes) (float64, float64, float64, float64) {
	if a.LogY {
		return x0, x1, y0, y1
	}
	sx := (x1 - x0) / p.w // data units per pixel
	sy := (y1 - y0) / p.h
	if sx > sy && a.YMin == nil && a.YMax == nil {
		c, half := (y0+y1)/2, sx*p.h/2
		y0, y1 = c-half, c+half
	} else if sy > sx && a.XMin == nil && a.XMax == nil {
		c, half := (x0+x1)/2, sy*p.w/2
		x0, x1 = c-half, c+half
	}
	return x0, x1, y0, y1
}

func writeTickLabel(w *svgWriter, t Tick, x, y float64, anchor string, fs float64) {
	w.pf(`<text class="tick-label" x="%s" y="%s" font-size="%s" text-anchor="%s">`, num(x), num(y), num(fs), anchor)
	if t.Exp == nil {
		w.pf("%s</text>\n", esc(t.Label))
		return
	}
	w.pf(`%s10<tspan dy="%s" font-size="%s">%d</tspan></text>`+"\n",
		esc(t.Label), num(-fs*0.45), num(fs*supScale), *t.Exp)
}

func dashAttr(d bool) string {
	if d {
		return ` stroke-dasharray="` + dashArray + `"`
	}
	return ""
}

func seriesWidth(s Series) float64 {
	if s.Width > 0 {
		return s.Width
	}
	return 2
}

func hlineCol(h HLine) string {
	if h.Color != "" {
		return h.Color
	}
	return hlineColor
}

func spanStyle(v VSpan) (string, float64) { return fillStyle(v.Color, v.Opacity) }

// fillStyle returns the colour and opacity of a shaded area: grey and 0.15
// unless set.
func fillStyle(col string, op float64) (string, float64) {
	if col == "" {
		col = spanColor
	}
	if !(op > 0) {
		op = 0.15
	}
	return col, math.Min(op, 1)
}

// seriesColors assigns palette colours, in order, to series without one.
func seriesColors(ss []Series) []string {
	out := make([]string, len(ss))
	k := 0
	for i, s := range ss {
		if s.Color != "" {
			out[i] = s.Color
			continue
		}
		out[i] = Palette[k%len(Palette)]
		k++
	}
	return out
}

// bandSegments returns the outline of each piece of a band in pixels:
// along Hi, then back along Lo; a point with a non-finite value (or a
// non-positive one on a log axis) ends a piece.
func bandSegments(b Band, xs, ys scale, logY bool) [][]pt {
	var segs [][]pt
	start := 0
	flush := func(end int) {
		if end-start >= 2 {
			seg := make([]pt, 0, 2*(end-start))
			for i := start; i < end; i++ {
				seg = append(seg, pt{xs.px(b.X[i]), ys.px(b.Hi[i])})
			}
			for i := end - 1; i >= start; i-- {
				seg = append(seg, pt{xs.px(b.X[i]), ys.px(b.Lo[i])})
			}
			segs = append(segs, seg)
		}
	}
	for i, x := range b.X {
		if !finite(x) || !finite(b.Lo[i]) || !finite(b.Hi[i]) || logY && (b.Lo[i] <= 0 || b.Hi[i] <= 0) {
			flush(i)
			start = i + 1
		}
	}
	flush(len(b.X))
	return segs
}

// pixelSegments maps a series to pixel coordinates, split at invalid points
// (NaN, ±Inf, or non-positive y on a log axis), and decimated.
func pixelSegments(s Series, xs, ys scale, logY bool) [][]pt {
	var segs [][]pt
	var cur []pt
	flush := func() {
		if len(cur) > 0 {
			segs = append(segs, decimate(cur))
			cur = nil
		}
	}
	for i, y := range s.Y {
		x := float64(i)
		if s.X != nil {
			x = s.X[i]
		}
		if !finite(x) || !finite(y) || (logY && y <= 0) {
			flush()
			continue
		}
		cur = append(cur, pt{xs.px(x), ys.px(y)})
	}
	flush()
	return segs
}

// decimate reduces a polyline to what is visible at pixel resolution. When x
// never decreases, each pixel column keeps its first, last, lowest and highest
// point (in their original order); then points closer than half a pixel to the
// previously kept point are dropped (the last point is always kept).
func decimate(in []pt) []pt {
	if len(in) <= 2 {
		return in
	}
	mono := true
	for i := 1; i < len(in); i++ {
		if in[i].x < in[i-1].x {
			mono = false
			break
		}
	}
	pts := in
	if mono {
		var out []pt
		for a := 0; a < len(in); {
			col := math.Floor(in[a].x)
			b := a + 1
			for b < len(in) && math.Floor(in[b].x) == col {
				b++
			}
			lo, hi := a, a
			for i := a; i < b; i++ {
				if in[i].y < in[lo].y {
					lo = i
				}
				if in[i].y > in[hi].y {
					hi = i
				}
			}
			keep := []int{a, lo, hi, b - 1}
			sort.Ints(keep)
			for j, k := range keep {
				if j == 0 || k != keep[j-1] {
					out = append(out, in[k])
				}
			}
			a = b
		}
		pts = out
	}
	out := []pt{pts[0]}
	for i := 1; i < len(pts); i++ {
		q, last := pts[i], out[len(out)-1]
		if i < len(pts)-1 && math.Hypot(q.x-last.x, q.y-last.y) < 0.5 {
			continue
		}
		out = append(out, q)
	}
	return out
}

// appendSamples adds points along a polyline, at most ~6 px apart, used to
// find a legend position that covers little data.
func appendSamples(dst []pt, seg []pt) []pt {
	for i, q := range seg {
		if i > 0 {
			prev := seg[i-1]
			d := math.Hypot(q.x-prev.x, q.y-prev.y)
			n := int(math.Min(d/6, 200))
			for k := 1; k < n; k++ {
				f := float64(k) / float64(n)
				dst = append(dst, pt{prev.x + f*(q.x-prev.x), prev.y + f*(q.y-prev.y)})
			}
		}
		dst = append(dst, q)
	}
	return dst
}

type legendEntry struct {
	label   string
	color   string
	dashed  bool
	width   float64
	kind    int // 0 line, 1 band
	opacity float64
}

// legendEntries lists the labelled items of a, in the order drawn.
func legendEntries(a *Axes, colors []string) []legendEntry {
	var es []legendEntry
	for i, s := range a.Series {
		if s.Label != "" {
			es = append(es, legendEntry{label: s.Label, color: colors[i], dashed: s.Dashed, width: math.Max(seriesWidth(s), 1.5), opacity: 1})
		}
	}
	for _, h := range a.HLines {
		if h.Label != "" {
			es = append(es, legendEntry{label: h.Label, color: hlineCol(h), dashed: h.Dashed, width: 1.5, opacity: 1})
		}
	}
	for _, v := range a.VSpans {
		if v.Label != "" {
			col, op := spanStyle(v)
			es = append(es, legendEntry{label: v.Label, color: col, kind: 1, opacity: math.Max(op, 0.25)})
		}
	}
	for _, b := range a.Bands {
		if b.Label != "" {
			col, op := fillStyle(b.Color, b.Opacity)
			es = append(es, legendEntry{label: b.Label, color: col, kind: 1, opacity: math.Max(op, 0.25)})
		}
	}
	return es
}

// Legend box geometry: padding, swatch length, inset from the plot's edge
// (inside) or gap to it (outside).
const legendPad, legendSwatch, legendInset = 8.0, 30.0, 8.0

// legendSize returns the width and height of the legend box of es.
func legendSize(es []legendEntry, fs float64) (bw, bh float64) {
	rowH := fs * 1.45
	maxW := 0.0
	for _, e := range es {
		maxW = math.Max(maxW, textWidth(e.label, fs))
	}
	return legendPad + legendSwatch + 6 + maxW + legendPad, legendPad + float64(len(es))*rowH + legendPad - (rowH - fs*1.1)
}

// writeLegend draws the legend of a: right of the plot area p when
// a.LegendOutside (renderAxes has left room for it), otherwise in the
// corner of p that covers the fewest data samples.
func writeLegend(w *svgWriter, a *Axes, colors []string, p rect, samples []pt, fs float64) {
	es := legendEntries(a, colors)
	if len(es) == 0 {
		return
	}
	const pad, swatch, inset = legendPad, legendSwatch, legendInset
	rowH := fs * 1.45
	bw, bh := legendSize(es, fs)
	cands := []pt{
		{p.x + p.w - inset - bw, p.y + inset}, // top right
		{p.x + inset, p.y + inset},            // top left
		{p.x + p.w - inset - bw, p.y + p.h - inset - bh},
		{p.x + inset, p.y + p.h - inset - bh},
	}
	if a.LegendOutside {
		cands = []pt{{p.x + p.w + inset, p.y}}
	}
	best, bestN := 0, -1
	for i, c := range cands {
		n := 0
		for _, q := range samples {
			if q.x >= c.x-2 && q.x <= c.x+bw+2 && q.y >= c.y-2 && q.y <= c.y+bh+2 {
				n++
			}
		}
		if bestN < 0 || n < bestN {
			best, bestN = i, n
		}
	}
	c := cands[best]
	w.pf(`<g class="legend">` + "\n")
	w.pf(`<rect x="%s" y="%s" width="%s" height="%s" rx="3" fill="#ffffff" fill-opacity="0.85" stroke="#bbbbbb" stroke-width="1"/>`+"\n",
		num(c.x), num(c.y), num(bw), num(bh))
	for i, e := range es {
		cy := c.y + pad + float64(i)*rowH + fs*0.55
		sx := c.x + pad
		if e.kind == 1 {
			w.pf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s" fill-opacity="%s"/>`+"\n",
				num(sx), num(cy-fs*0.45), num(swatch), num(fs*0.9), esc(e.color), num(e.opacity))
		} else {
			w.pf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/>`+"\n",
				num(sx), num(cy), num(sx+swatch), num(cy), esc(e.color), num(e.width), dashAttr(e.dashed))
		}
		w.pf(`<text class="legend-label" x="%s" y="%s" font-size="%s">%s</text>`+"\n",
			num(sx+swatch+6), num(cy+fs*0.36), num(fs), esc(e.label))
	}
	w.pf("</g>\n")
}
