package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteSuccess(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.bin")
	want := bytes.Repeat([]byte("hello world\n"), 10000) // larger than the buffer
	if err := Write(path, func(w io.Writer) error {
		_, err := w.Write(want)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("content mismatch: got %d bytes, want %d", len(got), len(want))
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v, want 0644", fi.Mode().Perm())
	}
	if names := listDir(t, dir); len(names) != 1 || names[0] != "out.bin" {
		t.Errorf("directory contains %v, want only out.bin", names)
	}

	// Replacing an existing file.
	if err := Write(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got, _ = os.ReadFile(path)
	if string(got) != "new" {
		t.Fatalf("after replace got %q", got)
	}
	if names := listDir(t, dir); len(names) != 1 {
		t.Errorf("directory contains %v, want only out.bin", names)
	}
}

func TestWriteRelativePath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := Write("rel.txt", func(w io.Writer) error {
		_, err := io.WriteString(w, "x")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "rel.txt"))
	if err != nil || string(got) != "x" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestWriteFillErrorKeepsOld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keep.txt")
	old := []byte("original content\n")
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(path, func(w io.Writer) error {
		if _, err := w.Write(bytes.Repeat([]byte("partial"), 50000)); err != nil {
			return err
		}
		return boom
	})
	if err == nil {
		t.Fatal("expected error")
	}
	if !errors.Is(err, boom) {
		t.Errorf("error %v does not wrap the fill error", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the path", err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, old) {
		t.Errorf("old content changed: %q", got)
	}
	if names := listDir(t, dir); len(names) != 1 || names[0] != "keep.txt" {
		t.Errorf("temporary files left behind: %v", names)
	}
}

func TestWriteMissingDirectory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "no", "such", "dir", "f.txt")
	called := false
	err := Write(path, func(w io.Writer) error { called = true; return nil })
	if err == nil {
		t.Fatal("expected error")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the path", err)
	}
	if called {
		t.Error("fill called although the temp file could not be created")
	}
}

func TestWritePathIsDirectory(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	err := Write(sub, func(w io.Writer) error {
		_, err := io.WriteString(w, "x")
		return err
	})
	if err == nil {
		t.Fatal("expected error")
	}
	if !strings.Contains(err.Error(), sub) {
		t.Errorf("error %q does not name the path", err)
	}
	fi, err := os.Stat(sub)
	if err != nil || !fi.IsDir() {
		t.Fatalf("directory was replaced: %v %v", fi, err)
	}
	if names := listDir(t, dir); len(names) != 1 {
		t.Errorf("temporary files left behind: %v", names)
	}
	// Trailing slash.
	if err := Write(dir+string(os.PathSeparator), func(io.Writer) error { return nil }); err == nil {
		t.Error("expected error for path ending in a separator")
	}
}

func TestWriteNilFill(t *testing.T) {
	if err := Write(filepath.Join(t.TempDir(), "x"), nil); err == nil {
		t.Fatal("expected error")
	}
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model[1].npz")
	for _, name := range []string{".model[1].npz.tmp-123", ".model[1].npz.tmp-456", ".other.npz.tmp-1", "model[1].npz"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := RemoveStale(path); err != nil {
		t.Fatal(err)
	}
	got := listDir(t, dir)
	want := []string{".other.npz.tmp-1", "model[1].npz"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("after RemoveStale: %v, want %v", got, want)
	}
}
