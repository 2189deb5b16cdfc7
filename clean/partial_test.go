package clean

import (
	"math"
	"testing"
)

// The pairs below were written for these tests: real translations with
// the length variation of ordinary prose, and partial translations where
// one side adds or drops a clause.
func TestPartialFilter(t *testing.T) {
	runFilterCases(t, buildFilter(t, "partial", nil, nil), []filterCase{
		{"translation", "This year, for the first time, libraries in every district took part.",
			"В этом году впервые в нём участвовали библиотеки всех районов.", true},
		{"russian adds a clause", "This year, for the first time, libraries in every district took part.",
			"В этом году впервые в нём участвовали библиотеки всех районов, а читатели младших классов представили собственные книги о своём городе и его истории.", false},
		{"russian drops half", "The archive was moved to the new building in spring, and the reading room will open again in October.",
			"Архив переехал в новое здание весной.", false},
		{"english adds a sentence", "Press the button to save the file. The program then closes all the windows it opened and checks the disk.",
			"Нажмите кнопку, чтобы сохранить файл.", false},
		{"longer russian words", "The configuration could not be saved.",
			"Не удалось сохранить конфигурационные параметры.", true},
		{"free translation of a long sentence", "If you remove this package, the programs that depend on it will stop working until you install it again.",
			"Если удалить этот пакет, зависящие от него программы перестанут работать, пока вы не установите его снова.", true},
		{"short pair not checked", "Quit", "Выйти сейчас", true},
		{"empty side left to empty", "", "Выйти", true},
	})
}

func TestPartialFilterParams(t *testing.T) {
	p := &Pair{Src: "Open the file and read it.", Tgt: "Откройте файл и прочитайте его, затем закройте окно и выйдите."}
	chars := buildFilter(t, "partial", map[string]float64{"words": 0}, nil).(partialFilter)
	both := buildFilter(t, "partial", nil, nil).(partialFilter)
	zc, ok1 := chars.stat(infoOf(p))
	zb, ok2 := both.stat(infoOf(p))
	if !ok1 || !ok2 {
		t.Fatal("pair not checked")
	}
	if zb > zc {
		t.Fatalf("deviation with words %.2f above characters only %.2f: want the smaller of the two", zb, zc)
	}
	c, err := New(Config{SrcLang: "en", TgtLang: "zh", Filters: []FilterConfig{{Name: "partial"}}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f := c.filters[0].(partialFilter); f.wordRatio != 0 {
		t.Fatalf("Chinese measured in words (ratio %g)", f.wordRatio)
	}
	for _, bad := range []map[string]float64{{"variance": 0}, {"wordvariance": -1}, {"words": -1}} {
		if _, err := New(Config{Filters: []FilterConfig{{Name: "partial", Params: bad}}}, nil, nil); err == nil {
			t.Errorf("partial %v: no error", bad)
		}
	}
}

func TestMeasuresAgreeWithVerdicts(t *testing.T) {
	pairs := []Pair{
		{Src: "This year, for the first time, libraries in every district took part.", Tgt: "В этом году впервые в нём участвовали библиотеки всех районов, а читатели младших классов представили собственные книги о своём городе."},
		{Src: "The configuration could not be saved.", Tgt: "Не удалось сохранить конфигурацию."},
		{Src: "Open the file.", Tgt: "Откройте файл. Затем нажмите кнопку «Сохранить» и подождите, пока программа не закончит запись всех данных."},
		{Src: "Error 42 in the module loader", Tgt: "Пожалуйста, подождите окончания загрузки"},
		{Src: "Open the file.", Tgt: "Close the window now."},
		{Src: "git remote add <name> <url>", Tgt: "git remote add <имя> <url>"},
		{Src: "git remote add <name> <url>", Tgt: "git remote add <name> <url> сейчас"},
	}
	c, err := New(Config{SrcLang: "en", TgtLang: "ru", Filters: []FilterConfig{{Name: "ratio"}, {Name: "lang"}, {Name: "partial"}, {Name: "adequacy"}}}, fakeDetector{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]map[string]float64{}
	for _, fc := range c.Filters() {
		params[fc.Name] = fc.Params
	}
	for i := range pairs {
		p := &pairs[i]
		failed := map[string]bool{}
		for _, r := range c.Judge(p).Reasons {
			failed[r] = true
		}
		ms := c.Measures(p)
		if len(ms) == 0 {
			t.Fatalf("pair %d: no measures", i)
		}
		measured := map[string]bool{}
		for _, m := range ms {
			measured[m.Filter] = true
			th := params[m.Filter][m.Param]
			fails := m.Value < th
			if m.RejectAbove {
				fails = m.Value > th
			}
			if math.IsNaN(m.Value) || fails != failed[m.Filter] {
				t.Errorf("pair %d: %s %s=%g against %g says fail=%v, verdict %v", i, m.Filter, m.Param, m.Value, th, fails, failed[m.Filter])
			}
		}
		for f := range failed {
			if !measured[f] {
				t.Errorf("pair %d fails %s without a measure", i, f)
			}
		}
	}
}
