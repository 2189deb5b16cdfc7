package docpair

import (
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
)

// TestDeclaredLang: <html lang> names the page's language over a body with
// a fair share of it, except the language of the originals (langs[0]) over
// a body in the other language: a translation that kept its original's
// template.
func TestDeclaredLang(t *testing.T) {
	en := strings.Repeat("The editor saves every sheet. ", 4)
	ru := strings.Repeat("Редактор сохраняет каждый лист. ", 4)
	tests := []struct {
		name     string
		htmlLang string
		en, ru   int // body lines in each language
		want     string
	}{
		{"no declaration, Russian body", "", 1, 9, "ru"},
		{"Russian declared over English dumps", "ru", 9, 1, "ru"},
		{"English declared over a Russian body", "en", 1, 9, "ru"},
		{"English declared, English body", "en", 9, 1, "en"},
		{"Russian declared, no Russian", "ru", 10, 0, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			var spans []lang.Span
			add := func(text, l string) {
				spans = append(spans, lang.Span{Start: b.Len(), End: b.Len() + len(text), Lang: l, Kind: lang.Body})
				b.WriteString(text + "\n")
			}
			for range tt.en {
				add(en, "en")
			}
			for range tt.ru {
				add(ru, "ru")
			}
			d := &corpus.Document{ID: "x.html", Text: b.String(), HTMLLang: tt.htmlLang}
			if got := FromDocument(d, spans, []string{"en", "ru"}).Lang; got != tt.want {
				t.Errorf("Lang = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTrace: with no address naming a language, a page whose body is in Src
// framed by a trace of Tgt (menus of the Tgt version) is that version left
// untranslated and takes no partner; a page in Src with a fair share of Tgt
// pairs as a translation even when most of its paragraphs are its
// original's.
func TestTrace(t *testing.T) {
	withShares := func(d Doc, ru float64, letters int) Doc {
		d.Shares, d.Letters = map[string]float64{"en": 1 - ru, "ru": ru}, letters
		return d
	}
	tests := []struct {
		name    string
		ru      float64 // share of Russian letters of the English-body page
		letters int
		want    string
	}{
		{"untranslated copy", 0.02, 5000, ""},
		{"no trace", 0, 5000, "c.html>r.html(content)"},
		{"a switcher's worth of Russian", 0.02, 500, "c.html>r.html(content)"},
		{"below the trace share", 0.002, 50000, "c.html>r.html(content)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The original of r.html is missing; c.html is close to it.
			res := run(t, Options{},
				withShares(doc("c.html", "", "en", siteEN[1]+"\nМеню"), tt.ru, tt.letters),
				doc("r.html", "", "ru", siteRU[1]),
				doc("a.html", "", "en", siteEN[4]),
				doc("b.html", "", "ru", siteRU[4]))
			want := strings.TrimSpace(strings.Join([]string{"a.html>b.html(content)", tt.want}, " "))
			if g := got(res); g != want {
				t.Errorf("pairs = %q, want %q", g, want)
			}
		})
	}
	t.Run("every page in Src", func(t *testing.T) {
		// A site whose translations all kept much English: the tokens of
		// a page pairing as a Tgt version count on that side.
		p := withShares(doc("p.html", "", "en", siteEN[2]+"\n"+siteEN[3]+"\nФайл настроек"), 0.2, 5000)
		p.Alt = "ru"
		res := run(t, Options{}, doc("o.html", "", "en", siteEN[2]+"\n"+siteEN[3]), p, doc("a.html", "", "en", siteEN[4]))
		if g := got(res); g != "o.html>p.html(content)" {
			t.Errorf("pairs = %q", g)
		}
	})
	t.Run("partial translation pairs by its share", func(t *testing.T) {
		lines := siteEN[2] + "\n" + siteEN[3] + "\n" + siteEN[0]
		for _, tt := range []struct {
			ru   float64
			want string
		}{
			{0.2, "a.html>b.html(content) o.html>p.html(content)"},
			{0.05, "a.html>b.html(content)"},
		} {
			p := withShares(doc("p.html", "", "en", lines+"\nФайл настроек"), tt.ru, 5000)
			p.Alt = "ru"
			res := run(t, Options{}, doc("o.html", "", "en", lines), p,
				doc("a.html", "", "en", siteEN[4]), doc("b.html", "", "ru", siteRU[4]))
			if g := got(res); g != tt.want {
				t.Errorf("ru share %.2f: pairs = %q, want %q", tt.ru, g, tt.want)
			}
		}
	})
}
