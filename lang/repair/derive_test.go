package repair

import (
	"math"
	"strings"
	"testing"
)

// A clean Russian text of the documentation kind: every prefixed word in it
// is one word, and the few function words glued by accident elsewhere do
// not make the repairer cut them.
const cleanDocRU = `Подкаталоги создаются при первом запуске, а надстрочные индексы не отображаются.
Неотсортированный список выводится без изменений; отрисовку окна можно отключить.
Служба перезапускает подпроцессы, если они завершаются с ошибкой.
Программа проверяет контрольные суммы и сообщает о них в журнале.
Неподписанные пакеты не устанавливаются, пока вы не подтвердите установку.
Сервер недоступен. Повторите попытку, когда сервер снова будет доступен.
Сервер недоступен для клиентов старых версий и для новых.
Если сервер недоступен, клиент ждёт. Сервер недоступен? Проверьте сеть.
Клиент ждёт, пока сервер недоступен.`

func TestDerivedWordsKept(t *testing.T) {
	r := mustNew(t, "ru")
	out, edits := r.Repair(cleanDocRU)
	if len(edits) > 0 || out != cleanDocRU {
		t.Errorf("clean text changed: %+v", edits)
	}
}

func TestDerivedWordsAndGlue(t *testing.T) {
	// The same words at a high glue rate: a real glued pair is still
	// split, a derived word still is not.
	tests := []struct{ in, want string }{
		{"надстрочные индексы", "надстрочные индексы"},
		{"неотсортированный список", "неотсортированный список"},
		{"подкаталоги созданы", "подкаталоги созданы"},
		{"сохранено вфайле", "сохранено в файле"},
		{"работает подконтролем службы", "работает под контролем службы"},
		{"сообщение обошибке записи", "сообщение об ошибке записи"},
		{"ошибка приоткрытии файла", "ошибка при открытии файла"},
	}
	r := mustNew(t, "ru", WithGlueRate(0.3))
	for _, tt := range tests {
		if got, _ := r.Repair(tt.in); got != tt.want {
			t.Errorf("Repair(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDerivedWeightOff(t *testing.T) {
	// In the clean text, the derived-word evidence is what keeps
	// "отрисовку" and "подпроцессы" whole.
	out, _ := mustNew(t, "ru", WithDerivedWeight(0)).Repair(cleanDocRU)
	if !strings.Contains(out, "от рисовку") && !strings.Contains(out, "под процессы") {
		t.Skip("kept even without derived-word evidence")
	}
	if _, err := New("ru", WithDerivedWeight(2)); err == nil {
		t.Error("New accepted a derived-word weight of 2")
	}
}

func TestDeriveTableRate(t *testing.T) {
	// 200 forms end in -ный (100 take "не"), 40 in -ать (none do), 10 in
	// -ова (too few: backs off to -ва).
	table := "ый\t400\nный\t200\nть\t100\nать\t40\nва\t50\nова\t10\n" +
		"не\tый\t100\nне\tный\t100\nне\tва\t5\nне\tова\t5\n"
	d, err := parseDeriveTable([]byte(table))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		prefix, rest string
		lo, hi       float64
	}{
		{"не", "красный", 0.40, 0.50}, // -ный: 100/200, smoothed towards -ый 100/400
		{"не", "читать", 0.0, 0.05},   // -ать: none in 40
		{"не", "слова", 0.15, 0.35},   // -ова: 5/10 pulled towards -ва 5/50
		{"над", "красный", 0, 0},      // not in the table: not a prefix
		{"не", "он", 0.1, 0.3},        // too short for a 3-letter class
	}
	for _, tt := range tests {
		if got := d.rate(tt.prefix, tt.rest); got < tt.lo || got > tt.hi {
			t.Errorf("rate(%q, %q) = %.3f, want in [%.2f, %.2f]", tt.prefix, tt.rest, got, tt.lo, tt.hi)
		}
	}
	if _, err := parseDeriveTable([]byte("a\tb\tc\td\n")); err == nil {
		t.Error("parseDeriveTable accepted a line of 4 fields")
	}
}

func TestDerivedCount(t *testing.T) {
	lex, err := loadRU()
	if err != nil {
		t.Fatal(err)
	}
	ru := lex.(*ruLexicon)
	tests := []struct {
		word string
		want bool // derived from a known word by a prefix
	}{
		{"подкаталогами", true},
		{"неотсортированный", true},
		{"переотправленный", true},
		{"антисверхзапредписанный", false}, // three prefixes deep
		{"подщзшгх", false},                // the rest is no word
		{"пздкаталогами", false},           // no prefix
	}
	for _, tt := range tests {
		if got := ru.derivedCount(tt.word, 1) > 0; got != tt.want {
			t.Errorf("derivedCount(%q) > 0 = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestGovernment(t *testing.T) {
	// "при" is followed by the prepositional case (-ии, -ке) in the run,
	// never by the genitive plural -ов, which is common elsewhere.
	text := strings.Repeat("при загрузке при установке при обновлении при удалении ", 5) +
		strings.Repeat("список файлов пакетов каталогов модулей ", 5)
	r := mustNew(t, "ru")
	st := r.runStats(text)
	if g := st.government("при", "открытии"); g <= 1.5 {
		t.Errorf("government(при, -ии) = %.2f, want > 1.5", g)
	}
	if g := st.government("при", "процессов"); g >= 0.7 {
		t.Errorf("government(при, -ов) = %.2f, want < 0.7", g)
	}
	if g := st.government("для", "процессов"); math.Abs(g-1) > 0.2 {
		t.Errorf("government(для, -ов) = %.2f with no pairs of для, want about 1", g)
	}
}

func TestKnownRepeatPenalty(t *testing.T) {
	if got, want := logChoose(10, 3), math.Log(120); math.Abs(got-want) > 1e-9 {
		t.Errorf("logChoose(10, 3) = %v, want %v", got, want)
	}
	r := mustNew(t, "ru")
	// Clean text: "недоступен" often, "не доступен" once: the count of the
	// glued form is far beyond the glue rate.
	st := r.runStats(cleanDocRU + "\nА для новых он не доступен только ночью.")
	if p := r.knownRepeatPenalty("недоступен", st.lower["недоступен"], st); p < 5 {
		t.Errorf("penalty for a repeated word in clean text = %.2f, want >= 5", p)
	}
	// A sloppy run: "но не" spaced often and glued a few times.
	sloppy := strings.Repeat("работает, но не всегда. ", 12) + strings.Repeat("работает, ноне всегда. ", 4) +
		"файл вкаталоге иархив для отчёта, данные вархиве и в каталоге, дляотчёта и копии, " +
		"копия вотчёте дляархива, файл в архиве иотчёт для копии, каталог вфайле и в отчёте. "
	st = r.runStats(sloppy)
	if p := r.knownRepeatPenalty("ноне", st.lower["ноне"], st); p > 2 {
		t.Errorf("penalty for glue at the run's glue rate = %.2f, want < 2", p)
	}
	if got, _ := r.Repair(sloppy); strings.Contains(got, "ноне") {
		t.Errorf("sloppy run: ноне kept in %q", got[:80])
	}
}

// TestKnownRepeatEnglish: an English word that reads as a function word
// and a word ("init" as "in it") and that a run writes many times is kept,
// while the glue of the same run is repaired.
func TestKnownRepeatEnglish(t *testing.T) {
	r := mustNew(t, "en")
	text := strings.Repeat("The init process starts the services. ", 12) +
		"There is a file in it. The members ofthe council met. A report of the council was read inthe hall."
	got, _ := r.Repair(text)
	if strings.Contains(got, "in it process") {
		t.Errorf("a repeated word was split: %q", got[:80])
	}
	if !strings.Contains(got, "members of the council") || !strings.Contains(got, "in the hall") {
		t.Errorf("glue of the run not repaired: %q", got[len(got)-100:])
	}
}

func TestCompoundsAndCapitals(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"из-за glued", "сбой из-заошибки диска", "сбой из-за ошибки диска"},
		{"из-под glued", "вышел из-подконтроля", "вышел из-под контроля"},
		{"other compound kept", "кто-то где-нибудь", "кто-то где-нибудь"},
		{"capitals, one-letter word", "ВЫВОД СПОМОЩЬЮ ФИЛЬТРА", "ВЫВОД С ПОМОЩЬЮ ФИЛЬТРА"},
		{"capitals, acronym kept", "стандарт ИСО и ВОЗ", "стандарт ИСО и ВОЗ"},
		{"mixed case kept", "КОМАНДу СУФФикс", "КОМАНДу СУФФикс"},
	}
	r := mustNew(t, "ru", WithGlueRate(0.3))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := r.Repair(tt.in); got != tt.want {
				t.Errorf("Repair(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
