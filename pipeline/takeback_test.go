package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/lang"
)

// TestTakenBackNotRejected runs paired pages whose markup drops lines that
// the two versions translate (testdata/takeback: a breadcrumb, a site menu
// and a table of contents in a nav or an aside, the title; testdata/hidden:
// hidden per-application variants and tab panels) or do not (a language
// switcher the same in both versions, a hidden menu repeated on every
// page). A line the pair took back goes on to the aligner, and its text is
// in corpus.* or in a later record of rejects.jsonl: its classify record
// is gone. A line not taken back keeps its classify record. The report's
// rejects by reason count the lines of rejects.jsonl, and the outputs are
// the same whatever the number of workers, and after a resumed run.
func TestTakenBackNotRejected(t *testing.T) {
	for _, tc := range []struct {
		dir  string
		back []string // lines taken back
		kept []string // lines that stay classify rejects
	}{
		{"testdata/takeback", []string{"Sources of the rivers", "Истоки рек", "Nature » Lakes and ponds",
			"Природа » Сосновые леса", "On this page", "На этой странице", "Home Maps Contact us About the project"},
			[]string{"English |", "Русский"}},
		{"testdata/hidden", []string{"Choose Sheet - Insert Sheet to open the dialog.",
			"Выберите Лист - Вставить лист, чтобы открыть диалог."}, []string{"Home Download Get help Donate", "Главная Скачать Помощь Пожертвовать"}},
	} {
		t.Run(filepath.Base(tc.dir), func(t *testing.T) {
			var first []byte
			var want string
			opts := Options{Inputs: []string{tc.dir}, PairBy: PairByDir, Formats: []string{"moses", "jsonl"}}
			for _, workers := range []int{1, 3} {
				dir := t.TempDir()
				if want == "" {
					want = dir
				}
				o := opts
				o.Workers = workers
				rep, err := Run(context.Background(), dir, o)
				if err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(filepath.Join(dir, "rejects.jsonl"))
				if err != nil {
					t.Fatal(err)
				}
				if first == nil {
					first = b
				} else if !bytes.Equal(first, b) {
					t.Fatalf("rejects.jsonl differs with %d workers", workers)
				}
				classify := map[string]bool{}
				later := []string{}
				byReason := map[string]int{}
				nClassify := 0
				for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
					var r Reject
					if err := json.Unmarshal([]byte(l), &r); err != nil {
						t.Fatal(err)
					}
					byReason[textReason(r.Reason).key]++
					if r.Stage == StageClassify {
						nClassify++
						classify[strings.TrimSpace(r.Text)] = true
					} else {
						later = append(later, r.Text, r.Tgt)
					}
				}
				pairs, err := os.ReadFile(filepath.Join(dir, "corpus.jsonl"))
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range strings.Split(strings.TrimSpace(string(pairs)), "\n") {
					var p struct{ Src, Tgt string }
					if err := json.Unmarshal([]byte(l), &p); err != nil {
						t.Fatal(err)
					}
					later = append(later, p.Src, p.Tgt)
				}
				for _, s := range tc.back {
					if classify[s] {
						t.Errorf("%d workers: %q was taken back, but rejects.jsonl keeps its classify record", workers, s)
					}
					found := false
					for _, l := range later {
						found = found || strings.Contains(l, s)
					}
					if !found {
						t.Errorf("%d workers: %q is neither in corpus.* nor in a later reject", workers, s)
					}
				}
				for _, s := range tc.kept {
					if !classify[s] {
						t.Errorf("%d workers: %q was not taken back, but has no classify record", workers, s)
					}
				}
				for k, n := range rep.Rejects {
					if k != "noise:blank" && byReason[k] != n {
						t.Errorf("report rejects[%q] = %d, rejects.jsonl has %d", k, n, byReason[k])
					}
				}
				for k, n := range byReason {
					if rep.Rejects[k] != n {
						t.Errorf("rejects.jsonl has %d %q, the report %d", n, k, rep.Rejects[k])
					}
				}
				st := rep.stage(StageClassify, UnitSpans)
				if l := rep.stage(StageLanguage, UnitSpans); st.Kept-st.TakenBack != l.In || st.TakenBack == 0 {
					t.Errorf("classify stage keeps %d, %d of them taken back; language stage takes in %d", st.Kept, st.TakenBack, l.In)
				}
				if st.Rejected != nClassify+rep.Rejects["noise:blank"] {
					t.Errorf("classify stage rejected %d, its records and blank runs %d", st.Rejected, nClassify+rep.Rejects["noise:blank"])
				}
			}
			// Interrupted after the first pair job and resumed, the run
			// replays the journaled pair and writes the same outputs.
			dir := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			o := opts
			o.Workers = 1
			o.Progress = &cancelAfter{n: 2, cancel: cancel}
			if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
				t.Fatalf("interrupted run: %v, want context.Canceled", err)
			}
			o = opts
			o.Resume = true
			var warned []string
			o.Warn = func(m string) { warned = append(warned, m) }
			runOK(t, context.Background(), dir, o)
			if len(warned) != 1 || strings.Contains(warned[0], " 0 pair jobs done") {
				t.Errorf("resumed run: warnings %q, want one saying it replayed pair jobs", warned)
			}
			sameOutputs(t, want, dir)
		})
	}
}

// TestTakenBackSpans checks which dropped spans takenBack finds taken back
// whole: those whose sentences all reached the aligner (the splitter's
// repair of a glued word aside), not a body span, not a span of which a
// sentence was left out, not a span with no sentence aligned.
func TestTakenBackSpans(t *testing.T) {
	span := func(kind lang.Kind, text string) SpanResult {
		return SpanResult{Span: lang.Span{Kind: kind}, Text: text}
	}
	d := &DocResult{Spans: []SpanResult{
		span(lang.Body, "A body line."),
		span(lang.Boilerplate, "Chapter 2. Fire up GIMP\n"),
		span(lang.Boilerplate, "Next page\n"),
		span(lang.Noise, "ButPressed = MessageBox(\"Quit?\")\n"),
		span(lang.Boilerplate, "Home\n"),
		span(lang.Boilerplate, "Chapter 4. What to do\n"),
	}}
	sents := []Sentence{
		{Text: "A body line.", Span: 0},
		{Text: "Chapter 2.", Span: 1},
		{Text: "Fire up GIMP", Span: 1},
		{Text: "Next page", Span: 2},
		{Text: "But Pressed = MessageBox(\"Quit?\")", Span: 3},
		{Text: "Chapter 4.", Span: 5}, // "What to do" left out: the other version holds it unchanged
	}
	got := takenBack(d, sents)
	want := map[int]bool{1: true, 2: true, 3: true}
	if len(got) != len(want) {
		t.Errorf("takenBack = %v, want %v", got, want)
	}
	for i := range want {
		if !got[i] {
			t.Errorf("takenBack = %v, want %v", got, want)
		}
	}
	if m := takenBack(d, nil); m != nil {
		t.Errorf("takenBack with no sentences = %v, want nil", m)
	}
}
