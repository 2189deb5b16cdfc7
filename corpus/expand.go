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
// reads them: "-" is stdin; a file is itself; a directory (or a link to
// one) is walked recursively in lexical order (hidden files and folders
// skipped, and folders holding a ManifestName file, the outputs of a run;
// links to files read, links to folders inside it not followed); an
// argument that is not a file and holds glob metacharacters is a pattern
// expanded in lexical order, whose matches skip hidden names as a shell
// does ("*" does not match .git, ".*" does) and the outputs of a run. Only
// opts.FS is used. It is the one input
// expansion of paraline: the Reader and the pairing of documents by path
// both use it.
func Expand(arg string, opts Options) []Input {
	r := &Reader{opts: opts}
	items := r.expand(arg)
	in := make([]Input, len(items))
	for i, it := range items {
		in[i] = Input{Path: it.path, ID: it.id, Err: it.err}
	}
	return in
}

// ExpandAll lists the files of args in the order a Reader over args reads
// them, with the IDs it gives them: those of Expand, except that IDs that
// several files would share (x.txt for the arguments d1/x.txt and
// d2/x.txt, or for the folders d1 and d2 that both hold an x.txt) are
// made unique: each of those files is named by the shortest suffix of its
// path, in whole elements, that no other file shares ("d1/x.txt",
// "d2/x.txt"); a file given twice is named by its path, then its path and
// "#2", "#3"... The IDs of one argument are unique already, so a single
// argument keeps the IDs of Expand.
func ExpandAll(args []string, opts Options) []Input {
	r := &Reader{opts: opts}
	var items []item
	for _, arg := range args {
		items = append(items, r.expand(arg)...)
	}
	uniqueIDs(items)
	in := make([]Input, len(items))
	for i, it := range items {
		in[i] = Input{Path: it.path, ID: it.id, Err: it.err}
	}
	return in
}

// uniqueIDs renames the items whose IDs collide (see ExpandAll).
func uniqueIDs(items []item) {
	// elems[i] is the number of path elements of items[i]'s ID.
	elems := make([]int, len(items))
	for i, it := range items {
		elems[i] = strings.Count(it.id, "/") + 1
	}
	for {
		count := make(map[string]int, len(items))
		for _, it := range items {
			count[it.id]++
		}
		changed := false
		for i := range items {
			if count[items[i].id] < 2 {
				continue
			}
			parts := strings.Split(filepath.ToSlash(path.Clean(filepath.ToSlash(items[i].path))), "/")
			if elems[i] >= len(parts) {
				continue // the whole path: a file given twice
			}
			elems[i]++
			items[i].id = strings.Join(parts[len(parts)-elems[i]:], "/")
			changed = true
		}
		if !changed {
			break
		}
	}
	seen := make(map[string]int, len(items))
	for i := range items {
		seen[items[i].id]++
		if n := seen[items[i].id]; n > 1 {
			items[i].id = fmt.Sprintf("%s#%d", items[i].id, n)
		}
	}
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

// isOutputDir reports whether dir holds the manifest of a paraline run
// (ManifestName), so it is a run's output directory.
func (r *Reader) isOutputDir(dir string) bool {
	if r.opts.FS != nil {
		_, err := fs.Stat(r.opts.FS, path.Join(dir, ManifestName))
		return err == nil
	}
	_, err := os.Lstat(filepath.Join(dir, ManifestName))
	return err == nil
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
		if r.globSkips(pattern, r.rel(root, m)) {
			continue
		}
		fi, err := r.stat(m)
		switch {
		case err == nil && fi.IsDir() && r.isOutputDir(m):
			continue
		case err != nil:
			items = append(items, item{path: m, id: r.rel(root, m), err: err})
		case fi.IsDir():
			items = append(items, r.walk(m, root)...)
		default:
			items = append(items, item{path: m, id: r.rel(root, m)})
		}
	}
	if len(items) == 0 {
		return []item{{path: pattern, id: pattern, err: ErrNoMatch}}
	}
	return items
}

// globSkips reports whether a match of pattern (rel, relative to the
// pattern's fixed directory) is hidden as the shell would hide it: an
// element starting with "." that the pattern's element does not start with
// "." ("*" does not match .git, ".*" does).
func (r *Reader) globSkips(pattern, rel string) bool {
	pat := strings.Split(filepath.ToSlash(pattern), "/")
	elems := strings.Split(rel, "/")
	off := len(pat) - len(elems)
	if off < 0 {
		return false
	}
	for i, e := range elems {
		if strings.HasPrefix(e, ".") && e != "." && e != ".." && !strings.HasPrefix(pat[off+i], ".") {
			return true
		}
	}
	return false
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
// are not followed, except dir itself (an argument or a glob match naming a
// link to a folder). Unreadable directories become failed items.
func (r *Reader) walk(dir, root string) []item {
	if r.opts.FS == nil {
		if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			// WalkDir does not follow a link at its root; a trailing
			// separator makes the system resolve it.
			dir += string(filepath.Separator)
		}
	}
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
			if p != dir && r.isOutputDir(p) {
				// The output directory of a run (paraline -o out .): its
				// outputs are not input of the next run.
				return fs.SkipDir
			}
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
