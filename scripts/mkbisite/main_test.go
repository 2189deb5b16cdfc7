package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGoldPairs(t *testing.T) {
	pg := func(names ...string) []page {
		var out []page
		for _, n := range names {
			out = append(out, page{name: n})
		}
		return out
	}
	en := pg("a.html", "ld-idm272.html", "ld-idm1389.html", "ld-idm548.html", "only-en.html")
	ru := pg("a.html", "ld-idm272.html", "ld-idm1387.html", "ld-idm546.html")
	var got []string
	for _, g := range goldPairs(en, ru) {
		got = append(got, g[0]+">"+g[1])
	}
	want := "a.html>a.html ld-idm1389.html>ld-idm1387.html ld-idm272.html>ld-idm272.html ld-idm548.html>ld-idm546.html"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("gold = %q, want %q", g, want)
	}
}

func TestVisibleText(t *testing.T) {
	got := string(visibleText([]byte("<html><head><title>T</title><style>x{}</style></head><body><h1>Head</h1><p>One <b>two</b>\nthree</p><ul><li>a</li><li>b</li></ul><script>var x;</script></body></html>")))
	if want := "T\nHead\nOne two three\na\nb\n"; got != want {
		t.Errorf("visibleText = %q, want %q", got, want)
	}
}

func TestVisibleTextCutTags(t *testing.T) {
	page := `<p><a href="s.html" title="Previous topic: <span class="section-number">6. </span>Setting up sbuild">Go Previous</a> or <a href="k.html" title="Next: <span class="n">7. </span>KDE">Go Next</a></p><p>Body</p>`
	got := string(visibleText([]byte(page)))
	if want := "Go Previous or Go Next\nBody\n"; got != want {
		t.Errorf("visibleText = %q, want %q", got, want)
	}
}

func TestWriteCrawl(t *testing.T) {
	out := t.TempDir()
	if err := writeCrawl(out, 40, 1); err != nil {
		t.Fatal(err)
	}
	files, _ := os.ReadDir(filepath.Join(out, "crawl-40"))
	gold, err := os.ReadFile(filepath.Join(out, "gold", "crawl-40.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	pairs := strings.Count(string(gold), "\n")
	if pairs < 30 || len(files) < 2*pairs || len(files) > 80 {
		t.Errorf("%d files, %d gold pairs", len(files), pairs)
	}
	// Same seed, same crawl.
	out2 := t.TempDir()
	if err := writeCrawl(out2, 40, 1); err != nil {
		t.Fatal(err)
	}
	gold2, _ := os.ReadFile(filepath.Join(out2, "gold", "crawl-40.tsv"))
	if string(gold) != string(gold2) {
		t.Error("the same seed gave another crawl")
	}
}

func TestReadPagesNested(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.en.html", "b.html", "sub/c.en.html", "ru/d.en.html", "x.css"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("<p>x</p>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.en.html", filepath.Join(dir, "link.en.html")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		suffix string
		nested bool
		want   string
	}{
		{".en.html", true, "a.html=a.en.html sub/c.html=sub/c.en.html"},
		{".en.html", false, "a.html=a.en.html"},
		{".html", false, "a.en.html=a.en.html b.html=b.html"},
	}
	for _, tt := range tests {
		ps, err := readPages(dir, tt.suffix, tt.nested, filepath.Join(dir, "ru"))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range ps {
			got = append(got, p.name+"="+p.file)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("readPages(%q, %v) = %q, want %q", tt.suffix, tt.nested, g, tt.want)
		}
	}
	if _, err := readPages(dir, ".ru.html", true, ""); err == nil {
		t.Error("no page: want an error")
	}
}

func TestUntranslated(t *testing.T) {
	prose := func(s string) string { return "<p>" + strings.Repeat(s+" ", 3) + "</p>" }
	en := prose("The quick brown fox jumps over the lazy dog near the river bank.")
	ru := prose("Быстрая коричневая лиса прыгает через ленивую собаку у реки.")
	tests := []struct {
		name, page string
		want       bool
	}{
		{"translated", "<h1>Глава</h1>" + ru + prose("Run make install to build it."), false},
		{"english", "<h1>Глава 1</h1>" + en + en, true},
		{"labels only", "<p>Рисунок 8.42.</p>" + en + en + en, true},
		{"one paragraph in four", "<h1>Глава</h1>" + ru + en + en + en, false},
		{"screens mostly Russian", "<pre>Действия Откат Пакет Решатель\nf10: Меню q: Выход</pre>", false},
		{"empty", "<p>123</p>", true},
		// the markup inside <noscript> is no text a browser shows
		{"noscript not counted", `<head><noscript><meta http-equiv="refresh" content="0; URL=../../ru/noscript.html"></noscript></head><h1>Справка</h1><p>Calc Screenshots</p>`, false},
	}
	for _, tt := range tests {
		if got := untranslated([]byte(tt.page)); got != tt.want {
			t.Errorf("%s: untranslated = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSelectSites(t *testing.T) {
	all, err := selectSites("")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range all {
		names[s.name] = true
	}
	if names["libreoffice"] || !names["gimp-help"] || !names["aptitude"] {
		t.Errorf("default sites = %v: want every site but the held-out libreoffice", names)
	}
	lo, err := selectSites("libreoffice")
	if err != nil || len(lo) != 1 || lo[0].name != "libreoffice" {
		t.Errorf("selectSites(libreoffice) = %v, %v", lo, err)
	}
	if _, err := selectSites("nosuch"); err == nil {
		t.Error("unknown site: want an error")
	}
}

// TestURLSchemes checks that each site's two languages get distinct
// addresses that keep the page's key, and that the schemes differ across
// sites.
func TestURLSchemes(t *testing.T) {
	seen := map[string]string{}
	for _, s := range sites {
		en, ru := s.url("sub/page.html", "en"), s.url("sub/page.html", "ru")
		if en == ru || !strings.Contains(en, "sub/page") || !strings.Contains(ru, "sub/page") {
			t.Errorf("%s: en %q, ru %q", s.name, en, ru)
		}
		shape := strings.NewReplacer(s.name, "", "sub/page", "").Replace(en + " " + ru)
		if o, ok := seen[shape]; ok {
			t.Errorf("%s has the URL scheme of %s", s.name, o)
		}
		seen[shape] = s.name
	}
}

// TestBuild builds a tiny nested site with language suffixes and one page
// left untranslated.
func TestBuild(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	write := func(f, body string) {
		p := filepath.Join(src, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("<html><body>"+body+"</body></html>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("en/a.en.html", "<h1>Start</h1><p>Read the manual before you start the program.</p>")
	write("ru/a.ru.html", "<h1>Начало</h1><p>Прочтите руководство, прежде чем запускать программу.</p>")
	write("en/sub/b.en.html", "<h1>Tools</h1><p>The tools are described in this chapter of the book.</p>")
	write("ru/sub/b.ru.html", "<h1>Tools</h1><p>The tools are described in this chapter of the book.</p>")
	s := site{name: "t", en: filepath.Join(src, "en"), ru: filepath.Join(src, "ru"), enSuffix: ".en.html", ruSuffix: ".ru.html",
		nested: true, url: func(key, l string) string { return l + ".t.example.org/" + key }}
	if err := build(out, s, 1); err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]string{
		"gold/t.tsv":                        "en/a.en.html\tru/a.ru.html\n",
		"gold/t-url.tsv":                    "en.t.example.org/a.html\tru.t.example.org/a.html\n",
		"gold/t-warc.tsv":                   "https://en.t.example.org/a.html\thttps://ru.t.example.org/a.html\n",
		"t/ru/sub/b.ru.html":                "<html><body><h1>Tools</h1><p>The tools are described in this chapter of the book.</p></body></html>",
		"t-url/ru.t.example.org/sub/b.html": "<html><body><h1>Tools</h1><p>The tools are described in this chapter of the book.</p></body></html>",
	} {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != want {
			t.Errorf("%s = %q, want %q", f, b, want)
		}
	}
	para, err := os.ReadFile(filepath.Join(out, "gold", "t-para.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(para), "\n") != 1 || !strings.Contains(string(para), `["Start","Начало"]`) {
		t.Errorf("t-para.jsonl = %s", para)
	}
}

func TestPairBlocks(t *testing.T) {
	b := func(spec ...string) []block {
		var out []block
		for _, s := range spec {
			out = append(out, block{text: strings.TrimPrefix(s, "#"), heading: strings.HasPrefix(s, "#")})
		}
		return out
	}
	tests := []struct {
		name     string
		en, ru   []block
		pairs    int
		unpaired int
		ok       bool
	}{
		{"same shape", b("T", "#A", "a1", "#B", "b1"), b("Т", "#А", "а1", "#Б", "б1"), 5, 0, true},
		{"one section differs", b("T", "#A", "a1", "a2", "#B", "b1"), b("Т", "#А", "а1", "#Б", "б1"), 3, 3, true},
		{"section counts differ, block counts equal", b("T", "#A", "a1"), b("Т", "А", "а1"), 3, 0, true},
		{"nothing matches", b("T", "#A", "a1"), b("Т", "а1"), 0, 0, false},
	}
	// An index sorted in each language: the lengths do not follow.
	var idxEN, idxRU []string
	for i := 0; i < 12; i++ {
		idxEN = append(idxEN, strings.Repeat("e", 3+(i*7)%40))
		idxRU = append(idxRU, strings.Repeat("р", 3+(i*13+5)%37))
	}
	tests = append(tests, struct {
		name     string
		en, ru   []block
		pairs    int
		unpaired int
		ok       bool
	}{"sorted index", b(idxEN...), b(idxRU...), 0, 12, true})
	// The same lengths in the same order: paired.
	tests = append(tests, struct {
		name     string
		en, ru   []block
		pairs    int
		unpaired int
		ok       bool
	}{"parallel list", b(idxEN...), b(idxEN...), 12, 0, true})
	for _, tt := range tests {
		pairs, un, ok := pairBlocks(tt.en, tt.ru)
		if len(pairs) != tt.pairs || len(un[0]) != tt.unpaired || ok != tt.ok {
			t.Errorf("%s: %d pairs, %d unpaired, ok %v; want %d, %d, %v", tt.name, len(pairs), len(un[0]), ok, tt.pairs, tt.unpaired, tt.ok)
		}
	}
}

// TestPairBlocksReorderedGlossary: a glossary whose entries are each a
// heading and a paragraph, sorted alphabetically in each language, cuts
// into sections of 2 blocks (too short for sameOrder) and its lengths
// still correlate (short headings, long paragraphs); the names its
// paragraphs hold show the order.
func TestPairBlocksReorderedGlossary(t *testing.T) {
	type entry struct{ enTerm, enDef, ruTerm, ruDef string }
	entries := []entry{
		{"Alpha", "The alpha channel of a PNG image holds the transparency of each pixel.", "Альфа", "Альфа-канал изображения PNG хранит прозрачность каждой точки."},
		{"Bitmap", "A bitmap is a grid of pixels, the model of the BMP format of Windows.", "Растр", "Растр есть сетка точек, модель формата BMP системы Windows."},
		{"Compression", "JPEG compression loses detail to make the file smaller.", "Сжатие", "Сжатие JPEG теряет детали, чтобы файл стал меньше."},
		{"Dithering", "Dithering mixes the colors of a GIF palette to fake the missing ones.", "Дизеринг", "Дизеринг смешивает цвета палитры GIF, подделывая недостающие."},
		{"Formatting", "Formatting refers to the visual layout of text in an SVG drawing.", "Форматирование", "Форматирование есть внешний вид текста в рисунке SVG."},
		{"Graphics library", "OpenGL is a language of three-dimensional graphics developed by SGI.", "Графическая библиотека", "OpenGL представляет собой язык трёхмерной графики, разработанный SGI."},
		{"Image file", "XCF is the native file format of GIMP, which keeps layers.", "Файл изображения", "XCF является родным форматом GIMP, он хранит слои."},
		{"Tagged format", "TIFF stores images with tags, often for print with CMYK.", "Формат с тегами", "TIFF хранит изображения с тегами, часто для печати в CMYK."},
	}
	build := func(order []int, ru bool) []block {
		title := block{text: "Glossary"}
		if ru {
			title.text = "Глоссарий"
		}
		out := []block{title}
		for _, i := range order {
			e := entries[i]
			if ru {
				out = append(out, block{text: e.ruTerm, heading: true}, block{text: e.ruDef})
			} else {
				out = append(out, block{text: e.enTerm, heading: true}, block{text: e.enDef})
			}
		}
		return out
	}
	enOrder := []int{0, 1, 2, 3, 4, 5, 6, 7}
	ruOrder := []int{0, 5, 3, 2, 1, 7, 6, 4} // by the Russian terms
	tests := []struct {
		name            string
		ruOrder         []int
		pairs, unpaired int
	}{
		{"same order", enOrder, 17, 0},
		{"sorted in each language", ruOrder, 0, 17},
		// Half the entries misplaced: the page passes, the 4 sections
		// whose paragraphs name what other entries name do not.
		{"two pairs of entries swapped", []int{1, 0, 3, 2, 4, 5, 6, 7}, 9, 8},
		// Two sections misplaced may be chance (see minMisplacedSections).
		{"one pair of entries swapped", []int{1, 0, 2, 3, 4, 5, 6, 7}, 17, 0},
	}
	for _, tt := range tests {
		pairs, un, _ := pairBlocks(build(enOrder, false), build(tt.ruOrder, true))
		if len(pairs) != tt.pairs || len(un[0]) != tt.unpaired {
			t.Errorf("%s: %d pairs, %d unpaired; want %d, %d", tt.name, len(pairs), len(un[0]), tt.pairs, tt.unpaired)
		}
	}
}

func TestAnchors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"OpenGL представляет собой язык трёхмерной графики, разработанный SGI.", "opengl sgi"},
		{"Диапазон значений от 0,125 до 24,1; формат ISO-8859-5.", "125 iso-8859-5 8859"},
		{"Bitmaps are grids of pixels (BMP).", "bitmap are grid of pixel bmp"},
		{"Раздел 8.11.3", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(anchors(tt.text), " "); got != tt.want {
			t.Errorf("anchors(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
