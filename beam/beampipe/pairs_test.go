package beampipe

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/corpus/corpustest"
	"github.com/paraline/paraline/pipeline"
)

// writePairedWARC writes the two-version documents of dir (en/, ru/) into
// one WARC archive, under URLs that name their language, each after its
// request record, with a 404 response and an image at the end: records
// that a run skips and counts.
func writePairedWARC(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "site.warc.gz")
	corpustest.WriteWARC(t, path, true, func(ww *corpus.WARCWriter) {
		for _, l := range []string{"en", "ru"} {
			ents, err := os.ReadDir(filepath.Join(dir, l))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range ents {
				b, err := os.ReadFile(filepath.Join(dir, l, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				url := "https://ex.org/" + l + "/" + e.Name()
				if err := ww.WriteRecord(corpus.WARCRecord{Type: "request", TargetURI: url, ContentType: "application/http; msgtype=request",
					Block: []byte("GET /" + l + "/" + e.Name() + " HTTP/1.1\r\nHost: ex.org\r\n\r\n"), ContentLength: -1}); err != nil {
					t.Fatal(err)
				}
				if err := ww.WriteResponse(url, "text/plain; charset=utf-8", b); err != nil {
					t.Fatal(err)
				}
			}
		}
		h := http.Header{}
		h.Set("Content-Type", "text/plain")
		if err := ww.WriteHTTPResponse("https://ex.org/en/gone", 404, h, []byte("Not found.\n")); err != nil {
			t.Fatal(err)
		}
		if err := ww.WriteResponse("https://ex.org/logo.png", "image/png", []byte("\x89PNG\r\n\x1a\n")); err != nil {
			t.Fatal(err)
		}
	})
	return path
}

// writePairedCorpus writes n English/Russian document pairs under en/ and
// ru/ (and the same pairs as X.en.txt/X.ru.txt under flat/) repeating their
// sentences across pairs (so that the global deduplication matters), with
// documents without counterpart and a binary one, and a pairs file.
func writePairedCorpus(t *testing.T, n int) (dir, pairsFile string) {
	t.Helper()
	dir = t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var pairs strings.Builder
	for i := 0; i < n; i++ {
		k := i % 5
		en := fmt.Sprintf("Home | News | Contact\n\nThe committee met on day %d to discuss the river basin and its floods. "+
			"Experts from %d countries agreed on a new forecasting plan. The water level rose by %d centimetres overnight.\n\nAll rights reserved\n", k, k+2, 10*k+5)
		ru := fmt.Sprintf("Главная | Новости | Контакты\n\nКомиссия собралась в день %d, чтобы обсудить бассейн реки и его наводнения. "+
			"Эксперты из %d стран согласовали новый план прогнозирования. Уровень воды за ночь поднялся на %d сантиметров.\n\nВсе права защищены\n", k, k+2, 10*k+5)
		if i%7 == 3 {
			ru = "\x00\x01\x02binary"
		}
		write(fmt.Sprintf("en/doc%02d.txt", i), en)
		if i%6 == 5 {
			continue // no Russian version
		}
		write(fmt.Sprintf("ru/doc%02d.txt", i), ru)
		fmt.Fprintf(&pairs, "en/doc%02d.txt\tru/doc%02d.txt\n", i, i)
	}
	pairsFile = filepath.Join(dir, "pairs.tsv")
	write("pairs.tsv", pairs.String())
	return dir, pairsFile
}

// TestPrismPairsMatchRun runs two-version runs on Prism and checks that
// their outputs are byte-identical to pipeline.Run's (report timings
// aside): pairs by directory, by a pairs file, and the repository's
// examples with --pair-by auto, as "make run" does.
func TestPrismPairsMatchRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline on Prism")
	}
	corpusDir, pairsFile := writePairedCorpus(t, 24)
	warc := writePairedWARC(t, corpusDir)
	dict := filepath.Join(t.TempDir(), "dict.tsv")
	if err := os.WriteFile(dict, []byte("committee\tкомиссия\nriver\tрека\nwater\tвода\nplan\tплан\nexperts\tэксперты\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	minScore := 2.0
	tests := []struct {
		name string
		c    Config
	}{
		{"dir", Config{Inputs: []string{corpusDir}, PairBy: pipeline.PairByDir, BatchSize: 3}},
		{"dir, one job per batch, no dedup", Config{Inputs: []string{corpusDir}, PairBy: pipeline.PairByDir, BatchSize: 1, NoDedup: true}},
		{"pairs file", Config{Pairs: pairsFile}},
		{"pairs file, gzip, tsv", Config{Pairs: pairsFile, Gzip: true, Formats: []string{"tsv"}}},
		{"pairs file, filters", Config{Pairs: pairsFile, Filters: "length:max=12,-lang"}},
		{"dir, dictionary, min score", Config{Inputs: []string{corpusDir}, PairBy: pipeline.PairByDir, DictPath: dict, MinScore: &minScore}},
		{"warc, auto", Config{Inputs: []string{warc}, PairBy: pipeline.PairByAuto, BatchSize: 2}},
		// The 404 page is a document, in the pairing read as in the first pass.
		{"warc, auto, keep-status", Config{Inputs: []string{warc}, PairBy: pipeline.PairByAuto, KeepStatus: true, BatchSize: 2}},
		{"examples, auto", Config{Inputs: []string{"../../examples"}, PairBy: pipeline.PairByAuto, Formats: []string{"tsv", "jsonl", "tmx"}}},
		// Lines of nav and aside the pairs take back from the classifier's rejects.
		{"html, taken back", Config{Inputs: []string{"../../pipeline/testdata/takeback"}, PairBy: pipeline.PairByDir, BatchSize: 1}},
		// No --pair-by: paired by default, as paraline run does.
		{"warc, default pairing", Config{Inputs: []string{warc}, AutoPair: true, BatchSize: 2}},
		{"examples, default pairing", Config{Inputs: []string{"../../examples"}, AutoPair: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.Langs, c.Version = []string{"en", "ru"}, "test"
			ctx := context.Background()
			want := t.TempDir()
			opts, err := c.engineOptions() // the dictionary loaded
			if err != nil {
				t.Fatal(err)
			}
			opts.AutoPair = c.AutoPair
			if (opts.Dict != nil) != (c.DictPath != "") {
				t.Fatalf("dictionary %q: loaded %v", c.DictPath, opts.Dict != nil)
			}
			wantRep, wantErr := pipeline.Run(ctx, want, opts)
			got := t.TempDir()
			gotRep, gotErr := Run(ctx, "prism", c, got)
			if errors.Is(wantErr, pipeline.ErrFailedDocuments) != errors.Is(gotErr, pipeline.ErrFailedDocuments) ||
				(wantErr == nil) != (gotErr == nil) {
				t.Fatalf("errors differ: run %v, beam %v", wantErr, gotErr)
			}
			if gotErr != nil && !errors.Is(gotErr, pipeline.ErrFailedDocuments) {
				t.Fatal(gotErr)
			}
			if wantRep.Pairs == nil || wantRep.Pairs.Documents == 0 || gotRep.Pairs == nil || gotRep.Pairs.Documents != wantRep.Pairs.Documents {
				t.Fatalf("document pairs: run %+v, beam %+v", wantRep.Pairs, gotRep.Pairs)
			}
			if tt.name == "dir" && (wantRep.Clean == nil || wantRep.Clean.Duplicates == 0 || wantRep.Pairs.Unpaired == 0) {
				t.Fatalf("the corpus does not exercise deduplication and unpaired documents: %+v %+v", wantRep.Clean, wantRep.Pairs)
			}
			if strings.HasPrefix(tt.name, "warc") && (wantRep.Documents.Skipped == 0 || gotRep.Documents.Skipped != wantRep.Documents.Skipped) {
				t.Errorf("skipped records: run %+v, beam %+v", wantRep.Documents, gotRep.Documents)
			}
			t.Logf("%d document pairs, %d unpaired, %d written sentence pairs, rejects %v", gotRep.Pairs.Documents, gotRep.Pairs.Unpaired, gotRep.Outputs["corpus.en"], gotRep.Rejects)
			compareDirs(t, want, got)
		})
	}
}
