package clean

import (
	"strings"
	"testing"
)

// benchPairs are typical sentence pairs (written for this test).
var benchPairs = []Pair{
	{Src: "The file could not be opened because it is being used by another program.", Tgt: "Не удалось открыть файл, так как он используется другой программой."},
	{Src: "Please wait while the update of 15 packages is being installed.", Tgt: "Подождите, пока устанавливается обновление 15 пакетов."},
	{Src: "Visit https://example.org/help for more information about this error.", Tgt: "Подробности об этой ошибке см. на https://example.org/help."},
	{Src: "Save the document before closing the program, or your changes will be lost.", Tgt: "Сохраните документ перед закрытием программы, иначе изменения будут потеряны."},
	{Src: "Delete the selected messages?", Tgt: "Удалить выбранные сообщения?"},
	{Src: "error: %s: unknown option '%c' (see --help)", Tgt: "ошибка: %s: неизвестный параметр «%c» (см. --help)"},
}

func benchmarkJudge(b *testing.B, list string) {
	fc, err := ParseFilters(list)
	if err != nil {
		b.Fatal(err)
	}
	c, err := New(Config{SrcLang: "en", TgtLang: "ru", Filters: fc}, fakeDetector{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := range b.N {
		c.Judge(&benchPairs[i%len(benchPairs)])
	}
}

func BenchmarkJudge(b *testing.B) {
	b.Run("default-minus-lang", func(b *testing.B) { benchmarkJudge(b, "-lang") })
	b.Run("default-minus-lang-adequacy", func(b *testing.B) { benchmarkJudge(b, "-lang,-adequacy") })
	for _, n := range FilterNames() {
		if n == "template" {
			continue
		}
		b.Run(n, func(b *testing.B) { benchmarkJudge(b, "none,"+n) })
	}
}

func BenchmarkStreamAdd(b *testing.B) {
	c, err := New(Config{SrcLang: "en", TgtLang: "ru", Filters: []FilterConfig{{Name: "template"}}}, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	s := c.NewStream(StreamOptions{Dedup: DedupOptions{TempDir: b.TempDir()}})
	defer s.Close()
	b.ReportAllocs()
	p := &Pair{}
	for i := range b.N {
		q := benchPairs[i%len(benchPairs)]
		p.Src = q.Src + word(i)
		p.Tgt = q.Tgt
		s.Add(p, Verdict{})
	}
}

// BenchmarkNumbersLong checks a long pair whose numbers differ in many
// places: the numbers filter stays linear (it took seconds when numbers
// written out in words were matched by searching a list).
func BenchmarkNumbersLong(b *testing.B) {
	p := &Pair{Src: strings.Repeat("7 a 1.2.3 ", 20000), Tgt: strings.Repeat("восемь, 1.2.3 ", 20000)}
	f := numbersFilter{small: 10}
	b.ReportAllocs()
	for b.Loop() {
		f.Check(p)
	}
}
