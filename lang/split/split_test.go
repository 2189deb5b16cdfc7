package split

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode"
)

type splitCase struct {
	name string
	in   string
	want []string
}

func runCases(t *testing.T, lang string, cases []splitCase) {
	t.Helper()
	s := New(lang)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := s.Split(c.in)
			checkInvariants(t, c.in, got)
			var texts []string
			for _, st := range got {
				texts = append(texts, st.Text)
			}
			if !reflect.DeepEqual(texts, c.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", c.in, texts, c.want)
			}
		})
	}
}

// checkInvariants checks that the sentences are in order, in bounds,
// trimmed, equal to their input slice, and that everything between them is
// white space.
func checkInvariants(t *testing.T, in string, got []Sentence) {
	t.Helper()
	prev := 0
	for k, s := range got {
		if s.Start < prev || s.End <= s.Start || s.End > len(in) {
			t.Fatalf("sentence %d: bad offsets [%d,%d) after %d (len %d)", k, s.Start, s.End, prev, len(in))
		}
		if in[s.Start:s.End] != s.Text {
			t.Fatalf("sentence %d: Text %q != input[%d:%d] %q", k, s.Text, s.Start, s.End, in[s.Start:s.End])
		}
		if strings.TrimSpace(s.Text) != s.Text {
			t.Fatalf("sentence %d: %q not trimmed", k, s.Text)
		}
		if gap := in[prev:s.Start]; strings.TrimFunc(gap, unicode.IsSpace) != "" {
			t.Fatalf("sentence %d: non-space gap %q before it", k, gap)
		}
		prev = s.End
	}
	if gap := in[prev:]; strings.TrimFunc(gap, unicode.IsSpace) != "" {
		t.Fatalf("non-space tail %q after the last sentence", gap)
	}
}

func TestSplitEnglish(t *testing.T) {
	runCases(t, "en", []splitCase{
		// basic end marks
		{"period", "The sun rose. Birds sang.", []string{"The sun rose.", "Birds sang."}},
		{"question", "Where were you? We waited.", []string{"Where were you?", "We waited."}},
		{"exclamation", "Stop! Turn around.", []string{"Stop!", "Turn around."}},
		{"double punctuation", "Really?! No way.", []string{"Really?!", "No way."}},
		{"exclamation in name", "He trades at Jumbo! on weekdays.", []string{"He trades at Jumbo! on weekdays."}},
		{"single sentence no stop", "A title without a stop", []string{"A title without a stop"}},
		{"empty", "", nil},
		{"only space", " \n\t ", nil},
		// abbreviations: titles
		{"title Mr", "Mr. Brown sold the farm. He moved away.", []string{"Mr. Brown sold the farm.", "He moved away."}},
		{"title Dr before name", "We met Dr. Owens today.", []string{"We met Dr. Owens today."}},
		{"title Prof", "Ask Prof. Lee about it.", []string{"Ask Prof. Lee about it."}},
		{"title after abbreviation ends", "It started at 6 P.M. Mr. Gray then left.", []string{"It started at 6 P.M.", "Mr. Gray then left."}},
		{"adverbial opener", "At 7 a.m. Mr. Gray left the house.", []string{"At 7 a.m. Mr. Gray left the house."}},
		// abbreviations: numeric
		{"page", "See p. 12 for details.", []string{"See p. 12 for details."}},
		{"number sign", "He lives at No. 7 Elm Road.", []string{"He lives at No. 7 Elm Road."}},
		{"article", "Under Art. 5 the seller pays. The buyer does not.", []string{"Under Art. 5 the seller pays.", "The buyer does not."}},
		{"figure", "Compare Fig. 3 with the table.", []string{"Compare Fig. 3 with the table."}},
		// abbreviations: others
		{"etc end", "We bought eggs, milk, etc. Then we went home.", []string{"We bought eggs, milk, etc.", "Then we went home."}},
		{"etc middle", "We bought eggs, milk, etc. and went home.", []string{"We bought eggs, milk, etc. and went home."}},
		{"eg", "Some birds, e.g. crows, are clever.", []string{"Some birds, e.g. crows, are clever."}},
		{"ie", "The fee, i.e. the price, rose.", []string{"The fee, i.e. the price, rose."}},
		{"inc end", "She works for Zenith Inc. It makes pumps.", []string{"She works for Zenith Inc.", "It makes pumps."}},
		{"inc middle", "Zenith Inc. makes pumps.", []string{"Zenith Inc. makes pumps."}},
		{"US end", "They moved to the U.S. How strange.", []string{"They moved to the U.S.", "How strange."}},
		{"US before name", "The U.S. Navy sailed.", []string{"The U.S. Navy sailed."}},
		{"month", "It opened on Jan. 5 this year.", []string{"It opened on Jan. 5 this year."}},
		{"state", "BOSTON, Mass. (AP) The fog lifted.", []string{"BOSTON, Mass. (AP) The fog lifted."}},
		{"state word", "It gained mass. Scientists were surprised.", []string{"It gained mass.", "Scientists were surprised."}},
		{"versus", "The case Brown v. Board changed schools.", []string{"The case Brown v. Board changed schools."}},
		{"et al", "Jones et al. reported it. The data agree.", []string{"Jones et al. reported it.", "The data agree."}},
		{"possessive", "That is Ed Jr.'s car.", []string{"That is Ed Jr.'s car."}},
		// initials
		{"initial", "The poet T. S. Eliot wrote it.", []string{"The poet T. S. Eliot wrote it."}},
		{"three initials", "J. R. R. Tolkien wrote it.", []string{"J. R. R. Tolkien wrote it."}},
		{"initials glued", "J.R.R. Tolkien wrote it.", []string{"J.R.R. Tolkien wrote it."}},
		{"pronoun I ends", "He came with Anna and I. Did you know?", []string{"He came with Anna and I.", "Did you know?"}},
		// numbers, dates, times
		{"decimal", "It costs 1.5 dollars.", []string{"It costs 1.5 dollars."}},
		{"money end", "It costs $40.00. We paid.", []string{"It costs $40.00.", "We paid."}},
		{"date time", "The train left on 24.11.2026 15:39 sharp.", []string{"The train left on 24.11.2026 15:39 sharp."}},
		{"version", "Install version 2.4.1 first.", []string{"Install version 2.4.1 first."}},
		{"number end then digit", "The vote was 7 to 2. 5 members were absent.", []string{"The vote was 7 to 2.", "5 members were absent."}},
		// ellipses
		{"ellipsis capital", "I waited... Nobody came.", []string{"I waited...", "Nobody came."}},
		{"ellipsis lower", "I waited... and waited.", []string{"I waited... and waited."}},
		{"unicode ellipsis", "I waited… Nobody came.", []string{"I waited…", "Nobody came."}},
		{"spaced ellipsis mid", "It was . . . strange. Then rain.", []string{"It was . . . strange.", "Then rain."}},
		{"spaced ellipsis capital", "He paused . . . I spoke.", []string{"He paused . . . I spoke."}},
		{"four dots", "It ended.... Then silence.", []string{"It ended....", "Then silence."}},
		{"bracket ellipsis", "Words [...] Others follow.", []string{"Words [...] Others follow."}},
		// quotes and brackets
		{"quote end", `He said, "Go home." She went.`, []string{`He said, "Go home."`, "She went."}},
		{"quote lower", `"Go home." she said.`, []string{`"Go home." she said.`}},
		{"quote comma", `"Go home," she said. Then she left.`, []string{`"Go home," she said.`, "Then she left."}},
		{"curly quote end", "He said, “Go home.” She went.", []string{"He said, “Go home.”", "She went."}},
		{"single quote", "She said, 'Fine.' he nodded.", []string{"She said, 'Fine.' he nodded."}},
		{"quote with two sentences", `He said: "I stay. You go." Then he sat.`, []string{`He said: "I stay. You go."`, "Then he sat."}},
		{"parenthesis", "He works (He said so. Really.) at the mill.", []string{"He works (He said so. Really.) at the mill."}},
		{"parenthesis end", "He left. (Nobody knew why.) We stayed.", []string{"He left.", "(Nobody knew why.)", "We stayed."}},
		// lists
		{"numbered list", "1. Buy milk 2. Buy bread 3. Go home", []string{"1. Buy milk", "2. Buy bread", "3. Go home"}},
		{"paren list", "1) Buy milk. 2) Buy bread.", []string{"1) Buy milk.", "2) Buy bread."}},
		{"dot paren list", "1.) Buy milk 2.) Buy bread", []string{"1.) Buy milk", "2.) Buy bread"}},
		{"letter list", "a. Buy milk b. Buy bread", []string{"a. Buy milk", "b. Buy bread"}},
		{"bullets", "• Milk • Bread • Butter", []string{"• Milk", "• Bread", "• Butter"}},
		{"inline numbers no list", "Add 1) salt and 2) pepper.", []string{"Add 1) salt and 2) pepper."}},
		{"list lines", "Steps:\n1. Open the box.\n2. Take the lid off.", []string{"Steps:", "1. Open the box.", "2. Take the lid off."}},
		{"clause numbers", "2.1. The Supplier shall deliver. 2.2. The Buyer shall pay.", []string{"2.1. The Supplier shall deliver.", "2.2. The Buyer shall pay."}},
		{"roman numeral heading", "II. Scope\nThis part applies to all.", []string{"II. Scope", "This part applies to all."}},
		{"number inside sentence", "Growth was 2.1. The economy slowed.", []string{"Growth was 2.1.", "The economy slowed."}},
		// line breaks and headings
		{"blank line", "First part\n\nSecond part", []string{"First part", "Second part"}},
		{"blank line with spaces", "One. Two\n  \t\nThree", []string{"One.", "Two", "Three"}},
		{"heading", "Weather\nIt rained all day.", []string{"Weather", "It rained all day."}},
		{"wrapped line", "It rained all\nday long.", []string{"It rained all\nday long."}},
		{"menu lines", "home\nabout us\ncontact", []string{"home", "about us", "contact"}},
		{"crlf", "Weather\r\nIt rained.\r\n\r\nNext.", []string{"Weather", "It rained.", "Next."}},
		{"abbreviation at line end", "Prices rose in the U.S.\nExports fell.", []string{"Prices rose in the U.S.", "Exports fell."}},
		{"title at line end", "We met Dr.\nOwens there.", []string{"We met Dr.\nOwens there."}},
		{"wrapped after the", "The Supplier shall deliver the\nGoods on time.", []string{"The Supplier shall deliver the\nGoods on time."}},
		{"unit before capital", "The box weighs 5 lbs. Nobody can lift it.", []string{"The box weighs 5 lbs.", "Nobody can lift it."}},
		// URLs and e-mail
		{"url", "Go to https://example.org/a.html. It is new.", []string{"Go to https://example.org/a.html.", "It is new."}},
		{"www", "See www.example.com for more.", []string{"See www.example.com for more."}},
		{"email", "Write to ann.lee@example.com. She answers.", []string{"Write to ann.lee@example.com.", "She answers."}},
		// sentence starts
		{"digit start", "Prices rose again. 40 shops closed.", []string{"Prices rose again.", "40 shops closed."}},
		{"lower start brand", "Sales were weak. iPads sold best.", []string{"Sales were weak.", "iPads sold best."}},
		{"lower start", "It was over. then we left.", []string{"It was over.", "then we left."}},
		{"no space", "It was late.Nobody came.", []string{"It was late.", "Nobody came."}},
		{"no space number", "He paid 2,500.That was all.", []string{"He paid 2,500.", "That was all."}},
		{"no space title", "We saw Mr.Brown there.", []string{"We saw Mr.Brown there."}},
	})
}

func TestSplitRussian(t *testing.T) {
	runCases(t, "ru", []splitCase{
		{"period", "Солнце взошло. Птицы запели.", []string{"Солнце взошло.", "Птицы запели."}},
		{"question", "Где ты был? Мы ждали.", []string{"Где ты был?", "Мы ждали."}},
		{"exclamation", "Стой! Повернись.", []string{"Стой!", "Повернись."}},
		// abbreviations
		{"te", "Это, т.е. главное, решено.", []string{"Это, т.е. главное, решено."}},
		{"td end", "Купили хлеб, молоко и т.д. Потом ушли.", []string{"Купили хлеб, молоко и т.д.", "Потом ушли."}},
		{"t d spaced", "Купили хлеб и т. д. и т. п. на рынке.", []string{"Купили хлеб и т. д. и т. п. на рынке."}},
		{"city", "Он живет в г. Самара с детства.", []string{"Он живет в г. Самара с детства."}},
		{"year end", "Завод построили в 1998 г. Он работает до сих пор.", []string{"Завод построили в 1998 г.", "Он работает до сих пор."}},
		{"years", "В 2001-2003 гг. Иван жил в Туле.", []string{"В 2001-2003 гг. Иван жил в Туле."}},
		{"imeni", "Музей им. Пушкина открыт.", []string{"Музей им. Пушкина открыт."}},
		{"street", "Дом стоит на ул. Ленина у реки.", []string{"Дом стоит на ул. Ленина у реки."}},
		{"prof", "Слово взял проф. Орлов.", []string{"Слово взял проф. Орлов."}},
		{"rubles", "Цена 5 тыс. руб. за штуку.", []string{"Цена 5 тыс. руб. за штуку."}},
		{"unit end", "Выручка составила 5 млн руб. Компания довольна.", []string{"Выручка составила 5 млн руб.", "Компания довольна."}},
		{"unit after unit", "Пришли 10 тыс. чел. Полиция молчит.", []string{"Пришли 10 тыс. чел.", "Полиция молчит."}},
		{"years opener", "В 2010-2012 гг. Виктор жил в Туле.", []string{"В 2010-2012 гг. Виктор жил в Туле."}},
		{"law article", "Согласно ст. 5 ч. 2 закона он прав. Суд согласился.", []string{"Согласно ст. 5 ч. 2 закона он прав.", "Суд согласился."}},
		{"item", "См. п. 3 договора.", []string{"См. п. 3 договора."}},
		{"dollars comma", "Цена 30 долл., но есть скидка.", []string{"Цена 30 долл., но есть скидка."}},
		{"abbreviation then exclamation", "Это стоит 10 у.е.! Дорого.", []string{"Это стоит 10 у.е.!", "Дорого."}},
		// initials
		{"initials spaced", "Поэт А. С. Пушкин родился в Москве.", []string{"Поэт А. С. Пушкин родился в Москве."}},
		{"initials glued", "Л.Н.Толстой жил в Ясной Поляне.", []string{"Л.Н.Толстой жил в Ясной Поляне."}},
		{"initials after name", "Доклад сделал Иванов И. И. вчера.", []string{"Доклад сделал Иванов И. И. вчера."}},
		{"initial comma", "Спросите у Маши К., она знает.", []string{"Спросите у Маши К., она знает."}},
		// numbers, dates, times
		{"date", "Сегодня 24.11.2026 в 15:39 шел снег.", []string{"Сегодня 24.11.2026 в 15:39 шел снег."}},
		{"short date", "Сдать до 20.10 отчет.", []string{"Сдать до 20.10 отчет."}},
		{"decimal end", "Рост составил 2.5. Это много.", []string{"Рост составил 2.5.", "Это много."}},
		{"phone end", "Звоните: +74951234567. Ждем.", []string{"Звоните: +74951234567.", "Ждем."}},
		{"units", "Скорость 100 км/ч. Дальше быстрее.", []string{"Скорость 100 км/ч.", "Дальше быстрее."}},
		// ellipses
		{"ellipsis capital", "Он ушел… А она осталась.", []string{"Он ушел…", "А она осталась."}},
		{"ellipsis lower", "Он ушел… и не вернулся.", []string{"Он ушел… и не вернулся."}},
		// quotes and brackets
		{"guillemets end", "Он сказал: «Иди домой». Она ушла.", []string{"Он сказал: «Иди домой».", "Она ушла."}},
		{"guillemets question period", "Она кричала: «Где мама?». Никто не ответил.", []string{"Она кричала: «Где мама?».", "Никто не ответил."}},
		{"guillemets attribution", "«Я устал», — сказал он.", []string{"«Я устал», — сказал он."}},
		{"guillemets inner sentences", "«Мы готовы. Ждем сигнала», — сообщил он.", []string{"«Мы готовы. Ждем сигнала», — сообщил он."}},
		{"dialogue question", "— Куда ты? — спросил отец.", []string{"— Куда ты? — спросил отец."}},
		{"dialogue new line", "— Домой, — ответила она. — Уже поздно.", []string{"— Домой, — ответила она.", "— Уже поздно."}},
		{"parenthesis", "Он (см. выше) прав.", []string{"Он (см. выше) прав."}},
		// lists
		{"inline list", "Купить: 1) хлеб 2) соль.", []string{"Купить: 1) хлеб 2) соль."}},
		{"glued list", "Список: 1.хлеб, 2.соль.", []string{"Список: 1.хлеб, 2.соль."}},
		{"list", "1. Купить хлеб 2. Купить соль", []string{"1. Купить хлеб", "2. Купить соль"}},
		{"clause numbers", "1.1. Настоящий договор заключен. 1.2. Стороны согласны.", []string{"1.1. Настоящий договор заключен.", "1.2. Стороны согласны."}},
		{"roman numeral", "III. Права сторон\nСтороны вправе.", []string{"III. Права сторон", "Стороны вправе."}},
		// headings and lines
		{"heading", "Экономика\nРост ВВП составил 2%.", []string{"Экономика", "Рост ВВП составил 2%."}},
		{"wrapped", "Рост ВВП составил\nдва процента.", []string{"Рост ВВП составил\nдва процента."}},
		{"abbreviation at line end", "Это было в 2002 г.\nЗавод закрыли.", []string{"Это было в 2002 г.", "Завод закрыли."}},
		{"wrapped after preposition", "Решение принято в соответствии с\nФедеральным законом.", []string{"Решение принято в соответствии с\nФедеральным законом."}},
		{"wrapped after comma", "Иванов, Петров,\nСидоров пришли.", []string{"Иванов, Петров,\nСидоров пришли."}},
		// URLs and e-mail
		{"url", "Сайт www.example.ru. Заходите.", []string{"Сайт www.example.ru.", "Заходите."}},
		{"email", "Пишите на info@example.ru. Ответим.", []string{"Пишите на info@example.ru.", "Ответим."}},
		// sentence starts
		{"digit start", "Цены выросли. 40 магазинов закрылись.", []string{"Цены выросли.", "40 магазинов закрылись."}},
		{"lower start after vowel", "Все кончено. потом мы ушли.", []string{"Все кончено.", "потом мы ушли."}},
		{"lower after truncation", "Это сокр. от слова.", []string{"Это сокр. от слова."}},
		{"no space", "Было поздно.Никто не пришел.", []string{"Было поздно.", "Никто не пришел."}},
	})
}

func TestSplitGeneric(t *testing.T) {
	runCases(t, "de", []splitCase{
		{"quotes", "„Ich komme“, sagte sie. „Und du?“ Wir gingen.", []string{"„Ich komme“, sagte sie.", "„Und du?“", "Wir gingen."}},
		{"ordinal", "Am 12. Juni war es heiß.", []string{"Am 12. Juni war es heiß."}},
		{"ordinal list", "2. Januar bis 3. März geschlossen.", []string{"2. Januar bis 3. März geschlossen."}},
		{"spaced date", "Er kam am 24. 11. 2026 an.", []string{"Er kam am 24. 11. 2026 an."}},
		{"z B", "Obst, z. B. Äpfel, ist gesund.", []string{"Obst, z. B. Äpfel, ist gesund."}},
		{"big number", "Wir haben 1.000.000 Euro. Das reicht.", []string{"Wir haben 1.000.000 Euro.", "Das reicht."}},
	})
	runCases(t, "es", []splitCase{
		{"inverted marks", "¿Vienes? ¡Claro! Vamos.", []string{"¿Vienes?", "¡Claro!", "Vamos."}},
		{"title", "Hola Sra. Gómez. Buenos días.", []string{"Hola Sra. Gómez.", "Buenos días."}},
		{"numeric abbreviation", "Lea el art. 4 del código.", []string{"Lea el art. 4 del código."}},
	})
	runCases(t, "tr", []splitCase{
		{"unknown language", "Bugün hava güzel. Dışarı çıktık! Sen geldin mi?", []string{"Bugün hava güzel.", "Dışarı çıktık!", "Sen geldin mi?"}},
		{"conservative lower", "Bu bir test. ve devam.", []string{"Bu bir test. ve devam."}},
		{"conservative digit", "Bkz. 5 sayfa.", []string{"Bkz. 5 sayfa."}},
		{"clause number", "Bu madde geçerlidir. 1.2. Taraflar kabul eder.", []string{"Bu madde geçerlidir.", "1.2. Taraflar kabul eder."}},
		{"initial", "Yazar A. Kaya geldi.", []string{"Yazar A. Kaya geldi."}},
	})
	runCases(t, "zh", []splitCase{
		{"cjk", "今天天气很好。我们出去了！你呢？", []string{"今天天气很好。", "我们出去了！", "你呢？"}},
		{"cjk quote", "他说：“好。”我们走了。", []string{"他说：“好。”", "我们走了。"}},
		{"cjk inside quote", "他说：“好。走吧。”然后走了。", []string{"他说：“好。走吧。”", "然后走了。"}},
		{"cjk spaced", "今天天气很好。 我们出去了！", []string{"今天天气很好。", "我们出去了！"}},
	})
}

func TestNewLang(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"en", "en"}, {"EN", "en"}, {"en-GB", "en"}, {"ru_RU", "ru"}, {"rus", "ru"}, {"", ""}, {"xx", "xx"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := New(c.in).Lang(); got != c.want {
				t.Errorf("New(%q).Lang() = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestDataFiles(t *testing.T) {
	names, err := dataFS.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range names {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			b, err := dataFS.ReadFile("data/" + e.Name())
			if err != nil {
				t.Fatal(err)
			}
			section := ""
			for n, line := range strings.Split(string(b), "\n") {
				line = strings.TrimSpace(line)
				switch {
				case line == "" || strings.HasPrefix(line, "#"):
				case strings.HasPrefix(line, "["):
					section = line
					if newRules("").section(strings.Trim(line, "[]")) == nil {
						t.Errorf("line %d: unknown section %s", n+1, line)
					}
				case section == "":
					t.Errorf("line %d: entry %q before any section", n+1, line)
				case strings.HasSuffix(line, ".") || section != "[cased]" && strings.ToLower(line) != line:
					t.Errorf("line %d: entry %q must be lower case without a final period", n+1, line)
				}
			}
		})
	}
	for _, lang := range []string{"en", "ru"} {
		r := newRules(lang)
		if len(r.titles) == 0 || len(r.numeric) == 0 || len(r.abbrevs) == 0 || len(r.starters) == 0 || len(r.prepositions) == 0 {
			t.Errorf("%s: a section is empty", lang)
		}
	}
}

func TestConcurrentDeterministic(t *testing.T) {
	text := "Mr. Smith left at 5 p.m. He came back. «Да», — сказал он.\n\nNew paragraph... Yes!"
	s := New("en")
	want := s.Split(text)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				if got := s.Split(text); !reflect.DeepEqual(got, want) {
					errs <- "different result"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

func TestAppendSplitReuses(t *testing.T) {
	s := New("en")
	buf := make([]Sentence, 0, 8)
	got := s.AppendSplit(buf[:0], "One. Two.")
	if len(got) != 2 || &got[0] != &buf[:1][0] {
		t.Fatalf("AppendSplit did not reuse dst: %v", got)
	}
}
