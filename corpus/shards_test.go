package corpus

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestShardedFileAndOpenLines(t *testing.T) {
	for _, tc := range []struct {
		name     string
		lines    int
		manifest bool
	}{
		{"corpus.en", 7, false},
		{"corpus.en", 0, true},
		{"corpus.en.gz", 5, false},
		{"corpus.en.gz", 6, true},
	} {
		t.Run(fmt.Sprintf("%s-%d-%v", tc.name, tc.lines, tc.manifest), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tc.name)
			s, err := CreateSharded(path, 3)
			if err != nil {
				t.Fatal(err)
			}
			w := NewLineWriter(s)
			want := ""
			for i := 0; i < tc.lines; i++ {
				line := fmt.Sprintf("line %d", i)
				want += line + "\n"
				if err := w.WriteLine(line); err != nil {
					t.Fatal(err)
				}
			}
			shards := s.Shards()
			if wantN := max(1, (tc.lines+2)/3); len(shards) != wantN {
				t.Errorf("%d shards, want %d", len(shards), wantN)
			}
			if err := CommitAll(s.Files()...); err != nil {
				t.Fatal(err)
			}
			if tc.manifest {
				// The manifest is read first: give it the shards under
				// the whole name.
				b := fmt.Sprintf(`{"shard_size":3,"outputs":{%q:[`, tc.name)
				for i, sh := range shards {
					if i > 0 {
						b += ","
					}
					b += fmt.Sprintf(`{"name":%q,"lines":%d}`, sh.Name, sh.Lines)
				}
				if err := os.WriteFile(filepath.Join(dir, ShardManifestName), []byte(b+"]}}"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, open := range []string{path, filepath.Join(dir, "corpus.en")} {
				r, err := OpenLines(open)
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(r)
				r.Close()
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != want {
					t.Errorf("OpenLines(%s) = %q, want %q", open, got, want)
				}
			}
		})
	}
	if _, err := OpenLines(filepath.Join(t.TempDir(), "none")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("OpenLines of nothing: %v", err)
	}
	if _, err := CreateSharded(filepath.Join(t.TempDir(), "x"), 0); err == nil {
		t.Error("shard size 0: no error")
	}
}
