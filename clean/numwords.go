package clean

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Numbers written out in words, English and Russian. A translator writes
// "ten" for "10", "1030" for "one thousand and thirty", "на десятой
// конференции" for "at the 10th conference"; the numbers filter forgives a
// number on one side that the other side spells out. The tables are the
// languages' numerals, the abbreviations тыс, млн and млрд, and the names
// of the months, written here by hand: no word list ships them in a form a
// program can read (hunspell-ru gives stems and affix rules, not values).

// numWord is a numeral: its value, how it combines with the numerals
// around it, and whether it is an ordinal (which ends a number).
type numWord struct {
	value int
	kind  numKind
	ord   bool
}

type numKind uint8

const (
	numUnit       numKind = iota // 0-99: added
	numHundred                   // "hundred": multiplies what came before
	numHundreds                  // Russian hundreds ("двести"): added
	numScale                     // thousand, million: closes a group
	numOneAndHalf                // "полтора": 1.5, alone or before a scale
	numMonth                     // a month's name: its number, alone
)

var numWords = buildNumWords()

func buildNumWords() map[string]numWord {
	m := map[string]numWord{}
	add := func(v int, k numKind, ord bool, forms ...string) {
		for _, f := range forms {
			m[f] = numWord{v, k, ord}
			if strings.Contains(f, "ё") {
				m[strings.ReplaceAll(f, "ё", "е")] = numWord{v, k, ord}
			}
		}
	}
	// English cardinals and ordinals.
	en := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	enOrd := []string{"zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"}
	for v := range en {
		add(v, numUnit, false, en[v])
		add(v, numUnit, true, enOrd[v])
	}
	for i, t := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		add(20+10*i, numUnit, false, t)
		add(20+10*i, numUnit, true, strings.TrimSuffix(t, "y")+"ieth")
	}
	add(100, numHundred, false, "hundred")
	add(100, numHundred, true, "hundredth")
	for v, w := range map[int]string{1000: "thousand", 1_000_000: "million", 1_000_000_000: "billion", 1_000_000_000_000: "trillion"} {
		add(v, numScale, false, w)
		add(v, numScale, true, w+"th")
	}

	// Russian cardinals, every case.
	add(0, numUnit, false, "ноль", "ноля", "нолю", "нолём", "ноле", "нуль", "нуля", "нулю", "нулём", "нуле")
	add(1, numUnit, false, "один", "одна", "одно", "одного", "одному", "одним", "одном", "одной", "одну", "одною")
	add(2, numUnit, false, "два", "две", "двух", "двум", "двумя")
	add(3, numUnit, false, "три", "трёх", "трём", "тремя")
	add(4, numUnit, false, "четыре", "четырёх", "четырём", "четырьмя")
	add(8, numUnit, false, "восемь", "восьми", "восемью", "восьмью")
	add(40, numUnit, false, "сорок", "сорока")
	add(90, numUnit, false, "девяносто", "девяноста")
	add(100, numHundreds, false, "сто", "ста")
	add(150, numHundreds, false, "полтораста", "полутораста")
	add(1, numOneAndHalf, false, "полтора", "полторы", "полутора")
	// numerals declined like "пять": -ь, -и, -ью
	for v, stem := range map[int]string{5: "пят", 6: "шест", 7: "сем", 9: "девят", 10: "десят",
		11: "одиннадцат", 12: "двенадцат", 13: "тринадцат", 14: "четырнадцат", 15: "пятнадцат",
		16: "шестнадцат", 17: "семнадцат", 18: "восемнадцат", 19: "девятнадцат", 20: "двадцат", 30: "тридцат"} {
		add(v, numUnit, false, stem+"ь", stem+"и", stem+"ью")
	}
	for v, f := range map[int][3]string{50: {"пятьдесят", "пятидесяти", "пятьюдесятью"},
		60: {"шестьдесят", "шестидесяти", "шестьюдесятью"}, 70: {"семьдесят", "семидесяти", "семьюдесятью"},
		80: {"восемьдесят", "восьмидесяти", "восемьюдесятью"}} {
		add(v, numUnit, false, f[:]...)
	}
	add(200, numHundreds, false, "двести", "двухсот", "двумстам", "двумястами", "двухстах")
	add(300, numHundreds, false, "триста", "трёхсот", "трёмстам", "тремястами", "трёхстах")
	add(400, numHundreds, false, "четыреста", "четырёхсот", "четырёмстам", "четырьмястами", "четырёхстах")
	// 500-900: nominative, genitive, dative, instrumental, prepositional
	for v, f := range map[int][3]string{500: {"пять", "пяти", "пятью"}, 600: {"шесть", "шести", "шестью"},
		700: {"семь", "семи", "семью"}, 800: {"восемь", "восьми", "восемью"}, 900: {"девять", "девяти", "девятью"}} {
		add(v, numHundreds, false, f[0]+"сот", f[1]+"сот", f[1]+"стам", f[2]+"стами", f[1]+"стах")
	}
	add(800, numHundreds, false, "восьмьюстами")
	for _, e := range []string{"а", "и", "е", "у", "ей", "ею", "ью", "", "ам", "ами", "ах"} {
		add(1000, numScale, false, "тысяч"+e)
	}
	for _, e := range []string{"", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"} {
		add(1_000_000, numScale, false, "миллион"+e)
		add(1_000_000_000, numScale, false, "миллиард"+e)
		add(1_000_000_000_000, numScale, false, "триллион"+e)
	}
	add(1000, numScale, false, "тыс")
	add(1_000_000, numScale, false, "млн")
	add(1_000_000_000, numScale, false, "млрд")
	// Russian ordinals: a stem and an adjective's ending.
	ends := []string{"ый", "ой", "ая", "ое", "ые", "ого", "ому", "ым", "ом", "ую", "ых", "ыми"}
	ordinal := func(v int, k numKind, stem string) {
		for _, e := range ends {
			add(v, k, true, stem+e)
		}
	}
	for v, stem := range map[int]string{0: "нулев", 1: "перв", 2: "втор", 4: "четвёрт", 5: "пят", 6: "шест", 7: "седьм",
		8: "восьм", 9: "девят", 10: "десят", 11: "одиннадцат", 12: "двенадцат", 13: "тринадцат",
		14: "четырнадцат", 15: "пятнадцат", 16: "шестнадцат", 17: "семнадцат", 18: "восемнадцат",
		19: "девятнадцат", 20: "двадцат", 30: "тридцат", 40: "сороков", 50: "пятидесят", 60: "шестидесят",
		70: "семидесят", 80: "восьмидесят", 90: "девяност"} {
		ordinal(v, numUnit, stem)
	}
	for v, stem := range map[int]string{100: "сот", 200: "двухсот", 300: "трёхсот", 400: "четырёхсот",
		500: "пятисот", 600: "шестисот", 700: "семисот", 800: "восьмисот", 900: "девятисот"} {
		ordinal(v, numHundreds, stem)
	}
	for v, stem := range map[int]string{1000: "тысячн", 1_000_000: "миллионн", 1_000_000_000: "миллиардн"} {
		ordinal(v, numScale, stem)
	}
	// "двухтысячный" (2000th), "стотысячный"
	for v, pre := range map[int]string{2: "двух", 3: "трёх", 4: "четырёх", 5: "пяти", 6: "шести", 7: "семи",
		8: "восьми", 9: "девяти", 10: "десяти", 100: "сто"} {
		ordinal(v*1000, numScale, pre+"тысячн")
	}
	// Months, as a date writes them in digits ("02.01.2001", "2 января
	// 2001"); not "may", an English verb, nor "sep", a separator in code.
	for i, f := range [][]string{{"january", "jan", "январь", "января", "январе", "янв"},
		{"february", "feb", "февраль", "февраля", "феврале", "фев", "февр"},
		{"march", "mar", "март", "марта", "марте", "мар"},
		{"april", "apr", "апрель", "апреля", "апреле", "апр"},
		{"май", "мая", "мае"},
		{"june", "jun", "июнь", "июня", "июне", "июн"},
		{"july", "jul", "июль", "июля", "июле", "июл"},
		{"august", "aug", "август", "августа", "августе", "авг"},
		{"september", "sept", "сентябрь", "сентября", "сентябре", "сен", "сент"},
		{"october", "oct", "октябрь", "октября", "октябре", "окт"},
		{"november", "nov", "ноябрь", "ноября", "ноябре", "ноя", "нояб"},
		{"december", "dec", "декабрь", "декабря", "декабре", "дек"}} {
		add(i+1, numMonth, false, f...)
	}
	add(3, numUnit, true, "третий", "третья", "третье", "третьи", "третьего", "третьему", "третьим", "третьем",
		"третью", "третьей", "третьих", "третьими")
	return m
}

// spelledNumbers returns the values of the numbers s writes out in words
// (English or Russian, cardinal or ordinal), as decimal strings: "one
// thousand and thirty" gives "1030", "на двенадцатой конференции" "12".
// Numerals separated by spaces or hyphens only are one number when they
// compose as numerals do ("twenty-five thousand", "сто двадцать пятый");
// "and" after "hundred" or a scale word is skipped ("three hundred and
// five"). Anything else ends a number: punctuation ("one, two" is 1 and
// 2), a numeral that cannot continue it ("one second" is 1 and 2, "the
// first two" 1 and 2), an ordinal (which closes the number it ends).
// A half ("two and a half", "два с половиной", "полтора") is written as
// numbers reads "2.5" and "1,5": "25", "15"; "полторы тысячи" is 1500.
// The name of a month is its number ("января" is 1), so that "January 2,
// 2001" and "02.01.2001" agree.
func spelledNumbers(s string) []string {
	var out []string
	for _, n := range spelledForms(s) {
		out = append(out, n.value)
	}
	return out
}

// spelled is a number written out in words: its value (see
// spelledNumbers) and, for a number that ends in its only scale word
// ("двадцать пять тысяч", "one and a half million"), the number before
// the scale word (mant, "25", "15") and the scale: a translation may
// write it "25 тысяч", "1,5 млн".
type spelled struct {
	value, mant string
	scale       int
	month       bool // the name of a month
}

// spelledForms returns the numbers s writes out in words (see
// spelledNumbers).
func spelledForms(s string) []spelled {
	toks := numTokens(s)
	if len(toks) == 0 {
		return nil
	}
	var out []spelled
	var r numRun
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.joined {
			out = r.flush(out)
		}
		next := func(k int) *numToken { // the k-th token after t, joined to it
			for j := i + 1; j <= i+k; j++ {
				if j >= len(toks) || !toks[j].joined {
					return nil
				}
			}
			return &toks[i+k]
		}
		switch t.conn {
		case "":
		case "and":
			if a, h := next(1), next(2); a != nil && a.conn == "a" && h != nil && h.conn == "half" && r.canHalf() {
				r.half = true
				i += 2
				continue
			}
			if u := next(1); u != nil && u.conn == "" && u.w.kind == numUnit && r.n > 0 && r.group%100 == 0 && r.accepts(u.w) {
				continue // "three hundred and five": the unit comes next
			}
			out = r.flush(out)
			continue
		case "с":
			if h := next(1); h != nil && h.conn == "половиной" && r.canHalf() {
				r.half = true
				i++
				continue
			}
			out = r.flush(out)
			continue
		default: // a word that is no numeral
			out = r.flush(out)
			continue
		}
		if !r.accepts(t.w) {
			out = r.flush(out)
		}
		r.add(t.w)
		if t.w.ord || t.w.kind == numMonth || t.w.kind == numUnit && t.w.value == 0 {
			out = r.flush(out) // nothing follows an ordinal, a month or "zero"
		}
	}
	return r.flush(out)
}

// numToken is a word of a text as spelledNumbers reads it: a numeral w,
// or (conn not empty) a word that may join numerals ("and", "a", "half",
// "с", "половиной") or, conn "-", any other word.
type numToken struct {
	w      numWord
	conn   string
	joined bool // only spaces and hyphens separate it from the word before
}

// numTokens splits s into words for spelledNumbers, lower-cased. A text
// without numerals gives none.
func numTokens(s string) []numToken {
	var toks []numToken
	var buf []byte
	found := false
	joined := false
	end := func() {
		if len(buf) == 0 {
			return
		}
		t := numToken{joined: joined}
		if w, ok := numWords[string(buf)]; ok {
			t.w = w
			found = true
		} else {
			switch string(buf) {
			case "and", "a", "half", "с", "половиной":
				t.conn = string(buf)
			default:
				t.conn = "-"
			}
		}
		if t.conn == "-" && len(toks) > 0 && toks[len(toks)-1].conn == "-" {
			// runs of other words are one
		} else {
			toks = append(toks, t)
		}
		buf = buf[:0]
		joined = true
	}
	for _, c := range s {
		switch {
		case isLetter(c):
			buf = utf8.AppendRune(buf, toLower(c))
		case isSpace(c) || c == '-' || c == '\u2010' || c == '\u2011' || c == '\u00ad':
			end()
		default: // punctuation, digits, symbols
			end()
			joined = false
		}
	}
	end()
	if !found {
		return nil
	}
	return toks
}

// numRun is a number being read by spelledNumbers.
type numRun struct {
	total     int    // the groups closed by a scale word
	group     int    // the open group: up to 999 (9999 with "hundred")
	lastScale int    // the smallest scale so far, 0 for none
	n         int    // numerals read
	half      bool   // "and a half", "с половиной", "полтора" closed the group
	scales    int    // scale words read
	mant      string // the number before the first scale word
	endsScale bool   // the last word read is a cardinal scale word
	month     bool   // the number is a month's name
}

// accepts reports whether w continues the number.
func (r *numRun) accepts(w numWord) bool {
	if r.n == 0 {
		return true
	}
	if r.half {
		return w.kind == numScale && (r.lastScale == 0 || w.value < r.lastScale)
	}
	switch w.kind {
	case numUnit:
		v, g := w.value, r.group%100
		switch {
		case v == 0:
			return false
		case v < 10:
			return g%10 == 0 && g/10 != 1 && (g != 0 || r.group > 0 || r.total > 0)
		default:
			return g == 0 && (r.group > 0 || r.total > 0)
		}
	case numHundred:
		return r.group > 0 && r.group < 100
	case numHundreds:
		return r.group == 0 && r.total > 0
	case numScale:
		return r.group > 0 && (r.lastScale == 0 || w.value < r.lastScale)
	}
	return false // numOneAndHalf and numMonth start a number
}

// canHalf reports whether "and a half" or "с половиной" may close the
// number's open group.
func (r *numRun) canHalf() bool { return r.n > 0 && r.group > 0 && !r.half }

// add adds w to the number (see accepts).
func (r *numRun) add(w numWord) {
	r.n++
	r.endsScale = w.kind == numScale && !w.ord
	switch w.kind {
	case numUnit, numHundreds, numMonth:
		r.group += w.value
		r.month = w.kind == numMonth
	case numOneAndHalf:
		r.group, r.half = 1, true
	case numHundred:
		r.group = max(r.group, 1) * w.value
	case numScale:
		if r.scales++; r.scales == 1 {
			r.mant = strconv.Itoa(max(r.group, 1))
			if r.half {
				r.mant += "5"
			}
		}
		r.total += max(r.group, 1) * w.value
		if r.half {
			r.total += w.value / 2
		}
		r.group, r.half, r.lastScale = 0, false, w.value
	}
}

// flush appends the number read, if any, to out and starts a new one.
func (r *numRun) flush(out []spelled) []spelled {
	if r.n > 0 {
		n := spelled{value: strconv.Itoa(r.total + r.group), month: r.month}
		if r.half {
			n.value += "5"
		}
		if r.endsScale && r.scales == 1 {
			n.mant, n.scale = r.mant, r.lastScale
		}
		out = append(out, n)
	}
	*r = numRun{}
	return out
}
