package main

import (
	"encoding/json"
	"fmt"
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
	f, err := evalSentences(gp, rd, "en", "ru")
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

// TestEvalSentencesCrediting checks how pairs are placed in the gold blocks
// of their page and how many characters of each block they cover: the
// characters of the block that the pair's target matches, each counted
// once however many pairs match it (not the pair's length added to the
// block up to its length), so a sentence the run found more often than
// the block holds it covers it no more, and a pair that spans several
// consecutive blocks on both sides is correct and covers each of them.
func TestEvalSentencesCrediting(t *testing.T) {
	page := func(blocks ...[2]string) string {
		b, err := json.Marshal(paraGoldPage{Src: "a.org/x.html", Tgt: "a.org/ru/x.html", Blocks: blocks})
		if err != nil {
			t.Fatal(err)
		}
		return string(b) + "\n"
	}
	pair := func(src, tgt string) string {
		return fmt.Sprintf(`{"doc":"https://a.org/x.html","src":%q,"tgt":%q}`+"\n", src, tgt)
	}
	dup := func(src, tgt string) string {
		return fmt.Sprintf(`{"doc":"https://a.org/x.html","stage":"filter","reason":"filter:duplicate:exact","text":%q,"tgt":%q}`+"\n", src, tgt)
	}
	pageY := func(blocks ...[2]string) string {
		b, err := json.Marshal(paraGoldPage{Src: "a.org/y.html", Tgt: "a.org/ru/y.html", Blocks: blocks})
		if err != nil {
			t.Fatal(err)
		}
		return string(b) + "\n"
	}
	twice := [2]string{"Open it. Open it. Close it.", "Откройте его. Откройте его. Закройте его."}
	table := page([2]string{"Style", "Стиль"}, [2]string{"Default", "По умолчанию"}, [2]string{"Description", "Описание"},
		[2]string{"The styles of the list.", "Стили списка."})
	tests := []struct {
		name                  string
		gold, corpus, rejects string
		scored, correct       int
		covered, translated   int // CoveredChars, TranslatedChars
		corpusCovered         int
	}{
		{
			name:   "a sentence found more often than its block holds it",
			gold:   page([2]string{"Open it. Open it. Close it.", "Откройте его. Откройте его. Закройте его."}),
			corpus: pair("Open it.", "Откройте его."),
			// Found three times on the page (twice dropped as repeats):
			// the block holds it twice, its third sentence is not found.
			rejects: dup("Open it.", "Откройте его.") + dup("Open it.", "Откройте его."),
			scored:  1, correct: 1, covered: 24, translated: 36, corpusCovered: 12,
		},
		{
			name: "a block on two pages, found once on each",
			gold: page(twice) + pageY(twice),
			// The pair of y's page is its own first sentence, which x's
			// pair covered already (the block is one for both pages).
			corpus: pair("Open it.", "Откройте его.") + strings.ReplaceAll(pair("Open it.", "Откройте его."), "x.html", "y.html"),
			scored: 2, correct: 2, covered: 12 + 12, translated: 36 + 36, corpusCovered: 12 + 12,
		},
		{
			name: "equal blocks of a page, the pair found twice",
			// Two blocks hold "Тип" (their English sides differ): the
			// second pair goes to the block the page has not yet placed
			// it in, not to the shortest again.
			gold:    page([2]string{"Type", "Тип"}, [2]string{"Type:", "Тип:"}),
			corpus:  pair("Type", "Тип"),
			rejects: dup("Type", "Тип"),
			scored:  1, correct: 1, covered: 3 + 3, translated: 3 + 4, corpusCovered: 3 + 3,
		},
		{
			name:   "a pair that spans three blocks on both sides",
			gold:   table,
			corpus: pair("Style Default Description", "Стиль По умолчанию Описание") + pair("The styles of the list.", "Стили списка."),
			// Corpus-only coverage places a pair within one block pair.
			scored: 2, correct: 2, covered: 5 + 11 + 8 + 12, translated: 5 + 11 + 8 + 12, corpusCovered: 12,
		},
		{
			name:   "a pair whose sides span different blocks",
			gold:   table,
			corpus: pair("Style Default", "По умолчанию Описание"),
			scored: 1, correct: 0, covered: 0, translated: 36,
		},
		{
			name:   "a pair with a word the block lacks",
			gold:   page([2]string{"One two three four five six seven eight nine ten. Eleven.", "Один два три четыре пять шесть семь восемь девять десять. Одиннадцать."}),
			corpus: pair("One two three four five six seven eight nine ten. Extra", "Один два три четыре пять шесть семь восемь девять десять. Лишнее"),
			// It covers the 48 characters it matches, not its own 54.
			scored: 1, correct: 1, covered: 48, translated: 60, corpusCovered: 48,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			gp, rd := filepath.Join(dir, "g.jsonl"), filepath.Join(dir, "run")
			if err := os.MkdirAll(rd, 0o755); err != nil {
				t.Fatal(err)
			}
			for path, text := range map[string]string{gp: tc.gold, filepath.Join(rd, "corpus.jsonl"): tc.corpus, filepath.Join(rd, "rejects.jsonl"): tc.rejects} {
				if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, err := evalSentences(gp, rd, "en", "ru")
			if err != nil {
				t.Fatal(err)
			}
			if f.Scored != tc.scored || f.Correct != tc.correct || f.CoveredChars != tc.covered || f.TranslatedChars != tc.translated || f.CorpusCoveredChars != tc.corpusCovered {
				t.Errorf("scored %d correct %d covered %d of %d, corpus-only %d; want %d %d %d of %d, %d",
					f.Scored, f.Correct, f.CoveredChars, f.TranslatedChars, f.CorpusCoveredChars, tc.scored, tc.correct, tc.covered, tc.translated, tc.corpusCovered)
			}
		})
	}
}
