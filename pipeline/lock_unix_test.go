//go:build unix

package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunStaleLock checks that the lock file of a run that is gone (its
// process ended without releasing it, as after SIGKILL) does not stop the
// next run, which takes it over and says so.
func TestRunStaleLock(t *testing.T) {
	// A process that has ended: its pid is gone.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	gone := cmd.Process.Pid
	dir := t.TempDir()
	b, _ := json.Marshal(LockHolder{PID: gone, Host: "h", Started: "2026-01-02T03:04:05Z"})
	if err := os.WriteFile(filepath.Join(dir, LockName), b, 0o644); err != nil {
		t.Fatal(err)
	}
	var warned []string
	o := Options{Inputs: []string{makeCorpus(t, 5)}, Warn: func(m string) { warned = append(warned, m) }}
	runOK(t, context.Background(), dir, o)
	if len(warned) != 1 || !strings.Contains(warned[0], fmt.Sprintf("gone (pid %d on h", gone)) {
		t.Errorf("warnings = %q, want one about the stale lock of pid %d", warned, gone)
	}
	if _, err := os.Stat(filepath.Join(dir, LockName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the run left the lock: %v", err)
	}
}
