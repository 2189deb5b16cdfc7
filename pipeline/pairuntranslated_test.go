package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paraline/paraline/align"
)

func TestLeftUntranslated(t *testing.T) {
	en := []string{
		"More information on available mailing lists can be found in Mailing lists.",
		"See Handling security-related bugs for detailed information on handling security problems.",
		"The “clear to end of line” key.",
		"Copyright © 1996-2021 Software in the Public Interest",
		"Separate the possible values with commas and spaces, like this: Choices: yes, no, maybe.",
		"For details, please see Handling security-related bugs.",
		"if COMMANDS; then COMMANDS; [ elif COMMANDS; then COMMANDS; ]... [ else COMMANDS; ] fi",
		"--on-conflict-do-nothing add ON CONFLICT DO NOTHING to INSERT commands",
	}
	tests := []struct {
		name string
		ru   string
		want bool
	}{
		{"label translated", "More information on available mailing lists can be found in Списки рассылки.", true},
		{"long label", "See Работа с ошибками, связанными с безопасностью for detailed information on handling security problems.", true},
		{"label longer than the prose", "For details, please see Работа с ошибками, связанными с безопасностью.", true},
		{"exact copy", "More information on available mailing lists can be found in Mailing lists.", true},
		{"translation quoting a title", "Клавиша «clear to end of line».", false},
		{"translation keeping a name", "Авторские права © 1996-2021 Software in the Public Interest", false},
		{"translation quoting values", "Разделите возможные значения запятыми и пробелами, например так: Choices: yes, no, maybe.", false},
		{"translated syntax", "if КОМАНДЫ; then КОМАНДЫ; [ elif КОМАНДЫ; then КОМАНДЫ; ]... [ else КОМАНДЫ; ] fi", false},
		{"keywords in capitals", "--on-conflict-do-nothing добавлять ON CONFLICT DO NOTHING в команды INSERT", false},
		{"translation", "Дополнительная информация о списках рассылки находится в разделе Списки рассылки.", false},
	}
	var other []Sentence
	for _, s := range en {
		other = append(other, Sentence{Lang: "en", Text: s})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			left := leftUntranslated([]Sentence{{Lang: "ru", Text: "Первое предложение."}, {Lang: "ru", Text: tt.ru}}, other, "en")
			var want []bool
			if tt.want {
				want = []bool{false, true}
			}
			if !reflect.DeepEqual(left, want) {
				t.Errorf("leftUntranslated(%q) = %v, want %v", tt.ru, left, want)
			}
		})
	}
	if left := leftUntranslated([]Sentence{{Text: en[0]}}, nil, "en"); left != nil {
		t.Errorf("no other version: %v, want nil", left)
	}
}

func TestRemoveUntranslated(t *testing.T) {
	sents := func(texts ...string) []Sentence {
		var ss []Sentence
		for _, s := range texts {
			ss = append(ss, Sentence{Text: s})
		}
		return ss
	}
	pr := &PairResult{
		SrcSents: sents("e0", "e1", "e2", "e3", "e4"),
		TgtSents: sents("r0", "r1", "r2", "r3"),
		// e1-r1 is a sentence left untranslated and its original; e3+e4
		// with r3 holds one too (r3 marked), so it goes whole.
		Beads: []align.Bead{{Src: []int{0}, Tgt: []int{0}}, {Src: []int{1}, Tgt: []int{1}}, {Src: []int{2}, Tgt: []int{2}}, {Src: []int{3, 4}, Tgt: []int{3}}},
	}
	removeUntranslated(pr, nil, []bool{false, true, false, true})
	want := &PairResult{
		SrcSents: sents("e0", "e2"), TgtSents: sents("r0", "r2"),
		SrcUntranslated: sents("e1", "e3", "e4"), TgtUntranslated: sents("r1", "r3"),
		Beads: []align.Bead{{Src: []int{0}, Tgt: []int{0}}, {Src: []int{1}, Tgt: []int{1}}},
	}
	if !reflect.DeepEqual(pr, want) {
		t.Errorf("removeUntranslated:\n got %+v\nwant %+v", pr, want)
	}
	// Nothing marked: nothing changes.
	pr2 := &PairResult{SrcSents: sents("e0"), TgtSents: sents("r0"), Beads: []align.Bead{{Src: []int{0}, Tgt: []int{0}}}}
	removeUntranslated(pr2, nil, nil)
	if pr2.SrcUntranslated != nil || len(pr2.Beads) != 1 {
		t.Errorf("nothing marked changed the result: %+v", pr2)
	}
}

// TestUntranslatedRejected runs a page pair (testdata/untranslated) whose
// Russian version keeps an English paragraph with a translated
// cross-reference label: the paragraph and its original are in
// rejects.jsonl as align:untranslated, not in the corpus; the other
// sentences pair as before, and the report adds up.
func TestUntranslatedRejected(t *testing.T) {
	dir := t.TempDir()
	rep, err := Run(context.Background(), dir, Options{Inputs: []string{"testdata/untranslated"}, PairBy: PairByDir, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	en, ru := read("corpus.en"), read("corpus.ru")
	if strings.Contains(en, "See Handling") || strings.Contains(ru, "See Работа") {
		t.Errorf("the untranslated sentence is in the corpus:\n%s\n%s", en, ru)
	}
	if !strings.Contains(ru, "Каждое сообщение читают два члена команды") || strings.Count(en, "\n") != 4 {
		t.Errorf("corpus.en, corpus.ru: want the 4 translated sentences paired:\n%s\n%s", en, ru)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(read("rejects.jsonl")), "\n") {
		var r Reject
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		if r.Reason == ReasonUntranslated {
			got = append(got, r.Lang+": "+r.Text)
		}
	}
	want := []string{
		"en: See Handling security-related bugs for detailed information on handling security problems.",
		"ru: See Работа с ошибками, связанными с безопасностью for detailed information on handling security problems.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("align:untranslated rejects = %q, want %q", got, want)
	}
	if err := rep.Check(); err != nil {
		t.Error(err)
	}
	if n := rep.Rejects[ReasonUntranslated]; n != 2 {
		t.Errorf("report: %d rejected %s, want 2", n, ReasonUntranslated)
	}
}
