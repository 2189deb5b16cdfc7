//go:build unix

package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// lockFile takes the lock at path with flock(2): the kernel releases it
// when its process ends, however it ends, so a lock whose holder is gone
// is never in force and a file left by a killed run is taken over. The
// file holds the holder's pid, host and start time, for the message of a
// run that finds the lock taken.
func lockFile(path string, me LockHolder) (*DirLock, error) {
	for try := 0; try < 100; try++ {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock: %w", err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			b, _ := io.ReadAll(f)
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				h := parseHolder(b)
				if h == nil {
					h = &LockHolder{}
				}
				return nil, &LockedError{Holder: *h}
			}
			if errors.Is(err, syscall.ENOLCK) || errors.Is(err, syscall.EOPNOTSUPP) || errors.Is(err, syscall.ENOSYS) {
				return nil, fmt.Errorf("lock %s: %w (%w)", path, errLockUnsupported, err)
			}
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		// The holder before us may have removed the file between our open
		// and our lock: then ours is an orphan, and we start again.
		fi, err := f.Stat()
		pi, perr := os.Stat(path)
		if err != nil || perr != nil || !os.SameFile(fi, pi) {
			f.Close()
			continue
		}
		old, err := io.ReadAll(f)
		if err == nil {
			err = f.Truncate(0)
		}
		if err == nil {
			b, _ := json.Marshal(me)
			_, err = f.WriteAt(append(b, '\n'), 0)
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		return &DirLock{path: path, f: f, stale: parseHolder(old)}, nil
	}
	return nil, fmt.Errorf("lock %s: the lock file keeps being replaced", path)
}
