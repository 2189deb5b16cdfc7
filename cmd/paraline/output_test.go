package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputAtomic checks that -o FILE of the text commands is written
// under a temporary name: an interrupted command leaves the file that was
// there untouched and no temporary file, a finished one replaces it.
func TestOutputAtomic(t *testing.T) {
	const old = "the previous output\n"
	input := "The river commission met in Linz. It agreed on a plan.\n"
	tests := []struct {
		name     string
		args     []string // -o FILE and INPUT are appended
		cancel   bool
		wantExit int
		want     string // content of FILE afterwards; old when untouched
	}{
		{"split interrupted", []string{"split", "--lang", "en"}, true, exitInterrupted, old},
		{"detect interrupted", []string{"detect", "--no-repeat", "--format", "text"}, true, exitInterrupted, old},
		{"split", []string{"split", "--lang", "en"}, false, exitOK, "The river commission met in Linz.\nIt agreed on a plan.\n"},
		{"repair", []string{"repair", "--lang", "en"}, false, exitOK, input},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "in.txt")
			out := filepath.Join(dir, "out.txt")
			if err := os.WriteFile(in, []byte(input), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(out, []byte(old), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.cancel {
				cancel()
			}
			var stdout, stderr bytes.Buffer
			args := append(append([]string{}, tc.args...), "-o", out, in)
			code := runMain(ctx, &stdio{in: strings.NewReader(""), out: &stdout, err: &stderr}, args)
			if code != tc.wantExit {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.wantExit, stderr.String())
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("%s holds %q, want %q", out, got, tc.want)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 2 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("files left in the directory: %v, want in.txt and out.txt", names)
			}
		})
	}
}
