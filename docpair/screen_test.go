package docpair

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
)

func TestScreenLook(t *testing.T) {
	tests := []struct {
		name, src, tgt string
		by             string
		id, url, html  string
		text           string
		wantSrc        float64
		wantTgt        float64
	}{
		{"English", "en", "ru", "", "site/a.txt", "", "", "Run apt-get install aptitude.", 1, 0},
		{"Russian", "en", "ru", "", "site/a.txt", "", "", "Запустите программу.", 0, 1},
		{"mixed", "en", "ru", "", "site/a.txt", "", "", "Проект AdvanceMAME.", 11.0 / 17, 6.0 / 17},
		{"no letters", "en", "ru", "", "site/a.txt", "", "", "12:30 — 2020", 0, 0},
		{"address names Tgt", "en", "ru", "", "x", "https://ex.org/ru/a.html", "", "Run apt-get.", 0, 1},
		{"path names Tgt", "en", "ru", "", "site/ru/a.txt", "", "", "Run apt-get.", 0, 1},
		{"address names Src", "en", "ru", "", "x", "https://ex.org/en/a.html", "", "Запустите программу.", 1, 1},
		{"address names Src, English", "en", "ru", "", "x", "https://ex.org/en/a.html", "", "Run apt-get.", 1, 0},
		{"address ignored by content", "en", "ru", ByContent, "x", "https://ex.org/ru/a.html", "", "Run apt-get.", 1, 0},
		{"html lang Tgt, no letters", "en", "ru", "", "site/a.html", "", "ru-RU", "2020", 0, 1},
		{"html lang Src, no letters", "en", "ru", "", "site/a.html", "", "en", "2020", 1, 0},
		{"one script", "en", "de", "", "site/a.txt", "", "", "Run apt-get.", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPairer(Options{Src: tt.src, Tgt: tt.tgt, By: tt.by})
			if err != nil {
				t.Fatal(err)
			}
			s, err := p.NewScreen(nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			d := &corpus.Document{ID: tt.id, URL: tt.url, HTMLLang: tt.html, Text: tt.text}
			src, tgt := s.Look(d)
			if fmt.Sprintf("%.4f %.4f", src, tgt) != fmt.Sprintf("%.4f %.4f", tt.wantSrc, tt.wantTgt) {
				t.Errorf("Look = %.4f, %.4f; want %.4f, %.4f", src, tgt, tt.wantSrc, tt.wantTgt)
			}
		})
	}
}

// TestScreenAgrees checks Screen against pairing itself on a crawl of
// pages in both languages, pages of English with Russian furniture, a
// Russian page under an English address and an English page under a
// Russian one: every document the Result counts in a language (a half of
// a pair, or unpaired in that language) is one Sides says may be, and
// Look says may be whenever Sides does.
func TestScreenAgrees(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range siteEN {
		write(fmt.Sprintf("en/page%d.txt", i), siteEN[i])
		write(fmt.Sprintf("ru/page%d.txt", i), siteRU[i])
	}
	for i := range 6 {
		var b strings.Builder
		b.WriteString("Главная | Новости | Контакты\n")
		for k := range 4 {
			fmt.Fprintf(&b, "On day %d of the season, %d volunteers from the district cleaned the banks of river number %d and counted the birds they saw.\n", i, 10*k+i, k)
		}
		write(fmt.Sprintf("news/item%d.txt", i), b.String())
	}
	write("en/russian.txt", siteRU[0])
	write("ru/english.txt", siteEN[1])
	p, err := NewPairer(Options{Src: "en", Tgt: "ru"})
	if err != nil {
		t.Fatal(err)
	}
	counter := lang.NewLineCounter(0)
	var docs []*corpus.Document
	r := corpus.NewReader([]string{dir}, nil, corpus.Options{})
	for r.Next() {
		d := r.Document()
		if d.Err != nil || d.Skip != "" {
			t.Fatalf("%s: %v %s", d.ID, d.Err, d.Skip)
		}
		counter.AddDocument(d.Text)
		docs = append(docs, d)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	r.Close()
	s, err := p.NewScreen(counter, nil)
	if err != nil {
		t.Fatal(err)
	}
	type sides struct{ src, tgt bool }
	got := map[string]sides{}
	for _, d := range docs {
		src, tgt := s.Sides(d)
		lsrc, ltgt := s.Look(d)
		if src && lsrc == 0 || tgt && ltgt == 0 {
			t.Errorf("%s: Sides %v, %v but Look %v, %v", d.ID, src, tgt, lsrc, ltgt)
		}
		got[d.ID] = sides{src, tgt}
	}
	if _, _, err := p.AddInputs(context.Background(), []string{dir}, ReadOptions{Counter: counter}); err != nil {
		t.Fatal(err)
	}
	res, err := p.Pair()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pairs) < len(siteEN) {
		t.Errorf("%d pairs, want %d at least: %v", len(res.Pairs), len(siteEN), res.Pairs)
	}
	inSrc, inTgt := 0, 0
	for _, pr := range res.Pairs {
		if !got[pr.Src].src || !got[pr.Tgt].tgt {
			t.Errorf("pair %s > %s: Sides %v, %v", pr.Src, pr.Tgt, got[pr.Src], got[pr.Tgt])
		}
	}
	for _, id := range res.Unpaired["en"] {
		if !got[id].src {
			t.Errorf("unpaired in en %s: Sides %v", id, got[id])
		}
	}
	for _, id := range res.Unpaired["ru"] {
		if !got[id].tgt {
			t.Errorf("unpaired in ru %s: Sides %v", id, got[id])
		}
	}
	for id, sd := range got {
		if sd.src {
			inSrc++
		}
		if sd.tgt {
			inTgt++
		}
		if strings.Contains(id, "news/") && sd.tgt {
			t.Errorf("%s (English with Russian furniture) may be in ru", id)
		}
	}
	if n := len(res.Pairs) + len(res.Unpaired["ru"]); inTgt < n {
		t.Errorf("Sides counts %d documents in ru, the result %d", inTgt, n)
	}
	if n := len(res.Pairs) + len(res.Unpaired["en"]); inSrc < n {
		t.Errorf("Sides counts %d documents in en, the result %d", inSrc, n)
	}
}
