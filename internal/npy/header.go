package npy

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The .npy header is the repr() of a Python dict, e.g.
//
//	{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }
//
// This file contains a small parser for the subset of Python literal syntax
// that can appear in such headers: strings, integers, True/False/None,
// tuples, lists and dicts.

// pyTuple and pyList distinguish the two Python sequence kinds.
type (
	pyTuple []any
	pyList  []any
	pyDict  struct {
		keys []string
		vals map[string]any
	}
	pyNone struct{}
)

const maxLiteralDepth = 32

type litParser struct {
	s     string
	pos   int
	depth int
}

func (p *litParser) errorf(format string, args ...any) error {
	return fmt.Errorf("header syntax error at offset %d: %s", p.pos, fmt.Sprintf(format, args...))
}

func (p *litParser) skipSpace() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r', '\f', '\v', 0:
			p.pos++
		default:
			return
		}
	}
}

func (p *litParser) peek() byte {
	p.skipSpace()
	if p.pos >= len(p.s) {
		return 0
	}
	return p.s[p.pos]
}

func (p *litParser) expect(c byte) error {
	if p.peek() != c {
		if p.pos >= len(p.s) {
			return p.errorf("unexpected end of header, want %q", c)
		}
		return p.errorf("unexpected %q, want %q", p.s[p.pos], c)
	}
	p.pos++
	return nil
}

func (p *litParser) value() (any, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxLiteralDepth {
		return nil, p.errorf("nesting too deep")
	}
	c := p.peek()
	switch {
	case c == 0 && p.pos >= len(p.s):
		return nil, p.errorf("unexpected end of header")
	case c == '\'' || c == '"':
		return p.str()
	case c == '{':
		return p.dict()
	case c == '(':
		return p.seq('(', ')')
	case c == '[':
		return p.seq('[', ']')
	case c == '-' || c == '+' || (c >= '0' && c <= '9'):
		return p.integer()
	case isIdentStart(c):
		start := p.pos
		for p.pos < len(p.s) && isIdentChar(p.s[p.pos]) {
			p.pos++
		}
		switch id := p.s[start:p.pos]; id {
		case "True":
			return true, nil
		case "False":
			return false, nil
		case "None":
			return pyNone{}, nil
		default:
			p.pos = start
			return nil, p.errorf("unexpected name %q", id)
		}
	default:
		return nil, p.errorf("unexpected %q", c)
	}
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isIdentChar(c byte) bool { return isIdentStart(c) || (c >= '0' && c <= '9') }

func (p *litParser) str() (string, error) {
	q := p.s[p.pos]
	p.pos++
	var b strings.Builder
	for {
		if p.pos >= len(p.s) {
			return "", p.errorf("unterminated string")
		}
		c := p.s[p.pos]
		p.pos++
		switch c {
		case q:
			return b.String(), nil
		case '\n':
			return "", p.errorf("newline in string")
		case '\\':
			if p.pos >= len(p.s) {
				return "", p.errorf("unterminated string")
			}
			e := p.s[p.pos]
			p.pos++
			switch e {
			case '\\', '\'', '"':
				b.WriteByte(e)
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '0':
				b.WriteByte(0)
			default:
				// Python keeps unknown escapes verbatim.
				b.WriteByte('\\')
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
		}
	}
}

func (p *litParser) integer() (int64, error) {
	start := p.pos
	neg := false
	if c := p.s[p.pos]; c == '-' || c == '+' {
		neg = c == '-'
		p.pos++
		p.skipSpace()
	}
	digits := p.pos
	for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
		p.pos++
	}
	if p.pos == digits {
		p.pos = start
		return 0, p.errorf("malformed number")
	}
	text := p.s[digits:p.pos]
	// Python 2 wrote long integers with an L suffix, e.g. (3L,).
	if p.pos < len(p.s) && (p.s[p.pos] == 'L' || p.s[p.pos] == 'l') {
		p.pos++
	}
	if p.pos < len(p.s) && (isIdentChar(p.s[p.pos]) || p.s[p.pos] == '.') {
		p.pos = start
		return 0, p.errorf("malformed number")
	}
	v, err := strconv.ParseUint(text, 10, 64)
	if err != nil || v > math.MaxInt64 {
		p.pos = start
		return 0, p.errorf("integer %s out of range", text)
	}
	if neg {
		return -int64(v), nil
	}
	return int64(v), nil
}

func (p *litParser) seq(open, closeCh byte) (any, error) {
	if err := p.expect(open); err != nil {
		return nil, err
	}
	var items []any
	sawComma := false
	for {
		if p.peek() == closeCh {
			p.pos++
			break
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		if c := p.peek(); c == ',' {
			p.pos++
			sawComma = true
			continue
		}
		if err := p.expect(closeCh); err != nil {
			return nil, err
		}
		break
	}
	if open == '[' {
		return pyList(items), nil
	}
	if len(items) == 1 && !sawComma {
		// "(x)" is just a parenthesized x in Python, not a tuple.
		return items[0], nil
	}
	if items == nil {
		items = []any{}
	}
	return pyTuple(items), nil
}

func (p *litParser) dict() (*pyDict, error) {
	if err := p.expect('{'); err != nil {
		return nil, err
	}
	d := &pyDict{vals: map[string]any{}}
	for {
		if p.peek() == '}' {
			p.pos++
			return d, nil
		}
		if c := p.peek(); c != '\'' && c != '"' {
			return nil, p.errorf("dictionary keys must be strings")
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		if err := p.expect(':'); err != nil {
			return nil, err
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		if _, dup := d.vals[k]; dup {
			return nil, fmt.Errorf("header has duplicate key %q", k)
		}
		d.keys = append(d.keys, k)
		d.vals[k] = v
		if p.peek() == ',' {
			p.pos++
			continue
		}
		if err := p.expect('}'); err != nil {
			return nil, err
		}
		return d, nil
	}
}

// header is the decoded content of a .npy header.
type header struct {
	descr   string
	fortran bool
	shape   []int
}

// parseHeader parses the header dict of a .npy file.
func parseHeader(s string) (*header, error) {
	p := &litParser{s: s}
	if p.peek() != '{' {
		return nil, errors.New("header is not a Python dict literal")
	}
	d, err := p.dict()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(p.s) {
		return nil, p.errorf("trailing data after header dict")
	}
	for _, k := range d.keys {
		switch k {
		case "descr", "fortran_order", "shape":
		default:
			return nil, fmt.Errorf("header has unexpected key %q", k)
		}
	}
	h := &header{}

	descr, ok := d.vals["descr"]
	if !ok {
		return nil, errors.New("header has no 'descr' key")
	}
	switch v := descr.(type) {
	case string:
		h.descr = v
	case pyList:
		return nil, fmt.Errorf("unsupported structured dtype %s", short(reprLiteral(v)))
	default:
		return nil, fmt.Errorf("header 'descr' is not a string: %s", short(reprLiteral(v)))
	}

	fo, ok := d.vals["fortran_order"]
	if !ok {
		return nil, errors.New("header has no 'fortran_order' key")
	}
	b, ok := fo.(bool)
	if !ok {
		return nil, fmt.Errorf("header 'fortran_order' is not a bool: %s", short(reprLiteral(fo)))
	}
	h.fortran = b

	sh, ok := d.vals["shape"]
	if !ok {
		return nil, errors.New("header has no 'shape' key")
	}
	tup, ok := sh.(pyTuple)
	if !ok {
		return nil, fmt.Errorf("header 'shape' is not a tuple: %s", short(reprLiteral(sh)))
	}
	h.shape = make([]int, len(tup))
	for i, e := range tup {
		n, ok := e.(int64)
		if !ok {
			return nil, fmt.Errorf("header 'shape' entry %d is not an integer: %s", i, short(reprLiteral(e)))
		}
		if n < 0 {
			return nil, fmt.Errorf("header 'shape' %s has a negative dimension", short(reprLiteral(sh)))
		}
		if n > math.MaxInt {
			return nil, fmt.Errorf("header 'shape' dimension %d too large", n)
		}
		h.shape[i] = int(n)
	}
	return h, nil
}

// reprLiteral formats a parsed literal roughly as Python would, for error
// messages.
func reprLiteral(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		if v {
			return "True"
		}
		return "False"
	case pyNone:
		return "None"
	case pyTuple:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = reprLiteral(e)
		}
		if len(parts) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case pyList:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = reprLiteral(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *pyDict:
		parts := make([]string, len(v.keys))
		for i, k := range v.keys {
			parts[i] = strconv.Quote(k) + ": " + reprLiteral(v.vals[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	default:
		return fmt.Sprint(v)
	}
}

// formatShape formats a shape as a Python tuple literal.
func formatShape(shape []int) string {
	switch len(shape) {
	case 0:
		return "()"
	case 1:
		return "(" + strconv.Itoa(shape[0]) + ",)"
	}
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// short truncates s for use in an error message.
func short(s string) string {
	const maxLen = 120
	if len(s) <= maxLen {
		return s
	}
	return s[:maxLen] + "..."
}
