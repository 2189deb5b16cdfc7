package corpus

import (
	"errors"
	"testing"
	"testing/fstest"
)

func TestExpand(t *testing.T) {
	fsys := fstest.MapFS{
		"site/en/a.txt": {Data: []byte("a")},
		"site/en/b.txt": {Data: []byte("b")},
		"site/.git/x":   {Data: []byte("x")},
		"site/ru/a.txt": {Data: []byte("а")},
		"single.txt":    {Data: []byte("s")},
		"weird[1].txt":  {Data: []byte("w")},
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
