package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun: of a page's three translated blocks, one is covered by a pair,
// one was dropped as navigation (a classify reject), and one is a
// furniture line a pair took back and the aligner left unaligned: it has
// no classify record (paraline writes none for a line taken back), and
// its unaligned record is charged.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"gold.jsonl": `{"src":"a.org/x.html","tgt":"a.org/ru/x.html","blocks":[["Open the file.","Откройте файл."],["Next page","Следующая страница"],["Save it now.","Сохраните его сейчас."]]}
`,
		"run/corpus.jsonl": `{"doc":"https://a.org/x.html","src":"Open the file.","tgt":"Откройте файл."}
`,
		"run/rejects.jsonl": `{"doc":"https://a.org/ru/x.html","stage":"classify","reason":"boilerplate:nav(html)","lang":"ru","text":"Следующая страница\n"}
{"doc":"https://a.org/ru/x.html","stage":"align","reason":"align:unaligned","lang":"ru","text":"Сохраните его сейчас."}
`,
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	if err := run(&out, filepath.Join(dir, "gold.jsonl"), filepath.Join(dir, "run"), 0); err != nil {
		t.Fatal(err)
	}
	// "откройтефайл." 13, "следующаястраница" 17, "сохранитеегосейчас." 19
	want := `translated 49, covered 13 (0.2653), uncovered 36
      19   52.8%  ru align:unaligned (ru)
      17   47.2%  ru boilerplate:nav (ru)
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}
