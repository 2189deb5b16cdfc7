package corpus

import (
	"math"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// detectEncoding guesses the encoding of raw:
//   - a UTF-16 BOM (FF FE or FE FF) gives UTF-16 in that byte order;
//   - valid UTF-8 (a UTF-8 BOM included) gives UTF-8;
//   - UTF-8 with at least as many well-formed multi-byte sequences as
//     invalid ones gives UTF-8 (damaged UTF-8: the invalid bytes are counted);
//   - otherwise windows-1251 or KOI8-R, whichever reads more like Cyrillic
//     text (letter frequencies and letter case), provided most non-ASCII
//     bytes are letters in it, outside words of ASCII letters; else UTF-8
//     with the invalid bytes counted (a Latin-1 "caf\xe9" stays UTF-8 with
//     one invalid byte rather than becoming "cafй").
func detectEncoding(raw []byte) encoding {
	if len(raw) >= 2 && (raw[0] == 0xff && raw[1] == 0xfe || raw[0] == 0xfe && raw[1] == 0xff) {
		return utf16ByBOM(raw)
	}
	utf8Enc := encoding{kind: encUTF8, name: "utf-8"}
	if utf8.Valid(raw) {
		return utf8Enc
	}
	valid, invalid := 0, 0
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := decodeRuneMaximal(raw[i:])
		if r == utf8.RuneError && !isLiteralFFFD(raw[i:]) {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	if valid >= invalid {
		return utf8Enc
	}
	best, bestScore, bestLetters := encoding{}, math.Inf(-1), 0.0
	for _, cm := range []struct {
		name string
		cm   *charmap.Charmap
	}{{"windows-1251", charmap.Windows1251}, {"koi8-r", charmap.KOI8R}} {
		score, letters := cyrillicScore(raw, cm.cm)
		if score > bestScore {
			best, bestScore, bestLetters = encoding{kind: encCharmap, name: cm.name, cm: cm.cm}, score, letters
		}
	}
	if bestLetters < 0.5 {
		return utf8Enc
	}
	return best
}

// russianFreq gives the frequency (per mille, rounded) of the lower-case
// Russian letters in running text, from the common published tables (for
// example the national corpus figures quoted by Wikipedia's "Russian
// alphabet"). Only their rough order matters here.
func russianFreq(r rune) float64 {
	switch r {
	case 'о':
		return 110
	case 'е':
		return 85
	case 'а':
		return 80
	case 'и':
		return 74
	case 'н':
		return 67
	case 'т':
		return 63
	case 'с':
		return 55
	case 'р':
		return 47
	case 'в':
		return 45
	case 'л':
		return 44
	case 'к':
		return 35
	case 'м':
		return 32
	case 'д':
		return 30
	case 'п':
		return 28
	case 'у':
		return 26
	case 'я':
		return 20
	case 'ы':
		return 19
	case 'ь':
		return 17
	case 'г':
		return 17
	case 'з':
		return 16
	case 'б':
		return 16
	case 'ч':
		return 14
	case 'й':
		return 12
	case 'х':
		return 10
	case 'ж':
		return 9
	case 'ш':
		return 7
	case 'ю':
		return 6
	case 'ц':
		return 5
	case 'щ':
		return 4
	case 'э':
		return 3
	case 'ф':
		return 3
	}
	return 1 // ъ, ё and non-Russian Cyrillic letters
}

// detectSample bounds the bytes the windows-1251/KOI8-R guess looks at.
const detectSample = 256 << 10

// cyrillicScore scores how much raw, read through cm, looks like Cyrillic
// text: the log frequency of each letter, and a penalty for an upper-case
// letter after a lower-case one ("пРИВЕТ" is how a wrong guess between
// windows-1251 and KOI8-R looks, as the two swap the cases). It also
// returns the share of non-ASCII bytes that decode to letters outside words
// of ASCII letters. Only the
// first detectSample bytes are read.
func cyrillicScore(raw []byte, cm *charmap.Charmap) (score, letterShare float64) {
	const (
		notLetter = iota
		lower
		upper
	)
	var (
		class [256]uint8
		freq  [256]float64
	)
	for b := range 256 {
		r := cm.DecodeByte(byte(b))
		switch {
		case b < 0x80 && b >= 'a' && b <= 'z':
			class[b] = lower
		case b < 0x80 && b >= 'A' && b <= 'Z':
			class[b] = upper
		case b >= 0x80 && unicode.IsLetter(r):
			class[b] = upper
			if unicode.IsLower(r) {
				class[b] = lower
			}
			freq[b] = math.Log(russianFreq(unicode.ToLower(r)))
		}
	}
	if len(raw) > detectSample {
		raw = raw[:detectSample]
	}
	high, letters := 0, 0
	prev := uint8(notLetter)
	prevASCIILetter := false
	for i, b := range raw {
		c := class[b]
		if b >= 0x80 {
			high++
			// A letter inside a word of ASCII letters ("caf\xe9" in
			// Latin-1) is no evidence of Cyrillic text.
			mixed := prevASCIILetter || i+1 < len(raw) && raw[i+1] < 0x80 && class[raw[i+1]] != notLetter
			if c != notLetter && !mixed {
				letters++
				score += freq[b]
				if prev == lower && c == upper {
					score -= 8
				}
			}
		}
		prev = c
		prevASCIILetter = b < 0x80 && c != notLetter
	}
	if high > 0 {
		letterShare = float64(letters) / float64(high)
	}
	return score, letterShare
}

// isLiteralFFFD reports whether b starts with the UTF-8 encoding of U+FFFD.
func isLiteralFFFD(b []byte) bool {
	return len(b) >= 3 && b[0] == 0xef && b[1] == 0xbf && b[2] == 0xbd
}
