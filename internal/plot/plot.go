// Package plot draws simple scientific line charts as standalone SVG files,
// with no dependency outside the standard library.
//
// A Figure is a grid of panels (Axes) laid out row-major. Each Axes holds
// line series, horizontal reference lines, shaded vertical bands, circles
// and dots, and gets axes with "nice" tick values, axis labels, a title and
// optionally a legend. Output is deterministic: the same Figure always gives
// the same bytes.
//
// Data conventions: NaN and ±Inf values are skipped and break a line into
// separate pieces; on a logarithmic y axis non-positive values are skipped the
// same way. Long series are decimated to roughly what the pixel grid can
// show, keeping each pixel column's minimum and maximum.
package plot

import (
	"errors"
	"fmt"
	"io"

	"github.com/hebbrnn/hebbrnn/internal/atomicfile"
)

// Palette is the default colour cycle (Okabe & Ito's colour-blind-safe
// palette, yellow left out because it is illegible on white). Series without
// a Color take colours from it in order.
var Palette = []string{
	"#0072B2", // blue
	"#E69F00", // orange
	"#009E73", // bluish green
	"#D55E00", // vermillion
	"#CC79A7", // reddish purple
	"#56B4E9", // sky blue
	"#000000", // black
}

// Figure is a grid of Rows×Cols panels. Axes are placed row-major; a nil
// entry leaves its cell empty. Width and Height are in SVG pixels.
type Figure struct {
	Width, Height float64
	Title         string
	Rows, Cols    int
	Axes          []*Axes
}

// NewFigure returns a figure of the given size with rows×cols empty Axes.
func NewFigure(w, h float64, rows, cols int) *Figure {
	f := &Figure{Width: w, Height: h, Rows: rows, Cols: cols}
	for i := 0; i < rows*cols; i++ {
		f.Axes = append(f.Axes, &Axes{})
	}
	return f
}

// At returns the Axes in row r, column c (both from 0).
func (f *Figure) At(r, c int) *Axes { return f.Axes[r*f.Cols+c] }

// Axes is one panel.
type Axes struct {
	Title, XLabel, YLabel string

	// LogY selects a base-10 logarithmic y axis.
	LogY bool
	// EqualAspect makes one data unit the same length on both axes (for
	// x-y trajectories); the ranges are widened as needed.
	EqualAspect bool

	// Optional fixed limits; nil means automatic (data range plus a small
	// margin).
	XMin, XMax, YMin, YMax *float64

	Series  []Series
	HLines  []HLine
	VSpans  []VSpan
	Bands   []Band
	Circles []Circle
	Points  []Point

	// Legend draws a legend of every labelled Series, HLine, VSpan and Band in
	// the corner of the panel that covers the least data, or, with
	// LegendOutside, to the right of the plot area, where it covers none
	// (the plot area narrows to make room).
	Legend, LegendOutside bool
}

// Series is a polyline. If X is nil, the x values are 0, 1, 2, …
type Series struct {
	X, Y  []float64
	Label string
	// Color is any SVG colour; empty takes the next palette colour.
	Color  string
	Dashed bool
	// Width is the stroke width in pixels; 0 means 2.
	Width float64
	// Opacity of the stroke; 0 means 1.
	Opacity float64
}

// HLine is a horizontal reference line across the panel (e.g. a tolerance).
type HLine struct {
	Y     float64
	Label string
	Color string // empty: dark grey
	// Dashed draws the line dashed.
	Dashed bool
}

// VSpan shades the band X0 ≤ x ≤ X1 over the full height of the panel.
type VSpan struct {
	X0, X1  float64
	Label   string
	Color   string  // empty: grey
	Opacity float64 // 0 means 0.15
}

// Band shades the region between the curves Lo and Hi over X (e.g. a
// tolerance around a line). A point with a non-finite value breaks it
// into separate pieces.
type Band struct {
	X, Lo, Hi []float64
	Label     string
	Color     string  // empty: grey
	Opacity   float64 // 0 means 0.15
}

// Circle is a circle of radius R in data units (an ellipse if the axes do
// not have equal aspect). Fill fills it with a translucent version of Color.
type Circle struct {
	X, Y, R float64
	Color   string // empty: dark grey
	Fill    bool
}

// Point is a dot at (X, Y) with radius R in pixels (0 means 4).
type Point struct {
	X, Y, R float64
	Color   string // empty: black
}

// F returns a pointer to v, for the optional axis limits.
func F(v float64) *float64 { return &v }

// SVG renders the figure. It fails when the figure has no panels, its size
// or grid is invalid, a Series has X and Y of different lengths (a Band,
// X, Lo and Hi), or a panel
// has items but none of them has a finite (and, on a log axis, positive)
// coordinate.
func (f *Figure) SVG() ([]byte, error) {
	if f == nil {
		return nil, errors.New("plot: nil figure")
	}
	if !(f.Width > 0) || !(f.Height > 0) || f.Width > 1e6 || f.Height > 1e6 {
		return nil, fmt.Errorf("plot: invalid figure size %gx%g", f.Width, f.Height)
	}
	if f.Rows < 1 || f.Cols < 1 {
		return nil, fmt.Errorf("plot: invalid grid %dx%d", f.Rows, f.Cols)
	}
	if len(f.Axes) > f.Rows*f.Cols {
		return nil, fmt.Errorf("plot: %d axes do not fit a %dx%d grid", len(f.Axes), f.Rows, f.Cols)
	}
	n := 0
	for _, a := range f.Axes {
		if a != nil {
			n++
		}
	}
	if n == 0 {
		return nil, errors.New("plot: figure has no axes")
	}
	return render(f)
}

// WriteFile renders the figure and writes it to path atomically: the SVG goes
// to a temporary file in the same directory, which is synced and renamed over
// path. On any error an existing file at path is left untouched.
func (f *Figure) WriteFile(path string) error {
	b, err := f.SVG()
	if err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
