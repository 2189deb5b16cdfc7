package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalSentences(t *testing.T) {
	dir := t.TempDir()
	gold := `{"src":"a.org/x.html","tgt":"a.org/ru/x.html","blocks":[["Open the file.","Откройте файл."],["Close it now.","Закройте его."],["make","make"]],"unpaired":[["Extra English text here."],["Лишний русский текст."]]}
{"src":"a.org/y.html","tgt":"a.org/ru/y.html","blocks":[["Save the page.","Сохраните страницу."],["The “Buffers” tab.","The «Buffers» tab."]]}
{"src":"a.org/all.html","tgt":"a.org/ru/all.html","blocks":[["Open the file.","Откройте файл."]]}
`
	corpus := `{"doc":"https://a.org/x.html","src":"Open the file.","tgt":"Откройте файл."}
{"doc":"https://a.org/x.html","src":"Close it now.","tgt":"Откройте файл."}
{"doc":"https://a.org/x.html","src":"Extra English text here.","tgt":"Закройте его."}
{"doc":"https://a.org/x.html","src":"Save the page.","tgt":"Сохраните страницу."}
{"doc":"https://b.org/z.html","src":"Close it now.","tgt":"Закройте его."}
`
	gp, rd := filepath.Join(dir, "g.jsonl"), filepath.Join(dir, "run")
	if err := os.WriteFile(gp, []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(rd, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(rd, "corpus.jsonl"), []byte(corpus), 0o644); err != nil {
		t.Fatal(err)
	}
	// On y's page the run found "Save the page." and dropped it as an
	// exact repeat of x's pair; a repeat of a pair not in the corpus
	// counts nothing.
	rejects := `{"doc":"https://a.org/y.html","stage":"filter","reason":"filter:duplicate:exact","text":"Save the page.","tgt":"Сохраните страницу."}
{"doc":"https://a.org/y.html","stage":"filter","reason":"filter:duplicate:exact","text":"Nothing here.","tgt":"Ничего."}
`
	if err := os.WriteFile(filepath.Join(rd, "rejects.jsonl"), []byte(rejects), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := evalSentences(gp, rd)
	if err != nil {
		t.Fatal(err)
	}
	// x.html: pair 1 correct, pair 2 wrong (target of another block), pair
	// 3 unknown (its source is unpaired), pair 4 wrong (y's block on x);
	// z.html is no gold page.
	if f.Pairs != 5 || f.Scored != 3 || f.Correct != 1 || f.Unknown != 1 {
		t.Errorf("pairs %d scored %d correct %d unknown %d, want 5 3 1 1", f.Pairs, f.Scored, f.Correct, f.Unknown)
	}
	// Translated characters (y's second block, its quotes alone changed,
	// is untranslated): "откройтефайл." 13, "закройтеего." 12,
	// "сохранитестраницу." 18, all.html's copy of x's first block 13 =
	// 56. Per page, x's first block is covered, and so its copy (a corpus
	// gives a repeated pair once), and y's block by the repeat dropped on
	// y's page: 44; from the corpus alone, all four are (x.html's "Save
	// the page." pair covers y's block, z's pair covers "Close").
	if f.TranslatedChars != 56 || f.CoveredChars != 44 || f.CorpusCoveredChars != 56 || f.Duplicates != 1 {
		t.Errorf("translated %d covered %d corpus-covered %d repeats %d, want 56 44 56 1", f.TranslatedChars, f.CoveredChars, f.CorpusCoveredChars, f.Duplicates)
	}
}

// TestParaPageBlock: a sentence that lies within a list quoting it and
// within its own paragraph covers its paragraph.
func TestParaPageBlock(t *testing.T) {
	p := &paraPage{
		src:        []string{squeeze("Q: Why? Q: How?"), squeeze("Q: How?"), squeeze("make")},
		tgt:        []string{squeeze("В: Почему? В: Как?"), squeeze("В: Как?"), squeeze("make")},
		translated: []bool{true, true, false},
	}
	none := func(int) bool { return false }
	if got := p.block([]string{"q:", "how?"}, []string{"в:", "как?"}, none); got != 1 {
		t.Errorf("block = %d, want 1", got)
	}
	if got := p.block([]string{"make"}, []string{"make"}, none); got != -1 {
		t.Errorf("untranslated block: got %d, want -1", got)
	}
	// Once its paragraph is covered, the same sentence found again on the
	// page (the list's copy) covers the list.
	if got := p.block([]string{"q:", "how?"}, []string{"в:", "как?"}, func(i int) bool { return i == 1 }); got != 0 {
		t.Errorf("block with 1 full = %d, want 0", got)
	}
}

// TestParaPageBlockSiblings: of two blocks that differ by one word, a
// sentence goes to the one that holds all its words; once that one is
// covered, to the other (the sentence found twice on the page).
func TestParaPageBlockSiblings(t *testing.T) {
	p := &paraPage{
		src:        []string{squeeze("tabs of the left panel will be in the inactive panel"), squeeze("tabs of the right panel will be in the inactive panel")},
		tgt:        []string{squeeze("вкладки, сохранённые в файл с левой панели, будут загружены в неактивной панели"), squeeze("вкладки, сохранённые в файл с правой панели, будут загружены в неактивной панели")},
		translated: []bool{true, true},
	}
	sw := strings.Fields("tabs of the right panel will be in the inactive panel")
	tw := strings.Fields("вкладки, сохранённые в файл с правой панели, будут загружены в неактивной панели")
	if got := p.block(sw, tw, func(int) bool { return false }); got != 1 {
		t.Errorf("block = %d, want 1", got)
	}
	if got := p.block(sw, tw, func(i int) bool { return i == 1 }); got != 0 {
		t.Errorf("block with 1 full = %d, want 0", got)
	}
}

// TestEvalSentencesHeadingTwice: a heading a page shows twice (its
// permalink sign "¶" in one block only, the table of contents' copy
// without it) is found twice by the run, once as a repeat: both blocks
// are covered.
func TestEvalSentencesHeadingTwice(t *testing.T) {
	dir := t.TempDir()
	gold := `{"src":"a.org/x.html","tgt":"a.org/ru/x.html","blocks":[["2.1. Setup","2.1. Установка"],["2.1. Setup¶","2.1. Установка¶"]]}
`
	corpus := `{"doc":"https://a.org/x.html","src":"2.1. Setup","tgt":"2.1. Установка"}
`
	rejects := `{"doc":"https://a.org/x.html","stage":"filter","reason":"filter:duplicate:exact","text":"2.1. Setup","tgt":"2.1. Установка"}
`
	gp, rd := filepath.Join(dir, "g.jsonl"), filepath.Join(dir, "run")
	if err := os.MkdirAll(rd, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{gp: gold, filepath.Join(rd, "corpus.jsonl"): corpus, filepath.Join(rd, "rejects.jsonl"): rejects} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := evalSentences(gp, rd)
	if err != nil {
		t.Fatal(err)
	}
	if f.TranslatedChars != 27 || f.CoveredChars != 26 { // 13 + 14 (the sign); 13 + 13
		t.Errorf("translated %d covered %d, want 27 26", f.TranslatedChars, f.CoveredChars)
	}
}
