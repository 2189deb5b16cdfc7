package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalAlign(t *testing.T) {
	pred := t.TempDir()
	code, out, errs := runAlignCLI(t, "", "eval", "align", "-v", "--pred-dir", pred, filepath.Join("testdata", "align", "gold"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := `a                                gold=    6 pred=    6 | strict_all P=1.0000 R=1.0000 F1=1.0000 | strict_excl0 P=1.0000 R=1.0000 F1=1.0000 | lax P=1.0000 R=1.0000 F1=1.0000
b                                gold=    5 pred=    5 | strict_all P=1.0000 R=1.0000 F1=1.0000 | strict_excl0 P=1.0000 R=1.0000 F1=1.0000 | lax P=1.0000 R=1.0000 F1=1.0000
OVERALL docs=2 missing_or_garbled=0 gold_beads=11 pred_beads=11
OVERALL strict_all    P=1.0000 R=1.0000 F1=1.0000
OVERALL strict_excl0  P=1.0000 R=1.0000 F1=1.0000
OVERALL lax           P=1.0000 R=1.0000 F1=1.0000
F1_strict_all=1.0000
`
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	data, err := os.ReadFile(filepath.Join(pred, "b.beads"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "1\t1\n2,3\t2\n") {
		t.Errorf("b.beads = %q", data)
	}
}

func TestEvalAlignErrors(t *testing.T) {
	if code, _, _ := runAlignCLI(t, "", "eval", "align"); code != 2 {
		t.Errorf("no GOLD_DIR: exit %d", code)
	}
	if code, _, errs := runAlignCLI(t, "", "eval", "align", t.TempDir()); code != 2 || !strings.Contains(errs, "no *.gold") {
		t.Errorf("empty dir: exit %d, %q", code, errs)
	}
}

// TestCountBeads checks the counting rules of score_align.py: sets for
// strict matches (duplicates count once as hits but every prediction counts),
// null beads dropped for excl0, and overlaps on both sides for lax.
func TestCountBeads(t *testing.T) {
	parse := func(s string) []goldBead {
		b, err := parseBeads(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name, gold, pred string
		all, excl, lax   prfCounts
	}{
		{"identical", "1\t1\n2\t\n3\t2\n", "1\t1\n2\t\n3\t2\n", prfCounts{3, 3, 3, 3}, prfCounts{2, 2, 2, 2}, prfCounts{2, 2, 2, 2}},
		{"merge", "1\t1\n2\t2\n", "1,2\t1,2\n", prfCounts{0, 1, 0, 2}, prfCounts{0, 1, 0, 2}, prfCounts{1, 1, 2, 2}},
		{"duplicates and order", "1\t1\n", "1\t1\n1\t1\n", prfCounts{1, 2, 1, 1}, prfCounts{1, 2, 1, 1}, prfCounts{2, 2, 1, 1}},
		{"sorted sides", "2,1\t1\n", " 1, 2 \t1\n\n", prfCounts{1, 1, 1, 1}, prfCounts{1, 1, 1, 1}, prfCounts{1, 1, 1, 1}},
		{"empty prediction", "1\t1\n", "", prfCounts{0, 0, 0, 1}, prfCounts{0, 0, 0, 1}, prfCounts{0, 0, 0, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := countBeads(parse(tc.gold), parse(tc.pred))
			if c.all != tc.all || c.excl != tc.excl || c.lax != tc.lax {
				t.Errorf("counts %+v, want all %+v excl %+v lax %+v", c, tc.all, tc.excl, tc.lax)
			}
		})
	}
}

func FuzzParseBeads(f *testing.F) {
	f.Add("1\t1\n2,3\t\n\t4\n")
	f.Add("x\ty\n")
	f.Fuzz(func(t *testing.T, s string) {
		beads, err := parseBeads(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, b := range beads {
			if b.src == "" && b.tgt == "" {
				t.Errorf("empty bead from %q", s)
			}
		}
	})
}

func TestEvalAlignGenres(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a", "b"} {
		for _, ext := range []string{".en", ".ru", ".gold"} {
			data, err := os.ReadFile(filepath.Join("testdata", "align", "gold", name+ext))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name+ext), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "genres.tsv"), []byte("# name, genre\nb\tprose\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runAlignCLI(t, "", "eval", "align", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"GENRE catalog    docs=1 gold_beads=6 | strict_all P=1.0000 R=1.0000 F1=1.0000",
		"GENRE prose      docs=1 gold_beads=5 | strict_all P=1.0000 R=1.0000 F1=1.0000",
		"OVERALL docs=2 missing_or_garbled=0 gold_beads=11 pred_beads=11\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.HasSuffix(out, "F1_strict_all=1.0000\n") {
		t.Errorf("last line is not F1_strict_all:\n%s", out)
	}
	if err := os.WriteFile(filepath.Join(dir, "genres.tsv"), []byte("b prose\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runAlignCLI(t, "", "eval", "align", dir); code != 2 || !strings.Contains(errs, "genres.tsv:1") {
		t.Errorf("bad genres.tsv: exit %d, %q", code, errs)
	}
}

func TestDocGenre(t *testing.T) {
	genres := map[string]string{"x": "subtitles", "prose-y": "catalog"}
	for _, tc := range []struct{ name, want string }{
		{"x", "subtitles"},
		{"prose-y", "catalog"},
		{"prose-aptitude-01", "prose"},
		{"gtk20-03", "catalog"},
	} {
		if got := docGenre(genres, tc.name); got != tc.want {
			t.Errorf("docGenre(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
