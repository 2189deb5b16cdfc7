package main

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// testPool is a small pool of pairs written for this test.
var testPool = []pair{
	{"The archive was moved to the new building in spring, and the reading room opens again in October.", "Архив весной переехал в новое здание, а читальный зал снова откроется в октябре."},
	{"Volunteers from nine towns cleaned the banks of the river over two weekends.", "Добровольцы из девяти городов за два выходных очистили берега реки."},
	{"The library lends books, maps and recordings to every resident of the district.", "Библиотека выдаёт книги, карты и записи каждому жителю района."},
	{"Open the file", "Открыть файл"},
}

func TestPartialChangesOneSideByHalf(t *testing.T) {
	g := &gen{rng: rand.New(rand.NewPCG(1, 2)), pool: testPool}
	for i := range 200 {
		p := testPool[i%len(testPool)]
		ru := i%2 == 0
		e, r := g.partial(p, ru)
		src := p
		if words(p.en) < 6 { // replaced by a longer pair: find which
			for _, q := range testPool {
				if q.en == e || q.ru == r {
					src = q
				}
			}
		}
		orig, got, other, otherOrig := src.en, e, r, src.ru
		if ru {
			orig, got, other, otherOrig = src.ru, r, e, src.en
		}
		if other != otherOrig {
			t.Fatalf("both sides changed: %q | %q (from %q | %q)", e, r, src.en, src.ru)
		}
		ratio := float64(words(got)) / float64(words(orig))
		if ratio > 0.7 && ratio < 1.4 {
			t.Fatalf("partial side has %.2f of the words (%q from %q): want about half as much or half as much again", ratio, got, orig)
		}
	}
}

func TestCatalogOfAndGroups(t *testing.T) {
	for in, want := range map[string]string{"pg_dump-15.mo": "pg_dump", "pg_dump-03.gold": "pg_dump", "coreutils.mo": "coreutils", "gtk30-properties.mo": "gtk30-properties"} {
		if got := catalogOf(in); got != want {
			t.Errorf("catalogOf(%q) = %q, want %q", in, got, want)
		}
	}
	if moGroup("coreutils") != "a" || moGroup("binutils") != "b" {
		t.Error("coreutils must be in group a, binutils in b")
	}
}

func TestUniquePairs(t *testing.T) {
	got := uniquePairs([]pair{{"(back to top)", "(наверх)"}, {"Back to top", "Наверх!"}, {"Open", "Открыть"}})
	if len(got) != 2 || !strings.HasPrefix(got[1].en, "Open") {
		t.Fatalf("uniquePairs = %q", got)
	}
}

// TestLoadBisite reads gold paragraph pairs written for this test: a
// paragraph pair repeated on a page is read once, paragraphs of as many
// sentences give a pair per sentence, and pairs under 3 English words are
// left out.
func TestLoadBisite(t *testing.T) {
	got, err := loadBisite("testdata", []string{"site"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"The river and the town", // split from "Chapter 1.", left out (2 words)
		"The archive was moved to the new building in spring.",
		"The reading room opens again in October.",
		"Volunteers from nine towns cleaned the banks of the river over two weekends.",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d pairs %q, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		if got[i].en != w || got[i].ru == "" {
			t.Errorf("pair %d = %q, want English %q", i, got[i], w)
		}
	}
	if _, err := loadBisite("testdata", []string{"missing"}); err == nil || !strings.Contains(err.Error(), "site missing") {
		t.Errorf("a missing site: %v", err)
	}
}

// TestSiteSource: the source site:NAME reads NAME's gold in -site-gold,
// and without -site-gold says so instead of looking in the working
// folder.
func TestSiteSource(t *testing.T) {
	defer func(old string) { siteGold = old }(siteGold)
	siteGold = ""
	if _, err := loadSource("site:site", ""); err == nil || !strings.Contains(err.Error(), "-site-gold") {
		t.Errorf("site:site without -site-gold: %v", err)
	}
	siteGold = "testdata"
	if ps, err := loadSource("site:site", ""); err != nil || len(ps) != 4 {
		t.Errorf("site:site: %d pairs, %v; want 4", len(ps), err)
	}
}
