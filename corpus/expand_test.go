package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

func TestExpand(t *testing.T) {
	fsys := fstest.MapFS{
		"site/en/a.txt":               {Data: []byte("a")},
		"site/en/b.txt":               {Data: []byte("b")},
		"site/.git/x":                 {Data: []byte("x")},
		"site/ru/a.txt":               {Data: []byte("а")},
		"site/out/.paraline-manifest": {Data: []byte("mono.en\n")},
		"site/out/mono.en":            {Data: []byte("an output of an earlier run\n")},
		"out/.paraline-manifest":      {Data: []byte("mono.en\n")},
		"out/mono.en":                 {Data: []byte("an output named as an argument\n")},
		"single.txt":                  {Data: []byte("s")},
		"weird[1].txt":                {Data: []byte("w")},
	}
	for _, tc := range []struct {
		arg     string
		paths   []string
		ids     []string
		wantErr error
	}{
		{"site", []string{"site/en/a.txt", "site/en/b.txt", "site/ru/a.txt"}, []string{"en/a.txt", "en/b.txt", "ru/a.txt"}, nil},
		{"site/*/a.txt", []string{"site/en/a.txt", "site/ru/a.txt"}, []string{"en/a.txt", "ru/a.txt"}, nil},
		{"single.txt", []string{"single.txt"}, []string{"single.txt"}, nil},
		{"out", []string{"out/mono.en"}, []string{"mono.en"}, nil},
		{"site/*", []string{"site/en/a.txt", "site/en/b.txt", "site/ru/a.txt"}, []string{"en/a.txt", "en/b.txt", "ru/a.txt"}, nil},
		{"site/.*", []string{"site/.git/x"}, []string{".git/x"}, nil},
		{"site/*git", []string{"site/*git"}, []string{"site/*git"}, ErrNoMatch},
		{"weird[1].txt", []string{"weird[1].txt"}, []string{"weird[1].txt"}, nil},
		{"-", []string{"-"}, []string{"-"}, nil},
		{"site/*.nomatch", []string{"site/*.nomatch"}, []string{"site/*.nomatch"}, ErrNoMatch},
	} {
		t.Run(tc.arg, func(t *testing.T) {
			in := Expand(tc.arg, Options{FS: fsys})
			if len(in) != len(tc.paths) {
				t.Fatalf("Expand(%q) = %+v, want paths %v", tc.arg, in, tc.paths)
			}
			for i, x := range in {
				if x.Path != tc.paths[i] || x.ID != tc.ids[i] {
					t.Errorf("input %d = %+v, want path %q, ID %q", i, x, tc.paths[i], tc.ids[i])
				}
				if tc.wantErr != nil && !errors.Is(x.Err, tc.wantErr) || tc.wantErr == nil && x.Err != nil {
					t.Errorf("input %d: err = %v, want %v", i, x.Err, tc.wantErr)
				}
			}
		})
	}
}

// TestExpandSymlinkArgs checks that a symbolic link named as an argument is
// read like what it points to, a folder included (links met inside a walked
// folder are still not followed to folders).
func TestExpandSymlinkArgs(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "pages", "sub"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "pages", "a.txt"), []byte("a"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "pages", "sub", "b.txt"), []byte("b"), 0o644))
	must(os.Symlink("pages", filepath.Join(dir, "link")))
	must(os.Symlink(filepath.Join("pages", "a.txt"), filepath.Join(dir, "file-link")))
	must(os.MkdirAll(filepath.Join(dir, "outer"), 0o755))
	must(os.Symlink(filepath.Join("..", "pages"), filepath.Join(dir, "outer", "inner-link")))
	for _, tc := range []struct {
		arg   string
		paths []string
		ids   []string
	}{
		{"link", []string{"link/a.txt", "link/sub/b.txt"}, []string{"a.txt", "sub/b.txt"}},
		{"l*k", []string{"link/a.txt", "link/sub/b.txt"}, []string{"link/a.txt", "link/sub/b.txt"}},
		{"file-link", []string{"file-link"}, []string{"file-link"}},
		{"outer", nil, nil}, // a link to a folder inside a walked folder is not followed
	} {
		t.Run(tc.arg, func(t *testing.T) {
			in := Expand(filepath.Join(dir, tc.arg), Options{})
			var paths, ids []string
			for _, x := range in {
				if x.Err != nil {
					t.Errorf("%s: %v", x.Path, x.Err)
				}
				rel, _ := filepath.Rel(dir, x.Path)
				paths = append(paths, filepath.ToSlash(rel))
				ids = append(ids, x.ID)
			}
			if !slices.Equal(paths, tc.paths) || !slices.Equal(ids, tc.ids) {
				t.Errorf("Expand(%q): paths %q, IDs %q; want %q, %q", tc.arg, paths, ids, tc.paths, tc.ids)
			}
		})
	}
}

// TestUniqueIDs checks that files of different arguments that would share
// an ID are named by the shortest distinguishing suffix of their paths,
// and that a single argument keeps its IDs.
func TestUniqueIDs(t *testing.T) {
	fsys := fstest.MapFS{
		"d1/x.txt":       {Data: []byte("One.\n")},
		"d2/x.txt":       {Data: []byte("Two.\n")},
		"a/b/y.txt":      {Data: []byte("Three.\n")},
		"c/b/y.txt":      {Data: []byte("Four.\n")},
		"d1/sub/z.txt":   {Data: []byte("Five.\n")},
		"d2/sub/z.txt":   {Data: []byte("Six.\n")},
		"d2/only.txt":    {Data: []byte("Seven.\n")},
		"solo/x.txt":     {Data: []byte("Eight.\n")},
		"solo/sub/x.txt": {Data: []byte("Nine.\n")},
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"d1/x.txt", "d2/x.txt"}, []string{"d1/x.txt", "d2/x.txt"}},
		{[]string{"a/b/y.txt", "c/b/y.txt"}, []string{"a/b/y.txt", "c/b/y.txt"}},
		{[]string{"d1", "d2"}, []string{"d1/sub/z.txt", "d1/x.txt", "only.txt", "d2/sub/z.txt", "d2/x.txt"}},
		{[]string{"d1/x.txt", "d1/x.txt"}, []string{"d1/x.txt", "d1/x.txt#2"}},
		{[]string{"d2/only.txt", "d1/x.txt"}, []string{"only.txt", "x.txt"}},
		{[]string{"solo"}, []string{"sub/x.txt", "x.txt"}},
		{[]string{"d1/x.txt"}, []string{"x.txt"}},
	} {
		var got []string
		r := NewReader(tc.args, nil, Options{FS: fsys})
		for r.Next() {
			got = append(got, r.Document().ID)
		}
		var listed []string
		for _, in := range ExpandAll(tc.args, Options{FS: fsys}) {
			listed = append(listed, in.ID)
		}
		if !slices.Equal(got, tc.want) || !slices.Equal(listed, tc.want) {
			t.Errorf("%v: Reader IDs %q, ExpandAll %q, want %q", tc.args, got, listed, tc.want)
		}
	}
}
