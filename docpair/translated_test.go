package docpair

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
)

// line is one line of a synthetic page: its text, language and kind.
type line struct {
	text, lang string
	kind       lang.Kind
}

// Lines of synthetic pages: the menu of the Russian version, English and
// Russian paragraphs (prose), code, a figure label, a heading.
var (
	menuRU  = []line{{"Содержание", "ru", lang.Boilerplate}, {"Предыдущая", "ru", lang.Boilerplate}, {"Следующая", "ru", lang.Boilerplate}, {"Справка", "ru", lang.Boilerplate}}
	labelRU = line{"Рисунок 8.42", "ru", lang.Body}
	headRU  = line{"Настройка фильтра", "ru", lang.Body}
	paraEN  = []line{
		{"The filter reads the layer 2 times and writes a new layer with 16 bits per channel.", "en", lang.Body},
		{"Use the preview to compare the result with the original image before applying it.", "en", lang.Body},
		{"The radius option sets how many neighbouring pixels are taken into account at once.", "en", lang.Body},
		{"Large values of the radius slow the filter down on images of 4000 pixels or more.", "en", lang.Body},
	}
	paraRU = line{"Фильтр читает слой 2 раза и создаёт новый слой с 16 битами на канал, сохраняя исходный.", "ru", lang.Body}
	code   = line{"gimp --batch-interpreter python-fu-eval --batch filter_radius_value_layer_new", "en", lang.Noise}
)

// page builds the Doc of a page of lines, as FromDocument does after
// Segment and Classify.
func page(id string, lines ...line) Doc {
	var b strings.Builder
	var spans []lang.Span
	for _, l := range lines {
		spans = append(spans, lang.Span{Start: b.Len(), End: b.Len() + len(l.text), Lang: l.lang, Kind: l.kind})
		b.WriteString(l.text + "\n")
	}
	return FromDocument(&corpus.Document{ID: id, Text: b.String()}, spans, []string{"en", "ru"})
}

// join returns its arguments as one list of lines.
func join(parts ...any) []line {
	var out []line
	for _, p := range parts {
		switch p := p.(type) {
		case line:
			out = append(out, p)
		case []line:
			out = append(out, p...)
		}
	}
	return out
}

// repeat returns n copies of l.
func repeat(l line, n int) []line {
	out := make([]line, n)
	for i := range out {
		out[i] = l
	}
	return out
}

// TestProseShares: Prose counts the letters of the prose lines (40 letters
// and 6 words at least), a line for the language of most of its letters;
// Shares count every letter, code included.
func TestProseShares(t *testing.T) {
	tests := []struct {
		name              string
		lines             []line
		wantShare, wantPr float64 // Russian shares of the letters and of the prose letters
	}{
		{"Russian prose", join(paraRU, paraRU), 1, 1},
		{"English copy under a Russian menu", join(menuRU, labelRU, paraEN), 0.136, 0},
		{"one paragraph in five translated", join(menuRU, paraRU, paraEN), 0.3, 0.2},
		{"code with one translated paragraph", join(repeat(code, 8), paraRU), 0.13, 1},
		{"code with an English paragraph", join(repeat(code, 8), paraEN[0]), 0, 0},
		{"short lines are no prose", join(headRU, labelRU, menuRU), 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := page("x", tt.lines...)
			if math.Abs(d.Shares["ru"]-tt.wantShare) > 0.03 || math.Abs(d.Prose["ru"]-tt.wantPr) > 0.03 {
				t.Errorf("Shares[ru] = %.3f, Prose[ru] = %.3f; want %.3f, %.3f", d.Shares["ru"], d.Prose["ru"], tt.wantShare, tt.wantPr)
			}
		})
	}
	t.Run("a line mostly Russian counts whole", func(t *testing.T) {
		// One line of three spans: Russian, a Latin-script name, Russian.
		text := "Фильтр aptitude читает слой и создаёт новый слой, сохраняя исходный.\n" + paraEN[0].text + "\n"
		i, j, k := strings.Index(text, "aptitude"), strings.Index(text, "читает"), strings.Index(text, "\n")+1
		spans := []lang.Span{
			{Start: 0, End: i, Lang: "ru", Kind: lang.Body},
			{Start: i, End: j, Lang: "en", Kind: lang.Body},
			{Start: j, End: k, Lang: "ru", Kind: lang.Body},
			{Start: k, End: len(text), Lang: "en", Kind: lang.Body},
		}
		d := FromDocument(&corpus.Document{ID: "x", Text: text}, spans, []string{"en", "ru"})
		ru, all := letterCount(text[:k]), letterCount(text)
		if want := float64(ru) / float64(all); math.Abs(d.Prose["ru"]-want) > 1e-9 || d.ProseLetters != all {
			t.Errorf("Prose[ru] = %.3f of %d letters, want %.3f of %d", d.Prose["ru"], d.ProseLetters, want, all)
		}
	})
}

// letterCount counts the letters of s.
func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || 'а' <= r && r <= 'я' || 'А' <= r && r <= 'Я' || r == 'ё' {
			n++
		}
	}
	return n
}

// TestTranslatedInPart: the Russian version of an English page pairs when
// it is a translation, by its share of Russian or by its translated prose,
// and is refused as an untranslated copy when the Russian is only its
// menu, labels and headings; whether its address names the language or
// not (content alone).
func TestTranslatedInPart(t *testing.T) {
	original := join(paraEN, repeat(code, 8))
	tests := []struct {
		name string
		ru   []line // the Russian version of original
		pair bool
	}{
		{"translated", join(menuRU, headRU, paraRU, paraRU, paraRU, paraRU, repeat(code, 8)), true},
		{"partly translated among code", join(menuRU, paraRU, paraEN[1:], repeat(code, 8)), true},
		{"code with one translated paragraph", join(menuRU, paraRU, repeat(code, 12)), true},
		{"English copy under a Russian menu", join(menuRU, labelRU, headRU, paraEN, repeat(code, 8)), false},
		{"a Russian heading over code", join(menuRU, headRU, paraEN[0], repeat(code, 12)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// An unrelated pair beside, for the content weights.
			other := []Doc{doc("https://ex.org/en/b", "", "en", siteEN[4]), doc("https://ex.org/ru/b", "", "ru", siteRU[4])}
			res := run(t, Options{}, append(other, page("https://ex.org/en/a", original...), page("https://ex.org/ru/a", tt.ru...))...)
			want := "https://ex.org/en/a>https://ex.org/ru/a(url) https://ex.org/en/b>https://ex.org/ru/b(url)"
			if !tt.pair {
				want = "https://ex.org/en/b>https://ex.org/ru/b(url)"
			}
			if g := got(res); g != want {
				t.Errorf("by address: pairs = %q, want %q", g, want)
			}
			// Random names: content alone.
			other = []Doc{doc("b1.html", "", "en", siteEN[4]), doc("b2.html", "", "ru", siteRU[4])}
			res = run(t, Options{}, append(other, page("a1.html", original...), page("a2.html", tt.ru...))...)
			want = "a1.html>a2.html(content) b1.html>b2.html(content)"
			if !tt.pair {
				want = "b1.html>b2.html(content)"
			}
			if g := got(res); g != want {
				t.Errorf("by content: pairs = %q, want %q", g, want)
			}
		})
	}
}

// TestLabelsTranslated: a Russian version that says it is Russian (<html
// lang="ru">) and has its headings, labels and menu translated, at least
// minURLShare of its letters, over the English paragraphs of its original
// left as they were is a translation by its shares: it pairs although it
// shares most of its paragraphs with the original (the same-text test
// does not refuse it). Its English copy without the Russian headings is
// refused.
func TestLabelsTranslated(t *testing.T) {
	labels := []line{{"Синтаксис:", "ru", lang.Body}, {"Возвращаемое значение:", "ru", lang.Body}, {"Параметры:", "ru", lang.Body}, {"Пример использования:", "ru", lang.Body}}
	mk := func(id, htmlLang string, lines ...line) Doc {
		var b strings.Builder
		var spans []lang.Span
		for _, l := range lines {
			spans = append(spans, lang.Span{Start: b.Len(), End: b.Len() + len(l.text), Lang: l.lang, Kind: l.kind})
			b.WriteString(l.text + "\n")
		}
		return FromDocument(&corpus.Document{ID: id, Text: b.String(), HTMLLang: htmlLang}, spans, []string{"en", "ru"})
	}
	original := join(paraEN, repeat(code, 2))
	tests := []struct {
		name string
		ru   []line
		pair bool
	}{
		{"labels translated", join(menuRU, labels, paraEN, repeat(code, 2)), true},
		{"menu only", join(menuRU[:1], paraEN, repeat(code, 2)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ru := mk("https://ex.org/ru/a", "ru", tt.ru...)
			if tt.pair && ru.Lang != "ru" {
				t.Fatalf("Lang = %q, want ru (declared)", ru.Lang)
			}
			other := []Doc{doc("https://ex.org/en/b", "", "en", siteEN[4]), doc("https://ex.org/ru/b", "", "ru", siteRU[4])}
			res := run(t, Options{}, append(other, mk("https://ex.org/en/a", "en", original...), ru)...)
			want := "https://ex.org/en/b>https://ex.org/ru/b(url)"
			if tt.pair {
				want = "https://ex.org/en/a>https://ex.org/ru/a(url) " + want
			}
			if g := got(res); g != want {
				t.Errorf("pairs = %q, want %q (Shares[ru] %.3f, Prose[ru] %.3f)", g, want, ru.Shares["ru"], ru.Prose["ru"])
			}
		})
	}
}

// TestRussianFurnitureMonolingual: on a monolingual English site, pages
// whose furniture is Russian (readers' comments, related news: most of
// their letters, as on the seed pages) and pages without it share
// paragraphs; they are no versions of each other: Tgt in the furniture
// alone makes no translation of a Src page (its body must hold Tgt).
func TestRussianFurnitureMonolingual(t *testing.T) {
	cities := []string{"Astana", "Bishkek", "Delhi", "Beijing", "Moscow", "Islamabad", "Dushanbe", "Tashkent", "Tehran", "Minsk"}
	para := func(i int) line {
		return line{fmt.Sprintf("The commission met in %s on %d May and approved %d projects worth %d million dollars for the region.", cities[i%len(cities)], 3+i, 10+7*i, 100+13*i), "en", lang.Body}
	}
	comment := func(i int) line {
		return line{fmt.Sprintf("Комментарий читателя номер %d: спасибо за интересную статью о работе комиссии, жду продолжения в выпуске %d.", i, 2000+i), "ru", lang.Boilerplate}
	}
	var docs []Doc
	for i := range 5 {
		docs = append(docs, page(fmt.Sprintf("a%d.html", i), para(2*i), para(2*i+1), para(2*i+2)))
		docs = append(docs, page(fmt.Sprintf("b%d.html", i), join(para(2*i+1), para(2*i+2), comment(i), comment(i+10), comment(i+20))...))
	}
	if sh := docs[1].Shares["ru"]; sh < minURLShare {
		t.Fatalf("fixture: Shares[ru] = %.3f, want at least %.2f", sh, minURLShare)
	}
	if g := got(run(t, Options{}, docs...)); g != "" {
		t.Errorf("pairs = %q, want none", g)
	}
}
