package jsonl

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.jsonl")
	if err := os.WriteFile(path, []byte("{\"a\": 1}\n\n  {\"a\": 2}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	type entry struct{ A int }
	var lines []int
	got, err := Read(path, func(n int, e *entry) error { lines = append(lines, n); return nil })
	if err != nil || len(got) != 2 || got[0].A != 1 || got[1].A != 2 {
		t.Fatalf("Read = %v, %v; want [{1} {2}]", got, err)
	}
	if len(lines) != 2 || lines[0] != 1 || lines[1] != 3 {
		t.Fatalf("check saw lines %v, want [1 3] (the blank line counts)", lines)
	}
	_, err = Read(path, func(n int, e *entry) error {
		if e.A == 2 {
			return errors.New("two is refused")
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "line 3: two is refused") {
		t.Fatalf("check's error = %v, want it with its line", err)
	}
	if err := os.WriteFile(path, []byte("{\"a\": 1}\nnot json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read[entry](path, nil); err == nil || !strings.Contains(err.Error(), "line 2:") {
		t.Fatalf("bad line: err = %v, want one naming line 2", err)
	}
}
