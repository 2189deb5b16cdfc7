package translate

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestExec(t *testing.T) {
	texts := []string{"one", "two BAD", "three\nlines\rhere", "four"}
	tests := []struct {
		name    string
		cmd     string
		want    []string
		wantErr []error // per text
		fatal   bool
	}{
		{name: "upper", cmd: "tr a-z A-Z", want: []string{"ONE", "TWO BAD", "THREE LINES HERE", "FOUR"}},
		{name: "languages in the environment", cmd: `sed "s/^/$PARALINE_FROM-$PARALINE_TO /"`,
			want: []string{"en-es one", "en-es two BAD", "en-es three lines here", "en-es four"}},
		{name: "lost line fails alone", cmd: "sed /BAD/d",
			want: []string{"one", "", "three lines here", "four"}, wantErr: []error{nil, ErrLineCount, nil, nil}},
		{name: "extra line fails alone", cmd: `sed 's/BAD/\n/'`,
			want: []string{"one", "", "three lines here", "four"}, wantErr: []error{nil, ErrLineCount, nil, nil}},
		{name: "command fails", cmd: "echo broken >&2; exit 3", fatal: false,
			want: []string{"", "", "", ""}, wantErr: []error{errExit, errExit, errExit, errExit}},
		{name: "command not found", cmd: "paraline-no-such-command-xyz", fatal: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := NewBackend(context.Background(), Config{Name: "exec", Command: tc.cmd})
			if err != nil {
				t.Fatal(err)
			}
			e, _ := New(b, fastOptions())
			res, err := e.TranslateAll(context.Background(), "en", "es", texts)
			if tc.fatal {
				var re *RequestError
				if !errors.As(err, &re) || re.Kind != Fatal {
					t.Fatalf("err %v, want fatal", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range res {
				var want error
				if tc.wantErr != nil {
					want = tc.wantErr[i]
				}
				switch {
				case want == errExit:
					if r.Err == nil || !strings.Contains(r.Err.Error(), "broken") {
						t.Errorf("text %d: err %v, want the command's stderr", i, r.Err)
					}
				case (want == nil) != (r.Err == nil) || (want != nil && !errors.Is(r.Err, want)):
					t.Errorf("text %d: err %v, want %v", i, r.Err, want)
				}
				if r.Text != tc.want[i] {
					t.Errorf("text %d: %q, want %q", i, r.Text, tc.want[i])
				}
			}
		})
	}
}

// errExit stands for "the command's exit error" in TestExec.
var errExit = errors.New("exit")

func TestExecNoCommand(t *testing.T) {
	if _, err := NewBackend(context.Background(), Config{Name: "exec"}); err == nil {
		t.Error("no error without a command")
	}
}

func apertiumPair(t *testing.T) *Apertium {
	t.Helper()
	if _, err := exec.LookPath("apertium"); err != nil {
		t.Skip("apertium not installed (Debian: apt-get install apertium apertium-eng-spa)")
	}
	a, err := NewApertium(Config{})
	if err != nil {
		t.Fatal(err)
	}
	modes, err := a.Modes()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(modes, "eng-spa") {
		t.Skipf("apertium pair eng-spa not installed (have %v; Debian: apt-get install apertium-eng-spa)", modes)
	}
	return a
}

func readLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

func TestApertium(t *testing.T) {
	a := apertiumPair(t)
	e, _ := New(a, fastOptions())
	lines := readLines(t, "testdata/apertium_en.txt")
	got, err := e.Translate(context.Background(), "en", "es", lines)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(lines) {
		t.Fatalf("%d lines out for %d in", len(got), len(lines))
	}
	checks := []struct {
		line int
		want []string
	}{
		{0, []string{"LICENCIA"}},
		{1, []string{"3", "2007"}},
		{2, []string{"perro"}},
		{3, []string{"3", "2"}},
		{4, []string{"17"}},
	}
	for _, c := range checks {
		for _, w := range c.want {
			if !strings.Contains(got[c.line], w) {
				t.Errorf("line %d %q: want %q in it", c.line+1, got[c.line], w)
			}
		}
	}
}

// TestApertiumNoDrift translates many numbered lines in one batch and
// checks that each number stays on its line: words must not move across
// line breaks.
func TestApertiumNoDrift(t *testing.T) {
	a := apertiumPair(t)
	e, _ := New(a, fastOptions())
	var lines []string
	for i := range 300 {
		switch i % 3 {
		case 0:
			lines = append(lines, fmt.Sprintf("GNU GENERAL PUBLIC LICENSE %d", i))
		case 1:
			lines = append(lines, fmt.Sprintf("Version %d, 29 June", i))
		default:
			lines = append(lines, fmt.Sprintf("The program number %d is free software", i))
		}
	}
	got, err := e.Translate(context.Background(), "en", "es", lines)
	if err != nil {
		t.Fatal(err)
	}
	if st := e.Stats(); st.Requests != 1 {
		t.Errorf("%d requests, want 1 batch", st.Requests)
	}
	for i, g := range got {
		if !slices.Contains(strings.FieldsFunc(g, func(r rune) bool { return r < '0' || r > '9' }), fmt.Sprint(i)) {
			t.Errorf("line %d drifted: %q -> %q", i+1, lines[i], g)
		}
	}
}

func TestApertiumNoPair(t *testing.T) {
	a := apertiumPair(t)
	_, err := a.Translate(context.Background(), "en", "zu", []string{"x"})
	var re *RequestError
	if !errors.As(err, &re) || re.Kind != Fatal || !strings.Contains(err.Error(), "no language pair for en-zu") {
		t.Errorf("err %v", err)
	}
	if m, err := a.Mode("en", "es"); err != nil || m != "eng-spa" {
		t.Errorf("Mode(en, es) = %q, %v", m, err)
	}
}

func TestApertiumMissing(t *testing.T) {
	a, _ := NewApertium(Config{Apertium: "paraline-no-such-apertium"})
	_, err := a.Translate(context.Background(), "en", "es", []string{"x"})
	var re *RequestError
	if !errors.As(err, &re) || re.Kind != Fatal || !strings.Contains(err.Error(), "apt-get install apertium") {
		t.Errorf("err %v", err)
	}
}

func TestParseLines(t *testing.T) {
	tests := []struct {
		name       string
		out        string
		n          int
		blankAfter bool
		want       []string
		wantErr    bool
	}{
		{name: "plain", out: "a\nb\n", n: 2, want: []string{"a", "b"}},
		{name: "no final newline", out: "a\nb", n: 2, want: []string{"a", "b"}},
		{name: "crlf", out: "a\r\nb\r\n", n: 2, want: []string{"a", "b"}},
		{name: "empty translation", out: "\nb\n", n: 2, want: []string{"", "b"}},
		{name: "missing line", out: "a\n", n: 2, wantErr: true},
		{name: "extra line", out: "a\nb\nc\n", n: 2, wantErr: true},
		{name: "blank after", out: " a \n\nb\n\n", n: 2, blankAfter: true, want: []string{"a", "b"}},
		{name: "blank after, last blank missing", out: "a\n\nb\n", n: 2, blankAfter: true, want: []string{"a", "b"}},
		{name: "blank after, words drifted", out: "a b\nc\n\n\n", n: 2, blankAfter: true, wantErr: true},
		{name: "blank after, short", out: "a\n\n", n: 2, blankAfter: true, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseLines(tc.out, tc.n, tc.blankAfter, tc.blankAfter)
			if tc.wantErr {
				if !errors.Is(err, ErrLineCount) {
					t.Errorf("err %v, want ErrLineCount", err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func FuzzParseLines(f *testing.F) {
	f.Add("a\n\nb\n\n", 2, true)
	f.Add("a\r\nb", 2, false)
	f.Fuzz(func(t *testing.T, out string, n int, blankAfter bool) {
		if n < 0 || n > 1000 {
			return
		}
		got, err := parseLines(out, n, blankAfter, blankAfter)
		if err != nil {
			if !errors.Is(err, ErrLineCount) {
				t.Fatalf("error %v does not wrap ErrLineCount", err)
			}
			return
		}
		if len(got) != n {
			t.Fatalf("%d lines for %d", len(got), n)
		}
		for _, l := range got {
			if strings.Contains(l, "\n") {
				t.Fatalf("line with a newline: %q", l)
			}
		}
	})
}
