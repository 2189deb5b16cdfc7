package main

import (
	"bytes"
	"context"
	"flag"
	"github.com/paraline/paraline/pipeline"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected stdout, stderr and exit status of testdata/cli/*.txt")

// TestCLI runs the txtar-like scripts of testdata/cli. A script is:
//
//	# comment
//	args: detect --format text
//	-- stdin --
//	…
//	-- stdout --
//	…
//	-- stderr --
//	…
//	-- exit --
//	0
//
// $TMP in args is a new temporary directory (replaced by $TMP again in the
// outputs). The paths of args are relative to cmd/paraline; fixtures are in
// testdata/cli/files. stdout, stderr and the exit status must match; a
// script whose stderr varies between runs (timings) has a stderr-contains
// section instead, each line of which stderr must hold. With -update,
// stdout, stderr (unless the script has stderr-contains) and exit are
// rewritten from what the command did.
// timingRe matches the timings of run's summary line, which vary.
var timingRe = regexp.MustCompile(`in [0-9.]+ s \([0-9.]+ MB/s\)`)

func TestCLI(t *testing.T) {
	files, _ := filepath.Glob("testdata/cli/*.txt")
	if len(files) == 0 {
		t.Fatal("no scripts in testdata/cli")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			head, sections := parseArchive(string(data))
			tmp := t.TempDir()
			var args []string
			for _, line := range strings.Split(head, "\n") {
				if rest, ok := strings.CutPrefix(line, "args:"); ok {
					args = strings.Fields(strings.ReplaceAll(rest, "$TMP", tmp))
				}
			}
			var out, errb bytes.Buffer
			code := runMain(context.Background(), &stdio{in: strings.NewReader(sections.get("stdin")), out: &out, err: &errb}, args)
			gotOut := strings.ReplaceAll(out.String(), tmp, "$TMP")
			gotErr := timingRe.ReplaceAllString(strings.ReplaceAll(errb.String(), tmp, "$TMP"), "in T s (T MB/s)")
			_, contains := sections.lookup("stderr-contains")
			if *update {
				sections.set("stdout", gotOut)
				if !contains {
					sections.set("stderr", gotErr)
				}
				sections.set("exit", strconv.Itoa(code)+"\n")
				slices.SortStableFunc(sections, func(a, b section) int { return sectionRank(a.name) - sectionRank(b.name) })
				if err := os.WriteFile(file, []byte(head+sections.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := strings.TrimSpace(sections.get("exit")); want != strconv.Itoa(code) {
				t.Errorf("exit code %d, want %s; stderr:\n%s", code, want, gotErr)
			}
			if want := sections.get("stdout"); gotOut != want {
				t.Errorf("stdout differs (run with -update to accept):\n got:\n%s\nwant:\n%s", gotOut, want)
			}
			if want, ok := sections.lookup("stderr"); ok && gotErr != want {
				t.Errorf("stderr differs (run with -update to accept):\n got:\n%s\nwant:\n%s", gotErr, want)
			}
			if want, ok := sections.lookup("stderr-contains"); ok {
				for _, w := range strings.Split(strings.TrimSpace(want), "\n") {
					if !strings.Contains(gotErr, w) {
						t.Errorf("stderr lacks %q:\n%s", w, gotErr)
					}
				}
			}
		})
	}
}

// sectionRank orders the sections of a script: input, then outputs.
func sectionRank(name string) int {
	return map[string]int{"stdin": 1, "stdout": 2, "stderr": 3, "stderr-contains": 3, "exit": 4}[name]
}

type section struct{ name, body string }
type archive []section

func (a archive) lookup(name string) (string, bool) {
	for _, s := range a {
		if s.name == name {
			return s.body, true
		}
	}
	return "", false
}

func (a archive) get(name string) string { s, _ := a.lookup(name); return s }

func (a *archive) set(name, body string) {
	for i := range *a {
		if (*a)[i].name == name {
			(*a)[i].body = body
			return
		}
	}
	*a = append(*a, section{name, body})
}

func (a archive) format() string {
	var b strings.Builder
	for _, s := range a {
		b.WriteString("-- " + s.name + " --\n" + s.body)
	}
	return b.String()
}

// parseArchive splits a txtar file into its leading comment and sections.
func parseArchive(data string) (string, archive) {
	var a archive
	head := ""
	cur := -1
	for _, line := range strings.SplitAfter(data, "\n") {
		t := strings.TrimRight(line, "\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			a = append(a, section{name: strings.TrimSpace(t[3 : len(t)-3])})
			cur = len(a) - 1
			continue
		}
		if cur < 0 {
			head += line
		} else {
			a[cur].body += line
		}
	}
	return head, a
}

func TestRunCommandExitCodes(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	page := "A title of a page\n\nThis paragraph is the body of the page and it is long enough to be prose.\n"
	os.WriteFile(filepath.Join(in, "a.txt"), []byte(page), 0o644)
	os.WriteFile(filepath.Join(in, "b.txt"), []byte("bin\x00ary"), 0o644)
	out := filepath.Join(dir, "out")
	var so, se bytes.Buffer
	std := &stdio{in: strings.NewReader(""), out: &so, err: &se}
	if code := runMain(context.Background(), std, []string{"run", "--progress", "never", "-o", out, in}); code != exitPartial {
		t.Fatalf("run with a binary file: exit %d, want %d; stderr:\n%s", code, exitPartial, se.String())
	}
	if !strings.Contains(se.String(), "b.txt") {
		t.Errorf("stderr does not name the failed file:\n%s", se.String())
	}
	for _, f := range []string{"mono.en", "rejects.jsonl", "report.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if code := runMain(context.Background(), std, []string{"run", "--strict", "--progress", "never", "-o", filepath.Join(dir, "strict"), in}); code != exitFatal {
		t.Errorf("--strict with a binary file: exit %d, want %d", code, exitFatal)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if code := runMain(ctx, std, []string{"run", "--progress", "never", "-o", filepath.Join(dir, "cancelled"), in}); code != exitInterrupted {
		t.Errorf("cancelled run: exit %d, want %d", code, exitInterrupted)
	}
	// Only the journal stays, for --resume.
	if entries, _ := os.ReadDir(filepath.Join(dir, "cancelled")); len(entries) > 1 || len(entries) == 1 && entries[0].Name() != pipeline.JournalDir {
		t.Errorf("cancelled run left %v", entries)
	}
}
