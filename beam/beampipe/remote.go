package beampipe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"   // gs:// inputs and outputs
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs" // memfs:// (tests, a single process)
)

// remote reports whether p names a file of a Beam filesystem other than
// the local one ("gs://bucket/x", "memfs://x"): a scheme before "://".
func remote(p string) bool {
	i := strings.Index(p, "://")
	if i <= 0 {
		return false
	}
	scheme := p[:i]
	if scheme == "file" {
		return false
	}
	for _, r := range scheme {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r == '-') {
			return false
		}
	}
	return true
}

// fsName turns a URL ("gs://b/x") into the name of remoteFS ("gs:/b/x",
// a valid fs.FS path), and urlOf does the reverse.
func fsName(url string) string { return path.Clean(strings.Replace(url, "://", ":/", 1)) }

func urlOf(name string) string {
	if i := strings.Index(name, ":/"); i > 0 && !strings.Contains(name[:i], "/") && !strings.HasPrefix(name[i:], "://") {
		return name[:i] + "://" + name[i+2:]
	}
	return name
}

// remoteFS is an fs.FS over Beam's filesystems (io/filesystem: gcs,
// memfs, ... registered by scheme), for package corpus to list and read
// remote inputs. Names are URLs in fs.FS form ("gs:/bucket/dir/x.warc",
// see fsName); Open also takes the URL itself ("gs://bucket/dir/x.warc"),
// which is how a worker opens an input the launch listed, and a local path,
// which it opens with os.Open. Folders are the prefixes of the objects'
// names. A remote file is copied on Open into an unnamed local temporary
// file (package corpus reads archives at offsets; Beam's filesystems only
// stream), removed when it is closed.
type remoteFS struct {
	ctx context.Context
}

// Open opens a file or a folder.
func (r remoteFS) Open(name string) (fs.File, error) {
	if !remote(name) && !remote(urlOf(name)) {
		return os.Open(name)
	}
	url := urlOf(name)
	if remote(name) {
		url = name
	}
	bfs, err := filesystem.New(r.ctx, url)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer bfs.Close()
	if size, err := bfs.Size(r.ctx, url); err == nil {
		return r.spool(bfs, url, size)
	}
	entries, err := r.readDir(bfs, url)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if len(entries) == 0 {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &remoteDir{info: entryInfo{name: path.Base(fsName(url)), dir: true}, entries: entries}, nil
}

// ReadDir lists a folder.
func (r remoteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !remote(urlOf(name)) {
		return os.ReadDir(name)
	}
	url := urlOf(name)
	bfs, err := filesystem.New(r.ctx, url)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	defer bfs.Close()
	entries, err := r.readDir(bfs, url)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	if len(entries) == 0 {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return entries, nil
}

// maxDepth bounds the folders a listing goes down on a filesystem whose
// "**" does not cross "/" (memfs).
const maxDepth = 12

// readDir returns the entries of the folder url: the objects right under
// it and the sub-folders that hold objects.
func (r remoteFS) readDir(bfs filesystem.Interface, url string) ([]fs.DirEntry, error) {
	prefix := strings.TrimSuffix(url, "/") + "/"
	var names []string
	if strings.HasPrefix(url, "gs://") || strings.HasPrefix(url, "s3://") {
		all, err := bfs.List(r.ctx, prefix+"**")
		if err != nil {
			return nil, err
		}
		names = all
	} else {
		for d := 1; d <= maxDepth; d++ {
			level, err := bfs.List(r.ctx, prefix+strings.TrimSuffix(strings.Repeat("*/", d), "/"))
			if err != nil {
				return nil, err
			}
			names = append(names, level...)
		}
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, n := range names {
		rest, ok := strings.CutPrefix(n, prefix)
		if !ok || rest == "" {
			continue
		}
		child, _, sub := strings.Cut(rest, "/")
		if seen[child] {
			continue
		}
		seen[child] = true
		e := entryInfo{name: child, dir: sub}
		if !sub {
			if size, err := bfs.Size(r.ctx, prefix+child); err == nil {
				e.size = size
			}
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// spool copies the object url into an unnamed temporary file.
func (r remoteFS) spool(bfs filesystem.Interface, url string, size int64) (fs.File, error) {
	rc, err := bfs.OpenRead(r.ctx, url)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: url, Err: err}
	}
	defer rc.Close()
	f, err := os.CreateTemp("", "paraline-beam-input-*")
	if err != nil {
		return nil, err
	}
	_ = os.Remove(f.Name()) // gone when closed
	if _, err := io.Copy(f, rc); err != nil {
		f.Close()
		return nil, &fs.PathError{Op: "read", Path: url, Err: err}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return &spooled{File: f, info: entryInfo{name: path.Base(url), size: size}}, nil
}

// spooled is a local copy of a remote file, which reports the remote name.
type spooled struct {
	*os.File
	info entryInfo
}

// Stat describes the remote file.
func (s *spooled) Stat() (fs.FileInfo, error) { return s.info, nil }

// remoteDir is an open remote folder.
type remoteDir struct {
	info    entryInfo
	entries []fs.DirEntry
}

func (d *remoteDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *remoteDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}
func (d *remoteDir) Close() error { return nil }

// ReadDir returns the folder's entries (n <= 0: all).
func (d *remoteDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		e := d.entries
		d.entries = nil
		return e, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	e := d.entries[:n]
	d.entries = d.entries[n:]
	return e, nil
}

// entryInfo describes a remote file or folder.
type entryInfo struct {
	name string
	size int64
	dir  bool
}

func (e entryInfo) Name() string { return e.name }
func (e entryInfo) Size() int64  { return e.size }
func (e entryInfo) Mode() fs.FileMode {
	if e.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (e entryInfo) ModTime() time.Time         { return time.Time{} }
func (e entryInfo) IsDir() bool                { return e.dir }
func (e entryInfo) Sys() any                   { return nil }
func (e entryInfo) Type() fs.FileMode          { return e.Mode().Type() }
func (e entryInfo) Info() (fs.FileInfo, error) { return e, nil }

// copyOut copies the files of the local folder dir into the remote folder
// url (the outputs of a run whose -o is remote), through Beam's filesystem.
func copyOut(ctx context.Context, dir, url string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	bfs, err := filesystem.New(ctx, url)
	if err != nil {
		return err
	}
	defer bfs.Close()
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		dst := strings.TrimSuffix(url, "/") + "/" + e.Name()
		if err := copyFile(ctx, bfs, filepath.Join(dir, e.Name()), dst); err != nil {
			return fmt.Errorf("write %s: %w", dst, err)
		}
	}
	return nil
}

// copyFile copies the local file src to dst.
func copyFile(ctx context.Context, bfs filesystem.Interface, src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	w, err := bfs.OpenWrite(ctx, dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, in); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
