package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang/split"
)

func TestSplitCommand(t *testing.T) {
	for _, c := range []struct {
		name     string
		args     []string
		in       string
		wantOut  string
		wantCode int
		wantErr  string
	}{
		{"english", []string{"split", "--lang", "en"}, "Mr. Smith left. He came back.", "Mr. Smith left.\nHe came back.\n", 0, ""},
		{"russian", []string{"split", "--lang", "ru"}, "Это т.е. пример. Второе предложение.", "Это т.е. пример.\nВторое предложение.\n", 0, ""},
		{"default english", []string{"split"}, "One. Two.", "One.\nTwo.\n", 0, ""},
		{"stdin dash", []string{"split", "--lang", "en", "-"}, "One. Two.", "One.\nTwo.\n", 0, ""},
		{"blank line hard break", []string{"split", "--lang", "en"}, "A heading\n\nthe text goes on", "A heading\nthe text goes on\n", 0, ""},
		{"white space inside sentence", []string{"split", "--lang", "en"}, "It was a cold\nnight.  It  rained.", "It was a cold night.\nIt rained.\n", 0, ""},
		{"other line breaks", []string{"split", "--lang", "en"}, "It was a\u2028cold\vnight.", "It was a cold night.\n", 0, ""},
		{"empty input", []string{"split", "--lang", "en"}, "", "", 0, ""},
		{"whitespace input", []string{"split", "--lang", "en"}, " \n\n\t\n", "", 0, ""},
		{"flag after input", []string{"split", "-", "--lang", "ru"}, "Да. Нет.", "Да.\nНет.\n", 0, ""},
		{"help", []string{"split", "--help"}, "", "", 0, ""},
		{"two inputs", []string{"split", "a", "b"}, "", "", 2, "at most one INPUT"},
		{"empty lang", []string{"split", "--lang", ""}, "", "", 2, "--lang"},
		{"missing file", []string{"split", "--lang", "en", "testdata/split/nope.txt"}, "", "", 2, "nope.txt"},
		{"bad flag", []string{"split", "--bogus"}, "", "", 2, "bogus"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := runMain(context.Background(), &stdio{in: strings.NewReader(c.in), out: &out, err: &errb}, c.args)
			if code != c.wantCode {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.wantCode, errb.String())
			}
			if c.name != "help" && out.String() != c.wantOut {
				t.Errorf("stdout %q, want %q", out.String(), c.wantOut)
			}
			if c.wantErr != "" && !strings.Contains(errb.String(), c.wantErr) {
				t.Errorf("stderr %q does not mention %q", errb.String(), c.wantErr)
			}
		})
	}
}

func TestSplitCommandFiles(t *testing.T) {
	want, err := os.ReadFile("testdata/split/out_en.txt")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("stdout", func(t *testing.T) {
		var out, errb bytes.Buffer
		code := runMain(context.Background(), &stdio{in: strings.NewReader(""), out: &out, err: &errb},
			[]string{"split", "--lang", "en", "testdata/split/in_en.txt"})
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		if out.String() != string(want) {
			t.Errorf("got\n%s\nwant\n%s", out.String(), want)
		}
	})
	t.Run("output file", func(t *testing.T) {
		dst := filepath.Join(t.TempDir(), "out.txt")
		var out, errb bytes.Buffer
		code := runMain(context.Background(), &stdio{in: strings.NewReader(""), out: &out, err: &errb},
			[]string{"split", "--lang", "en", "-o", dst, "testdata/split/in_en.txt"})
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		got, err := os.ReadFile(dst)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) || out.Len() != 0 {
			t.Errorf("file\n%s\nwant\n%s (stdout %q)", got, want, out.String())
		}
	})
}

// TestSplitTextMatchesSplit checks that splitting through split's
// SplitFunc gives the lines that splitting the whole text at once gives.
func TestSplitTextMatchesSplit(t *testing.T) {
	texts := []string{
		"One. Two\n\nThree\n  \nFour. Five.\nsix\n",
		"menu\nitems\n\nA sentence. And\nanother one.",
		"\n\n\nLeading blank lines. Then text.\n\n\n",
		"No final newline",
		"Windows\r\nline\r\n\r\nbreaks. Here.",
	}
	s := split.New("en")
	for i, text := range texts {
		var want strings.Builder
		for _, st := range s.Split(text) {
			if line := corpus.OneLine(st.Text); line != "" {
				want.WriteString(line + "\n")
			}
		}
		var got bytes.Buffer
		if err := splitText(context.Background(), s, text, &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("text %d: SplitFunc\n%q\nwhole\n%q", i, got.String(), want.String())
		}
		for _, line := range strings.Split(strings.TrimSuffix(got.String(), "\n"), "\n") {
			if line != strings.TrimSpace(line) || (line == "" && got.Len() > 0) {
				t.Errorf("text %d: line %q not trimmed or empty", i, line)
			}
		}
	}
}

func TestSplitTextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer
	if err := splitText(ctx, split.New("en"), "One. Two.", &out); err == nil {
		t.Fatal("no error on a cancelled context")
	}
}

func TestEvalSplit(t *testing.T) {
	for _, c := range []struct {
		name     string
		args     []string
		want     []string // lines of stdout that must be present
		absent   []string
		wantCode int
	}{
		{"summary", []string{"eval", "split", "testdata/split/gold.jsonl"},
			[]string{
				"boundary precision=1.0000 recall=0.8000 f1=0.8889 tp=4 fp=0 fn=1 text_mismatch=0",
				"accuracy=0.7500 cases=4",
			},
			[]string{"FAIL"}, 0},
		{"verbose", []string{"eval", "split", "-v", "testdata/split/gold.jsonl"},
			[]string{
				"FAIL t-3 [abbreviation before a name]",
				"  text: We met at 9 a.m. Officials said nothing. Then we left.",
				"  - We met at 9 a.m.",
				"  - Officials said nothing.",
				"  + We met at 9 a.m. Officials said nothing.",
				"accuracy=0.7500 cases=4",
			}, nil, 0},
		{"two files", []string{"eval", "split", "testdata/split/gold.jsonl", "testdata/split/gold.jsonl"},
			[]string{"accuracy=0.7500 cases=8"}, nil, 0},
		{"missing gold", []string{"eval", "split"}, nil, nil, 2},
		{"unreadable gold", []string{"eval", "split", "testdata/split/nope.jsonl"}, nil, nil, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := runMain(context.Background(), &stdio{in: strings.NewReader(""), out: &out, err: &errb}, c.args)
			if code != c.wantCode {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.wantCode, errb.String())
			}
			lines := strings.Split(out.String(), "\n")
			for _, w := range c.want {
				found := false
				for _, l := range lines {
					found = found || l == w
				}
				if !found {
					t.Errorf("output lacks line %q:\n%s", w, out.String())
				}
			}
			for _, a := range c.absent {
				if strings.Contains(out.String(), a) {
					t.Errorf("output has %q:\n%s", a, out.String())
				}
			}
		})
	}
}

func TestPyHelpers(t *testing.T) {
	if got := pyOutLines("a\r\nb\x1cc\u2028 d \n\n e\x1f"); strings.Join(got, "|") != "a|b|c|d|e" {
		t.Errorf("pyOutLines = %q", got)
	}
	if got := pyNorm(" a \u00a0 b\x1f\tc "); got != "a b c" {
		t.Errorf("pyNorm = %q", got)
	}
	if got := splitBoundaries([]string{"ab c", "é", "d"}); len(got) != 2 || !got[3] || !got[4] {
		t.Errorf("splitBoundaries = %v", got)
	}
}
