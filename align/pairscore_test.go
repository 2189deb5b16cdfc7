package align

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// updatePairScore rewrites testdata/pairscore.golden from the current code:
//
//	go test ./align -run TestPairScoreGolden -align.update-pairscore
//
// Only do it when a change of the scores is intended.
var updatePairScore = flag.Bool("align.update-pairscore", false, "rewrite testdata/pairscore.golden")

// pairTexts are sentences written for the PairScore table: the test
// sentences of align_test.go, the prose fixtures and edge cases of the
// tokenizer (placeholders, markup, paths, options, URLs, scripts, case,
// invalid UTF-8, repeated words, very long lines).
func pairTexts(t testing.TB) []string {
	edge := []string{
		"",
		" \t ",
		"Hello, World!!! ... «quoted» “text” ‘x’ … (a) [b] = c | d * e + f # g @ h & i \\ j ^ k",
		"Run `ls -la /usr/share/doc` or --help, see ~/.config/app.conf.",
		"-v -- --force - -x1 --dry-run_mode -_x --9",
		"%1$s of %2$d files (%-10.3lf%%) %done %<PRId64> %s% %*d %.*f %lu %zd",
		"{0} and {name:fmt} {} { x } ${HOME} $PATH $1 ${x-y} $_u {a.b,c-d}",
		"<b>Bold</b> <br/> <a href=\"x\">link</a> </A> <not a tag <x-y:z> <1a>",
		"E-mail me at john.doe@example.com or visit www.Example.COM/Path?q=1.",
		"HTTPS://EXAMPLE.ORG/x. ftp://files.example.net/pub/ «http://a.b/c» file:///etc/hosts",
		"Version 1.2.3-beta, 10 000 and 10,000 and 007 and 0 and 00 and 1,5 and 1.5",
		"snake_case_name CamelCase iPhone USB NATO X11 x86_64 UTF-8 MySQL PostgreSQL",
		"Ёлка и ёжик, ЁЛКА; Україна ґанок їжак є. Ещё всё её.",
		"Mixed Кириллица and Latin слова together, mixed words ФАЙЛ file.",
		"Café naïve résumé façade Straße ΑΒΓ αβγ 日本語テキスト Ǆemal ǅ.",
		"combining e\u0301 and a\u0308 marks, and a\u00a0non-breaking\u2003space.",
		"\xff\xfe bad \xc3 bytes \xe2\x82 here.",
		"rock'n'roll don't it’s state-of-the-art e.g. i.e. U.S.A. -x- 'quoted'",
		"Ends with an ellipsis...",
		"Ends with a quote.\"",
		"Is it a question? »",
		"no final punctuation",
		"colon at the end:",
		"semicolon;",
		"trailing spaces.   ",
		"a/b/c /x /ab /usr/local/bin: ~/ ~/.bashrc. /... /-/",
		"Telephone: +7 (495) 123-45-67; price $5.99 and 50% off; 10:45 22.11.2026 2026-11-22",
		"Philosophy, pharmacy, chemistry, technology, quiz, xylophone, whiskey, the theory of physics.",
		"Философия, фармация, химия, технология, викторина, ксилофон, виски, теория физики.",
		"the the the cat cat sat on the mat mat mat.",
		"кот кот сидел на коврике коврике.",
		"FOO foo Foo fOO the THE The.",
		"abc123def 123abc ab12 1a2b3c __ _x_ 1_000",
		"The file was saved in the user folder on the server disk with a password.",
		"Файл сохранён в папке пользователя на диске сервера с паролем.",
		"Files, folders and disks: the users' passwords are stored on servers.",
		"Файлы, папки и диски: пароли пользователей хранятся на серверах.",
		strings.Repeat("word another Word 12 %s <i> ", 40) + "end.",
		strings.Repeat("слово другое Слово 12 %s <i> ", 40) + "конец.",
		"……… ?!?! ;;; ::: ((())) ''' \"\"\"",
		"日本語のテキストと English words 123.",
		"ПРОВЕРКА ЗАГЛАВНЫХ БУКВ И CAPS LOCK.",
		"x",
		"1",
		".",
	}
	return append(append(append(append(append([]string{}, enBase...), ruBase...),
		readLines(t, "prose.en")...), readLines(t, "prose.ru")...), edge...)
}

// pairScorers are the Scorers of the PairScore table: context-free with
// and without a dictionary, and built on a document pair with and
// without one.
func pairScorers(t testing.TB) []struct {
	name string
	s    *Scorer
} {
	d, err := LoadDict(filepath.Join("testdata", "small.dict"))
	if err != nil {
		t.Fatal(err)
	}
	en, ru := readLines(t, "prose.en"), readLines(t, "prose.ru")
	return []struct {
		name string
		s    *Scorer
	}{
		{"free", NewScorer(nil, nil, nil)},
		{"free-dict", NewScorer(nil, nil, &Options{Dict: d, SrcLang: "en", TgtLang: "ru"})},
		{"doc", NewScorer(append(en, enBase...), append(ru, ruBase...), nil)},
		{"doc-dict", NewScorer(append(en, enBase...), append(ru, ruBase...), &Options{Dict: d})},
	}
}

// pairOffsets are the target texts each source text of the table is
// scored against: text i with texts i+d (mod the table's length).
var pairOffsets = []int{0, 1, 2, 5, 13, 31, 44, 60}

// TestPairScoreGolden checks that PairScore returns exactly the values
// recorded in testdata/pairscore.golden (one line per scorer and source
// text i: the scores against texts i+d for d in pairOffsets, exact float64
// in 'g' form).
// Speed-ups must not move a single bit of any score.
func TestPairScoreGolden(t *testing.T) {
	texts := pairTexts(t)
	var lines []string
	for _, sc := range pairScorers(t) {
		for i, a := range texts {
			var vals []string
			for _, d := range pairOffsets {
				b := texts[(i+d)%len(texts)]
				vals = append(vals, strconv.FormatFloat(sc.s.PairScore(a, b), 'g', -1, 64))
			}
			lines = append(lines, fmt.Sprintf("%s\t%d\t%s", sc.name, i, strings.Join(vals, " ")))
		}
	}
	golden := filepath.Join("testdata", "pairscore.golden")
	if *updatePairScore {
		if err := os.WriteFile(golden, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	k := 0
	for ; sc.Scan(); k++ {
		if k >= len(lines) {
			t.Fatalf("golden file has more than %d lines", len(lines))
		}
		if want := sc.Text(); lines[k] != want {
			got := strings.Fields(lines[k])
			exp := strings.Fields(want)
			for j := range min(len(got), len(exp)) {
				if got[j] != exp[j] {
					t.Errorf("line %d (%s %s) field %d: got %s, want %s", k+1, exp[0], exp[1], j, got[j], exp[j])
				}
			}
			if len(got) != len(exp) {
				t.Errorf("line %d: %d fields, want %d", k+1, len(got), len(exp))
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if k != len(lines) {
		t.Errorf("golden file has %d lines, want %d", k, len(lines))
	}
}

// TestPairScoreConcurrent checks that concurrent PairScore calls on one
// Scorer give the sequential values (the scratch buffers are per call).
func TestPairScoreConcurrent(t *testing.T) {
	texts := pairTexts(t)
	s := pairScorers(t)[1].s
	want := make([]float64, len(texts))
	for i, a := range texts {
		want[i] = s.PairScore(a, texts[(i+7)%len(texts)])
	}
	errs := make(chan string, 4)
	for g := range 4 {
		go func() {
			msg := ""
			for r := range 50 {
				i := (r*5 + g) % len(texts)
				if got := s.PairScore(texts[i], texts[(i+7)%len(texts)]); got != want[i] && msg == "" {
					msg = fmt.Sprintf("pair %d: %v, want %v", i, got, want[i])
				}
			}
			errs <- msg
		}()
	}
	for range 4 {
		if msg := <-errs; msg != "" {
			t.Error(msg)
		}
	}
}

// BenchmarkPairScore scores pairs of the table with the context-free
// Scorer without dictionary that the clean package's adequacy filter uses.
func BenchmarkPairScore(b *testing.B) {
	en, ru := readLines(b, "prose.en"), readLines(b, "prose.ru")
	src := append(append([]string{}, en...), enBase...)
	tgt := append(append([]string{}, ru...), ruBase...)
	for _, bc := range []struct {
		name string
		opts *Options
	}{
		{"free", nil},
		{"free-dict", &Options{Dict: mustDict(b), SrcLang: "en", TgtLang: "ru"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s := NewScorer(nil, nil, bc.opts)
			b.ReportAllocs()
			k := 0
			for b.Loop() {
				s.PairScore(src[k], tgt[k])
				k++
				if k == len(src) {
					k = 0
				}
			}
		})
	}
}

func mustDict(t testing.TB) *Dict {
	d, err := LoadDict(filepath.Join("testdata", "small.dict"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}
