package docpair

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
)

// doc builds a Doc from text, one paragraph per line.
func doc(id, url, lang, text string, links ...corpus.Link) Doc {
	var paras []Para
	for _, l := range strings.Split(text, "\n") {
		paras = append(paras, Para{Text: l})
	}
	return Doc{ID: id, URL: url, Lang: lang, Links: links, Features: NewFeatures(paras)}
}

// Texts of a small bilingual site: English and Russian versions of pages
// sharing numbers and names, as translations do.
var siteEN = []string{
	"Installing aptitude 0.8.13\nRun apt-get install aptitude as root.\nSee https://wiki.debian.org/Aptitude for help.\nVersion 0.8.13 was released in 2020.",
	"Searching packages\nUse the ~n pattern to match names such as libc6 or gcc-12.\nPress / to search, n for the next match.\nThe Debian archive holds 64419 packages.",
	"Configuration file\nThe file /etc/apt/apt.conf sets Aptitude::UI::Package-Display-Format.\nDefault value %c%a%M %p %Z %v %V.\nChanged in 2019 with 7 new options.",
	"Keyboard bindings\nPress F10 for the menu, q to quit, u to update the lists.\nThe 12 default bindings are listed in table 2.3.\nEdit ~/.aptitude/config to change them.",
	"Reporting bugs\nSend reports to submit@bugs.debian.org with reportbug.\nInclude the output of aptitude --version and 3 steps.\nBug 849230 describes a crash.",
}

var siteRU = []string{
	"Установка aptitude 0.8.13\nЗапустите apt-get install aptitude от имени root.\nСм. https://wiki.debian.org/Aptitude для справки.\nВерсия 0.8.13 вышла в 2020 году.",
	"Поиск пакетов\nШаблон ~n находит имена, например libc6 или gcc-12.\nНажмите / для поиска, n для следующего совпадения.\nВ архиве Debian 64419 пакетов.",
	"Файл настроек\nФайл /etc/apt/apt.conf задаёт Aptitude::UI::Package-Display-Format.\nЗначение по умолчанию %c%a%M %p %Z %v %V.\nИзменено в 2019 году, 7 новых параметров.",
	"Клавиши\nНажмите F10 для меню, q для выхода, u для обновления списков.\n12 стандартных привязок приведены в таблице 2.3.\nИзмените ~/.aptitude/config, чтобы их поменять.",
	"Сообщения об ошибках\nОтправляйте отчёты на submit@bugs.debian.org с помощью reportbug.\nПриложите вывод aptitude --version и 3 шага.\nОшибка 849230 описывает сбой.",
}

func run(t *testing.T, opts Options, docs ...Doc) *Result {
	t.Helper()
	if opts.Src == "" {
		opts.Src, opts.Tgt = "en", "ru"
	}
	p, err := NewPairer(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		p.Add(d)
	}
	res, err := p.Pair()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Pair(); err != ErrPaired {
		t.Errorf("second Pair: err = %v, want ErrPaired", err)
	}
	return res
}

// got renders pairs as "src>tgt(method)" strings.
func got(res *Result) string {
	var out []string
	for _, p := range res.Pairs {
		out = append(out, fmt.Sprintf("%s>%s(%s)", p.Src, p.Tgt, p.Method))
	}
	return strings.Join(out, " ")
}

func TestURLKeys(t *testing.T) {
	tests := []struct {
		name     string
		en, ru   string // URLs of the two versions
		wantPair bool
	}{
		{"path segment", "https://ex.org/en/news/1", "https://ex.org/ru/news/1", true},
		{"region code", "https://ex.org/en-us/a.html", "https://ex.org/ru-ru/a.html", true},
		{"subdomain", "https://en.ex.org/a", "https://ru.ex.org/a", true},
		{"subdomain and www", "https://www.ex.org/a", "https://ru.ex.org/a", true},
		{"host folder of a mirror", "mirror/en.docs.ex.org/2.10/a.html", "mirror/ru.docs.ex.org/2.10/a.html", true},
		{"dotted folder, no host", "v1.en.x/a.html", "v1.ru.x/a.html", false},
		{"query", "https://ex.org/a?id=3&lang=en", "https://ex.org/a?lang=ru&id=3", true},
		{"query, default language without", "https://ex.org/a?id=3", "https://ex.org/a?id=3&lang=ru", true},
		{"file suffix", "https://ex.org/a.en.html", "https://ex.org/a.ru.html", true},
		{"file suffix underscore", "https://ex.org/a_en.html", "https://ex.org/a_ru.html", true},
		{"apache negotiation", "https://ex.org/a.html.en", "https://ex.org/a.html.ru", true},
		{"default language without code", "https://ex.org/docs/a", "https://ex.org/ru/docs/a", true},
		{"index page", "https://ex.org/en/", "https://ex.org/ru/index.html", true},
		{"different page", "https://ex.org/en/a", "https://ex.org/ru/b", false},
		{"different query", "https://ex.org/a?lang=en&id=3", "https://ex.org/a?lang=ru&id=4", false},
		{"different host", "https://en.ex.org/a", "https://ru.other.org/a", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Texts that share nothing, so that only the URL can pair them.
			// A path without a scheme is a file path: the document's ID.
			e, r := doc("E", tc.en, "en", "alpha beta gamma delta"), doc("R", tc.ru, "ru", "один два три четыре")
			if !strings.Contains(tc.en, "://") {
				e.ID, e.URL, r.ID, r.URL = tc.en, "", tc.ru, ""
			}
			res := run(t, Options{By: ByURL}, e, r)
			if g := got(res); (g != "") != tc.wantPair {
				t.Errorf("pairs = %q, want pair: %v", g, tc.wantPair)
			}
		})
	}
}

func TestURLClose(t *testing.T) {
	// Translated slugs: the numbers agree, the content confirms.
	res := run(t, Options{By: ByURL},
		doc("E", "https://ex.org/en/news/123-flood", "en", siteEN[0]),
		doc("R", "https://ex.org/ru/novosti/123-navodnenie", "ru", siteRU[0]),
		doc("E2", "https://ex.org/en/news/124-fire", "en", siteEN[1]),
		doc("R2", "https://ex.org/ru/novosti/124-pozhar", "ru", siteRU[2])) // another text
	if g := got(res); g != "E>R(url-close)" {
		t.Errorf("pairs = %q", g)
	}
}

func TestMixedPageURL(t *testing.T) {
	// A Russian page that is mostly an English screen dump: its body is
	// English, but Russian has a fair share and its address says ru.
	ru := doc("site/ru/screen.html", "", "en", siteEN[2])
	ru.Alt = "ru"
	res := run(t, Options{By: ByURL}, doc("site/en/screen.html", "", "en", siteEN[3]), ru)
	if g := got(res); g != "site/en/screen.html>site/ru/screen.html(url)" {
		t.Errorf("pairs = %q", g)
	}
}

func TestFilePaths(t *testing.T) {
	res := run(t, Options{By: ByURL},
		doc("site/en/a.html", "", "en", siteEN[0]),
		doc("site/ru/a.html", "", "ru", siteRU[0]),
		doc("site/b.en.txt", "", "en", siteEN[1]),
		doc("site/b.ru.txt", "", "ru", siteRU[1]),
		doc("site/c.txt", "", "en", siteEN[2]))
	want := "site/b.en.txt>site/b.ru.txt(url) site/en/a.html>site/ru/a.html(url)"
	if g := got(res); g != want {
		t.Errorf("pairs = %q, want %q", g, want)
	}
	if g := res.Unpaired["en"]; len(g) != 1 || g[0] != "site/c.txt" {
		t.Errorf("unpaired en = %v", g)
	}
}

func TestContent(t *testing.T) {
	var docs []Doc
	// Random-looking names: only the content can pair them.
	for i := range siteEN {
		docs = append(docs, doc(fmt.Sprintf("x/%c.html", 'a'+i), "", "en", siteEN[i]))
		docs = append(docs, doc(fmt.Sprintf("x/%c.html", 'v'-i), "", "ru", siteRU[i]))
	}
	for _, by := range []string{ByAuto, ByContent} {
		res := run(t, Options{By: by}, docs...)
		want := "x/a.html>x/v.html(content) x/b.html>x/u.html(content) x/c.html>x/t.html(content) x/d.html>x/s.html(content) x/e.html>x/r.html(content)"
		if g := got(res); g != want {
			t.Errorf("by %s: pairs = %q\nwant %q", by, g, want)
		}
	}
	res := run(t, Options{By: ByURL}, docs...)
	if len(res.Pairs) != 0 {
		t.Errorf("by url: pairs = %q, want none", got(res))
	}
}

func TestLinks(t *testing.T) {
	alt := func(href, hl string) corpus.Link { return corpus.Link{Href: href, Rel: "alternate", HrefLang: hl} }
	sw := func(href, text string) corpus.Link { return corpus.Link{Href: href, Text: text} }
	t.Run("hreflang both ways", func(t *testing.T) {
		res := run(t, Options{By: ByURL},
			doc("E", "https://ex.org/news/flood-2026", "en", "alpha", alt("/novosti/navodnenie", "ru-RU")),
			doc("R", "https://ex.org/novosti/navodnenie", "ru", "один", alt("https://ex.org/news/flood-2026", "en")))
		if g := got(res); g != "E>R(hreflang)" {
			t.Errorf("pairs = %q", g)
		}
	})
	t.Run("switcher both ways", func(t *testing.T) {
		res := run(t, Options{By: ByURL},
			doc("E", "https://ex.org/news/flood", "en", "alpha", sw("../novosti/navodnenie", "Русский")),
			doc("R", "https://ex.org/novosti/navodnenie", "ru", "один", sw("/news/flood", "EN")))
		if g := got(res); g != "E>R(switcher)" {
			t.Errorf("pairs = %q", g)
		}
	})
	t.Run("switcher to the home page", func(t *testing.T) {
		// Every English page's switcher leads to the Russian home page,
		// which pairs with the English home page only.
		res := run(t, Options{By: ByURL},
			doc("Ehome", "https://ex.org/", "en", "alpha", sw("/glavnaya", "RU")),
			doc("E1", "https://ex.org/a", "en", "beta", sw("/glavnaya", "RU")),
			doc("E2", "https://ex.org/b", "en", "gamma", sw("/glavnaya", "RU")),
			doc("Rhome", "https://ex.org/glavnaya", "ru", "один", sw("/", "EN")),
			doc("R1", "https://ex.org/str-a", "ru", "два", sw("/", "EN")))
		if g := got(res); g != "Ehome>Rhome(switcher)" {
			t.Errorf("pairs = %q", g)
		}
	})
	t.Run("switcher one way to a lone target", func(t *testing.T) {
		res := run(t, Options{By: ByURL},
			doc("E", "https://ex.org/a", "en", "alpha", sw("/str-a", "Русский")),
			doc("R", "https://ex.org/str-a", "ru", "один"))
		if g := got(res); g != "E>R(switcher)" {
			t.Errorf("pairs = %q", g)
		}
	})
}

// The bad input of the issue.
func TestBadInput(t *testing.T) {
	t.Run("one-language crawl", func(t *testing.T) {
		var docs []Doc
		for i, s := range siteEN {
			docs = append(docs, doc(fmt.Sprintf("en/%d", i), "", "en", s))
		}
		res := run(t, Options{}, docs...)
		if len(res.Pairs) != 0 || len(res.Unpaired["en"]) != len(siteEN) {
			t.Errorf("pairs %q, unpaired %v", got(res), res.Unpaired)
		}
	})
	t.Run("pages in one language only", func(t *testing.T) {
		docs := []Doc{
			doc("e0", "", "en", siteEN[0]), doc("r0", "", "ru", siteRU[0]),
			doc("e1", "", "en", siteEN[1]), doc("r1", "", "ru", siteRU[1]),
			doc("e2", "", "en", siteEN[2]), // no Russian version
			doc("r4", "", "ru", siteRU[4]), // no English version
		}
		res := run(t, Options{}, docs...)
		if g := got(res); g != "e0>r0(content) e1>r1(content)" {
			t.Errorf("pairs = %q", g)
		}
		if fmt.Sprint(res.Unpaired) != "map[en:[e2] ru:[r4]]" {
			t.Errorf("unpaired = %v", res.Unpaired)
		}
	})
	t.Run("near-identical pages compete", func(t *testing.T) {
		// A printer version and a second page of the same article compete
		// for one Russian version: the full page wins, the others stay alone.
		docs := []Doc{
			doc("a", "", "en", siteEN[1]),
			doc("a-print", "", "en", "Searching packages\nUse the ~n pattern to match names such as libc6 or gcc-12.\nPress / to search, n for the next match."),
			doc("a-page2", "", "en", "The Debian archive holds 64419 packages."),
			doc("ra", "", "ru", siteRU[1]),
			doc("e0", "", "en", siteEN[0]), doc("r0", "", "ru", siteRU[0]),
		}
		res := run(t, Options{}, docs...)
		if g := got(res); g != "a>ra(content) e0>r0(content)" {
			t.Errorf("pairs = %q", g)
		}
	})
	t.Run("untranslated translation", func(t *testing.T) {
		// The "Russian" page is the English text (labelled ru by its URL,
		// say): not a pair, by content nor by URL.
		for _, by := range []string{ByAuto, ByContent} {
			res := run(t, Options{By: by},
				doc("en/a", "", "en", siteEN[3]),
				doc("ru/a", "", "ru", siteEN[3]+"\nМеню"))
			if len(res.Pairs) != 0 || res.Untranslated != 1 {
				t.Errorf("by %s: pairs %q, untranslated %d", by, got(res), res.Untranslated)
			}
		}
	})
	t.Run("very large page", func(t *testing.T) {
		var b strings.Builder
		for i := 0; i < 50000; i++ {
			fmt.Fprintf(&b, "Line %d of the log with token%d and words.\n", i, i)
		}
		big := doc("big", "", "en", b.String())
		if n := big.Features.Tokens(); n > maxTokens {
			t.Fatalf("tokens of a large page = %d, want <= %d", n, maxTokens)
		}
		res := run(t, Options{}, big,
			doc("e0", "", "en", siteEN[0]), doc("r0", "", "ru", siteRU[0]),
			doc("e1", "", "en", siteEN[1]), doc("r1", "", "ru", siteRU[1]))
		if g := got(res); g != "e0>r0(content) e1>r1(content)" {
			t.Errorf("pairs = %q", g)
		}
	})
	t.Run("documents of no or another language", func(t *testing.T) {
		res := run(t, Options{},
			doc("e0", "", "en", siteEN[0]), doc("x", "", "", siteRU[0]), doc("d", "", "de", siteRU[0]))
		if len(res.Pairs) != 0 || len(res.Unpaired[""]) != 1 || len(res.Unpaired["de"]) != 1 {
			t.Errorf("pairs %q, unpaired %v", got(res), res.Unpaired)
		}
	})
	t.Run("empty", func(t *testing.T) {
		res := run(t, Options{})
		if len(res.Pairs) != 0 || len(res.Unpaired) != 0 {
			t.Errorf("pairs %q, unpaired %v", got(res), res.Unpaired)
		}
	})
}

func TestOptionsValidate(t *testing.T) {
	for _, o := range []Options{{}, {Src: "en", Tgt: "en"}, {Src: "en", Tgt: "ru", By: "dir"}, {Src: "en", Tgt: "ru", Workers: -1}} {
		if _, err := NewPairer(o); err == nil {
			t.Errorf("NewPairer(%+v): no error", o)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Version 0.8.13, 2020 год", "l:version n:0 n:8 n:13 n:2020 c:год"},
		{"apt-get install, см. www.debian.org и admin@example.com.", "l:apt l:get l:install c:см u:www.debian.org c:и u:admin@example.com"},
		{"(https://ex.org/a?b=1).", "u:https://ex.org/a?b=1"},
		{"utf8 ch01 a I x86 03.12.2026", "l:utf8 l:ch01 l:x86 n:3 n:12 n:2026"},
	}
	for _, tc := range tests {
		var out []string
		var chars int
		tokenize(tc.in, func(k byte, tok string) { out = append(out, string(k)+":"+tok) }, &chars)
		if g := strings.Join(out, " "); g != tc.want {
			t.Errorf("tokenize(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}

// TestByLength pairs two pages that share no token (prose without a
// number or a Latin word on the Russian side) by their paragraph lengths,
// and leaves a page of another shape alone.
func TestByLength(t *testing.T) {
	text := func(word string, lens ...int) string {
		var b strings.Builder
		for _, n := range lens {
			b.WriteString(strings.Repeat(word, n/len([]rune(word))+1))
			b.WriteString("\n")
		}
		return b.String()
	}
	res := run(t, Options{},
		doc("a.txt", "", "en", text("word ", 30, 120, 45, 200, 80, 60, 33)),
		doc("b.txt", "", "ru", text("слово ", 33, 130, 50, 220, 85, 66, 35)),
		doc("c.txt", "", "ru", text("слово ", 200, 20, 150, 30, 90, 10, 140)))
	if g := got(res); g != "a.txt>b.txt(content)" {
		t.Errorf("pairs = %q", g)
	}
}

// TestURLLanguage: an address that names a language makes the page that
// version whatever the language of its body; an untranslated copy (little
// of that language) is refused, and content gives neither version another
// partner.
func TestURLLanguage(t *testing.T) {
	withShares := func(d Doc, shares map[string]float64) Doc { d.Shares = shares; return d }
	t.Run("mostly English page at a Russian address", func(t *testing.T) {
		res := run(t, Options{},
			doc("https://ex.org/en/a", "https://ex.org/en/a", "en", siteEN[2]),
			withShares(doc("https://ex.org/ru/a", "https://ex.org/ru/a", "en", siteEN[2]+"\nФайл настроек задаёт формат"), map[string]float64{"en": 0.8, "ru": 0.2}))
		if g := got(res); g != "https://ex.org/en/a>https://ex.org/ru/a(url)" {
			t.Errorf("pairs = %q", g)
		}
	})
	t.Run("untranslated copy keeps its original alone", func(t *testing.T) {
		// ru/a is en/a left untranslated (a Russian menu only); ru/b is the
		// Russian version of an English page missing from the crawl, close
		// in content to en/a: content must not pair en/a with it.
		res := run(t, Options{},
			doc("https://ex.org/en/a", "https://ex.org/en/a", "en", siteEN[1]),
			withShares(doc("https://ex.org/ru/a", "https://ex.org/ru/a", "en", siteEN[1]+"\nМеню"), map[string]float64{"en": 0.97, "ru": 0.03}),
			doc("https://ex.org/ru/b", "https://ex.org/ru/b", "ru", siteRU[1]),
			doc("https://ex.org/en/c", "https://ex.org/en/c", "en", siteEN[4]),
			doc("https://ex.org/ru/c", "https://ex.org/ru/c", "ru", siteRU[4]))
		if g := got(res); g != "https://ex.org/en/c>https://ex.org/ru/c(url)" || res.Untranslated != 1 {
			t.Errorf("pairs = %q, untranslated %d", g, res.Untranslated)
		}
		if fmt.Sprint(res.Unpaired) != "map[en:[https://ex.org/en/a] ru:[https://ex.org/ru/a https://ex.org/ru/b]]" {
			t.Errorf("unpaired = %v", res.Unpaired)
		}
	})
	t.Run("content alone ignores addresses", func(t *testing.T) {
		res := run(t, Options{By: ByContent},
			doc("https://ex.org/en/a", "https://ex.org/en/a", "en", siteEN[2]),
			withShares(doc("https://ex.org/ru/a", "https://ex.org/ru/a", "en", siteRU[2]), map[string]float64{"en": 1}))
		if len(res.Pairs) != 0 {
			t.Errorf("pairs = %q", got(res))
		}
	})
}
