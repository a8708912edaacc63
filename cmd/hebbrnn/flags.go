package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// errHelp is returned after -h printed a command's usage (exit 0).
var errHelp = errors.New("help shown")

// flagSet wraps flag.FlagSet: errors become one-line usage errors and
// -h prints the usage to stdout.
type flagSet struct {
	*flag.FlagSet
	synopsis string
	stdout   io.Writer
	set      map[string]bool
}

func newFlagSet(name, synopsis string, stdout io.Writer) *flagSet {
	fs := flag.NewFlagSet("hebbrnn "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flagSet{FlagSet: fs, synopsis: synopsis, stdout: stdout}
}

// parse parses args; no positional arguments are accepted.
func (f *flagSet) parse(args []string) error {
	if err := f.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(f.stdout, "Usage: %s\n\nFlags:\n", f.synopsis)
			f.SetOutput(f.stdout)
			f.PrintDefaults()
			return errHelp
		}
		return usagef("%s (see %s -h)", oneLine(err.Error()), f.Name())
	}
	if f.NArg() > 0 {
		return usagef("unexpected argument %q (flags are written --name value; see %s -h)", f.Arg(0), f.Name())
	}
	f.set = map[string]bool{}
	f.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	return nil
}

// threadsValue is the value of --threads: a count from 1 to 65536, or 0
// for "auto".
type threadsValue int

func (v *threadsValue) String() string {
	if *v == 0 {
		return "auto"
	}
	return strconv.Itoa(int(*v))
}

func (v *threadsValue) Set(s string) error {
	if s == "auto" {
		*v = 0
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 1<<16 {
		return fmt.Errorf("--threads: %s is neither auto nor a count from 1 to 65536", s)
	}
	*v = threadsValue(n)
	return nil
}

// threadsUsage is the help of --threads of a command whose work is a
// whole and is measured unit by unit.
func threadsUsage(whole, unit string) string {
	return "goroutines `N` a " + whole + " runs on, each owning a block of units, or auto (the default): all CPUs when J takes 256 KiB or more, else 1, " +
		"and with all CPUs each " + unit + " runs on one goroutine instead when that is faster at the moment (another process keeps a CPU busy); " +
		"results do not depend on it"
}

// isSet reports whether the flag was given on the command line.
func (f *flagSet) isSet(name string) bool { return f.set[name] }

// parseRange parses "A:B" (0-based, inclusive steps).
func parseRange(flagName, s string) (*[2]int, error) {
	if s == "" || s == "all" {
		return nil, nil
	}
	a, b, ok := strings.Cut(s, ":")
	if !ok {
		return nil, usagef("%s: %q is not a range A:B of steps (0-based, inclusive), or \"all\"", flagName, s)
	}
	x, err1 := strconv.Atoi(strings.TrimSpace(a))
	y, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || x < 0 || y < x {
		return nil, usagef("%s: %q is not a range A:B of steps with 0 ≤ A ≤ B", flagName, s)
	}
	return &[2]int{x, y}, nil
}

// parseDuration accepts a Go duration ("90s", "1h30m") or a number of
// seconds.
func parseDuration(flagName, s string) (time.Duration, error) {
	if s == "" || s == "0" {
		return 0, nil
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if !(v >= 0) || math.IsInf(v, 0) || v > 1e9 {
			return 0, usagef("%s: %q must be a duration ≥ 0 (e.g. 90s, 2h30m)", flagName, s)
		}
		return time.Duration(v * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, usagef("%s: %q must be a duration ≥ 0 (e.g. 90s, 2h30m)", flagName, s)
	}
	return d, nil
}

// checkPrecision validates --precision.
func checkPrecision(s string, allowEmpty bool) error {
	switch s {
	case "f64", "f32":
		return nil
	case "":
		if allowEmpty {
			return nil
		}
	}
	return usagef("--precision: %q is not a precision (want f64 or f32)", s)
}

// fileMustExist checks that a path names a readable regular file.
func fileMustExist(flagName, path string) error {
	if path == "" {
		return usagef("%s: missing file name", flagName)
	}
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return usagef("%s: %s does not exist", flagName, path)
		}
		return usagef("%s: %v", flagName, err)
	}
	if st.IsDir() {
		return usagef("%s: %s is a directory, not a file", flagName, path)
	}
	return nil
}

// dirSlash returns a directory's path with one separator at its end:
// "plots/" for "plots" and "plots/" alike.
func dirSlash(dir string) string {
	sep := string(filepath.Separator)
	return strings.TrimSuffix(filepath.Clean(dir), sep) + sep
}

// hasExt reports whether path ends in ext (case-insensitive).
func hasExt(path, ext string) bool {
	return strings.HasSuffix(strings.ToLower(path), ext)
}

// version returns the module version and VCS revision of the binary.
func version() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(bi)
}

// versionOf returns the module version of a build ("devel" for a build
// from a work tree) and its VCS revision, shortened to 12 digits and
// marked +dirty when the tree had changes: "v1.2.0", "devel (0123456789ab+dirty)".
func versionOf(bi *debug.BuildInfo) string {
	if bi == nil {
		return "(unknown version)"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += " (" + rev + modified + ")"
	}
	return v
}

// formatDuration prints a duration compactly: 4.2s, 3m05s, 2h07m.
func formatDuration(d time.Duration) string {
	switch {
	case d < 0:
		return "?"
	case d < 10*time.Second:
		return fmt.Sprintf("%.1fs", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%.0fs", d.Seconds())
	case d < time.Hour:
		s := int(d.Round(time.Second).Seconds())
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	case d < 1000*time.Hour:
		m := int(d.Round(time.Minute).Minutes())
		return fmt.Sprintf("%dh%02dm", m/60, m%60)
	}
	return ">1000h"
}

// npzOrMatOutput checks an output file flag that takes a .npz (numpy) or
// a .mat (MATLAB) file, as outputFile does.
func npzOrMatOutput(flagName, path string) error {
	if !hasExt(path, ".npz") && !hasExt(path, ".mat") {
		return usagef("%s: %q must name a .npz or .mat file", flagName, path)
	}
	return outputFile(flagName, path)
}

// outputFile checks, before any work is done, that a file can be written
// at path: its directory must exist and be writable. The error names the
// flag.
func outputFile(flagName, path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case err != nil && errors.Is(err, os.ErrNotExist):
		return usagef("%s: directory %s does not exist", flagName, dir)
	case err != nil:
		return usagef("%s: %v", flagName, err)
	case !st.IsDir():
		return usagef("%s: %s is not a directory", flagName, dir)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return usagef("%s: %s is a directory", flagName, path)
	}
	return writable(flagName, dir)
}

// outputDir creates the directory dir if needed and checks that files can
// be written in it. The error names the flag.
func outputDir(flagName, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usagef("%s: cannot create directory %s: %v", flagName, dir, errors.Unwrap(err))
	}
	return writable(flagName, dir)
}

// writable checks that a file can be created in dir.
func writable(flagName, dir string) error {
	f, err := os.CreateTemp(dir, ".hebbrnn-probe-*")
	if err != nil {
		return usagef("%s: cannot write in %s: %v", flagName, dir, errors.Unwrap(err))
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}
