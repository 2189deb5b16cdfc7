package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScorePage(t *testing.T) {
	tests := []struct {
		name             string
		pred, gold, code string
		want             pageScore
	}{
		{"exact", "The cat sat.", "The cat sat.", "", pageScore{tp: 3, pred: 3, gold: 3}},
		{"extra furniture", "Home The cat sat. Next", "The cat sat.", "", pageScore{tp: 3, pred: 5, gold: 3}},
		{"missed words", "The cat", "The cat sat.", "", pageScore{tp: 2, pred: 2, gold: 3}},
		{"repeated token counted as often as gold has it", "cat cat cat", "cat", "", pageScore{tp: 1, pred: 3, gold: 1}},
		{"code kept counts neither way", "The cat sat. x = 1", "The cat sat.", "x = 1", pageScore{tp: 3, pred: 3, gold: 3}},
		{"code dropped counts neither way", "The cat sat.", "The cat sat.", "x = 1", pageScore{tp: 3, pred: 3, gold: 3}},
		{"punctuation is no token", "¶ — The", "The", "", pageScore{tp: 1, pred: 1, gold: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := scorePage(tc.pred, tc.gold, tc.code); got != tc.want {
				t.Errorf("scorePage = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestScoreHTMLSite(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"gold/a.txt": "The cat sat on the mat.\n",
		"gold/b.txt": "Dogs bark.\n",
		"code/a.txt": "cat.sit()\n",
	} {
		p := filepath.Join(dir, "site", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sites, err := goldSites(dir)
	if err != nil || len(sites) != 1 || strings.Join(sites[0].pages, ",") != "a,b" {
		t.Fatalf("goldSites = %+v, %v", sites, err)
	}
	var out strings.Builder
	preds := map[string]string{"a": "Menu The cat sat on the mat. cat.sit()", "b": ""}
	if err := scoreHTMLSite(&out, sites[0], preds, false); err != nil {
		t.Fatal(err)
	}
	// a: 6 of 7 predicted tokens right (Menu is wrong; cat, sit of the code
	// beyond the gold count neither way); b: nothing of 2. Pooled: P 6/7,
	// R 6/8; page F1s 0.923 and 0: median 0.4615.
	want := "site=site pages=2 precision=0.8571 recall=0.7500 f1=0.8000 median_page_f1=0.4615\n"
	if out.String() != want {
		t.Errorf("got  %q\nwant %q", out.String(), want)
	}
}
