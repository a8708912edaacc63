// Package jsonl reads JSON-lines files: one JSON value per line, blank
// lines ignored. The training log (log.jsonl) is one.
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

// Read decodes every non-blank line of the file at path into an E. check,
// when not nil, is called with each decoded value and its 1-based line
// number; its error stops the reading. Errors name the path and the line.
func Read[E any](path string, check func(line int, e *E) error) ([]E, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []E
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<26)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var e E
		if err := json.Unmarshal(line, &e); err != nil {
			return nil, fmt.Errorf("%s: line %d: %v", path, n, err)
		}
		if check != nil {
			if err := check(n, &e); err != nil {
				return nil, fmt.Errorf("%s: line %d: %v", path, n, err)
			}
		}
		out = append(out, e)
	}
	return out, sc.Err()
}
