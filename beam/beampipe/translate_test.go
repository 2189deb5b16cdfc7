package beampipe

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/lang/translate"
	"github.com/paraline/paraline/pipeline"
)

// TestPrismTranslate runs a translating run on Prism (the exec translator
// upper-cases the English sentences "into Russian"; each worker
// translates its units through its cache) and checks that its outputs are
// byte-identical to pipeline.Run's with the same translator, report aside
// from the translator's counts, of which the number of texts must agree.
func TestPrismTranslate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline on Prism")
	}
	warcs := writeWARCs(t)
	backend := translate.Config{Name: "exec", Command: "tr a-z A-Z"}
	tests := []struct {
		name string
		c    Config
	}{
		{"site and archives", Config{Inputs: []string{"testdata/site", warcs}, BatchSize: 1, RangeSize: 2,
			Translate: TranslateConfig{Backend: backend, CachePath: filepath.Join(t.TempDir(), "cache.db")}}},
		{"no clean, no cache", Config{Inputs: []string{"testdata/site"}, NoClean: true,
			Translate: TranslateConfig{Backend: backend, NoCache: true, MaxTexts: 2}}},
		{"dry run", Config{Inputs: []string{"testdata/site"}, Translate: TranslateConfig{Backend: backend, NoCache: true, DryRun: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.Langs, c.Version, c.TranslateTo = []string{"en", "ru"}, "test", "ru"
			ctx := context.Background()
			b, err := translate.NewBackend(ctx, backend)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := translate.New(b, translate.Options{DryRun: c.Translate.DryRun})
			if err != nil {
				t.Fatal(err)
			}
			opts := c.Options()
			opts.Translator = tr
			want := t.TempDir()
			wantRep, wantErr := pipeline.Run(ctx, want, opts)
			got := t.TempDir()
			gotRep, gotErr := Run(ctx, "prism", c, got)
			// testdata/site holds a binary file: ErrFailedDocuments.
			if !errors.Is(wantErr, pipeline.ErrFailedDocuments) || !errors.Is(gotErr, pipeline.ErrFailedDocuments) {
				t.Fatalf("errors: run %v, beam %v", wantErr, gotErr)
			}
			if wantRep.Translation == nil || gotRep.Translation == nil || wantRep.Translation.Texts == 0 ||
				gotRep.Translation.Texts != wantRep.Translation.Texts || gotRep.Translation.DryRun != c.Translate.DryRun {
				t.Fatalf("translation: run %+v, beam %+v", wantRep.Translation, gotRep.Translation)
			}
			compareDirsDropping(t, want, got, "translation")
			if !c.Translate.DryRun {
				// Kept in corpus.ru, or rejected by the pair filters (the
				// "translation" is not Russian).
				ru, err := os.ReadFile(filepath.Join(got, "corpus.ru"))
				rej, _ := os.ReadFile(filepath.Join(got, "rejects.jsonl"))
				if err != nil || !strings.Contains(string(ru)+string(rej), "THE ") {
					t.Errorf("no translation written (%v):\n%s", err, ru)
				}
			}
		})
	}
}
