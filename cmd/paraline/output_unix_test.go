//go:build unix

package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOutputNotRegular checks that -o FILE keeps what FILE is when it is no
// regular file: a symbolic link still points to its file, which holds the
// output, and a named pipe is written in place, not replaced by a file.
func TestOutputNotRegular(t *testing.T) {
	const want = "Hello there.\nBye now.\n"
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) (out string, read func() string)
	}{
		{"symbolic link", func(t *testing.T, dir string) (string, func() string) {
			real := filepath.Join(dir, "real.txt")
			if err := os.WriteFile(real, []byte("old\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(dir, "link.txt")
			if err := os.Symlink("real.txt", link); err != nil {
				t.Fatal(err)
			}
			return link, func() string {
				if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
					t.Errorf("%s is no longer a symbolic link (%v)", link, err)
				}
				b, _ := os.ReadFile(real)
				return string(b)
			}
		}},
		{"named pipe", func(t *testing.T, dir string) (string, func() string) {
			fifo := filepath.Join(dir, "pipe")
			if err := syscall.Mkfifo(fifo, 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			got := make(chan string, 1)
			go func() {
				f, err := os.Open(fifo)
				if err != nil {
					got <- err.Error()
					return
				}
				b, _ := io.ReadAll(f)
				f.Close()
				got <- string(b)
			}()
			return fifo, func() string {
				if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
					t.Errorf("%s is no longer a named pipe (%v)", fifo, err)
				}
				select {
				case s := <-got:
					return s
				case <-time.After(10 * time.Second):
					return "(nothing came through the pipe)"
				}
			}
		}},
	}
	commands := []struct {
		name, stdin string
		args        []string
	}{
		{"split", "Hello there. Bye now.\n", []string{"split", "--lang", "en"}},
		{"translate", want, []string{"translate", "--from", "en", "--to", "ru", "--translator", "exec", "--exec-cmd", "cat", "--no-cache"}},
	}
	for _, cmd := range commands {
		for _, tc := range tests {
			t.Run(cmd.name+" "+tc.name, func(t *testing.T) {
				out, read := tc.setup(t, t.TempDir())
				var stdout, stderr bytes.Buffer
				code := runMain(context.Background(), &stdio{in: strings.NewReader(cmd.stdin), out: &stdout, err: &stderr},
					append(append([]string{}, cmd.args...), "-o", out))
				if code != exitOK {
					t.Fatalf("exit %d; stderr: %s", code, stderr.String())
				}
				if got := read(); got != want {
					t.Errorf("output %q, want %q", got, want)
				}
			})
		}
	}
}
