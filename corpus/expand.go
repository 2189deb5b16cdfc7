package corpus

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Input is one file that an argument of a Reader names, as Expand lists it.
type Input struct {
	// Path is the file to open ("-" for stdin).
	Path string
	// ID is the Document.ID a Reader gives the file (see Document.ID).
	ID string
	// Err is non-nil when the argument could not be expanded: a missing
	// file, an unreadable directory, or a glob pattern that matches nothing
	// (ErrNoMatch; Path is then the pattern). A Reader returns such an
	// Input as a Document whose Err is a *ReadError.
	Err error
}

// Expand lists the files that one argument names, in the order a Reader
// reads them: "-" is stdin; a file is itself; a directory is walked
// recursively in lexical order (hidden files and folders skipped, links to
// files read, links to folders not followed); an argument that is not a
// file and holds glob metacharacters is a pattern expanded in lexical
// order. Only opts.FS is used. It is the one input expansion of paraline:
// the Reader and the pairing of documents by path both use it.
func Expand(arg string, opts Options) []Input {
	r := &Reader{opts: opts}
	items := r.expand(arg)
	in := make([]Input, len(items))
	for i, it := range items {
		in[i] = Input{Path: it.path, ID: it.id, Err: it.err}
	}
	return in
}

// item is one path to read, or an argument that failed to expand.
type item struct {
	path, id string
	err      error
}

// expand turns one argument into the items to read.
func (r *Reader) expand(arg string) []item {
	if arg == "-" {
		return []item{{path: "-", id: "-"}}
	}
	if r.opts.FS != nil && arg != "" {
		arg = path.Clean(arg) // fs.ValidPath refuses "dir/"
	}
	fi, err := r.stat(arg)
	if err != nil {
		if hasMeta(arg) {
			return r.glob(arg)
		}
		return []item{{path: arg, id: arg, err: err}}
	}
	if fi.IsDir() {
		return r.walk(arg, arg)
	}
	return []item{{path: arg, id: r.base(arg)}}
}

// hasMeta reports whether a path holds glob metacharacters.
func hasMeta(p string) bool { return strings.ContainsAny(p, `*?[\`) }

func (r *Reader) stat(p string) (fs.FileInfo, error) {
	if r.opts.FS != nil {
		return fs.Stat(r.opts.FS, p)
	}
	return os.Stat(p)
}

func (r *Reader) base(p string) string {
	if r.opts.FS != nil {
		return path.Base(p)
	}
	return filepath.Base(p)
}

// glob expands a pattern; IDs are relative to the pattern's fixed directory.
func (r *Reader) glob(pattern string) []item {
	var matches []string
	var err error
	var root string
	if r.opts.FS != nil {
		matches, err = fs.Glob(r.opts.FS, pattern)
		root = fixedDir(pattern, "/")
	} else {
		matches, err = filepath.Glob(pattern)
		root = fixedDir(filepath.ToSlash(pattern), "/")
		root = filepath.FromSlash(root)
	}
	if err != nil {
		return []item{{path: pattern, id: pattern, err: fmt.Errorf("glob: %w", err)}}
	}
	if len(matches) == 0 {
		return []item{{path: pattern, id: pattern, err: ErrNoMatch}}
	}
	slices.Sort(matches)
	var items []item
	for _, m := range matches {
		fi, err := r.stat(m)
		switch {
		case err != nil:
			items = append(items, item{path: m, id: r.rel(root, m), err: err})
		case fi.IsDir():
			items = append(items, r.walk(m, root)...)
		default:
			items = append(items, item{path: m, id: r.rel(root, m)})
		}
	}
	return items
}

// fixedDir returns the directory part of a slash-separated pattern before
// its first element holding a metacharacter ("." when there is none).
func fixedDir(pattern, sep string) string {
	elems := strings.Split(pattern, sep)
	n := 0
	for n < len(elems)-1 && !hasMeta(elems[n]) {
		n++
	}
	if n == 0 {
		if strings.HasPrefix(pattern, sep) {
			return sep
		}
		return "."
	}
	d := strings.Join(elems[:n], sep)
	if d == "" {
		return sep
	}
	return d
}

// rel returns p relative to root with slashes, or p when that fails.
func (r *Reader) rel(root, p string) string {
	if r.opts.FS != nil {
		root = path.Clean(root)
		if root == "." {
			return p
		}
		if rest, ok := strings.CutPrefix(p, root+"/"); ok {
			return rest
		}
		return p
	}
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// walk lists the regular files under dir in lexical order, with IDs
// relative to root. Symbolic links to files are read; links to directories
// are not followed. Unreadable directories become failed items.
func (r *Reader) walk(dir, root string) []item {
	var items []item
	fn := func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			items = append(items, item{path: p, id: r.rel(root, p), err: err})
			if d != nil && d.IsDir() && p != dir {
				return fs.SkipDir
			}
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			// Hidden files and folders (.git, .DS_Store) are not documents.
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := r.stat(p)
			if err != nil || fi.IsDir() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		items = append(items, item{path: p, id: r.rel(root, p)})
		return nil
	}
	var err error
	if r.opts.FS != nil {
		err = fs.WalkDir(r.opts.FS, dir, fn)
	} else {
		err = filepath.WalkDir(dir, fn)
	}
	if err != nil {
		items = append(items, item{path: dir, id: r.rel(root, dir), err: err})
	}
	return items
}
