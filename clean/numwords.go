package clean

import (
	"strconv"
	"strings"
)

// Numbers written out in words, English and Russian. A translator writes
// "ten" for "10", "1030" for "one thousand and thirty", "на десятой
// конференции" for "at the 10th conference"; the numbers filter forgives a
// number on one side that the other side spells out. The tables are the
// languages' numerals, written here by hand: no word list ships them in a
// form a program can read (hunspell-ru gives stems and affix rules, not
// values).

// numWord is a numeral: its value and how it combines with the next.
type numWord struct {
	value int
	kind  numKind
}

type numKind uint8

const (
	numUnit     numKind = iota // 0-99 and ordinals: added
	numHundred                 // "hundred": multiplies what came before
	numHundreds                // Russian hundreds ("двести"): added
	numScale                   // thousand, million: closes a group
)

var numWords = buildNumWords()

func buildNumWords() map[string]numWord {
	m := map[string]numWord{}
	add := func(v int, k numKind, forms ...string) {
		for _, f := range forms {
			m[f] = numWord{v, k}
		}
	}
	// English cardinals and ordinals.
	en := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	enOrd := []string{"zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"}
	for v := range en {
		add(v, numUnit, en[v], enOrd[v])
	}
	for i, t := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		add(20+10*i, numUnit, t, strings.TrimSuffix(t, "y")+"ieth")
	}
	add(100, numHundred, "hundred", "hundredth")
	add(1000, numScale, "thousand", "thousandth")
	add(1_000_000, numScale, "million", "millionth")
	add(1_000_000_000, numScale, "billion", "billionth")

	// Russian cardinals, every case.
	add(0, numUnit, "ноль", "ноля", "нолю", "нолём", "нолем", "ноле", "нуль", "нуля", "нулю", "нулём", "нулем", "нуле")
	add(1, numUnit, "один", "одна", "одно", "одного", "одному", "одним", "одном", "одной", "одну", "одною")
	add(2, numUnit, "два", "две", "двух", "двум", "двумя")
	add(3, numUnit, "три", "трёх", "трех", "трём", "трем", "тремя")
	add(4, numUnit, "четыре", "четырёх", "четырех", "четырём", "четырем", "четырьмя")
	add(8, numUnit, "восемь", "восьми", "восемью", "восьмью")
	add(40, numUnit, "сорок", "сорока")
	add(90, numUnit, "девяносто", "девяноста")
	add(100, numHundreds, "сто", "ста")
	// numerals declined like "пять": -ь, -и, -ью
	for v, stem := range map[int]string{5: "пят", 6: "шест", 7: "сем", 9: "девят", 10: "десят",
		11: "одиннадцат", 12: "двенадцат", 13: "тринадцат", 14: "четырнадцат", 15: "пятнадцат",
		16: "шестнадцат", 17: "семнадцат", 18: "восемнадцат", 19: "девятнадцат", 20: "двадцат", 30: "тридцат"} {
		add(v, numUnit, stem+"ь", stem+"и", stem+"ью")
	}
	for v, f := range map[int][3]string{50: {"пятьдесят", "пятидесяти", "пятьюдесятью"},
		60: {"шестьдесят", "шестидесяти", "шестьюдесятью"}, 70: {"семьдесят", "семидесяти", "семьюдесятью"},
		80: {"восемьдесят", "восьмидесяти", "восемьюдесятью"}} {
		add(v, numUnit, f[:]...)
	}
	add(200, numHundreds, "двести", "двухсот", "двумстам", "двумястами", "двухстах")
	add(300, numHundreds, "триста", "трёхсот", "трехсот", "трёмстам", "тремстам", "тремястами", "трёхстах", "трехстах")
	add(400, numHundreds, "четыреста", "четырёхсот", "четырехсот", "четырёмстам", "четыремстам", "четырьмястами", "четырёхстах", "четырехстах")
	for v, stem := range map[int][2]string{500: {"пять", "пяти"}, 600: {"шесть", "шести"}, 700: {"семь", "семи"},
		800: {"восемь", "восьми"}, 900: {"девять", "девяти"}} {
		add(v, numHundreds, stem[0]+"сот", stem[1]+"сот", stem[1]+"стам", stem[1]+"стами", stem[1]+"стах")
	}
	for _, e := range []string{"а", "и", "е", "у", "ей", "ею", "", "ам", "ами", "ах"} {
		add(1000, numScale, "тысяч"+e)
	}
	for _, e := range []string{"", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"} {
		add(1_000_000, numScale, "миллион"+e)
		add(1_000_000_000, numScale, "миллиард"+e)
	}
	// Russian ordinals: a stem and an adjective's ending.
	ends := []string{"ый", "ой", "ая", "ое", "ые", "ого", "ому", "ым", "ом", "ую", "ых", "ыми"}
	for v, stem := range map[int]string{1: "перв", 2: "втор", 4: "четвёрт", 5: "пят", 6: "шест", 7: "седьм",
		8: "восьм", 9: "девят", 10: "десят", 11: "одиннадцат", 12: "двенадцат", 13: "тринадцат",
		14: "четырнадцат", 15: "пятнадцат", 16: "шестнадцат", 17: "семнадцат", 18: "восемнадцат",
		19: "девятнадцат", 20: "двадцат", 30: "тридцат", 40: "сороков", 50: "пятидесят", 60: "шестидесят",
		70: "семидесят", 80: "восьмидесят", 90: "девяност", 100: "сот", 1000: "тысячн"} {
		for _, e := range ends {
			add(v, numUnit, stem+e)
			if strings.Contains(stem, "ё") {
				add(v, numUnit, strings.ReplaceAll(stem, "ё", "е")+e)
			}
		}
	}
	add(3, numUnit, "третий", "третья", "третье", "третьи", "третьего", "третьему", "третьим", "третьем",
		"третью", "третьей", "третьих", "третьими")
	return m
}

// spelledNumbers returns the values of the numbers s writes out in words
// (English or Russian, cardinal or ordinal), as decimal strings: "one
// thousand and thirty" gives "1030", "на двенадцатой конференции" "12".
// A run of numerals is one number; "and" inside a run is skipped.
func spelledNumbers(s string) []string {
	var out []string
	total, group, n := 0, 0, 0 // the run so far: closed scales, the open group, numerals read
	flush := func() {
		if n > 0 {
			out = append(out, strconv.Itoa(total+group))
		}
		total, group, n = 0, 0, 0
	}
	pendingAnd := false
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !isLetter(r)
	}) {
		nw, ok := numWords[w]
		if !ok {
			if w == "and" && n > 0 && !pendingAnd {
				pendingAnd = true
				continue
			}
			pendingAnd = false
			flush()
			continue
		}
		pendingAnd = false
		switch nw.kind {
		case numUnit, numHundreds:
			group += nw.value
		case numHundred:
			if group == 0 {
				group = 1
			}
			group *= nw.value
		case numScale:
			if group == 0 {
				group = 1
			}
			total += group * nw.value
			group = 0
		}
		n++
		if total+group > 1e15 { // no number a text writes out: drop the run
			total, group, n = 0, 0, 0
		}
	}
	flush()
	return out
}
