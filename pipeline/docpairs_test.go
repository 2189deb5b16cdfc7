package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPairByContent copies the two-version test documents under names
// that do not match, so only their content can pair them.
func TestPairByContent(t *testing.T) {
	in := t.TempDir()
	copyFile := func(from, to string) {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile("testdata/pairs/en/water_forum.txt", "a1.txt")
	copyFile("testdata/pairs/ru/water_forum.txt", "z9.txt")
	copyFile("testdata/pairs/en/river_cleanup.txt", "b2.txt")
	copyFile("testdata/pairs/ru/river_cleanup.txt", "y8.txt")
	for _, tc := range []struct {
		by        string
		wantPairs string // docpairs.tsv, first two columns, base names
	}{
		{PairByContent, "a1.txt z9.txt|b2.txt y8.txt"},
		{PairByAuto, "a1.txt z9.txt|b2.txt y8.txt"},
		{PairByURL, ""},
	} {
		t.Run(tc.by, func(t *testing.T) {
			out := t.TempDir()
			rep, err := Run(context.Background(), out, Options{Inputs: []string{in}, PairBy: tc.by, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(out, "docpairs.tsv"))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				if f := strings.Split(line, "\t"); len(f) == 4 {
					got = append(got, filepath.Base(f[0])+" "+filepath.Base(f[1]))
				}
			}
			if g := strings.Join(got, "|"); g != tc.wantPairs {
				t.Errorf("docpairs.tsv pairs = %q, want %q", g, tc.wantPairs)
			}
			n := strings.Count(tc.wantPairs, "|") + 1
			if tc.wantPairs == "" {
				n = 0
			}
			if rep.Pairs.Documents != n || rep.Pairs.ByMethod[tc.by] != n && tc.by == PairByContent {
				t.Errorf("report pairs = %+v", rep.Pairs)
			}
			if n > 0 && (rep.Outputs["corpus.en"] == 0 || rep.Outputs["corpus.en"] != rep.Outputs["corpus.ru"]) {
				t.Errorf("outputs %v", rep.Outputs)
			}
		})
	}
}
