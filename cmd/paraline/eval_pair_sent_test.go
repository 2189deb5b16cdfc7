package main

import (
	"os"
	"path/filepath"
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
	if got := p.block([]string{"q:", "how?"}, []string{"в:", "как?"}); got != 1 {
		t.Errorf("block = %d, want 1", got)
	}
	if got := p.block([]string{"make"}, []string{"make"}); got != -1 {
		t.Errorf("untranslated block: got %d, want -1", got)
	}
}
