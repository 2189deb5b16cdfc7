package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/paraline/paraline/lang/translate"
)

// fakeTranslator upper-cases texts, fails those containing "Linz", and
// counts the texts it was asked for.
type fakeTranslator struct {
	mu    sync.Mutex
	calls int
	texts int
}

func (f *fakeTranslator) TranslateAll(ctx context.Context, src, tgt string, texts []string) ([]translate.Result, error) {
	f.mu.Lock()
	f.calls++
	f.texts += len(texts)
	f.mu.Unlock()
	res := make([]translate.Result, len(texts))
	for i, t := range texts {
		if strings.Contains(t, "Linz") {
			res[i].Err = errors.New("fake failure")
			continue
		}
		res[i].Text = "[" + src + ">" + tgt + "] " + strings.ToUpper(t)
	}
	return res, nil
}

func (f *fakeTranslator) Stats() translate.Stats { return translate.Stats{Texts: int64(f.texts)} }

func TestRunTranslate(t *testing.T) {
	dir := t.TempDir()
	ft := &fakeTranslator{}
	rep, err := Run(context.Background(), dir, Options{Inputs: []string{"testdata/site/001_flood_forecasting.txt", "testdata/site/005_nbsp.txt"},
		TranslateTo: "ru", Translator: ft, Workers: 2, NoClean: true}) // the fake's output is not Russian
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Check(); err != nil {
		t.Fatal(err)
	}
	en, _ := os.ReadFile(filepath.Join(dir, "corpus.en"))
	ru, _ := os.ReadFile(filepath.Join(dir, "corpus.ru"))
	el, rl := strings.Split(strings.TrimSpace(string(en)), "\n"), strings.Split(strings.TrimSpace(string(ru)), "\n")
	if len(el) != len(rl) || len(el) < 5 {
		t.Fatalf("corpus.en %d lines, corpus.ru %d; want equal, at least 5", len(el), len(rl))
	}
	for i := range el {
		if rl[i] != "[en>ru] "+strings.ToUpper(el[i]) {
			t.Errorf("line %d: %q is not the translation of %q", i+1, rl[i], el[i])
		}
		if strings.Contains(el[i], "Linz") {
			t.Errorf("a failed translation is in the corpus: %q", el[i])
		}
	}
	rej, _ := os.ReadFile(filepath.Join(dir, "rejects.jsonl"))
	if !strings.Contains(string(rej), `"reason":"translate:failed"`) || !strings.Contains(string(rej), "fake failure") {
		t.Errorf("rejects lack the failed translation with its error")
	}
	st := rep.stage("translate", "sentences")
	if st.In != ft.texts || st.Kept != len(el) || st.Rejected != st.In-st.Kept {
		t.Errorf("translate stage %+v, translator saw %d texts, corpus has %d", st, ft.texts, len(el))
	}
	if rep.Translation == nil || rep.Translation.Texts != int64(ft.texts) {
		t.Errorf("report translation stats = %+v", rep.Translation)
	}
}
