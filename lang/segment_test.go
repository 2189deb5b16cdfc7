package lang

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// Detectors are costly to build when they load models, so tests share them.
var (
	enRu     = sync.OnceValues(func() (*Detector, error) { return NewDetector([]string{"en", "ru"}) })
	enDeFrRu = sync.OnceValues(func() (*Detector, error) { return NewDetector([]string{"en", "de", "fr", "ru"}) })
)

func detector(t testing.TB, get func() (*Detector, error)) *Detector {
	t.Helper()
	d, err := get()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// show renders spans as "lang:text" with newlines as \n, for readable diffs.
func show(text string, spans []Span) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = fmt.Sprintf("%s:%q", s.Lang, text[s.Start:s.End])
	}
	return out
}

func TestSegmentScripts(t *testing.T) {
	d := detector(t, enRu)
	if d.NeedsModels() {
		t.Fatal("en,ru should be decided by script alone")
	}
	tests := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", []string{}},
		{"one line", "Member States:", []string{`en:"Member States:"`}},
		{"newline belongs to the line", "Observer States:\n", []string{`en:"Observer States:\n"`}},
		{"glued script change", "…in the field of cooperation.Партнеры по диалогу:\n",
			[]string{`en:"…in the field of cooperation."`, `ru:"Партнеры по диалогу:\n"`}},
		{"Russian clause after an English sentence", "The talks ended late. Переговоры закончились поздно вечером.",
			[]string{`en:"The talks ended late. "`, `ru:"Переговоры закончились поздно вечером."`}},
		{"Russian after a colon", "Dialogue partners: Партнеры по диалогу",
			[]string{`en:"Dialogue partners: "`, `ru:"Партнеры по диалогу"`}},
		{"opening quote goes with its text", "He answered «Спасибо за помощь»",
			[]string{`en:"He answered "`, `ru:"«Спасибо за помощь»"`}},
		{"short foreign run stays", "Report of the ЕС on vaccines",
			[]string{`en:"Report of the ЕС on vaccines"`}},
		{"letterless line", "21.04.2020 09:49\nNews\n",
			[]string{`:"21.04.2020 09:49\n"`, `en:"News\n"`}},
		{"bullets and clock digits", "• • •\n15:39\n", []string{`:"• • •\n"`, `:"15:39\n"`}},
		{"blank run is one span", "First line\n\n  \n\nSecond line",
			[]string{`en:"First line\n"`, `:"\n  \n\n"`, `en:"Second line"`}},
		{"leading blank lines", "\n\nТекст", []string{`:"\n\n"`, `ru:"Текст"`}},
		{"letters of no run language", "Ελληνικά\n", []string{`:"Ελληνικά\n"`}},
		{"leading punctuation joins the first piece", "— Да, конечно.", []string{`ru:"— Да, конечно."`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := show(tc.in, d.Segment(tc.in))
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("Segment(%q)\n got %v\nwant %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestSegmentSharedScript(t *testing.T) {
	if testing.Short() {
		t.Skip("loads lingua-go models")
	}
	d := detector(t, enDeFrRu)
	if !d.NeedsModels() {
		t.Fatal("en,de,fr share a script and need models")
	}
	tests := []struct {
		name, in string
		want     []string
	}{
		{"sentence of another language", "The weather is very nice today. Das Wetter ist heute sehr schön.",
			[]string{`en:"The weather is very nice today. "`, `de:"Das Wetter ist heute sehr schön."`}},
		{"French then English", "Le conseil municipal a approuvé le budget hier soir. The vote was close.",
			[]string{`fr:"Le conseil municipal a approuvé le budget hier soir. "`, `en:"The vote was close."`}},
		{"separated fragments", "Enregistrer les modifications | Änderungen speichern",
			[]string{`fr:"Enregistrer les modifications | "`, `de:"Änderungen speichern"`}},
		{"one language, one span", "Die Sitzung wurde um zehn Uhr eröffnet und dauerte bis zum Abend, weil viele Fragen offen waren.",
			[]string{`de:"Die Sitzung wurde um zehn Uhr eröffnet und dauerte bis zum Abend, weil viele Fragen offen waren."`}},
		{"three languages and two scripts", "Das ist gut. Партнеры по диалогу: Welcome to our website.",
			[]string{`de:"Das ist gut. "`, `ru:"Партнеры по диалогу: "`, `en:"Welcome to our website."`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := show(tc.in, d.Segment(tc.in))
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("Segment(%q)\n got %v\nwant %v", tc.in, got, tc.want)
			}
		})
	}
}

// TestSmoothing checks that an unsure short line takes the language of the
// page's body when the page has one.
func TestSmoothing(t *testing.T) {
	if testing.Short() {
		t.Skip("loads lingua-go models")
	}
	d := detector(t, enDeFrRu)
	body := "The committee met on Monday to discuss the budget for next year and the plans for the new school.\n"
	text := body + "Dear Sergey Viktorovich,\n" + body + body
	spans := d.Segment(text)
	for _, s := range spans {
		if got := text[s.Start:s.End]; strings.HasPrefix(got, "Dear") && s.Lang != "en" {
			t.Errorf("%q: lang %s (confidence %.2f), want en from the page", got, s.Lang, s.Confidence)
		}
	}
}

func TestDetect(t *testing.T) {
	d := detector(t, enRu)
	tests := []struct {
		in, want string
		conf     float64
	}{
		{"Hello world", "en", 1},
		{"Привет, мир", "ru", 1},
		{"Mostly English with одно слово", "en", 1},
		{"12:45 — 13:00", "", 0},
		{"", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, conf := d.Detect(tc.in)
			if got != tc.want || conf != tc.conf {
				t.Errorf("Detect(%q) = %q, %v; want %q, %v", tc.in, got, conf, tc.want, tc.conf)
			}
		})
	}
}

func TestParseLangs(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  bool
	}{
		{"en,ru", "en,ru", false},
		{" EN , ru,en ,", "en,ru", false},
		{"de", "de", false},
		{"en,xx", "", true},
		{"", "", true},
		{",,", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseLangs(tc.in)
			if (err != nil) != tc.err {
				t.Fatalf("ParseLangs(%q) error = %v, want error %v", tc.in, err, tc.err)
			}
			if strings.Join(got, ",") != tc.want {
				t.Errorf("ParseLangs(%q) = %v, want %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestNewDetectorErrors(t *testing.T) {
	for _, codes := range [][]string{nil, {"zz"}, {"en", "qq"}} {
		if _, err := NewDetector(codes); err == nil {
			t.Errorf("NewDetector(%q): no error", codes)
		}
	}
	d, err := NewDetector([]string{"RU", "en", "ru"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(d.Langs(), ","); got != "en,ru" {
		t.Errorf("Langs() = %s, want en,ru", got)
	}
	one, err := NewDetector([]string{"de"})
	if err != nil {
		t.Fatal(err)
	}
	if l, _ := one.Detect("Hello and good morning"); l != "de" {
		t.Errorf("a one-language detector gave %q for Latin letters, want de", l)
	}
}

// checkSpans verifies the invariants of Segment's output.
func checkSpans(t *testing.T, d *Detector, text string, spans []Span) {
	t.Helper()
	pos := 0
	langs := map[string]bool{"": true}
	for _, l := range d.Langs() {
		langs[l] = true
	}
	for i, s := range spans {
		if s.Start != pos || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("span %d = %d-%d after offset %d (len %d): spans must be contiguous, non-empty and in bounds", i, s.Start, s.End, pos, len(text))
		}
		if utf8.ValidString(text) && (!utf8.RuneStart(text[s.Start]) || s.End < len(text) && !utf8.RuneStart(text[s.End])) {
			t.Fatalf("span %d = %d-%d cuts a UTF-8 sequence in %q", i, s.Start, s.End, text)
		}
		if k := strings.IndexByte(text[s.Start:s.End], '\n'); k >= 0 && k != s.Len()-1 && !isBlank(text[s.Start:s.End]) {
			t.Fatalf("span %d %q holds text of two lines", i, text[s.Start:s.End])
		}
		if !langs[s.Lang] || s.Confidence < 0 || s.Confidence > 1 || s.Kind != Body {
			t.Fatalf("span %d: lang %q confidence %v kind %v", i, s.Lang, s.Confidence, s.Kind)
		}
		pos = s.End
	}
	if pos != len(text) {
		t.Fatalf("spans end at %d, text has %d bytes", pos, len(text))
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"", "\n", "a", "Партнеры по диалогу:\n15:39Abu Dhabi\n",
		"…cooperation.Партнеры по диалогу:", "«»()\n\n\n", "Das ist gut. The end.\r\n",
		"l'espace d’un utilisateur — Grün-Helligkeit ändern | x", "\xff\xfe bad \xc3", "e\u0301\u0301 ё́",
	} {
		f.Add(s)
	}
	ds := []*Detector{detector(f, enRu)}
	if !testing.Short() {
		ds = append(ds, detector(f, enDeFrRu))
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, d := range ds {
			checkSpans(t, d, text, d.Segment(text))
		}
	})
}

func TestSegmentDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("loads lingua-go models")
	}
	text := "Le conseil a voté. The vote was close. Das Ergebnis kam spät.\nSave changes | Enregistrer les modifications\nПартнеры: Dear colleagues,\n"
	fresh, err := NewDetector([]string{"en", "de", "fr", "ru"}) // empty word cache
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprint(fresh.Segment(text))
	shared := detector(t, enDeFrRu)
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				got[i] = fmt.Sprint(shared.Segment(text))
			}
		}()
	}
	wg.Wait()
	for i, g := range got {
		if g != want {
			t.Fatalf("run %d differs:\n got %s\nwant %s", i, g, want)
		}
	}
	// A cache that keeps a single word changes nothing either.
	tiny, err := NewDetector([]string{"en", "de", "fr", "ru"}, WithWordCache(1))
	if err != nil {
		t.Fatal(err)
	}
	if g := fmt.Sprint(tiny.Segment(text)); g != want {
		t.Fatalf("with a one-word cache:\n got %s\nwant %s", g, want)
	}
}

func TestGapPenalty(t *testing.T) {
	tests := []struct {
		gap  string
		want float64
	}{
		{" ", switchSpace},
		{"  ", switchSpace},
		{", ", switchComma},
		{". ", switchSentence},
		{"? ", switchSentence},
		{".", switchSentence},
		{"…", switchSentence},
		{": ", switchMark},
		{" | ", switchMark},
		{" (", switchMark},
		{" 2020 ", switchMark},
		{".,", switchMark},
	}
	for _, tc := range tests {
		t.Run(tc.gap, func(t *testing.T) {
			if got := gapPenalty(tc.gap); got != tc.want {
				t.Errorf("gapPenalty(%q) = %v, want %v", tc.gap, got, tc.want)
			}
		})
	}
}

func TestLineWords(t *testing.T) {
	line := "l'espace d’un — Grün-Helligkeit, x-"
	var got []string
	for _, w := range lineWords(line, piece{start: 0, end: len(line)}) {
		got = append(got, line[w.start:w.end])
	}
	want := "l'espace d’un Grün-Helligkeit x"
	if strings.Join(got, " ") != want {
		t.Errorf("lineWords = %q, want %q", got, want)
	}
}

func TestBlocks(t *testing.T) {
	sentence := "Ceci est une phrase assez longue pour remplir le bloc. "
	tests := []struct {
		name string
		line string
	}{
		{"short", "Une phrase."},
		{"sentences", strings.Repeat(sentence, 300)},
		{"no sentence end", strings.Repeat("mot ", 3000)},
		{"no space", strings.Repeat("é", 5000)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bs := blocks(tc.line, piece{start: 0, end: len(tc.line), s: scriptLatin})
			pos := 0
			for i, b := range bs {
				if b.start != pos || b.end <= b.start || b.end-b.start > maxBlock || !utf8.RuneStart(tc.line[b.start]) {
					t.Fatalf("block %d = %d-%d after %d", i, b.start, b.end, pos)
				}
				if tc.name == "sentences" && i < len(bs)-1 && !strings.HasSuffix(tc.line[:b.end], ". ") {
					t.Errorf("block %d does not end a sentence: %q", i, tc.line[b.end-10:b.end])
				}
				pos = b.end
			}
			if pos != len(tc.line) {
				t.Fatalf("blocks end at %d of %d", pos, len(tc.line))
			}
		})
	}
}

// TestSegmentLongLine checks that a line much longer than a block is
// labelled like its sentences and covered exactly.
func TestSegmentLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("loads lingua-go models")
	}
	d := detector(t, enDeFrRu)
	en := "The committee met on Monday to discuss the budget for the next year. "
	de := "Der Ausschuss hat am Montag über den Haushalt des nächsten Jahres beraten. "
	line := strings.Repeat(en, 200) + strings.Repeat(de, 200) + strings.Repeat("12345 ", 1000) + strings.Repeat(en, 10)
	spans := d.Segment(line)
	checkSpans(t, d, line, spans)
	got := map[string]int{}
	for _, s := range spans {
		got[s.Lang] += s.Len()
	}
	if got["en"] < 200*len(en) || got["de"] < 190*len(de) {
		t.Errorf("bytes per language %v; want at least %d en and %d de", got, 200*len(en), 190*len(de))
	}
}
