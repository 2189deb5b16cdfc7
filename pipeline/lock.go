package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LockName is the lock file a run (or paraline clean) holds in its output
// directory while it writes there, so that two runs into one directory do
// not interleave their renames.
const LockName = ".paraline-lock"

// ErrLocked is returned (wrapped in a *LockedError) when another run holds
// the output directory.
var ErrLocked = errors.New("output directory in use")

// LockHolder is what a lock file says of the run that holds it.
type LockHolder struct {
	PID     int    `json:"pid"`
	Host    string `json:"host"`
	Started string `json:"started"` // RFC 3339, UTC
}

// String describes h for an error message.
func (h LockHolder) String() string {
	if h.PID == 0 {
		return "a run that has not yet written its pid"
	}
	s := fmt.Sprintf("pid %d", h.PID)
	if h.Host != "" {
		s += " on " + h.Host
	}
	if h.Started != "" {
		s += ", started " + h.Started
	}
	return s
}

// LockedError says that dir is held by another run.
type LockedError struct {
	Dir    string
	Holder LockHolder
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s is in use by another paraline run (%s); wait for it to end, or remove %s if that run is gone",
		e.Dir, e.Holder, filepath.Join(e.Dir, LockName))
}

// Unwrap makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Unwrap() error { return ErrLocked }

// DirLock is a held lock on an output directory.
type DirLock struct {
	path  string
	f     *os.File
	stale *LockHolder
}

// Stale returns what the lock file said of an earlier run that died
// holding the directory (killed, crashed) and whose lock this one took
// over, or nil.
func (l *DirLock) Stale() *LockHolder { return l.stale }

// LockDir takes the lock of the output directory dir (created if missing)
// or returns a *LockedError naming the run that holds it. A lock left by a
// run that is gone (killed, crashed, its machine rebooted) is stale: it is
// taken over (see DirLock.Stale). Release the lock with Unlock.
func LockDir(dir string) (*DirLock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	host, _ := os.Hostname()
	me := LockHolder{PID: os.Getpid(), Host: host, Started: time.Now().UTC().Format(time.RFC3339)}
	l, err := lockFile(filepath.Join(dir, LockName), me)
	var le *LockedError
	if errors.As(err, &le) {
		le.Dir = dir
	}
	return l, err
}

// Unlock releases the lock and removes its file.
func (l *DirLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	// Removed while held: a run that opened the file meanwhile finds, once
	// it gets the lock, that the file is no longer the one at the path,
	// and starts again.
	err := os.Remove(l.path)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	if err != nil {
		return fmt.Errorf("release lock: %w", err)
	}
	return nil
}

// errLockUnsupported is returned (wrapped) by LockDir when the file system
// of the directory has no locks.
var errLockUnsupported = errors.New("the file system does not support locks")

// lockOutput is LockDir for a run with o, which warns when it takes over
// the lock of a run that is gone, and goes on without a lock (warning) on
// a file system that has none.
func lockOutput(dir string, o *Options) (*DirLock, error) {
	l, err := LockDir(dir)
	if errors.Is(err, errLockUnsupported) {
		o.warn(fmt.Sprintf("running without a lock on %s: %v", dir, err))
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if h := l.Stale(); h != nil {
		o.warn(fmt.Sprintf("taking over the lock of a run that is gone (%s) in %s", h, dir))
	}
	return l, nil
}

// parseHolder decodes a lock file's content (nil when it holds none).
func parseHolder(b []byte) *LockHolder {
	if strings.TrimSpace(string(b)) == "" {
		return nil
	}
	var h LockHolder
	if json.Unmarshal(b, &h) != nil {
		return &LockHolder{}
	}
	return &h
}
