package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/lang"
)

// fakeDetector calls every line with a letter English, and counts its calls.
type fakeDetector struct{ segments int }

func (f *fakeDetector) Segment(text string) []lang.Span {
	f.segments++
	var spans []lang.Span
	start := 0
	for start < len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start + 1
		}
		l, conf := f.Detect(text[start:end])
		spans = append(spans, lang.Span{Start: start, End: end, Lang: l, Confidence: conf})
		start = end
	}
	return spans
}

func (f *fakeDetector) Detect(text string) (string, float64) {
	if strings.IndexFunc(text, func(r rune) bool { return r >= 'A' && r <= 'z' }) < 0 {
		return "", 0
	}
	return "en", 1
}

// TestRunWithFakeDetector runs the pipeline with a Detector that is not
// lingua's: the run uses it for every document.
func TestRunWithFakeDetector(t *testing.T) {
	in := t.TempDir()
	page := "The river commission met in Linz on Monday and agreed on a joint plan for the floods.\n"
	if err := os.WriteFile(filepath.Join(in, "a.txt"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	det := &fakeDetector{}
	out := t.TempDir()
	rep, err := Run(context.Background(), out, Options{Inputs: []string{in}, Langs: []string{"en", "ru"}, Detector: det, Workers: 1, NoRepeat: true})
	if err != nil {
		t.Fatal(err)
	}
	if det.segments != 1 {
		t.Errorf("fake detector segmented %d documents, want 1", det.segments)
	}
	if rep.Sentences["en"] != 1 {
		t.Errorf("sentences = %v, want one English sentence", rep.Sentences)
	}
	got, _ := os.ReadFile(filepath.Join(out, "mono.en"))
	if strings.TrimSpace(string(got)) != strings.TrimSpace(page) {
		t.Errorf("mono.en = %q, want the page", got)
	}
}
