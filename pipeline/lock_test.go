package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunLocked checks that a run into a directory another run holds fails
// at once with an error naming that run, writes nothing, and that the
// directory is free again once the lock is released.
func TestRunLocked(t *testing.T) {
	in := makeCorpus(t, 5)
	dir := t.TempDir()
	held, err := LockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), dir, Options{Inputs: []string{in}})
	var le *LockedError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &le) {
		t.Fatalf("run into a held directory: %v, want ErrLocked", err)
	}
	for _, want := range []string{fmt.Sprintf("pid %d", os.Getpid()), LockName, dir} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
	if _, err := Clean(context.Background(), dir, &slicePairs{}, Options{Langs: []string{"en", "ru"}}); !errors.Is(err, ErrLocked) {
		t.Errorf("clean into a held directory: %v, want ErrLocked", err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("the refused runs wrote into the directory: %d entries", len(ents))
	}
	if err := held.Unlock(); err != nil {
		t.Fatal(err)
	}
	runOK(t, context.Background(), dir, Options{Inputs: []string{in}})
	if _, err := os.Stat(filepath.Join(dir, LockName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a finished run left its lock: %v", err)
	}
}
