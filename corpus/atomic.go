package corpus

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// AtomicFile is a buffered output file written under a temporary name in
// the target's directory and renamed to the target by Commit, so readers
// never see a half-written file. When the target name ends in ".gz" the
// content is gzip-compressed. Abort, or Close without Commit, removes the
// temporary file. An AtomicFile is not safe for concurrent use.
type AtomicFile struct {
	path string
	f    *os.File
	buf  *bufio.Writer // in front of gz, or of f when not compressing
	gz   *gzip.Writer
	out  *bufio.Writer // between gz and f; nil when not compressing
	done bool
	err  error       // first write error
	mode os.FileMode // permissions of the target: those of the file replaced, else 0644
}

// CreateAtomic creates a temporary file next to path (".NAME.tmp-*").
// The committed file gets the permissions of the file it replaces, or 0644.
func CreateAtomic(path string) (*AtomicFile, error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	a := &AtomicFile{path: path, f: f, mode: 0o644}
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		a.mode = fi.Mode().Perm()
	}
	if strings.HasSuffix(path, ".gz") {
		a.out = bufio.NewWriterSize(f, 64<<10)
		a.gz = gzip.NewWriter(a.out)
		a.buf = bufio.NewWriterSize(a.gz, 64<<10)
	} else {
		a.buf = bufio.NewWriterSize(f, 64<<10)
	}
	return a, nil
}

// Name returns the target path.
func (a *AtomicFile) Name() string { return a.path }

// Write implements io.Writer.
func (a *AtomicFile) Write(p []byte) (int, error) {
	if a.done {
		return 0, fmt.Errorf("write %s: %w", a.path, os.ErrClosed)
	}
	if a.err != nil {
		return 0, a.err
	}
	n, err := a.buf.Write(p)
	if err != nil {
		a.err = fmt.Errorf("write %s: %w", a.path, err)
	}
	return n, a.err
}

// WriteString implements io.StringWriter.
func (a *AtomicFile) WriteString(s string) (int, error) {
	if a.done {
		return 0, fmt.Errorf("write %s: %w", a.path, os.ErrClosed)
	}
	if a.err != nil {
		return 0, a.err
	}
	n, err := a.buf.WriteString(s)
	if err != nil {
		a.err = fmt.Errorf("write %s: %w", a.path, err)
	}
	return n, a.err
}

// sync flushes every buffer and fsyncs and closes the temporary file.
func (a *AtomicFile) sync() error {
	err := a.err
	if err == nil {
		err = a.buf.Flush()
	}
	if err == nil && a.gz != nil {
		err = a.gz.Close()
		if err == nil {
			err = a.out.Flush()
		}
	}
	if err == nil {
		err = a.f.Chmod(a.mode)
	}
	if err == nil {
		err = a.f.Sync()
	}
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", a.path, err)
	}
	return nil
}

// Commit flushes, fsyncs and renames the temporary file to the target. On
// failure the temporary file is removed. Commit after Commit or Abort is
// an error.
func (a *AtomicFile) Commit() error {
	if a.done {
		return fmt.Errorf("commit %s: %w", a.path, os.ErrClosed)
	}
	a.done = true
	if err := a.sync(); err != nil {
		_ = os.Remove(a.f.Name())
		return err
	}
	return a.rename()
}

func (a *AtomicFile) rename() error {
	if err := os.Rename(a.f.Name(), a.path); err != nil {
		_ = os.Remove(a.f.Name())
		return fmt.Errorf("commit %s: %w", a.path, err)
	}
	syncDir(filepath.Dir(a.path))
	return nil
}

// syncDir fsyncs a directory so a rename survives a crash (best effort: not
// every system can sync a directory).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// Abort discards the temporary file. It does nothing after Commit or Abort.
func (a *AtomicFile) Abort() error {
	if a.done {
		return nil
	}
	a.done = true
	cerr := a.f.Close()
	if err := os.Remove(a.f.Name()); err != nil {
		return fmt.Errorf("abort %s: %w", a.path, err)
	}
	if cerr != nil && !errors.Is(cerr, os.ErrClosed) {
		return fmt.Errorf("abort %s: %w", a.path, cerr)
	}
	return nil
}

// Close implements io.Closer: it aborts unless the file was committed.
func (a *AtomicFile) Close() error { return a.Abort() }

// CommitAll commits several files together: it flushes and fsyncs all of
// them first and renames them only when every one succeeded, so a failure
// (a full disk) leaves none of the targets replaced; all are aborted then.
// A rename can still fail midway (very rarely); the error says so.
func CommitAll(files ...*AtomicFile) error {
	for _, a := range files {
		if a.done {
			return fmt.Errorf("commit %s: %w", a.path, os.ErrClosed)
		}
	}
	var err error
	for i, a := range files {
		a.done = true
		if err = a.sync(); err != nil {
			for _, b := range files[:i+1] {
				_ = os.Remove(b.f.Name())
			}
			for _, b := range files[i+1:] {
				_ = b.Abort()
			}
			return err
		}
	}
	for i, a := range files {
		if err := a.rename(); err != nil {
			for _, b := range files[i+1:] {
				_ = os.Remove(b.f.Name())
			}
			return err
		}
	}
	return nil
}
