package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun summarises a study of three runs' logs, one of which never
// reached the criterion, and draws the figure.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	logs := []string{
		`{"trials":4,"error":1.5,"trialsToCriterion":null}` + "\n" + `{"trials":8,"error":0.5,"trialsToCriterion":300}`,
		`{"trials":4,"error":1.7,"trialsToCriterion":null}` + "\n" + `{"trials":8,"error":0.7,"trialsToCriterion":500}`,
		`{"trials":4,"error":1.9,"trialsToCriterion":null}` + "\n" + `{"trials":8,"error":0.9,"trialsToCriterion":null}`,
	}
	for i, l := range logs {
		d := filepath.Join(dir, "runs", string(rune('0'+i)))
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "log.jsonl"), []byte(l+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "fig.svg")
	if err := run(dir, out, "t", "692:843:1125", 0); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(svg), "median 500") || !strings.Contains(string(svg), "median of 3 runs") {
		t.Fatalf("figure: %v\n%.300s", err, svg)
	}
	if err := run(dir, out, "", "", 9); err == nil || !strings.Contains(err.Error(), "no run has reached 9 trials") {
		t.Fatalf("runs too short: %v", err)
	}
	if err := run(filepath.Join(dir, "none"), out, "", "", 0); err == nil || !strings.Contains(err.Error(), "no runs/*/log.jsonl") {
		t.Fatalf("an empty study: %v", err)
	}
}
