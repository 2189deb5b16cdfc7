package corpus

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// maxPairLine is the longest input line a ParallelReader accepts.
const maxPairLine = 64 << 20

// ParallelReader reads the sentence pairs of an aligned corpus: two files
// with one sentence per line (line N of one translating line N of the
// other), or one TSV file of "source<TAB>target[<TAB>...]" lines (a line
// without a tab has an empty target). Files whose name ends in ".gz" are
// decompressed; "-" is stdin; a name that is no file but a sharded
// output (corpus.en.00000, ... or shards.json) reads its shards in order
// (see OpenLines). Each text is made to fit on one line
// (OneLine).
type ParallelReader struct {
	names   []string
	scans   []*bufio.Scanner
	closers []io.Closer
	line    int64
}

// OpenParallel opens one TSV file or two parallel files.
func OpenParallel(names []string, stdin io.Reader) (*ParallelReader, error) {
	if len(names) != 1 && len(names) != 2 {
		return nil, fmt.Errorf("want one TSV file or two parallel files, got %d", len(names))
	}
	ps := &ParallelReader{}
	for _, name := range names {
		var r io.Reader
		if name == "-" {
			if stdin == nil {
				ps.Close()
				return nil, fmt.Errorf("no standard input")
			}
			r = stdin
		} else {
			f, err := OpenLines(name)
			if err != nil {
				ps.Close()
				return nil, err
			}
			ps.closers = append(ps.closers, f)
			r = f
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 256<<10), maxPairLine)
		ps.scans = append(ps.scans, sc)
		ps.names = append(ps.names, name)
	}
	return ps, nil
}

// Names returns the names of the files read.
func (ps *ParallelReader) Names() []string { return append([]string(nil), ps.names...) }

// Close closes the files.
func (ps *ParallelReader) Close() error {
	var first error
	for _, c := range ps.closers {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	ps.closers = nil
	return first
}

// Next returns the next pair; ok is false at the end. Two files of
// different lengths are an error.
func (ps *ParallelReader) Next() (src, tgt string, ok bool, err error) {
	more := make([]bool, len(ps.scans))
	for i, sc := range ps.scans {
		more[i] = sc.Scan()
		if err := sc.Err(); err != nil {
			return "", "", false, fmt.Errorf("read %s: line %d: %w", ps.names[i], ps.line+1, err)
		}
	}
	if len(more) == 2 && more[0] != more[1] {
		short := ps.names[0]
		if more[0] {
			short = ps.names[1]
		}
		return "", "", false, fmt.Errorf("%s has only %d lines, the other file more: the files are not parallel", short, ps.line)
	}
	if !more[0] {
		return "", "", false, nil
	}
	ps.line++
	if len(ps.scans) == 1 {
		s, t, _ := strings.Cut(ps.scans[0].Text(), "\t")
		t, _, _ = strings.Cut(t, "\t")
		return OneLine(s), OneLine(t), true, nil
	}
	return OneLine(ps.scans[0].Text()), OneLine(ps.scans[1].Text()), true, nil
}
