package corpus

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ShardManifestName is the file in an output directory that lists the
// shards of a run written with a shard size (see ShardedFile).
const ShardManifestName = "shards.json"

// Shard is one file of a sharded output and its number of lines.
type Shard struct {
	Name  string `json:"name"`
	Lines int    `json:"lines"`
}

// ShardManifest is the content of shards.json: for each sharded output
// (its whole name, "corpus.en" or "corpus.en.gz"), its shards in order.
type ShardManifest struct {
	ShardSize int                `json:"shard_size"`
	Outputs   map[string][]Shard `json:"outputs"`
}

// ShardName returns the name of shard i of the output named name:
// corpus.en -> corpus.en.00003, corpus.en.gz -> corpus.en.00003.gz.
func ShardName(name string, i int) string {
	if base, ok := strings.CutSuffix(name, ".gz"); ok {
		return fmt.Sprintf("%s.%05d.gz", base, i)
	}
	return fmt.Sprintf("%s.%05d", name, i)
}

// ShardedFile is an output cut into shards of at most size lines, each an
// AtomicFile (gzip-compressed when the path ends in ".gz"). Every Write is
// one line (as LineWriter writes); the first shard is created at once, so
// an empty output is one empty shard. Two ShardedFiles of the same size
// given the same number of lines (corpus.<l1>, corpus.<l2>) have shards of
// equal line counts.
type ShardedFile struct {
	path  string
	size  int
	files []*AtomicFile
	lines []int
}

// CreateSharded creates the first shard of the output at path.
func CreateSharded(path string, size int) (*ShardedFile, error) {
	if size < 1 {
		return nil, fmt.Errorf("shard %s: size must be positive (got %d)", path, size)
	}
	s := &ShardedFile{path: path, size: size}
	if err := s.next(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *ShardedFile) next() error {
	dir, name := filepath.Split(s.path)
	f, err := CreateAtomic(filepath.Join(dir, ShardName(name, len(s.files))))
	if err != nil {
		return err
	}
	s.files = append(s.files, f)
	s.lines = append(s.lines, 0)
	return nil
}

// Write writes one line (p holds its newline) to the current shard,
// starting a new shard when the current one is full.
func (s *ShardedFile) Write(p []byte) (int, error) {
	if s.lines[len(s.lines)-1] == s.size {
		if err := s.next(); err != nil {
			return 0, err
		}
	}
	n, err := s.files[len(s.files)-1].Write(p)
	if err == nil {
		s.lines[len(s.lines)-1]++
	}
	return n, err
}

// Name returns the path of the whole output.
func (s *ShardedFile) Name() string { return s.path }

// Files returns the shards written so far, to commit with CommitAll.
func (s *ShardedFile) Files() []*AtomicFile { return s.files }

// Shards lists the shards with their line counts.
func (s *ShardedFile) Shards() []Shard {
	out := make([]Shard, len(s.files))
	for i, f := range s.files {
		out[i] = Shard{Name: filepath.Base(f.Name()), Lines: s.lines[i]}
	}
	return out
}

// Abort discards every shard.
func (s *ShardedFile) Abort() {
	for _, f := range s.files {
		_ = f.Abort()
	}
}

// OpenLines opens a file of lines for reading: the file at path
// (decompressed when its name ends in ".gz"), or, when there is none, the
// shards of the output of that name, read one after the other: those
// listed for it in the shards.json of its directory, else the files
// path.00000, path.00001, ... (or path.00000.gz, ... for path or path.gz).
func OpenLines(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err == nil {
		return maybeGunzip(f, path)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	shards := findShards(path)
	if len(shards) == 0 {
		return nil, err
	}
	return &shardReader{paths: shards}, nil
}

// findShards lists the shard files of the output at path, in order.
func findShards(path string) []string {
	dir, name := filepath.Split(path)
	if b, err := os.ReadFile(filepath.Join(dir, ShardManifestName)); err == nil {
		var m ShardManifest
		if json.Unmarshal(b, &m) == nil {
			for _, key := range []string{name, name + ".gz", strings.TrimSuffix(name, ".gz")} {
				if list, ok := m.Outputs[key]; ok {
					var out []string
					for _, s := range list {
						if filepath.Base(s.Name) == s.Name {
							out = append(out, filepath.Join(dir, s.Name))
						}
					}
					return out
				}
			}
		}
	}
	base := strings.TrimSuffix(path, ".gz")
	for _, suffix := range []string{"", ".gz"} {
		var out []string
		for i := 0; ; i++ {
			p := fmt.Sprintf("%s.%05d%s", base, i, suffix)
			if _, err := os.Stat(p); err != nil {
				break
			}
			out = append(out, p)
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

type gzipFile struct {
	*gzip.Reader
	f *os.File
}

func (g gzipFile) Close() error {
	err := g.Reader.Close()
	if cerr := g.f.Close(); err == nil {
		err = cerr
	}
	return err
}

func maybeGunzip(f *os.File, name string) (io.ReadCloser, error) {
	if !strings.HasSuffix(name, ".gz") {
		return f, nil
	}
	zr, err := gzip.NewReader(bufio.NewReaderSize(f, 256<<10))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return gzipFile{zr, f}, nil
}

// shardReader reads files one after the other.
type shardReader struct {
	paths []string
	cur   io.ReadCloser
}

func (r *shardReader) Read(p []byte) (int, error) {
	for {
		if r.cur == nil {
			if len(r.paths) == 0 {
				return 0, io.EOF
			}
			f, err := os.Open(r.paths[0])
			if err != nil {
				return 0, err
			}
			if r.cur, err = maybeGunzip(f, r.paths[0]); err != nil {
				return 0, err
			}
			r.paths = r.paths[1:]
		}
		n, err := r.cur.Read(p)
		if err == io.EOF {
			cerr := r.cur.Close()
			r.cur = nil
			if cerr != nil {
				return n, cerr
			}
			if n > 0 {
				return n, nil
			}
			continue
		}
		return n, err
	}
}

func (r *shardReader) Close() error {
	if r.cur != nil {
		return r.cur.Close()
	}
	return nil
}
