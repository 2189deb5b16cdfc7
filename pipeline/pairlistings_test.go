package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/paraline/paraline/lang"
)

func span(text, l, reason string, raw int) SpanResult {
	kind := lang.Body
	if reason != "" {
		kind = lang.Boilerplate
	}
	return SpanResult{Span: lang.Span{Lang: l, Kind: kind, Reason: reason}, RawStart: raw, RawEnd: raw + len(text), Text: text}
}

func texts(s []Sentence) []string {
	var out []string
	for _, x := range s {
		out = append(out, x.Text)
	}
	return out
}

func TestTranslatedListings(t *testing.T) {
	e := textEngine(t)
	// The Russian version: a localised message, a command and a package
	// name left as they are, a short translated line, a line of no word.
	ru := &DocResult{Spans: []SpanResult{
		span("Введите команду:\n", "ru", "", 0),
		span("# aptitude install space-orbit\n", "en", reasonCode, 40),
		span("Следующие НОВЫЕ пакеты будут установлены:\n", "ru", reasonCode, 80),
		span("space-orbit\n", "en", reasonCode, 160),
		span("Да нет\n", "ru", reasonCode, 180),
		span("[Y/n/?]\n", "ru", reasonCode, 190),
	}}
	en := &DocResult{Spans: []SpanResult{
		span("Type the command:\n", "en", "", 0),
		span("# aptitude install space-orbit\n", "en", reasonCode, 30),
		span("The following NEW packages will be installed:\n", "en", reasonCode, 70),
		span("space-orbit\n", "en", reasonCode, 120),
		span("Then read the output.\n", "en", "", 140),
	}}
	tests := []struct {
		name  string
		d     *DocResult
		l     string
		other *DocResult
		sents []Sentence
		want  []string
	}{
		{"en", en, "en", ru,
			[]Sentence{{Lang: "en", Text: "Type the command:", RawStart: 0}, {Lang: "en", Text: "Then read the output.", RawStart: 140}},
			[]string{"Type the command:", "The following NEW packages will be installed:", "Then read the output."}},
		{"ru", ru, "ru", en,
			[]Sentence{{Lang: "ru", Text: "Введите команду:", RawStart: 0}},
			[]string{"Введите команду:", "Следующие НОВЫЕ пакеты будут установлены:", "Да нет"}},
		// The same listing on both sides is code: nothing is added.
		{"same listing", en, "en", en, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(e.translatedListings(tt.d, tt.l, codeLines(tt.other), tt.sents))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTranslatedListingsLines: a message of a screen dump quoting names is
// cut into pieces of two languages; the line is taken whole, on both
// sides, and the same line on both sides stays code. A command whose
// placeholder alone was translated has no words of its page's language
// and stays code.
func TestTranslatedListingsLines(t *testing.T) {
	e := textEngine(t)
	ru := &DocResult{Spans: line(
		span("libsdl1.2debian-all (= 1.2.12-1) ", "en", reasonCode, 0),
		span("но его невозможно установить или\n", "ru", reasonCode, 0),
		span("$ sudo dpkg -i gentoo_", "en", reasonCode, 0),
		span("версия-редакция_", "ru", reasonCode, 0),
		span("i386.deb\n", "en", reasonCode, 0),
		span("$ cd gentoo\n", "en", reasonCode, 0),
	)}
	en := &DocResult{Spans: line(
		span("libsdl1.2debian-all (= 1.2.12-1) but it is not installable or\n", "en", reasonCode, 0),
		span("$ sudo dpkg -i gentoo_version-revision_i386.deb\n", "en", reasonCode, 0),
		span("$ cd gentoo\n", "en", reasonCode, 0),
	)}
	if got, want := texts(e.translatedListings(ru, "ru", codeLines(en), nil)), []string{"libsdl1.2debian-all (= 1.2.12-1) но его невозможно установить или"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ru: got %q, want %q", got, want)
	}
	if got, want := texts(e.translatedListings(en, "en", codeLines(ru), nil)), []string{"libsdl1.2debian-all (= 1.2.12-1) but it is not installable or", "$ sudo dpkg -i gentoo_version-revision_i386.deb"}; !reflect.DeepEqual(got, want) {
		t.Errorf("en: got %q, want %q", got, want)
	}
	if got := e.translatedListings(ru, "ru", codeLines(ru), nil); len(got) != 0 {
		t.Errorf("same page: got %q", texts(got))
	}
}

func TestDropUntranslated(t *testing.T) {
	ru := &DocResult{Spans: []SpanResult{
		span("CycleOrder\n", "en", "boilerplate:other-language(en)", 0),
		span("Порядок обхода.\n", "ru", "", 20),
		span("Menu\n", "en", "", 50), // kept as text of its own language: still not translated
	}}
	sents := []Sentence{{Text: "CycleOrder"}, {Text: "The cycle order."}, {Text: "menu"}, {Text: "Cycle  order"}}
	got := texts(dropUntranslated(sents, 3, spansIn(ru, "en")))
	want := []string{"The cycle order.", "Cycle  order"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := dropUntranslated(sents, 3, nil); len(got) != len(sents) {
		t.Errorf("no other-language text: got %d sentences, want %d", len(got), len(sents))
	}
}

// TestDropUntranslatedCounts: a text the other version holds fewer times
// is translated elsewhere; the occurrences nearest the other version's
// places go.
func TestDropUntranslatedCounts(t *testing.T) {
	ru := &DocResult{Spans: []SpanResult{
		span("Стиль\n", "ru", "", 0),
		span("По-умолчанию\n", "ru", "", 10),
		span("Описание\n", "ru", "", 40),
		span("Default\n", "en", "", 60), // a style's name, left in English
		span("Стиль по умолчанию.\n", "ru", "", 70),
	}}
	sents := []Sentence{{Text: "Style", Span: 0}, {Text: "Default", Span: 1}, {Text: "Description", Span: 2}, {Text: "Default", Span: 3}, {Text: "The default style.", Span: 4}}
	got := dropUntranslated(sents, 5, spansIn(ru, "en"))
	if want := []string{"Style", "Default", "Description", "The default style."}; !reflect.DeepEqual(texts(got), want) {
		t.Fatalf("got %q, want %q", texts(got), want)
	}
	if got[1].Span != 1 {
		t.Errorf("kept the Default of span %d, want 1 (the heading)", got[1].Span)
	}
}

func TestNearestInOrder(t *testing.T) {
	for _, tt := range []struct {
		a, b []float64
		want []int
	}{
		{[]float64{0.1, 0.5, 0.9}, []float64{0.8}, []int{2}},
		{[]float64{0.1, 0.5, 0.9}, []float64{0.2}, []int{0}},
		{[]float64{0.1, 0.5, 0.9}, []float64{0.1, 0.2}, []int{0, 1}},
		{[]float64{0.1, 0.5, 0.9}, []float64{0.5, 0.9}, []int{1, 2}},
	} {
		if got := nearestInOrder(tt.a, tt.b); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("nearestInOrder(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestListingWords(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want int
	}{{"", 0}, {"a b c", 0}, {"Do you want to continue? [Y/n/?]", 5}, {"space-orbit-common", 0}, {"«insert exit» (Insert)", 3}, {"Да нет", 2}} {
		if got := listingWords(tt.s); got != tt.want {
			t.Errorf("listingWords(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

// TestUntranslatedKeys: a paragraph left in English in the Russian version
// is one span there; its sentences, split here, are untranslated too.
func TestUntranslatedKeys(t *testing.T) {
	e := textEngine(t)
	ru := &DocResult{Spans: []SpanResult{
		span("Read the manual first. Then send the form to the team.\n", "en", "", 0),
		span("Прочтите руководство.\n", "ru", "", 60),
	}}
	sents := []Sentence{{Text: "Read the manual first."}, {Text: "Then send the form to the team."}, {Text: "Read the guide."}}
	if got, want := texts(dropUntranslated(sents, 3, e.untranslatedKeys(ru, "en"))), []string{"Read the guide."}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// Without the sentence keys, only a whole paragraph matched.
	if got := dropUntranslated(sents, 3, spansIn(ru, "en")); len(got) != 3 {
		t.Errorf("spansIn alone: got %q", texts(got))
	}
}

// TestOwnLanguage: the Russian version of a bibliography reads as English
// (most letters Latin), yet its Russian text is its translation.
func TestOwnLanguage(t *testing.T) {
	e := textEngine(t)
	ru := &DocResult{
		Spans: []SpanResult{
			span("[APOD] Astronomy Picture of the Day (Астрономическая картинка дня). https://apod.nasa.gov/\n", "en", "", 0),
			span("Список литературы\n", "ru", "boilerplate:other-language(ru)", 100),
			span("[GEGL] GEGL (Generic Graphics Library).\n", "en", "", 140),
		},
		Sentences: []Sentence{
			{Lang: "en", Text: "[APOD] Astronomy Picture of the Day (Астрономическая картинка дня).", RawStart: 0},
			{Lang: "en", Text: "https://apod.nasa.gov/", RawStart: 70},
			{Lang: "en", Text: "[GEGL] GEGL (Generic Graphics Library).", RawStart: 140},
		},
	}
	got := texts(e.ownLanguage(ru, "ru", "en", nil))
	want := []string{"[APOD] Astronomy Picture of the Day (Астрономическая картинка дня).", "Список литературы"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// The English version gains nothing: no Latin-script text is labelled
	// Russian, no line dropped as other-language(en).
	if got := e.ownLanguage(ru, "en", "ru", nil); len(got) != 0 {
		t.Errorf("en: got %q", texts(got))
	}
	// Languages of one script: nothing to tell.
	if got := e.ownLanguage(ru, "de", "en", nil); len(got) != 0 {
		t.Errorf("de/en: got %q", texts(got))
	}
}

// TestDropUntranslatedQuotes: a paragraph left in English whose quotes the
// Russian version's tools changed is still untranslated.
func TestDropUntranslatedQuotes(t *testing.T) {
	ru := &DocResult{Spans: []SpanResult{
		span("The «Buffers» dialog shows the named buffers.\n", "en", "boilerplate:other-language(en)", 0),
	}}
	sents := []Sentence{{Text: "The “Buffers” dialog shows the named buffers."}, {Text: "The Buffers dialog."}}
	if got, want := texts(dropUntranslated(sents, 3, spansIn(ru, "en"))), []string{"The Buffers dialog."}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestTranslatedFurniture: lines the markup put in a nav or a sidebar
// that differ between the two versions (a table of contents, a heading)
// are taken back; the same text in both versions (a language switcher, a
// product name) and lines dropped for other reasons are not.
func TestTranslatedFurniture(t *testing.T) {
	e := textEngine(t)
	en := &DocResult{Spans: []SpanResult{
		span("English Русский\n", "en", "boilerplate:nav(html)", 0),
		span("1.2. Package lint tools\n", "en", "boilerplate:nav(html)", 20),
		span("Read the guide.\n", "en", "", 50),
		span("Ubuntu Packaging Guide\n", "en", "boilerplate:sidebar(html)", 70),
		span("Next chapter\n", "en", "boilerplate:link-dense", 100),
		span("12:30\n", "en", "boilerplate:clock", 120),
	}}
	ru := &DocResult{Spans: []SpanResult{
		span("English Русский\n", "ru", "boilerplate:nav(html)", 0),
		span("1.2. Инструменты проверки пакетов\n", "ru", "boilerplate:nav(html)", 20),
		span("Прочтите руководство.\n", "ru", "", 60),
		span("Ubuntu Packaging Guide\n", "en", "boilerplate:sidebar(html)", 90),
		span("Следующая глава\n", "ru", "boilerplate:link-dense", 120),
	}}
	tests := []struct {
		name  string
		d     *DocResult
		l     string
		other *DocResult
		sents []Sentence
		want  []string
	}{
		{"en", en, "en", ru,
			[]Sentence{{Lang: "en", Text: "Read the guide.", RawStart: 50}},
			[]string{"1.2. Package lint tools", "Read the guide.", "Next chapter"}},
		{"ru", ru, "ru", en,
			[]Sentence{{Lang: "ru", Text: "Прочтите руководство.", RawStart: 60}},
			[]string{"1.2. Инструменты проверки пакетов", "Прочтите руководство.", "Следующая глава"}},
		// The same furniture on both sides is furniture: nothing is added.
		{"same page", en, "en", en, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(e.translatedFurniture(tt.d, tt.l, furnitureKeys(tt.other), tt.sents))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTranslatedFurnitureCounts: "(back to top)" after every section of
// the English version, left once in English in the Russian version's
// furniture, is translated but there: the other lines are taken back.
func TestTranslatedFurnitureCounts(t *testing.T) {
	e := textEngine(t)
	en := &DocResult{Spans: []SpanResult{
		span("(back to top)\n", "en", "boilerplate:nav(html)", 0),
		span("First section.\n", "en", "", 20),
		span("(back to top)\n", "en", "boilerplate:nav(html)", 40),
		span("Second section.\n", "en", "", 60),
		span("(back to top)\n", "en", "boilerplate:nav(html)", 80),
	}}
	ru := &DocResult{Spans: []SpanResult{
		span("(back to top)\n", "en", "boilerplate:nav(html)", 0),
		span("Первый раздел.\n", "ru", "", 20),
		span("(наверх)\n", "ru", "", 40),
		span("Второй раздел.\n", "ru", "", 60),
		span("(наверх)\n", "ru", "", 80),
	}}
	got := e.translatedFurniture(en, "en", furnitureKeys(ru), nil)
	if want := []string{"(back to top)", "(back to top)"}; !reflect.DeepEqual(texts(got), want) {
		t.Fatalf("got %q, want %q", texts(got), want)
	}
	if got[0].Span != 2 || got[1].Span != 4 {
		t.Errorf("took back the lines of spans %d and %d, want 2 and 4", got[0].Span, got[1].Span)
	}
}

// line lays out spans one after another, as Segment cuts one text: each
// starts where the one before it ends, in the text and in the raw input.
func line(spans ...SpanResult) []SpanResult {
	at := 0
	for i := range spans {
		spans[i].Start, spans[i].End = at, at+len(spans[i].Text)
		spans[i].RawStart, spans[i].RawEnd = at, at+len(spans[i].Text)
		at += len(spans[i].Text)
	}
	return spans
}

// TestTranslatedFurnitureJoinsLine: a furniture line that Segment cut at a
// change of language is taken back whole in the language of its side of
// the pair, even when the page's body is mostly the other language (an
// untranslated sentence); a line without text of that language is not.
func TestTranslatedFurnitureJoinsLine(t *testing.T) {
	e := textEngine(t)
	en := &DocResult{Spans: line(
		span("Search — developers-reference 12.18 documentation\n", "en", "boilerplate:title(html)", 0),
		span("6.1. Best practices for debian/rules\n", "en", "boilerplate:nav(html)", 0),
		span("Searching for multiple words only shows matches that contain all words.\n", "en", "", 0),
	)}
	ru := &DocResult{Spans: line(
		span("Поиск — документация ", "ru", "boilerplate:title(html)", 0),
		span("developers-reference 12.18\n", "en", "boilerplate:title(html)", 0),
		span("6.1. Лучшие практики для ", "ru", "boilerplate:nav(html)", 0),
		span("debian/rules\n", "en", "boilerplate:nav(html)", 0),
		span("Debian ", "en", "boilerplate:nav(html)", 0),
		span("» ", "", "boilerplate:nav(html)", 0),
		span("ru\n", "en", "boilerplate:nav(html)", 0),
		span("Searching for multiple words only shows matches that contain all words.\n", "en", "", 0),
	)}
	got := e.translatedFurniture(ru, "ru", furnitureKeys(en), nil)
	want := []string{"Поиск — документация developers-reference 12.18", "6.1. Лучшие практики для debian/rules"}
	if !reflect.DeepEqual(texts(got), want) {
		t.Fatalf("ru: got %q, want %q", texts(got), want)
	}
	// The sentence's raw offsets cover the joined spans; it names the first.
	if s := got[1]; s.RawStart != ru.Spans[2].RawStart || s.RawEnd != ru.Spans[3].RawEnd-1 || s.Span != 2 {
		t.Errorf("ru: sentence %q at %d-%d span %d", s.Text, s.RawStart, s.RawEnd, s.Span)
	}
	// The English side takes back its own lines, whole as they were.
	want = []string{"Search — developers-reference 12.18 documentation", "6.1. Best practices for debian/rules"}
	if got := texts(e.translatedFurniture(en, "en", furnitureKeys(ru), nil)); !reflect.DeepEqual(got, want) {
		t.Errorf("en: got %q, want %q", got, want)
	}
	// A line the other version holds unchanged, as a whole, is furniture.
	if got := texts(e.translatedFurniture(ru, "en", furnitureKeys(ru), nil)); len(got) != 0 {
		t.Errorf("same page: got %q", got)
	}
}

func TestIsFurniture(t *testing.T) {
	for reason, want := range map[string]bool{
		"boilerplate:nav(html)":           true,
		"boilerplate:sidebar(html)":       true,
		"boilerplate:title(html)":         true,
		"boilerplate:link-dense":          true,
		"boilerplate:other-language(ru)":  false,
		"boilerplate:repeated(5/9 pages)": false,
		"boilerplate:clock":               false,
		reasonCode:                        false,
		"":                                false,
	} {
		if got := isFurniture(reason); got != want {
			t.Errorf("isFurniture(%q) = %v, want %v", reason, got, want)
		}
	}
}

// TestHiddenTextPaired runs the pages of testdata/hidden (three en/ru page
// pairs, each with two hidden per-application variants of a phrase, a
// hidden tab panel and a hidden menu on every page): one version alone
// keeps the hidden text out of the body and lists it in rejects.jsonl; the
// paired run aligns the hidden variants and tab panels, translated between
// the versions, but not the menu, repeated on every page of the site.
func TestHiddenTextPaired(t *testing.T) {
	hidden := [][2]string{
		{"Choose Table - Insert Table to open the dialog.", "Выберите Таблица - Вставить таблицу, чтобы открыть диалог."},
		{"Choose Sheet - Insert Sheet to open the dialog.", "Выберите Лист - Вставить лист, чтобы открыть диалог."},
		{"Select the cells of the sheet before you insert the chart.", "Выделите ячейки листа, прежде чем вставить диаграмму."},
		{"Press F11 to open the list of cell styles.", "Нажмите F11, чтобы открыть список стилей ячеек."},
		{"On a Mac, hold the Command key while you drag the border of the table with the mouse.", "На компьютере Mac удерживайте клавишу Command, когда перетаскиваете границу таблицы мышью."},
		{"On Linux, the colours of the chart follow the theme of the desktop unless you choose others.", "В Linux цвета диаграммы следуют теме рабочего стола, если вы не выберете другие."},
	}
	mono := t.TempDir()
	if _, err := Run(context.Background(), mono, Options{Inputs: []string{"testdata/hidden/en"}}); err != nil {
		t.Fatal(err)
	}
	body, _ := os.ReadFile(filepath.Join(mono, "mono.en"))
	rejects, _ := os.ReadFile(filepath.Join(mono, "rejects.jsonl"))
	for _, h := range hidden {
		if strings.Contains(string(body), h[0]) {
			t.Errorf("one version: hidden %q in the body", h[0])
		}
		if !regexp.MustCompile(`"reason":"boilerplate:hidden\(html\)"[^\n]*"text":"` + regexp.QuoteMeta(h[0])).Match(rejects) {
			t.Errorf("one version: hidden %q not in rejects.jsonl as boilerplate:hidden(html)", h[0])
		}
	}
	if !strings.Contains(string(body), "A table arranges text and numbers") {
		t.Error("one version: visible text missing from the body")
	}

	dir := t.TempDir()
	if _, err := Run(context.Background(), dir, Options{Inputs: []string{"testdata/hidden"}, PairBy: PairByDir}); err != nil {
		t.Fatal(err)
	}
	en, _ := os.ReadFile(filepath.Join(dir, "corpus.en"))
	ru, _ := os.ReadFile(filepath.Join(dir, "corpus.ru"))
	el, rl := strings.Split(string(en), "\n"), strings.Split(string(ru), "\n")
	if len(el) != len(rl) {
		t.Fatalf("corpus.en %d lines, corpus.ru %d", len(el), len(rl))
	}
	for _, h := range hidden {
		i := slices.Index(el, h[0])
		if i < 0 || !strings.Contains(rl[i], h[1]) {
			t.Errorf("hidden pair %q / %q not aligned (en line %d)", h[0], h[1], i)
		}
	}
	for _, menu := range []string{"Home", "Donate", "Главная"} {
		if strings.Contains(string(en)+string(ru), menu) {
			t.Errorf("the hidden menu (%q) reached the corpus", menu)
		}
	}
}

// textEngine returns an Engine with the text stages of an en,ru run
// without repair, for the tests of pairs' take-back.
func textEngine(t *testing.T) *Engine {
	t.Helper()
	ts, err := newTextStages([]string{"en", "ru"}, Options{NoRepair: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &Engine{text: ts}
}
