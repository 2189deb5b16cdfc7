//go:build !unix

package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// lockFile takes the lock at path by creating it (O_EXCL). Without flock
// the liveness of the holder is not checked: a lock left by a killed run
// must be removed by hand (the error says so).
func lockFile(path string, me LockHolder) (*DirLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		b, _ := os.ReadFile(path)
		h := parseHolder(b)
		if h == nil {
			h = &LockHolder{}
		}
		return nil, &LockedError{Holder: *h}
	}
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	b, _ := json.Marshal(me)
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &DirLock{path: path, f: f}, nil
}
