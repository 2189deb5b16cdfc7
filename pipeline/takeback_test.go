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
// page), or take back in part (a table of contents line whose name the
// Russian version leaves in English: "Part 2. River Atlas of Karelia",
// "Часть 2. River Atlas of Karelia"). A line the pair took back goes on to
// the aligner, and its text is in corpus.* or in a later record of
// rejects.jsonl: its classify record is gone, or, for a line taken back in
// part, holds only the rest ("River Atlas of Karelia", marked rest). A line
// not taken back keeps its classify record. The report's
// rejects by reason count the lines of rejects.jsonl, and the outputs are
// the same whatever the number of workers, and after a resumed run.
func TestTakenBackNotRejected(t *testing.T) {
	for _, tc := range []struct {
		dir  string
		back []string // lines taken back
		kept []string // lines that stay classify rejects
	}{
		{"testdata/takeback", []string{"Sources of the rivers", "Истоки рек", "Nature » Lakes and ponds",
			"Природа » Сосновые леса", "On this page", "На этой странице", "Home Maps Contact us About the project",
			"Part 2.", "Часть 2."},
			[]string{"English |", "Русский", "River Atlas of Karelia"}},
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
				nClassify, nRest := 0, 0
				for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
					var r Reject
					if err := json.Unmarshal([]byte(l), &r); err != nil {
						t.Fatal(err)
					}
					byReason[textReason(r.Reason).key]++
					if r.Rest {
						nRest++
					}
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
					for c := range classify {
						if strings.Contains(c, s) {
							t.Errorf("%d workers: %q was taken back, but rejects.jsonl keeps it in the classify record %q", workers, s, c)
						}
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
				if st.TakenBackPart != nRest || nRest == 0 && tc.dir == "testdata/takeback" {
					t.Errorf("classify stage: %d lines taken back in part, %d records marked rest", st.TakenBackPart, nRest)
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

// TestTakenBackSpans checks what takenBack finds taken back of the dropped
// spans: whole when their sentences all reached the aligner (the
// splitter's repair of a glued word aside, the spans of a furniture line
// joined in the side's language), in part when a sentence was left out
// (the rest is what its classify record keeps), and nothing of a body
// span or of a span with no sentence aligned.
func TestTakenBackSpans(t *testing.T) {
	spans := []SpanResult{}
	add := func(kind lang.Kind, reason, text string) int {
		start, raw := 0, 0
		if n := len(spans); n > 0 {
			start, raw = spans[n-1].End, spans[n-1].RawEnd+10 // markup between spans
		}
		spans = append(spans, SpanResult{Span: lang.Span{Kind: kind, Reason: reason, Start: start, End: start + len(text)},
			RawStart: raw, RawEnd: raw + len(text), Text: text})
		return len(spans) - 1
	}
	const nav = "boilerplate:nav(html)"
	body := add(lang.Body, "", "A body line.\n")
	title := add(lang.Boilerplate, "boilerplate:title(html)", "Chapter 2. Fire up GIMP\n")
	next := add(lang.Boilerplate, nav, "Next page\n")
	code := add(lang.Noise, reasonCode, "ButPressed = MessageBox(\"Quit?\")\n")
	home := add(lang.Boilerplate, "boilerplate:sidebar(html)", "Home\n")
	part := add(lang.Boilerplate, "boilerplate:sidebar(html)", "Chapter 4. What to do\n")
	joined1 := add(lang.Boilerplate, nav, "Глава 2. Получение и установка ")
	joined2 := add(lang.Boilerplate, nav, "Debian\n")
	own := add(lang.Boilerplate, nav, "Глава 5. ")
	other := add(lang.Boilerplate, nav, "The Debian archives\n")
	quote := add(lang.Boilerplate, nav, "Read this. «Options» are here.\n")
	before := add(lang.Boilerplate, nav, "Options here. «Next» page.\n")
	d := &DocResult{Spans: spans}
	sents := []Sentence{
		{Text: "A body line.", Span: body},
		{Text: "Chapter 2.", Span: title},
		{Text: "Fire up GIMP", Span: title},
		{Text: "Next page", Span: next},
		{Text: "But Pressed = MessageBox(\"Quit?\")", Span: code},
		{Text: "Chapter 4.", Span: part}, // "What to do" left out: the other version holds it unchanged
		{Text: "Глава 2.", Span: joined1},
		{Text: "Получение и установка Debian", Span: joined1}, // joined across two spans
		{Text: "Глава 5.", Span: own},                         // the English rest of the line is not joined
		{Text: "Read this.", Span: quote},
		{Text: "«Next» page.", Span: before},
	}
	rest := func(i int, text string) takeBack {
		at := strings.Index(spans[i].Text, text)
		return takeBack{rest: text, restStart: spans[i].RawStart + at, restEnd: spans[i].RawStart + at + len(text)}
	}
	want := map[int]takeBack{
		title: {whole: true}, next: {whole: true}, code: {whole: true},
		part:    rest(part, "What to do"),
		joined1: {whole: true}, joined2: {whole: true}, own: {whole: true},
		quote:  rest(quote, "«Options» are here."),
		before: rest(before, "Options here."),
	}
	got := takenBack(d, sents)
	for i := range spans {
		g, gok := got[i]
		w, wok := want[i]
		if gok != wok || g != w {
			t.Errorf("span %d %q: takenBack gives %+v (%v), want %+v (%v)", i, spans[i].Text, g, gok, w, wok)
		}
	}
	_ = home
	_ = other
	if m := takenBack(d, nil); m != nil {
		t.Errorf("takenBack with no sentences = %v, want nil", m)
	}
}
