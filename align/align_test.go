package align

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// shape renders beads as "S-T" shapes with 1-based lines, e.g. "1-1 2,3-2 4-".
func render(beads []Bead) string {
	var parts []string
	for _, b := range beads {
		parts = append(parts, nums(b.Src)+"-"+nums(b.Tgt))
	}
	return strings.Join(parts, " ")
}

func nums(l []int) string {
	s := make([]string, len(l))
	for i, x := range l {
		s[i] = fmt.Sprint(x + 1)
	}
	return strings.Join(s, ",")
}

// Sentences written for these tests; each Russian line translates the
// English line of the same index.
var (
	enBase = []string{
		"The server was started at 10:45 on port 8080.",
		"Could not open the configuration file %s: permission denied.",
		"Version 2.4 adds support for PostgreSQL and MySQL databases.",
		"Press Ctrl+C to cancel the download.",
		"The archive contains 125 files and 3 directories.",
		"Do you really want to delete the user \"%s\"?",
		"See https://example.org/help for more information.",
		"Error: the disk is full.",
	}
	ruBase = []string{
		"Сервер был запущен в 10:45 на порту 8080.",
		"Не удалось открыть файл конфигурации %s: доступ запрещён.",
		"В версии 2.4 добавлена поддержка баз данных PostgreSQL и MySQL.",
		"Нажмите Ctrl+C, чтобы отменить загрузку.",
		"Архив содержит 125 файлов и 3 каталога.",
		"Вы действительно хотите удалить пользователя «%s»?",
		"Подробнее см. https://example.org/help.",
		"Ошибка: диск заполнен.",
	}
)

func TestAlignShapes(t *testing.T) {
	join := func(a, b string) string { return a + " " + b }
	tests := []struct {
		name     string
		src, tgt []string
		want     string
	}{
		{"1-1", enBase, ruBase, "1-1 2-2 3-3 4-4 5-5 6-6 7-7 8-8"},
		{"1-0", []string{enBase[0], enBase[1], enBase[2], enBase[3]}, []string{ruBase[0], ruBase[2], ruBase[3]}, "1-1 2- 3-2 4-3"},
		{"0-1", []string{enBase[0], enBase[2], enBase[3]}, []string{ruBase[0], ruBase[1], ruBase[2], ruBase[3]}, "1-1 -2 2-3 3-4"},
		{"2-1", enBase[:5], []string{ruBase[0], join(ruBase[1], ruBase[2]), ruBase[3], ruBase[4]}, "1-1 2,3-2 4-3 5-4"},
		{"1-2", []string{enBase[0], join(enBase[1], enBase[2]), enBase[3], enBase[4]}, ruBase[:5], "1-1 2-2,3 3-4 4-5"},
		{"2-2", []string{enBase[0], join(enBase[1], enBase[2]), enBase[3], enBase[4], enBase[5]},
			[]string{ruBase[0], ruBase[1], join(ruBase[2], ruBase[3]), ruBase[4], ruBase[5]}, "1-1 2,3-2,3 4-4 5-5"},
		{"3-1", enBase[:6], []string{ruBase[0], ruBase[1], join(join(ruBase[2], ruBase[3]), ruBase[4]), ruBase[5]}, "1-1 2-2 3,4,5-3 6-4"},
		{"1-3", []string{enBase[0], enBase[1], join(join(enBase[2], enBase[3]), enBase[4]), enBase[5]}, ruBase[:6], "1-1 2-2 3-3,4,5 4-6"},
		{"empty", nil, nil, ""},
		{"source empty", nil, ruBase[:2], "-1 -2"},
		{"target empty", enBase[:2], nil, "1- 2-"},
		{"one each", enBase[:1], ruBase[:1], "1-1"},
		{"identical", enBase, enBase, "1-1 2-2 3-3 4-4 5-5 6-6 7-7 8-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := render(Align(tc.src, tc.tgt, nil))
			if got != tc.want {
				t.Errorf("Align = %q, want %q", got, tc.want)
			}
			checkCover(t, Align(tc.src, tc.tgt, nil), len(tc.src), len(tc.tgt))
		})
	}
}

// checkCover fails unless every line of both sides is in exactly one bead,
// in order, and every bead has an allowed shape.
func checkCover(t *testing.T, beads []Bead, n, m int) {
	t.Helper()
	i, j := 0, 0
	for k, b := range beads {
		if len(b.Src)+len(b.Tgt) == 0 || len(b.Src) > 3 || len(b.Tgt) > 3 {
			t.Fatalf("bead %d has shape %d-%d", k, len(b.Src), len(b.Tgt))
		}
		for _, x := range b.Src {
			if x != i {
				t.Fatalf("bead %d: source %d, want %d", k, x, i)
			}
			i++
		}
		for _, y := range b.Tgt {
			if y != j {
				t.Fatalf("bead %d: target %d, want %d", k, y, j)
			}
			j++
		}
	}
	if i != n || j != m {
		t.Fatalf("beads cover %d/%d source and %d/%d target lines", i, n, j, m)
	}
}

func TestAlignDeterministicAndConcurrent(t *testing.T) {
	want := Align(enBase, ruBase[1:], nil)
	done := make(chan []Bead)
	for range 4 {
		go func() { done <- Align(enBase, ruBase[1:], nil) }()
	}
	for range 4 {
		if got := <-done; !reflect.DeepEqual(got, want) {
			t.Fatalf("concurrent Align differs: %v vs %v", render(got), render(want))
		}
	}
}

func TestAlignDict(t *testing.T) {
	// Without numbers or names, only the dictionary tells these apart.
	src := []string{"The cat sleeps in the sun.", "A dog barks at the old house.", "Birds sing in the garden.", "The house is old."}
	tgt := []string{"Кошка спит на солнце.", "Птицы поют в саду.", "Дом старый."}
	d, err := NewDict("en", "ru", [][2]string{{"cat", "кошка"}, {"sleep", "спать"}, {"dog", "собака"}, {"bird", "птица"}, {"sing", "петь"}, {"house", "дом"}, {"sun", "солнце"}, {"garden", "сад"}, {"old", "старый"}})
	if err != nil {
		t.Fatal(err)
	}
	got := render(Align(src, tgt, &Options{Dict: d, SrcLang: "en", TgtLang: "ru"}))
	if want := "1-1 2- 3-2 4-3"; got != want {
		t.Errorf("with dictionary: %q, want %q", got, want)
	}
	// The reversed direction uses the same dictionary.
	got = render(Align(tgt, src, &Options{Dict: d}))
	if want := "1-1 -2 2-3 3-4"; got != want {
		t.Errorf("reversed: %q, want %q", got, want)
	}
}

func TestPairScore(t *testing.T) {
	s := NewScorer(nil, nil, nil)
	good := s.PairScore(enBase[4], ruBase[4])
	bad := s.PairScore(enBase[4], ruBase[6])
	if !(good > 0 && good > bad) {
		t.Errorf("PairScore: translation %.2f, unrelated %.2f", good, bad)
	}
	doc := NewScorer(enBase, ruBase, nil)
	if g, b := doc.PairScore(enBase[0], ruBase[0]), doc.PairScore(enBase[0], ruBase[3]); !(g > b) {
		t.Errorf("document PairScore: translation %.2f, unrelated %.2f", g, b)
	}
}

func FuzzAlign(f *testing.F) {
	f.Add(strings.Join(enBase, "\n"), strings.Join(ruBase, "\n"), 0)
	f.Add("a\n\nb", "", 3)
	f.Add("%s %d {0} <b>x</b>", "%s\n%d\n«x»", 20)
	f.Fuzz(func(t *testing.T, a, b string, full int) {
		src := strings.Split(a, "\n")
		tgt := strings.Split(b, "\n")
		if len(src)*len(tgt) > 1e6 {
			return
		}
		// a tiny MaxFullCells forces the coarse-to-fine search
		beads := Align(src, tgt, &Options{MaxFullCells: max(1, full%64)})
		checkCover(t, beads, len(src), len(tgt))
	})
}

func readLines(t testing.TB, name string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(data), "\n"), "\n")
}

func TestAlignProse(t *testing.T) {
	en, ru := readLines(t, "prose.en"), readLines(t, "prose.ru")
	tests := []struct {
		name     string
		src, tgt []string
		want     string
	}{
		{"translation", en, ru, "1-1 2-2 3-3 4-4 5-5 6-6 7-7 8-8 9-9 10-10 11-11 12-12"},
		// the Russian side lacks the paragraph of lines 4-6
		{"paragraph missing in target", en, slices.Concat(ru[:3], ru[6:]), "1-1 2-2 3-3 4- 5- 6- 7-4 8-5 9-6 10-7 11-8 12-9"},
		{"paragraph missing in source", slices.Concat(en[:7], en[10:]), ru, "1-1 2-2 3-3 4-4 5-5 6-6 7-7 -8 -9 -10 8-11 9-12"},
		{"sentences merged", en[:6], []string{ru[0], ru[1] + " " + ru[2], ru[3], ru[4] + " " + ru[5]}, "1-1 2,3-2 4-3 5,6-4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(Align(tc.src, tc.tgt, nil)); got != tc.want {
				t.Errorf("Align = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAlignTranslations(t *testing.T) {
	// Source words share nothing with the target: only the machine
	// translations show which source sentence has no partner.
	src := []string{
		"Lorem ipsum dolor sit amet consectetur.",
		"Adipiscing elit sed do eiusmod.",
		"Tempor incididunt ut labore et dolore magna.",
		"Aliqua ut enim ad minim veniam quis.",
		"Nostrud exercitation ullamco laboris.",
		"Nisi ut aliquip ex ea commodo consequat.",
	}
	mt := []string{
		"Красная лиса быстро бежит через поле.",
		"Старый дом стоит у реки.",
		"Дети играют в саду весь день.",
		"Вечером зажигаются огни в городе.",
		"Птицы улетают на юг осенью.",
		"Зимой снег покрывает горы и леса.",
	}
	tgt := slices.Concat(mt[:2], mt[3:])
	got := render(Align(src, tgt, &Options{SrcTranslations: mt}))
	t.Log("without translations:", render(Align(src, tgt, nil)))
	if want := "1-1 2-2 3- 4-3 5-4 6-5"; got != want {
		t.Errorf("with translations: %q, want %q", got, want)
	}
	// A wrong number of translations is ignored.
	checkCover(t, Align(src, tgt, &Options{SrcTranslations: mt[:1]}), len(src), len(tgt))
}
