package clean

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// fakeDetector tells English from Russian by the majority script, like
// lang.Detector does for languages of distinct scripts.
type fakeDetector struct{}

func (fakeDetector) Detect(text string) (string, float64) {
	lat, cyr := 0, 0
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			lat++
		}
	}
	switch {
	case lat == 0 && cyr == 0:
		return "", 0
	case cyr > lat:
		return "ru", 1
	}
	return "en", 1
}

// fakeScorer gives every pair the same score, to test the filter's
// plumbing.
type fakeScorer struct{ score float64 }

func (f fakeScorer) PairScore(src, tgt string) float64 { return f.score }

// filterCase is one pair and whether the filter must keep it.
type filterCase struct {
	name     string
	src, tgt string
	keep     bool
}

func runFilterCases(t *testing.T, f Filter, cases []filterCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			detail, ok := f.Check(&Pair{Src: c.src, Tgt: c.tgt})
			if ok != c.keep {
				t.Fatalf("%s.Check(%q, %q) = %q, %v; want keep=%v", f.Name(), c.src, c.tgt, detail, ok, c.keep)
			}
			if !ok && detail == "" {
				t.Fatal("rejected without a detail")
			}
		})
	}
}

// buildFilter builds one filter with default parameters (overridden by
// params) for en→ru.
func buildFilter(t *testing.T, name string, params map[string]float64, scorer PairScorer) Filter {
	t.Helper()
	c, err := New(Config{SrcLang: "en", TgtLang: "ru", Filters: []FilterConfig{{Name: name, Params: params}}}, fakeDetector{}, scorer)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.filters) != 1 {
		t.Fatalf("%d filters built", len(c.filters))
	}
	return c.filters[0]
}

func TestEmptyFilter(t *testing.T) {
	runFilterCases(t, buildFilter(t, "empty", nil, nil), []filterCase{
		{"both sides", "Hello.", "Привет.", true},
		{"empty source", "", "Привет.", false},
		{"blank target", "Hello.", "  ", false},
		{"both empty", "", "", false},
		{"punctuation only is not empty", "…", "…", true},
	})
}

func TestLengthFilter(t *testing.T) {
	long := strings.Repeat("word ", 151)
	runFilterCases(t, buildFilter(t, "length", nil, nil), []filterCase{
		{"normal", "A short sentence.", "Короткое предложение.", true},
		{"150 words", strings.Repeat("w ", 150), strings.Repeat("с ", 150), true},
		{"151 source words", long, "Привет.", false},
		{"151 target words", "Hello.", strings.Repeat("слово ", 151), false},
		{"too many characters", strings.Repeat("x", 1501), "Привет", false},
		{"empty side left to empty", "", "Привет.", true},
	})
	runFilterCases(t, buildFilter(t, "length", map[string]float64{"min": 3, "max": 5}, nil), []filterCase{
		{"too short", "Hi there", "Привет всем вам", false},
		{"in range", "one two three", "раз два три", true},
		{"too long", "one two three four five six", "раз два три", false},
	})
}

func TestRatioFilter(t *testing.T) {
	runFilterCases(t, buildFilter(t, "ratio", nil, nil), []filterCase{
		{"translation", "The file could not be opened.", "Не удалось открыть файл.", true},
		{"short pair not checked", "OK", "Хорошо!", true},
		{"sentence and paragraph", "Open the file.", "Откройте файл. Затем нажмите кнопку «Сохранить» и подождите, пока программа не закончит запись всех данных на диск.", false},
		{"fragment and sentence", "Please restart the computer after the update has been installed completely.", "Перезагрузка", false},
	})
	runFilterCases(t, buildFilter(t, "ratio", map[string]float64{"expected": 4}, nil), []filterCase{
		{"expected ratio given", "Open the file now.", "Откройте файл сейчас. Откройте файл сейчас. Откройте файл сейчас. Откройте файл сейчас.", true},
	})
}

func TestLangFilter(t *testing.T) {
	runFilterCases(t, buildFilter(t, "lang", nil, nil), []filterCase{
		{"right languages", "Open the file.", "Откройте файл.", true},
		{"english on russian side", "Open the file.", "Close the window now.", false},
		{"russian on english side", "Закройте окно сейчас.", "Откройте файл.", false},
		{"commands and identifiers ignored", "git branch [<options>] [-r | -a]", "git branch [<опции>] [-r | -a]", true},
		{"command synopsis: words copied from the other side ignored", "aptitude search pattern1 [ pattern2 ...]", "aptitude search шаблон1 [ шаблон2 ...]", true},
		{"shell line: words copied from the other side ignored", "$ debc package.changes", "$ debc пакет.changes", true},
		{"command line: words copied from the other side ignored", "apt-mark hold package_name", "apt-mark hold имя_пакета", true},
		{"shell line with words of the wrong language", "$ make: builds the program", "$ make: compiles everything in this folder", false},
		{"names kept in Latin", "Windows Media audio", "Аудио Windows Media", true},
		{"too few letters to tell", "OK", "OK", true},
		{"no letters", "12:30", "12:30", true},
	})
}

func TestIdenticalFilter(t *testing.T) {
	runFilterCases(t, buildFilter(t, "identical", nil, nil), []filterCase{
		{"translation", "Open the file.", "Откройте файл.", true},
		{"copy", "Open the file.", "Open the file.", false},
		{"copy with other case and punctuation", "Open the file.", "open the file!", false},
		{"nearly identical", "Open the configuration file now", "Open the configuratian file now", false},
		{"numbers only differ a lot", "Version 1.2", "Version 3.4 beta build", true},
		{"no letters or digits", "...", "...", true},
	})
	runFilterCases(t, buildFilter(t, "identical", map[string]float64{"max": 1}, nil), []filterCase{
		{"exact only: near copy kept", "Open the configuration file now", "Open the configuratian file now", true},
		{"exact only: copy rejected", "Same", "same", false},
	})
}

func TestNumbersFilter(t *testing.T) {
	runFilterCases(t, buildFilter(t, "numbers", nil, nil), []filterCase{
		{"same numbers", "Version 3.5 of 2019", "Версия 3,5 от 2019 года", true},
		{"thousands separators", "1,000 files", "1 000 файлов", true},
		{"changed number", "Wait 15 minutes", "Подождите 25 минут", false},
		{"extra big number", "Released in May", "Выпущено в мае 2019", false},
		{"small number spelt out", "exactly 2 files", "ровно два файла", true},
		{"small numbers swapped", "one of 3", "один из 4", false},
		{"no numbers", "Hello", "Привет", true},
		{"digits in urls ignored", "See http://x.org/2019", "См. http://x.org/2019", true},
		{"footnote mark moved away", "[66] This ensures a clean build.", "Он поможет убедиться в чистоте сборки.", true},
		{"footnote mark moved in", "Use the pbuilder package.", "Используйте пакет pbuilder [66].", true},
		{"footnote mark and a changed number", "[66] Wait 15 minutes.", "Подождите 25 минут.", false},
		{"footnote mark after a word", "It is invoked after resolution[11].", "Он вызывается после разрешения[11].", true},
		{"footnote mark after a word, moved", "It is invoked after resolution[11].", "Он вызывается после разрешения.", true},
		{"long bracketed number is no mark", "Released [2019]", "Выпущено", false},
		{"footnote mark moved to another sentence", "[54] When you upgrade a package, answer the question.", "При обновлении пакета ответьте на вопрос.", true},
		{"footnote mark at the end", "Mark them as conffiles.", "Пометьте их как conffiles [54].", true},
		{"number in brackets that is no footnote mark", "Use a value of [12345]", "Укажите значение [12346]", false},
		{"footnote mark glued to a word, on one side only", "after immediate resolution[11].", "после непосредственного разрешения.", true},
		{"footnote mark glued to words on both sides", "after immediate resolution[11].", "после непосредственного разрешения[11].", true},
		{"numeronym written out", "8.4. Best current practice concerning l10n", "8.4. Лучшие практики, касающиеся локализации", true},
		{"capital numeronym written out", "I18n support in the installer.", "Поддержка интернационализации в программе установки.", true},
		{"numeronym in a list name", "Ask on debian-l10n-russian.", "Спросите в списке рассылки по локализации.", true},
		{"numeronym with a long number is a number", "Ask about l10n.", "Спросите про l5578n.", false},
		{"digits in a name are numbers", "Check the md5sum file.", "Проверьте файл md6sum.", false},
		{"digits after two letters are numbers", "ip2k relaxer", "ip765k relaxer", false},
		{"leading zero", "released on 09 March, 1999", "выпущен 9 марта 1999 года", true},
		{"clock time", "Around 08:00 CET", "около 8 часов утра", true},
		{"date formats", "A man was born on 1974-04-17.", "Человек родился 17.04.1974.", true},
		{"date formats, another day", "A man was born on 1974-04-17.", "Человек родился 18.04.1974.", false},
		{"argument list after a fraction", "=CEILING.XCL(3.45,2) returns 4.", "=ОКРВВЕРХ.XCL(3,45; 2) возвращает значение 4.", true},
		{"list of numbers", "The series 1,3,5 is completed with 7", "Ряд 1, 3, 5 дополняется значением 7", true},
		{"version", "MariaDB 10.0.16", "MariaDB 10.0.16", true},
		{"version differs", "GNOME 3.14", "GNOME 3.4", false},
		{"spelt-out number", "more than one thousand and thirty developers", "более чем 1030 разработчиками", true},
		{"spelt-out number, other value", "more than one thousand and thirty developers", "более чем 1040 разработчиками", false},
		{"Russian spelt-out ordinal", "at the 12th DebConf", "на двенадцатой конференции DebConf", true},
		{"Russian ordinal, other value", "at the 12th DebConf", "на десятой конференции DebConf", false},
		{"English spelt-out big number", "over twenty-five thousand packages", "более 25000 пакетов", true},
		{"Russian spelt-out cardinal", "in 45 countries", "в сорока пяти странах", true},
		{"a thousandth is no thousand", "a step of 0.001", "шаг 1", false},
		{"a fraction is no thousands group", "0.015 s", "1,5 с", false},
		{"small number also in a version", "Version 1.2.3 fixes a couple of bugs.", "Версия 1.2.3 исправляет 2 ошибки.", true},
		{"small number also in a version, other side", "Version 1.2.3 fixes 2 bugs.", "Версия 1.2.3 исправляет пару ошибок.", true},
		{"version missing, a number spelt out", "Upgrade to 1.2.3 in 2 steps.", "Обновитесь в два шага.", false},
		{"scale word and digits", "The budget is 1.5 million dollars.", "Бюджет составляет полтора миллиона долларов.", true},
		{"scale word and digits, Russian", "The budget is one and a half million dollars.", "Бюджет составляет 1,5 млн долларов.", true},
		{"thousands written out", "twenty-five thousand packages", "25 тыс. пакетов", true},
		{"thousands written out, in digits", "twenty-five thousand packages", "25 000 пакетов", true},
		{"thousands written out, other number", "twenty-five thousand packages", "26 тыс. пакетов", false},
		{"no scale word after the digits", "twenty-five thousand packages", "25 пакетов", false},
		{"another scale word after the digits", "twenty-five thousand packages", "25 млн пакетов", false},
		{"date with the month's name", "Released on January 2, 2001.", "Выпущен 02.01.2001.", true},
		{"date with the month's name, Russian", "Released on 02.01.2001.", "Выпущен 2 января 2001 г.", true},
		{"date with another month's name", "Released on 02.01.2001.", "Выпущен 2 февраля 2001 г.", false},
		{"month's name is no other number", "Released in December.", "Выпущено 12 пакетов.", false},
		{"month's name and a date's other group", "Released on 10.12.2001.", "Выпущен 12 октября.", false},
		{"small groups of a date missing", "Released on 1.2.2001.", "Выпущен в 2001 году.", false},
		{"numbers side by side", "Windows 7 64-bit", "Windows 7, 64-разрядная", true},
	})
}

func TestNumbersRuns(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"1,000 files", []string{"1000"}},
		{"1 000 000 rows", []string{"1000000"}},
		{"1.000.000", []string{"1000000"}},
		{"1,000,000.50", []string{"100000050"}},
		{"1 000 000,50", []string{"100000050"}},
		{"3.5 and 3,5", []string{"35", "35"}},
		{"0.5", []string{"05"}},
		{"24.12.2001", []string{"24", "12", "2001"}},
		{"2001-12-24", []string{"2001", "12", "24"}},
		{"192.168.1.10", []string{"192", "168", "1", "10"}},
		{"3.45,2", []string{"345", "2"}},
		{"1,000 2,000", []string{"1000", "2000"}},
		{"007 and 0", []string{"7", "0"}},
		{"08:00", []string{"8", "0"}},
		{"0.001 and 0,500", []string{"0001", "0500"}},
		{"0.001.002", []string{"0", "1", "2"}},
		{"Windows 7 64 bit", []string{"7", "64"}},
		{"7 64.5", []string{"7", "645"}},
		{"1 2 3", []string{"1", "2", "3"}},
		{"10 000 and 10\u00a0000", []string{"10000", "10000"}},
	} {
		if got := numbers(c.in); !slices.Equal(got, c.want) {
			t.Errorf("numbers(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSpelledNumbers(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"one thousand and thirty developers", []string{"1030"}},
		{"twenty-first century", []string{"21"}},
		{"three hundred and five", []string{"305"}},
		{"two and a half", []string{"25"}},
		{"one and a half million", []string{"1500000"}},
		{"два с половиной раза", []string{"25"}},
		{"в полтора раза", []string{"15"}},
		{"полторы тысячи строк", []string{"1500"}},
		{"около полутора миллионов", []string{"1500000"}},
		{"полтораста", []string{"150"}},
		{"a hundred", []string{"100"}},
		{"nineteen hundred and ninety-nine", []string{"1999"}},
		{"two hundredth", []string{"200"}},
		{"one, two, three", []string{"1", "2", "3"}},
		{"chapters ten, eleven and twelve", []string{"10", "11", "12"}},
		{"one and two", []string{"1", "2"}},
		{"the first one", []string{"1", "1"}},
		{"one second", []string{"1", "2"}},
		{"the first two", []string{"1", "2"}},
		{"twenty one two", []string{"21", "2"}},
		{"ten five", []string{"10", "5"}},
		{"zero one", []string{"0", "1"}},
		{"one hundred thousand", []string{"100000"}},
		{"thousand million", []string{"1000", "1000000"}},
		{"hundred hundred", []string{"100", "100"}},
		{"nine hundred hundred billion billion", []string{"900", "100000000000", "1000000000"}},
		{"двадцать первого", []string{"21"}},
		{"двадцать, первого", []string{"20", "1"}},
		{"пятьюстами", []string{"500"}},
		{"с девятьюстами", []string{"900"}},
		{"двухсотый", []string{"200"}},
		{"трёхсотого", []string{"300"}},
		{"трехсотого", []string{"300"}},
		{"девятисотом", []string{"900"}},
		{"тысяча девятьсот девяностого года", []string{"1990"}},
		{"сороковой", []string{"40"}},
		{"девяностых", []string{"90"}},
		{"сотый", []string{"100"}},
		{"тысячный", []string{"1000"}},
		{"миллионного", []string{"1000000"}},
		{"трёх тысяч", []string{"3000"}},
		{"четвертой", []string{"4"}},
		{"с тысячью строк", []string{"1000"}},
		{"в двухтысячном году", []string{"2000"}},
		{"трехтысячный", []string{"3000"}},
		{"стотысячного", []string{"100000"}},
		{"January 2, 2001", []string{"1"}},
		{"1,5 млн и 25 тыс.", []string{"1000000", "1000"}},
		{"2 января 2001 г.", []string{"1"}},
		{"двадцать января", []string{"20", "1"}},
		{"you may use sep", nil},
		{"the 10th, the tenth", []string{"10"}},
		{"на двенадцатой конференции", []string{"12"}},
		{"сто двадцать пятый", []string{"125"}},
		{"две тысячи семнадцатого года", []string{"2017"}},
		{"в трёхстах метрах", []string{"300"}},
		{"третьей", []string{"3"}},
		{"no numerals here", nil},
	} {
		if got := spelledNumbers(c.in); !slices.Equal(got, c.want) {
			t.Errorf("spelledNumbers(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSharedSectionNumber(t *testing.T) {
	for _, c := range []struct {
		src, tgt string
		want     bool
	}{
		{"9.3. Skipped uploads", "9.3. Пропущенные отправки", true},
		{"2.1. Getting started¶", "2.1. Приступаем к работе¶", true},
		{"A.1. Files", "A.1. Файлы", true},
		{"6.8.7. Make packages", "6.8.7. Делаем пакеты", true},
		{"3. Theory of operations", "3. Основные понятия", false},
		{"9.3. Skipped uploads", "9.4. Пропущенные отправки", false},
		{"9.3. Skipped uploads", "9.3.1. Пропущенные отправки", false},
		{"Skipped uploads 9.3.", "Пропущенные отправки 9.3.", false},
		{"9.3.", "9.3.", false},
		{"", "", false},
	} {
		if got := sharedSectionNumber(c.src, c.tgt); got != c.want {
			t.Errorf("sharedSectionNumber(%q, %q) = %v, want %v", c.src, c.tgt, got, c.want)
		}
	}
}

func TestNumbersNumeronyms(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"i18n and l10n", nil},
		{"a11y, k8s.", nil},
		{"I18n's scope", nil},
		{"l10n-team", nil},
		{"l5578n", []string{"5578"}},
		{"md5sum", []string{"5"}},
		{"x86_64", []string{"86", "64"}},
		{"zve64d", []string{"64"}},
		{"i18nx", []string{"18"}},
		{"version 2 of l10n", []string{"2"}},
		{"l10n 3", []string{"3"}},
	} {
		if got := numbers(c.in); !slices.Equal(got, c.want) {
			t.Errorf("numbers(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestURLsFilter(t *testing.T) {
	runFilterCases(t, buildFilter(t, "urls", nil, nil), []filterCase{
		{"same url", "See https://www.gnu.org/help/.", "См. http://gnu.org/help", true},
		{"url missing", "See https://gnu.org/help", "См. справку", false},
		{"url added", "See the help", "См. справку: https://example.org", false},
		{"email differs", "Mail bugs@gnu.org", "Пишите bugs@example.com", false},
		{"same email", "Mail bugs@gnu.org.", "Пишите на bugs@gnu.org", true},
		{"no urls", "Hello.", "Привет.", true},
		{"placeholder in the path translated", "See https://bugs.debian.org/packagename.", "См. https://bugs.debian.org/имя-пакета.", true},
		{"placeholder translated, another host", "See https://bugs.debian.org/packagename.", "См. https://bugs.example.org/имя-пакета.", false},
		{"another path in Latin letters", "See https://bugs.debian.org/packagename.", "См. https://bugs.debian.org/other.", false},
		{"host alone, path dropped", "See https://bugs.debian.org/packagename.", "См. https://bugs.debian.org.", false},
		{"local part of an address translated", "Write to package@packages.qa.debian.org.", "Пишите на пакет@packages.qa.debian.org.", true},
		{"local part dropped", "Write to package@packages.qa.debian.org.", "Пишите на packages.qa.debian.org.", false},
		{"local part translated, another domain", "Write to package@packages.qa.debian.org.", "Пишите на пакет@lists.debian.org.", false},
		{"ftp placeholder translated", "Get ftp://ftp.debian.org/debian/pool/file.", "Скачайте ftp://ftp.debian.org/debian/pool/файл.", true},
		{"ftp, another host", "Get ftp://ftp.debian.org/debian/pool.", "Скачайте ftp://зеркало.example.org/debian/пул.", false},
	})
}

func TestLettersFilter(t *testing.T) {
	runFilterCases(t, buildFilter(t, "letters", nil, nil), []filterCase{
		{"text", "Open the file.", "Откройте файл.", true},
		{"junk source", "12:30 | 45.6 % — 78/90", "Откройте файл.", false},
		{"junk target", "Open the file.", "★★★★☆ (4,5) 12:30", false},
		{"wrong script target", "Open the file.", "Open the file please now", false},
		{"command line with a translated word", "cd [-L|[-P]] [dir]", "cd [-L|[-P]] [каталог]", true},
		{"numbered heading", "6.6.3.1. Type", "6.6.3.1. Тип", true},
		{"numbered heading with a letter", "A.1. Files", "A.1. Файлы", true},
		{"numbered heading, numbers differ", "6.6.3.1. Type", "6.6.3.2. Тип", false},
		{"section number alone", "6.6.3.1.", "6.6.3.1.", false},
		{"junk after a section number", "2.1. 12:30 | 45.6", "2.1. 12:30 | 45.6 ф", false},
		{"formula and its translation", "=NOMINAL(13.5%;12) = 12.73%.", "=НОМИНАЛ(13,5%; 12) = 12,73%.", true},
		{"list of years and its translation", "Copyright © 2006, 2007, 2008, 2009, 2010 Roland Mas", "Авторские права © 2006, 2007, 2008, 2009, 2010 Roland Mas", true},
		{"formula, another number", "=NOMINAL(13.5%;12) = 12.73%.", "=НОМИНАЛ(13,5%; 12) = 12,74%.", false},
		{"junk against a formula", "=NOMINAL(13.5%;12) = 12.73%.", "12:30 | 45.6 $12", false},
	})
}

func TestTokenFilter(t *testing.T) {
	runFilterCases(t, buildFilter(t, "token", nil, nil), []filterCase{
		{"normal", "Open the file.", "Откройте файл.", true},
		{"base64 blob", "Key: " + strings.Repeat("QUJD", 15), "Ключ", false},
		{"glued words", "Open", "Откройте" + strings.Repeat("файл", 12), false},
		{"long url allowed", "See https://example.org/" + strings.Repeat("a", 80), "См.", true},
		{"long path allowed", "/usr/share/" + strings.Repeat("b", 60), "путь", true},
		{"long name on both sides", "Option: Aptitude::ProblemResolver::UndoFullReplacementScore", "Опция: Aptitude::ProblemResolver::UndoFullReplacementScore", true},
		{"long name on both sides, other punctuation", "See debian/patches/kubuntu_02_program_description.diff.", "См. debian/patches/kubuntu_02_program_description.diff, там.", true},
		{"long name changed on the other side", "Default: filter(missing),status,section(subdirs,passthrough)", "По-умолчанию: filter(missing),status,section(subdirs)", false},
		{"the same blob, glued to a word on one side", "Key " + strings.Repeat("QUJD", 15), "Ключ " + strings.Repeat("QUJD", 15) + "ключ", false},
		{"a rule of dashes on one side", "Results " + strings.Repeat("-", 60), "Результаты", false},
		{"a rule of underscores on one side", "Результаты", "Results " + strings.Repeat("_", 60), false},
	})
	runFilterCases(t, buildFilter(t, "token", map[string]float64{"max": 5}, nil), []filterCase{
		{"max 5", "Opening", "Файл", false},
	})
}

func TestMarkupFilter(t *testing.T) {
	runFilterCases(t, buildFilter(t, "markup", nil, nil), []filterCase{
		{"plain", "Open the file.", "Откройте файл.", true},
		{"inline tags on both sides", "<b>Note:</b> %s", "<b>Примечание:</b> %s", true},
		{"inline tag on one side", "<i>Note</i>", "Примечание", false},
		{"tag with attributes", `<span class="x">Open</span>`, `<span class="x">Открыть</span>`, false},
		{"block element", "Open<br>", "Открыть<br>", false},
		{"leftover entity", "Open&nbsp;now", "Открыть&nbsp;сейчас", false},
		{"escape entity on both sides", "escape & as &amp;", "экранируйте & как &amp;", true},
		{"placeholder not a tag", "<name> is both", "<имя> принадлежит", true},
		{"angle url not a tag", "<http://www.gnu.org/>", "<http://www.gnu.org/>", true},
		{"comparison not a tag", "a < b and c > d", "a < b и c > d", true},
	})
}

func TestAdequacyFilter(t *testing.T) {
	runFilterCases(t, buildFilter(t, "adequacy", nil, fakeScorer{score: -20}), []filterCase{
		{"low score", "Open the file now please", "Закройте окно", false},
		{"empty side not scored", "", "Закройте окно", true},
	})
	runFilterCases(t, buildFilter(t, "adequacy", nil, fakeScorer{score: 1}), []filterCase{
		{"high score", "Open the file.", "Откройте файл.", true},
	})
}

// TestAdequacyPairScorer checks that a Pair's own Scorer replaces the
// filter's, either way.
func TestAdequacyPairScorer(t *testing.T) {
	for _, c := range []struct {
		name         string
		filter, pair PairScorer
		keep         bool
	}{
		{"pair scorer keeps", fakeScorer{score: -20}, fakeScorer{score: 1}, true},
		{"pair scorer rejects", fakeScorer{score: 1}, fakeScorer{score: -20}, false},
		{"no pair scorer", fakeScorer{score: -20}, nil, false},
	} {
		f := buildFilter(t, "adequacy", nil, c.filter)
		if _, ok := f.Check(&Pair{Src: "Open the file now please", Tgt: "Закройте окно", Scorer: c.pair}); ok != c.keep {
			t.Errorf("%s: kept %v, want %v", c.name, ok, c.keep)
		}
	}
}

func TestAdequacyWithAlignScorer(t *testing.T) {
	// nil scorer: the context-free align.Scorer
	f := buildFilter(t, "adequacy", nil, nil)
	runFilterCases(t, f, []filterCase{
		{"numbers and placeholders agree", "Error %d in file %s at line 42", "Ошибка %d в файле %s в строке 42", true},
		{"nothing agrees", "Error %d in file %s at line 42 (code 7731)", "Пожалуйста, подождите: {0} — http://example.org/ru 9918 <b>", false},
	})
}

func TestJudgeGivesAllReasons(t *testing.T) {
	c, err := New(Config{SrcLang: "en", TgtLang: "ru"}, fakeDetector{}, fakeScorer{score: 0})
	if err != nil {
		t.Fatal(err)
	}
	v := c.Judge(&Pair{Src: "Open the file at https://example.org 2019", Tgt: "Open the file at https://example.org 2019"})
	// the copied words do not count for lang: an untranslated copy is
	// identical's (and letters': no Cyrillic on the Russian side)
	want := []string{"identical", "letters"}
	if strings.Join(v.Reasons, ",") != strings.Join(want, ",") || len(v.Details) != len(v.Reasons) {
		t.Fatalf("reasons %q (details %q), want %q", v.Reasons, v.Details, want)
	}
	if got := c.Check(&Pair{Src: "Open the file.", Tgt: "Откройте файл."}); len(got) != 0 {
		t.Fatalf("clean pair rejected: %q", got)
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		det  LangDetector
	}{
		{"lang without detector", Config{SrcLang: "en", TgtLang: "ru", Filters: []FilterConfig{{Name: "lang"}}}, nil},
		{"lang without languages", Config{Filters: []FilterConfig{{Name: "lang"}}}, fakeDetector{}},
		{"unknown filter", Config{Filters: []FilterConfig{{Name: "nope"}}}, nil},
		{"unknown parameter", Config{Filters: []FilterConfig{{Name: "length", Params: map[string]float64{"maxx": 1}}}}, nil},
		{"min above max", Config{Filters: []FilterConfig{{Name: "length", Params: map[string]float64{"min": 9, "max": 3}}}}, nil},
		{"ratio below 1", Config{Filters: []FilterConfig{{Name: "ratio", Params: map[string]float64{"max": 0.5}}}}, nil},
		{"twice", Config{Filters: []FilterConfig{{Name: "empty"}, {Name: "empty"}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.cfg, tt.det, nil); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

func TestExpectedRatio(t *testing.T) {
	if r := ExpectedRatio("en", "ru"); r != 1.15 {
		t.Errorf("en→ru %v", r)
	}
	if r := ExpectedRatio("ru", "en"); r < 0.86 || r > 0.87 {
		t.Errorf("ru→en %v", r)
	}
	if r := ExpectedRatio("en", "xx"); r != 1 {
		t.Errorf("unknown %v", r)
	}
}

func TestFastPathsAgreeWithUnicode(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if isLetter(r) != unicode.IsLetter(r) || isSpace(r) != unicode.IsSpace(r) || isDigit(r) != unicode.IsDigit(r) || toLower(r) != unicode.ToLower(r) {
			t.Fatalf("fast path disagrees with unicode on U+%04X", r)
		}
	}
}

func FuzzJudge(f *testing.F) {
	for _, p := range benchPairs {
		f.Add(p.Src, p.Tgt)
	}
	f.Add("<a href='x'>&#x;&amp", "<b><</b>&nbsp")
	f.Add("http://", "www.@x.y 1,,2 3 . 4")
	f.Add("one thousand and thirty, 1,000.5 and 24.12.2001", "тысяча тридцать, 1 000,5 и 2001-12-24")
	fc, err := ParseFilters("all")
	if err != nil {
		f.Fatal(err)
	}
	c, err := New(Config{SrcLang: "en", TgtLang: "ru", Filters: fc}, fakeDetector{}, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src, tgt string) {
		p := &Pair{Src: src, Tgt: tgt}
		a, b := c.Judge(p), c.Judge(p)
		if strings.Join(a.Reasons, ",") != strings.Join(b.Reasons, ",") || len(a.Reasons) != len(a.Details) {
			t.Fatalf("Judge not deterministic or reasons without details: %+v %+v", a, b)
		}
	})
}

func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"1,000.5 and 3.45,2", "24.12.2001 08:00 [12] l10n", "one thousand and thirty",
		"двести сорок пятой", "Version 1.2.3 and 2 два", "two and a half 2,5 полторы тысячи 1500", "twenty-five thousand 25 тыс. 1,5 млн", "hundred hundred hundred hundred hundred hundred hundred hundred hundred hundred"} {
		f.Add(s)
	}
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return s != ""
	}
	f.Fuzz(func(t *testing.T, s string) {
		nums, parts := numberParts(s)
		for _, n := range nums {
			if !digits(n) {
				t.Fatalf("numbers(%q) holds %q", s, n)
			}
		}
		for _, p := range parts {
			if !slices.Contains(nums, p) {
				t.Fatalf("numberParts(%q): part %q not among %q", s, p, nums)
			}
		}
		for _, n := range spelledNumbers(s) {
			if !digits(n) {
				t.Fatalf("spelledNumbers(%q) holds %q", s, n)
			}
		}
		// the filter judges both ways alike
		src, tgt := s[:len(s)/2], s[len(s)/2:]
		f := numbersFilter{small: 10}
		_, ab := f.Check(&Pair{Src: src, Tgt: tgt})
		_, ba := f.Check(&Pair{Src: tgt, Tgt: src})
		if ab != ba {
			t.Fatalf("numbers filter not symmetric on %q / %q", src, tgt)
		}
	})
}
