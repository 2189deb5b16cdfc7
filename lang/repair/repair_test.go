package repair

import (
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"unicode/utf8"
)

func mustNew(t testing.TB, lang string, opts ...Option) *Repairer {
	t.Helper()
	r, err := New(lang, opts...)
	if err != nil {
		t.Fatalf("New(%q): %v", lang, err)
	}
	return r
}

// onlySpacesInserted reports whether out is in with U+0020 spaces inserted.
func onlySpacesInserted(in, out string) bool {
	i := 0
	for j := 0; j < len(out); j++ {
		switch {
		case i < len(in) && in[i] == out[j]:
			i++
		case out[j] == ' ':
		default:
			return false
		}
	}
	return i == len(in)
}

func TestRepairPatterns(t *testing.T) {
	tests := []struct {
		name, lang, in, want string
	}{
		{"function word + word", "en", "the future ofthe harbour", "the future of the harbour"},
		{"glued twice", "en", "a meeting ofthe SCO and oftheSCO", "a meeting of the SCO and of the SCO"},
		{"capital after lower case", "en", "the summit inBishkek was held", "the summit in Bishkek was held"},
		{"acronym", "en", "members ofSCO agreed", "members of SCO agreed"},
		{"digits", "en", "over600 letters", "over 600 letters"},
		{"digits with a range", "en", "the plan for the years in2019-2021 worked", "the plan for the years in 2019-2021 worked"},
		{"sentence start", "en", "Inthe end they agreed.", "In the end they agreed."},
		{"apostrophe after", "en", "the role ofRussia’s partners", "the role of Russia’s partners"},
		{"hyphen after", "en", "the principle ofnon-interference", "the principle of non-interference"},
		{"punctuation kept", "en", "(ofthe) “tothe” ofthe,", "(of the) “to the” of the,"},
		{"dash glued left", "en", "the states— the partners", "the states — the partners"},
		{"dash glued right", "en", "Question?\n—The answer", "Question?\n— The answer"},
		{"quote", "en", "the spirit of“Shanghai”", "the spirit of “Shanghai”"},
		{"names of code", "en", "OnLoadFinished and OnMouseReleased are events.", "OnLoadFinished and OnMouseReleased are events."},
		{"glued to a name in camel case", "en", "slides made inPowerPoint", "slides made in PowerPoint"},
		{"ru preposition + capital", "ru", "Совещание прошло вМоскве вчера", "Совещание прошло в Москве вчера"},
		{"ru conjunction", "ru", "планы иразвития города", "планы и развития города"},
		{"ru chain", "ru", "работа ноне для всех", "работа но не для всех"},
		{"ru quote", "ru", "ошибка в«файле»", "ошибка в «файле»"},
		{"ru digits", "ru", "сделано в2019 году", "сделано в 2019 году"},
		{"ru digits at a sentence start", "ru", "Итоги года. В2019 году", "Итоги года. В 2019 году"},
		{"ru cell names", "ru", "сумма ячеек А3 и В5, параметр И1", "сумма ячеек А3 и В5, параметр И1"},
		{"ru straight quote opening", "ru", `разделитель на":" и в"Газпроме"`, `разделитель на ":" и в "Газпроме"`},
		{"ru straight quote closing", "ru", `позиции "Выравнивание по". Окно "Сохранить как", и`, `позиции "Выравнивание по". Окно "Сохранить как", и`},
		{"ru quote before a placeholder", "ru", "ошибка в«%s»", "ошибка в «%s»"},
		{"ru sentence start", "ru", "Неудалось открыть файл", "Не удалось открыть файл"},
		{"ru ё", "ru", "файл несоздаётся", "файл не создаётся"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := mustNew(t, tc.lang)
			got, edits := r.Repair(tc.in)
			if got != tc.want {
				t.Errorf("Repair(%q) = %q, want %q (edits %+v)", tc.in, got, tc.want, edits)
			}
			if !onlySpacesInserted(tc.in, got) {
				t.Errorf("Repair(%q) changed more than spaces: %q", tc.in, got)
			}
		})
	}
}

func TestNeverSplit(t *testing.T) {
	en := []string{"another", "inform", "into", "together", "international", "Ireland", "Bishkek",
		"onto", "within", "upon", "without", "today", "ongoing", "outset", "downturn", "island",
		"information", "theme", "anthem", "format", "forum", "often", "always", "infrastructure",
		"Another", "Inform", "Into", "Tomorrow", "against", "across", "before", "ago", "away"}
	ru := []string{"неподдерживаемый", "вот", "иметь", "начало", "итог", "заявка", "отдел", "довод",
		"ввод", "сказать", "сообщений", "понимать", "заданный", "неизвестный", "безопасный", "Москве",
		"сгенерировать", "примонтировать"}
	for _, lang := range []struct {
		code  string
		words []string
	}{{"en", en}, {"ru", ru}} {
		for _, glue := range []float64{0, 0.5} {
			r := mustNew(t, lang.code, WithGlueRate(glue))
			for _, w := range lang.words {
				t.Run(lang.code+"/"+w, func(t *testing.T) {
					text := "x " + w + " y"
					if got, edits := r.Repair(text); got != text {
						t.Errorf("glue rate %v: Repair(%q) = %q (%+v)", glue, text, got, edits)
					}
				})
			}
		}
	}
}

func TestCleanTextUnchanged(t *testing.T) {
	b, err := os.ReadFile("testdata/clean_en.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := mustNew(t, "en")
	if got, edits := r.Repair(string(b)); got != string(b) {
		t.Errorf("clean text changed: %+v", edits)
	}
}

func TestRepairFixtures(t *testing.T) {
	tests := []struct {
		file, lang string
		want       []string // substrings of the output
		not        []string // substrings that must not appear
	}{
		{"testdata/glued_en.txt", "en",
			[]string{"in the old town", "on Monday", "of the harbour", "from 12 villages", "over 600 letters", "to the mayor", "in 2019-2021", "for better", "via a video", "of cooperation"},
			[]string{"an other", "in form", "to gether", "Ire land", "in to"}},
		{"testdata/glued_ru.txt", "ru",
			[]string{"в Москве", "и размер", "в каталоге", "на сервер"},
			[]string{"не поддерживаемый"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			v := NewVocab()
			v.Add(string(b))
			r := mustNew(t, tc.lang, WithVocab(v))
			got, edits := r.Repair(string(b))
			if !onlySpacesInserted(string(b), got) {
				t.Fatalf("more than spaces changed")
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(got, w) {
					t.Errorf("output has %q:\n%s", w, got)
				}
			}
			checkEdits(t, string(b), got, edits)
		})
	}
}

// checkEdits verifies that applying edits to in gives out.
func checkEdits(t *testing.T, in, out string, edits []Edit) {
	t.Helper()
	var b strings.Builder
	last := 0
	for _, e := range edits {
		if e.Offset < last || e.Offset+len(e.Glued) > len(in) || in[e.Offset:e.Offset+len(e.Glued)] != e.Glued {
			t.Fatalf("bad edit %+v", e)
		}
		b.WriteString(in[last:e.Offset])
		b.WriteString(e.Repaired)
		last = e.Offset + len(e.Glued)
	}
	b.WriteString(in[last:])
	if b.String() != out {
		t.Fatalf("edits do not reproduce the output")
	}
}

func TestFixPunct(t *testing.T) {
	tests := []struct{ in, want string }{
		{"in Bishkek,I would like", "in Bishkek, I would like"},
		{"the end.The next", "the end. The next"},
		{"1,000 people", "1,000 people"},
		{"see example.com or U.S.A", "see example.com or U.S.A"},
		{"time 10:30 here", "time 10:30 here"},
	}
	r := mustNew(t, "en", WithFixPunct(true))
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got, _ := r.Repair(tc.in); got != tc.want {
				t.Errorf("Repair(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	plain := mustNew(t, "en")
	if got, _ := plain.Repair("Bishkek,I"); got != "Bishkek,I" {
		t.Errorf("fix-punct is on by default: %q", got)
	}
}

func TestNewErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang string
		opts []Option
	}{
		{"unsupported language", "de", nil},
		{"empty language", "", nil},
		{"bad glue rate", "en", []Option{WithGlueRate(1.5)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New(tc.lang, tc.opts...); err == nil {
				t.Errorf("New(%q) succeeded", tc.lang)
			}
		})
	}
}

func TestConcurrentDeterministic(t *testing.T) {
	b, err := os.ReadFile("testdata/glued_en.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	v := NewVocab()
	var wg sync.WaitGroup
	for _, l := range lines {
		wg.Add(1)
		go func() { defer wg.Done(); v.Add(l) }()
	}
	wg.Wait()
	r := mustNew(t, "en", WithVocab(v))
	want := make([]string, len(lines))
	for i, l := range lines {
		want[i], _ = r.Repair(l)
	}
	for range 4 {
		got := make([]string, len(lines))
		for i, l := range lines {
			wg.Add(1)
			go func() { defer wg.Done(); got[i], _ = r.Repair(l) }()
		}
		wg.Wait()
		for i := range lines {
			if got[i] != want[i] {
				t.Fatalf("line %d: concurrent %q != serial %q", i, got[i], want[i])
			}
		}
	}
}

func FuzzRepairOnlyInsertsSpaces(f *testing.F) {
	for _, s := range []string{"ofthe", "inBishkek,I", "over600 в«Москве»", "—The states— x", "\xff\xfeofthe", "Inthe ofthe2019-", "иразвития ноне", ""} {
		f.Add(s)
	}
	en := mustNew(f, "en", WithFixPunct(true))
	ru := mustNew(f, "ru")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range []*Repairer{en, ru} {
			out, edits := r.Repair(s)
			if !onlySpacesInserted(s, out) {
				t.Fatalf("%s: Repair(%q) = %q: not only spaces inserted", r.Lang(), s, out)
			}
			if utf8.ValidString(s) && !utf8.ValidString(out) {
				t.Fatalf("%s: Repair(%q) = %q: invalid UTF-8", r.Lang(), s, out)
			}
			checkEdits(t, s, out, edits)
			if again, _ := r.Repair(s); again != out {
				t.Fatalf("not deterministic")
			}
		}
	})
}

func BenchmarkRepairEnglish(b *testing.B) {
	data, err := os.ReadFile("testdata/clean_en.txt")
	if err != nil {
		b.Fatal(err)
	}
	g, err := os.ReadFile("testdata/glued_en.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(data)+string(g), 200)
	v := NewVocab()
	v.Add(text)
	r := mustNew(b, "en", WithVocab(v))
	r.Repair("warm up")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	// The machine may be shared: report throughput per CPU second too.
	start := cpuTime()
	n := 0
	for b.Loop() {
		r.Repair(text)
		n++
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(n*len(text))/cpu/1e6, "MB/cpu-s")
	}
}

// cpuTime returns the user+system CPU seconds of the process.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func TestLongInput(t *testing.T) {
	r := mustNew(t, "en")
	long := strings.Repeat("of", 200000) + " " + strings.Repeat("ofthe ", 50000)
	out, edits := r.Repair(long)
	if len(edits) != 50000 || !onlySpacesInserted(long, out) {
		t.Errorf("got %d edits", len(edits))
	}
}

func BenchmarkVocabAdd(b *testing.B) {
	data, err := os.ReadFile("testdata/clean_en.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(data), 200)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	start := cpuTime()
	n := 0
	for b.Loop() {
		NewVocab().Add(text)
		n++
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(n*len(text))/cpu/1e6, "MB/cpu-s")
	}
}

func TestRussianGrammar(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// A preposition that governs the genitive is not followed by a
		// nominative participle: the token is a prefixed word.
		{"от + nominative participle", "Окрашивать ли отрисованный значок", "Окрашивать ли отрисованный значок"},
		{"для + genitive plural noun", "список дляусловий поиска", "список для условий поиска"},
		{"без + genitive adjective", "запуск безвходного файла", "запуск без входного файла"},
		{"без + adjective written together", "беззнаковое целое", "беззнаковое целое"},
	}
	r := mustNew(t, "ru", WithGlueRate(0.2))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, edits := r.Repair(tc.in)
			if got != tc.want {
				t.Errorf("Repair(%q) = %q, want %q (edits %+v)", tc.in, got, tc.want, edits)
			}
		})
	}
}
