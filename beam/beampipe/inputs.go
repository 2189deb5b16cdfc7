package beampipe

import (
	"fmt"
	"io"

	"github.com/paraline/paraline/corpus"
)

// File is one input file of a run, as corpus.Expand lists it, with its
// place in the order of "paraline run".
type File struct {
	// Seq numbers the files of the run from 0 in reading order.
	Seq int64
	// Arg is the argument that named the file when the arguments are
	// listed one by one (remote inputs), else ""; Path and ID are those of
	// its corpus.Input.
	Arg, Path, ID string
	// Failed says that the argument could not be expanded (corpus.Input.Err);
	// the worker expands the arguments again to get the same error.
	Failed bool
}

// Batch is a run of consecutive files, the unit of work of the pipeline:
// fewer, larger elements cost a runner less than one element per file.
type Batch struct {
	Files []File
}

// Batches cuts files into batches of at most size files.
func Batches(files []File, size int) []Batch {
	size = max(size, 1)
	var out []Batch
	for len(files) > 0 {
		n := min(size, len(files))
		out = append(out, Batch{Files: files[:n:n]})
		files = files[n:]
	}
	return out
}

// Unit is one element of the second pass of a run that does not pair
// documents: consecutive whole files, or a range of the records of one
// WARC archive, as the first pass listed them (Config.RangeSize).
type Unit struct {
	// Files are the unit's files; one archive for a range of records.
	Files []File
	// First is the number of the range's first record in its archive, and
	// Refs locate its records (corpus.RecordRef); nil: whole files.
	First int64
	Refs  []corpus.RecordRef
	// Next is the key of the first document after the unit: the merge
	// checks that the units cover the run.
	Next int64
}

// key returns the key of the unit's first document.
func (u Unit) key() int64 {
	if len(u.Files) == 0 {
		return 0
	}
	return u.Files[0].Seq*maxRecords + u.First
}

// fileUnit returns the unit of whole files.
func fileUnit(files []File) Unit {
	return Unit{Files: files, Next: (files[len(files)-1].Seq + 1) * maxRecords}
}

// rangeUnits cuts the records of archive f, located by refs, into units
// of size records.
func rangeUnits(f File, refs []corpus.RecordRef, size int) []Unit {
	size = max(size, 1)
	var out []Unit
	for first := 0; first < len(refs); first += size {
		n := min(size, len(refs)-first)
		next := f.Seq*maxRecords + int64(first+n)
		if first+n == len(refs) {
			next = (f.Seq + 1) * maxRecords
		}
		out = append(out, Unit{Files: []File{f}, First: int64(first), Refs: refs[first : first+n : first+n], Next: next})
	}
	return out
}

// maxRecords bounds the documents of one file (WARC records): a result's
// key is Seq*maxRecords + its record number.
const maxRecords = 1 << 32

// Expand lists the files of the run's inputs in reading order.
func Expand(c Config) []File {
	var files []File
	if !c.anyRemote() {
		// As "paraline run" lists them: IDs unique across arguments.
		for _, in := range corpus.ExpandAll(c.Inputs, c.readerOptions()) {
			files = append(files, File{Seq: int64(len(files)), Path: in.Path, ID: in.ID, Failed: in.Err != nil})
		}
		return files
	}
	for _, arg := range c.Inputs {
		for _, in := range expand(c, arg) {
			files = append(files, File{Seq: int64(len(files)), Arg: arg, Path: in.Path, ID: in.ID, Failed: in.Err != nil})
		}
	}
	return files
}

// anyRemote reports whether an input of c is on a remote filesystem: then
// each argument is listed on its own (IDs unique within an argument).
func (c Config) anyRemote() bool {
	for _, in := range c.Inputs {
		if remote(in) {
			return true
		}
	}
	return false
}

// expand expands one argument (corpus.Expand); the files of a remote one
// (gs://bucket/dir) are listed through Beam's filesystem and named by
// their URLs.
func expand(c Config, arg string) []corpus.Input {
	if !remote(arg) {
		return corpus.Expand(arg, c.readerOptions())
	}
	in := corpus.Expand(fsName(arg), c.remoteOptions())
	for i := range in {
		in[i].Path = urlOf(in[i].Path)
		if in[i].ID == fsName(arg) {
			in[i].ID = arg
		}
	}
	return in
}

// input returns the corpus.Input of f.
func (f File) input(c Config) (corpus.Input, error) {
	if !f.Failed {
		return corpus.Input{Path: f.Path, ID: f.ID}, nil
	}
	ins := corpus.ExpandAll(c.Inputs, c.readerOptions())
	if f.Arg != "" {
		ins = expand(c, f.Arg)
	}
	for _, in := range ins {
		if in.Err != nil && in.Path == f.Path && in.ID == f.ID {
			return in, nil
		}
	}
	return corpus.Input{}, fmt.Errorf("expand %s: %s no longer fails as it did at launch", f.Arg, f.Path)
}

// eachDocument reads the documents of f in order and calls fn with each
// and its key.
func eachDocument(c Config, f File, fn func(key int64, d *corpus.Document) error) error {
	in, err := f.input(c)
	if err != nil {
		return err
	}
	r := corpus.NewInputReader([]corpus.Input{in}, eofReader{}, c.optionsFor(f.Path))
	var n int64
	for r.Next() {
		if n >= maxRecords {
			return fmt.Errorf("read %s: more than %d documents in one file", f.Path, int64(maxRecords))
		}
		if err := fn(f.Seq*maxRecords+n, r.Document()); err != nil {
			return err
		}
		n++
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("read %s: %w", f.Path, err)
	}
	return nil
}

// eachUnitDocument reads the documents of unit u in order and calls fn with
// each and its key: whole files as eachDocument reads them, a range of an
// archive's records one by one through o.
func eachUnitDocument(c Config, o *corpus.RecordOpener, u Unit, fn func(key int64, d *corpus.Document) error) error {
	if u.Refs == nil {
		for _, f := range u.Files {
			if err := eachDocument(c, f, fn); err != nil {
				return err
			}
		}
		return nil
	}
	key := u.key()
	for i, ref := range u.Refs {
		if err := fn(key+int64(i), o.Open(ref)); err != nil {
			return err
		}
	}
	return nil
}

// eofReader is an empty standard input.
type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
