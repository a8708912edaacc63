package plot

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

type elem struct {
	name  string
	attrs map[string]string
	text  string // character data directly inside (including tspans)
}

// parseSVG walks the document with encoding/xml and returns its elements.
func parseSVG(t *testing.T, b []byte) []elem {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var out []elem
	var stack []int
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		must(t, err == nil, "invalid XML: %v", err)
		switch tk := tok.(type) {
		case xml.StartElement:
			e := elem{name: tk.Name.Local, attrs: map[string]string{}}
			for _, a := range tk.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			out = append(out, e)
			stack = append(stack, len(out)-1)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			for _, i := range stack {
				if out[i].name == "text" {
					out[i].text += string(tk)
				}
			}
		}
	}
	must(t, len(stack) == 0, "unclosed elements")
	return out
}

func byClass(es []elem, class string) []elem {
	var out []elem
	for _, e := range es {
		if e.attrs["class"] == class {
			out = append(out, e)
		}
	}
	return out
}

func render1(t *testing.T, a *Axes) ([]byte, []elem) {
	t.Helper()
	f := &Figure{Width: 600, Height: 400, Rows: 1, Cols: 1, Axes: []*Axes{a}}
	b, err := f.SVG()
	must(t, err == nil, "SVG: %v", err)
	return b, parseSVG(t, b)
}

func line(n int, fn func(i int) float64) (x, y []float64) {
	x, y = make([]float64, n), make([]float64, n)
	for i := range n {
		x[i], y[i] = float64(i), fn(i)
	}
	return
}

func TestExampleFiguresParse(t *testing.T) {
	figs := exampleFigures()
	// learning: 5 series, 1 hline; legend 6 entries.
	b, err := figs["learning"].SVG()
	must(t, err == nil, "%v", err)
	es := parseSVG(t, b)
	eq(t, 5, len(byClass(es, "series")), "learning series paths")
	eq(t, 1, len(byClass(es, "hline")), "learning hlines")
	eq(t, 6, len(byClass(es, "legend-label")), "learning legend entries")
	eq(t, 1, len(byClass(es, "xlabel")), "xlabel")
	eq(t, 1, len(byClass(es, "ylabel")), "ylabel")
	eq(t, "Training", byClass(es, "figure-title")[0].text, "figure title")
	check(t, len(b) < 200_000, "learning SVG is %d bytes", len(b))
	var yl []string
	for _, e := range byClass(es, "tick-label") {
		yl = append(yl, e.text)
	}
	for _, want := range []string{"0.05", "0.1", "0.2", "0.5", "1", "0", "1000", "2000"} {
		check(t, strings.Contains("|"+strings.Join(yl, "|")+"|", "|"+want+"|"), "tick label %q missing from %v", want, yl)
	}

	// outputs: 8 panels × 2 series, 8 spans, 1 legend with 3 entries.
	b, err = figs["outputs"].SVG()
	must(t, err == nil, "%v", err)
	es = parseSVG(t, b)
	eq(t, 8, len(byClass(es, "axes")), "output panels")
	eq(t, 16, len(byClass(es, "series")), "output series")
	eq(t, 8, len(byClass(es, "vspan")), "output spans")
	eq(t, 8, len(byClass(es, "title")), "panel titles")
	eq(t, 3, len(byClass(es, "legend-label")), "legend entries")
	eq(t, 4, len(byClass(es, "xlabel")), "xlabels (bottom row)")
	eq(t, 2, len(byClass(es, "ylabel")), "ylabels (left column)")

	// reach: 4 paths + 4 arms, 4 targets, 9 dots.
	b, err = figs["reach"].SVG()
	must(t, err == nil, "%v", err)
	es = parseSVG(t, b)
	eq(t, 8, len(byClass(es, "series")), "reach series")
	eq(t, 4, len(byClass(es, "circle")), "target circles")
	eq(t, 9, len(byClass(es, "point")), "joint dots")
	eq(t, 4, len(byClass(es, "legend-label")), "legend entries")
	for _, c := range byClass(es, "circle") {
		eq(t, c.attrs["rx"], c.attrs["ry"], "equal aspect: circle rx vs ry")
	}
	for _, e := range es {
		if e.name == "svg" {
			eq(t, "sans-serif", e.attrs["font-family"], "font family")
		}
	}
}

func TestEscaping(t *testing.T) {
	title := `a < b && c > "d" 'e'`
	f := NewFigure(400, 300, 1, 1)
	f.Title = title
	a := f.Axes[0]
	a.Title, a.XLabel, a.YLabel = title, title, title
	a.Legend = true
	a.Series = []Series{{Y: []float64{1, 2, 3}, Label: title, Color: `red"/><script>`}}
	b, err := f.SVG()
	must(t, err == nil, "%v", err)
	s := string(b)
	check(t, !strings.Contains(s, "a < b"), "unescaped <")
	check(t, !strings.Contains(s, "<script"), "unescaped attribute")
	check(t, strings.Contains(s, "a &lt; b &amp;&amp; c &gt;"), "escaped title missing")
	es := parseSVG(t, b)
	for _, class := range []string{"figure-title", "title", "xlabel", "ylabel", "legend-label"} {
		got := byClass(es, class)
		must(t, len(got) == 1, "%s: %d elements", class, len(got))
		eq(t, title, got[0].text, "%s round trip", class)
	}
}

func TestNaNHandling(t *testing.T) {
	x, y := line(100, func(i int) float64 { return math.Sin(float64(i) / 10) })
	y[30], y[60] = math.NaN(), math.Inf(1)
	x[80] = math.NaN()
	_, es := render1(t, &Axes{Series: []Series{{X: x, Y: y}}})
	d := byClass(es, "series")[0].attrs["d"]
	eq(t, 4, strings.Count(d, "M"), "sub-paths in %q", d)
	check(t, !strings.Contains(d, "NaN") && !strings.Contains(d, "Inf"), "non-finite coordinate in path")

	// A single finite point between gaps still shows (as a dot).
	_, es = render1(t, &Axes{Series: []Series{{Y: []float64{math.NaN(), 1, math.NaN(), 2, 3}}}})
	d = byClass(es, "series")[0].attrs["d"]
	eq(t, 2, strings.Count(d, "M"), "sub-paths in %q", d)
	check(t, strings.Contains(d, "l0 0"), "lone point not drawn: %q", d)

	// NaN-only data is an error.
	nan := []float64{math.NaN(), math.NaN()}
	f := &Figure{Width: 400, Height: 300, Rows: 1, Cols: 1, Axes: []*Axes{{Series: []Series{{Y: nan}}}}}
	_, err := f.SVG()
	check(t, err != nil, "NaN-only series should fail")
	// ... unless other items give the axes a range.
	f.Axes[0].HLines = []HLine{{Y: 1}}
	f.Axes[0].XMin, f.Axes[0].XMax = F(0), F(1)
	_, err = f.SVG()
	check(t, err == nil, "NaN series with an hline and x limits: %v", err)
}

func TestLogAxisDropsNonPositive(t *testing.T) {
	y := []float64{1, 0, -1, 10, 100, -5, 1000}
	_, es := render1(t, &Axes{LogY: true, Series: []Series{{Y: y}}, HLines: []HLine{{Y: -1}, {Y: 10}}})
	d := byClass(es, "series")[0].attrs["d"]
	eq(t, 3, strings.Count(d, "M"), "sub-paths in %q", d)
	eq(t, 1, len(byClass(es, "hline")), "hlines drawn")
	for _, e := range byClass(es, "tick-label") {
		check(t, !strings.HasPrefix(e.text, "-"), "negative tick label %q on log axis", e.text)
	}

	f := &Figure{Width: 400, Height: 300, Rows: 1, Cols: 1, Axes: []*Axes{{LogY: true, Series: []Series{{Y: []float64{0, -1, math.NaN()}}}}}}
	_, err := f.SVG()
	check(t, err != nil, "log axis without positive data should fail")
	f.Axes[0].Series[0].Y = []float64{1, 2}
	f.Axes[0].YMin = F(0)
	_, err = f.SVG()
	check(t, err != nil, "log axis with limit 0 should fail")
}

func TestDeterminism(t *testing.T) {
	for name := range exampleFigures() {
		a, err := exampleFigures()[name].SVG()
		must(t, err == nil, "%v", err)
		b, err := exampleFigures()[name].SVG()
		must(t, err == nil, "%v", err)
		check(t, bytes.Equal(a, b), "%s: output differs between runs", name)
	}
	_, es := render1(t, &Axes{Series: []Series{{Y: []float64{0.1, 0.2, 0.30000000000000004}}}})
	for _, e := range es {
		for k, v := range e.attrs {
			check(t, !strings.Contains(v, "0000000"), "long float in %s=%q", k, v)
		}
		check(t, !strings.Contains(e.text, "0000000"), "long float in text %q", e.text)
	}
}

func TestDecimation(t *testing.T) {
	const n = 100_000
	x, y := line(n, func(i int) float64 { return math.Sin(float64(i)/5000) + 0.3*math.Sin(float64(i)*1.7) })
	b, es := render1(t, &Axes{Series: []Series{{X: x, Y: y}}})
	d := byClass(es, "series")[0].attrs["d"]
	pts := strings.Count(d, "L") + 1
	check(t, pts <= 4*600, "%d points kept for a 600 px wide figure", pts)
	check(t, len(b) < 100_000, "SVG is %d bytes", len(b))
	// The envelope survives: extreme y pixel values match the data's.
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, c := range strings.FieldsFunc(d, func(r rune) bool { return r == 'M' || r == 'L' }) {
		f := strings.Fields(c)
		v, _ := strconv.ParseFloat(f[1], 64)
		minY, maxY = math.Min(minY, v), math.Max(maxY, v)
	}
	fr := byClass(es, "frame")[0].attrs
	top, _ := strconv.ParseFloat(fr["y"], 64)
	h, _ := strconv.ParseFloat(fr["height"], 64)
	// 4% padding on each side of the data range.
	near(t, top+h*0.04/1.08, minY, 1, "top of envelope")
	near(t, top+h*1.04/1.08, maxY, 1, "bottom of envelope")

	// Non-monotonic x (a trajectory): distance-based thinning.
	m := 50_000
	xs, ys := make([]float64, m), make([]float64, m)
	for i := range m {
		th := float64(i) / float64(m) * 2 * math.Pi
		xs[i], ys[i] = math.Cos(th), math.Sin(th)
	}
	_, es = render1(t, &Axes{EqualAspect: true, Series: []Series{{X: xs, Y: ys}}})
	d = byClass(es, "series")[0].attrs["d"]
	check(t, strings.Count(d, "L") < 3000, "%d points kept for a circle", strings.Count(d, "L"))
}

func TestLegendAvoidsData(t *testing.T) {
	// Data fills the top right: the legend must go elsewhere.
	x, y := line(200, func(i int) float64 { return float64(i * i) })
	_, es := render1(t, &Axes{Legend: true, Series: []Series{{X: x, Y: y, Label: "quadratic"}}})
	var box elem
	for i, e := range es {
		if e.attrs["class"] == "legend" {
			box = es[i+1]
		}
	}
	bx, _ := strconv.ParseFloat(box.attrs["x"], 64)
	by, _ := strconv.ParseFloat(box.attrs["y"], 64)
	fr := byClass(es, "frame")[0].attrs
	fx, _ := strconv.ParseFloat(fr["x"], 64)
	fy, _ := strconv.ParseFloat(fr["y"], 64)
	near(t, fx+8, bx, 0.01, "legend should be at the left")
	near(t, fy+8, by, 0.01, "legend should be at the top")
	eq(t, "0.85", box.attrs["fill-opacity"], "semi-opaque legend")
}

func TestPaletteOrder(t *testing.T) {
	var ss []Series
	for i := range 3 {
		ss = append(ss, Series{Y: []float64{0, float64(i)}})
	}
	ss[1].Color = "#123456"
	_, es := render1(t, &Axes{Series: ss})
	got := []string{}
	for _, e := range byClass(es, "series") {
		got = append(got, e.attrs["stroke"])
	}
	eq(t, []string{Palette[0], "#123456", Palette[1]}, got, "colours")
}

func TestEqualAspect(t *testing.T) {
	a := &Axes{EqualAspect: true}
	x0, x1, y0, y1 := equalAspect(0, 1, 0, 4, rect{0, 0, 400, 200}, a)
	near(t, (x1-x0)/400, (y1-y0)/200, 1e-12, "units per pixel")
	eq(t, [2]float64{0, 4}, [2]float64{y0, y1}, "y range kept")
	x0, x1, y0, y1 = equalAspect(0, 10, 0, 1, rect{0, 0, 400, 200}, a)
	near(t, (x1-x0)/400, (y1-y0)/200, 1e-12, "units per pixel")
	near(t, 0.5, (y0+y1)/2, 1e-12, "centre kept")
}

func TestSVGErrors(t *testing.T) {
	ok := &Axes{Series: []Series{{Y: []float64{1, 2}}}}
	cases := map[string]*Figure{
		"nil axes only":   {Width: 100, Height: 100, Rows: 1, Cols: 1, Axes: []*Axes{nil}},
		"no axes":         {Width: 100, Height: 100, Rows: 1, Cols: 1},
		"zero size":       {Width: 0, Height: 100, Rows: 1, Cols: 1, Axes: []*Axes{ok}},
		"NaN size":        {Width: math.NaN(), Height: 100, Rows: 1, Cols: 1, Axes: []*Axes{ok}},
		"bad grid":        {Width: 100, Height: 100, Rows: 0, Cols: 1, Axes: []*Axes{ok}},
		"too many axes":   {Width: 100, Height: 100, Rows: 1, Cols: 1, Axes: []*Axes{ok, ok}},
		"empty axes":      {Width: 400, Height: 300, Rows: 1, Cols: 1, Axes: []*Axes{{}}},
		"length mismatch": {Width: 400, Height: 300, Rows: 1, Cols: 1, Axes: []*Axes{{Series: []Series{{X: []float64{1}, Y: []float64{1, 2}}}}}},
		"inverted limits": {Width: 400, Height: 300, Rows: 1, Cols: 1, Axes: []*Axes{{XMin: F(2), XMax: F(1), Series: ok.Series}}},
		"tiny panel":      {Width: 30, Height: 30, Rows: 1, Cols: 1, Axes: []*Axes{ok}},
	}
	for name, f := range cases {
		_, err := f.SVG()
		check(t, err != nil, "%s: expected an error", name)
	}
	var nilFig *Figure
	_, err := nilFig.SVG()
	check(t, err != nil, "nil figure")

	// Zero-width data and a nil cell render fine.
	f := &Figure{Width: 800, Height: 300, Rows: 1, Cols: 2, Axes: []*Axes{{Series: []Series{{Y: []float64{3, 3, 3}}}}, nil}}
	b, err := f.SVG()
	must(t, err == nil, "%v", err)
	es := parseSVG(t, b)
	eq(t, 1, len(byClass(es, "axes")), "panels")
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fig.svg")
	must(t, os.WriteFile(path, []byte("old"), 0o644) == nil, "setup")

	// Rendering error: existing file untouched, nothing left behind.
	bad := NewFigure(400, 300, 1, 1)
	check(t, bad.WriteFile(path) != nil, "expected error")
	got, _ := os.ReadFile(path)
	eq(t, "old", string(got), "file after failed render")

	// Rename error (target is a non-empty directory): temp file removed.
	sub := filepath.Join(dir, "sub.svg")
	must(t, os.MkdirAll(filepath.Join(sub, "x"), 0o755) == nil, "setup")
	good := exampleReach()
	check(t, good.WriteFile(sub) != nil, "expected rename error")

	// Unwritable directory.
	check(t, good.WriteFile(filepath.Join(dir, "missing", "f.svg")) != nil, "expected error for missing dir")

	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	eq(t, []string{"fig.svg", "sub.svg"}, names, "directory contents")

	// Success replaces the file with exactly SVG().
	must(t, good.WriteFile(path) == nil, "WriteFile")
	want, _ := good.SVG()
	got, _ = os.ReadFile(path)
	check(t, bytes.Equal(want, got), "written bytes differ from SVG()")
	st, _ := os.Stat(path)
	eq(t, os.FileMode(0o644), st.Mode().Perm(), "mode")
}

// TestRenderPNG renders the example figures with rsvg-convert and checks
// the PNG size. rsvg-convert (Debian: librsvg2-bin) is required unless
// HEBBRNN_NO_RSVG=1.
func TestRenderPNG(t *testing.T) {
	bin, err := exec.LookPath("rsvg-convert")
	if err != nil {
		if os.Getenv("HEBBRNN_NO_RSVG") == "1" {
			t.Skip("rsvg-convert not installed and HEBBRNN_NO_RSVG=1")
		}
		t.Fatal("rsvg-convert not found (install librsvg2-bin, or set HEBBRNN_NO_RSVG=1)")
	}
	dir := t.TempDir()
	for name, f := range exampleFigures() {
		svg := filepath.Join(dir, name+".svg")
		png := filepath.Join(dir, name+".png")
		must(t, f.WriteFile(svg) == nil, "write %s", name)
		out, err := exec.Command(bin, "-o", png, svg).CombinedOutput()
		must(t, err == nil, "rsvg-convert %s: %v\n%s", name, err, out)
		b, err := os.ReadFile(png)
		must(t, err == nil, "%v", err)
		must(t, len(b) > 24 && string(b[1:4]) == "PNG" && string(b[12:16]) == "IHDR", "%s: not a PNG", name)
		w, h := binary.BigEndian.Uint32(b[16:20]), binary.BigEndian.Uint32(b[20:24])
		eq(t, [2]uint32{uint32(f.Width), uint32(f.Height)}, [2]uint32{w, h}, "%s PNG size", name)
		check(t, len(b) > 5000, "%s: PNG suspiciously small (%d bytes)", name, len(b))
	}
}

func TestLegendOutside(t *testing.T) {
	// With LegendOutside the legend sits right of the frame, inside the
	// figure, and the frame narrows to leave room for it.
	x, y := line(200, func(i int) float64 { return float64(i * i) })
	attr := func(e elem, k string) float64 {
		v, err := strconv.ParseFloat(e.attrs[k], 64)
		must(t, err == nil, "attribute %s: %v", k, err)
		return v
	}
	_, inside := render1(t, &Axes{Legend: true, Series: []Series{{X: x, Y: y, Label: "a long label for the legend"}}})
	_, es := render1(t, &Axes{Legend: true, LegendOutside: true, Series: []Series{{X: x, Y: y, Label: "a long label for the legend"}}})
	var box elem
	for i, e := range es {
		if e.attrs["class"] == "legend" {
			box = es[i+1]
		}
	}
	fr := byClass(es, "frame")[0]
	right := attr(fr, "x") + attr(fr, "width")
	check(t, attr(box, "x") >= right, "legend at x = %g starts inside the frame (right edge %g)", attr(box, "x"), right)
	check(t, attr(box, "x")+attr(box, "width") <= 600, "legend ends at %g, past the figure's 600 px", attr(box, "x")+attr(box, "width"))
	check(t, attr(fr, "width") < attr(byClass(inside, "frame")[0], "width"), "the frame did not narrow for the legend")
}

func TestTitlesFit(t *testing.T) {
	// A title longer than its figure or panel gets a smaller font, so that
	// it stays inside; a short one keeps the default size.
	long := strings.Repeat("Outputs against targets, ", 2)
	f := &Figure{Width: 400, Height: 300, Rows: 1, Cols: 1, Title: long, Axes: []*Axes{{Title: long, Series: []Series{{Y: []float64{1, 2}}}}}}
	b, err := f.SVG()
	must(t, err == nil, "SVG: %v", err)
	es := parseSVG(t, b)
	for _, class := range []string{"figure-title", "title"} {
		e := byClass(es, class)[0]
		fs, _ := strconv.ParseFloat(e.attrs["font-size"], 64)
		x, _ := strconv.ParseFloat(e.attrs["x"], 64)
		w := boldWidth(long, fs) // titles are bold
		check(t, x-w/2 >= 0 && x+w/2 <= 400, "%s spans %g..%g, outside the 400 px figure", class, x-w/2, x+w/2)
	}
	_, es = render1(t, &Axes{Title: "short", Series: []Series{{Y: []float64{1, 2}}}})
	fs, _ := strconv.ParseFloat(byClass(es, "title")[0].attrs["font-size"], 64)
	check(t, fs >= 12, "a short title shrank to %g", fs)
}

// TestOutsideLegendRoom: a legend outside the last panel of a row takes
// room of its own, so that every panel of the row keeps the same plot
// width (it used to squeeze the last one).
func TestOutsideLegendRoom(t *testing.T) {
	f := NewFigure(900, 300, 1, 3)
	for k := range 3 {
		a := f.At(0, k)
		a.Series = []Series{{X: []float64{0, 1, 2}, Y: []float64{0, 1, 0}, Label: "a rather long series name"}}
		a.Legend, a.LegendOutside = k == 2, true
	}
	svg, err := f.SVG()
	must(t, err == nil, "SVG: %v", err)
	m := regexp.MustCompile(`<clipPath id="clip\d+"><rect x="[^"]*" y="[^"]*" width="([^"]*)"`).FindAllStringSubmatch(string(svg), -1)
	must(t, len(m) == 3, "%d clip paths, want 3", len(m))
	for k, w := range m[1:] {
		eq(t, m[0][1], w[1], "plot width of panel %d", k+2)
	}
}

// TestBand: a band is a closed outline along Hi and back along Lo, that
// fills the plot area when it spans the axis limits, breaks at non-finite
// values, sets the axes' range, shows in the legend, and needs X, Lo and
// Hi of one length.
func TestBand(t *testing.T) {
	a := &Axes{XMin: F(0), XMax: F(2), YMin: F(0), YMax: F(1),
		Bands: []Band{{X: []float64{0, 1, 2}, Lo: []float64{0, 0, 0}, Hi: []float64{1, 1, 1}, Label: "tolerance", Color: "#123456"}}, Legend: true}
	_, es := render1(t, a)
	bands := byClass(es, "band")
	must(t, len(bands) == 1, "one band path, got %d", len(bands))
	eq(t, "#123456", bands[0].attrs["fill"], "fill")
	eq(t, "0.15", bands[0].attrs["fill-opacity"], "default opacity")
	frame := byClass(es, "frame")[0].attrs
	fx, fy := frame["x"], frame["y"]
	w, _ := strconv.ParseFloat(frame["width"], 64)
	h, _ := strconv.ParseFloat(frame["height"], 64)
	x0, _ := strconv.ParseFloat(fx, 64)
	y0, _ := strconv.ParseFloat(fy, 64)
	var xs, ys []float64
	for _, p := range regexp.MustCompile(`[ML]([-0-9.e]+) ([-0-9.e]+)`).FindAllStringSubmatch(bands[0].attrs["d"], -1) {
		x, _ := strconv.ParseFloat(p[1], 64)
		y, _ := strconv.ParseFloat(p[2], 64)
		xs, ys = append(xs, x), append(ys, y)
	}
	eq(t, 6, len(xs), "vertices along Hi and back along Lo in %q", bands[0].attrs["d"])
	for i := range xs {
		check(t, contains([]float64{x0, x0 + w/2, x0 + w}, xs[i]), "vertex x %g not on the frame's edges or middle", xs[i])
		want := y0
		if i >= 3 {
			want = y0 + h
		}
		near(t, want, ys[i], 1e-9, "vertex %d y", i)
	}
	check(t, strings.HasSuffix(bands[0].attrs["d"], "Z"), "closed outline")
	found := false
	for _, e := range es {
		found = found || e.name == "text" && e.text == "tolerance"
	}
	check(t, found, "the band's label is in the legend")

	// A NaN breaks the band; the band alone gives the axes their range.
	_, es = render1(t, &Axes{Bands: []Band{{X: []float64{0, 1, 2, 3, 4}, Lo: []float64{0, 1, math.NaN(), 3, 4}, Hi: []float64{5, 6, 7, 8, 9}}}})
	d := byClass(es, "band")[0].attrs["d"]
	eq(t, 2, strings.Count(d, "M"), "pieces in %q", d)
	check(t, !strings.Contains(d, "NaN"), "non-finite coordinate in %q", d)

	f := &Figure{Width: 400, Height: 300, Rows: 1, Cols: 1, Axes: []*Axes{{Bands: []Band{{X: []float64{0, 1}, Lo: []float64{0}, Hi: []float64{1, 2}}}}}}
	_, err := f.SVG()
	check(t, err != nil && strings.Contains(err.Error(), "band 0"), "length mismatch: %v", err)
}
