package split

import (
	"bufio"
	"embed"
	"strings"
	"unicode/utf8"
)

//go:embed data/*.txt
var dataFS embed.FS

// rules is the immutable rule set of one language.
type rules struct {
	titles       map[string]bool // prepositive abbreviations: Mr., г.
	numeric      map[string]bool // abbreviations before numbers: p., No., ст.
	abbrevs      map[string]bool // other abbreviations: etc., Inc., т.е.
	starters     map[string]bool // words that typically open a sentence
	prepositions map[string]bool // openers of adverbial fragments ("At 5 a.m.")
	ordinalNext  map[string]bool // words after which "12." is an ordinal
	units        map[string]bool // units and currencies: "5 руб. Компания" ends
	cased        map[string]bool // abbreviations only with this capitalisation: "Mass."
	joiners      map[string]bool // a line ending with one of these goes on

	// noSpace splits "world.Today" (a period between a lower-case word and
	// a capitalised word with no space).
	noSpace bool
	// digitStart lets a sentence start with a digit after a plain word.
	digitStart bool
	// lowerStart lets a sentence start with a lower-case letter after a
	// plain word that cannot be an abbreviation (see lowerOK).
	lowerStart bool
	// lowerOK reports whether a period after the plain word w (not in any
	// list) may end a sentence before a lower-case word.
	lowerOK func(w string) bool
}

// newRules builds the rule set for the normalised language code lang.
func newRules(lang string) *rules {
	r := &rules{
		titles:       map[string]bool{},
		numeric:      map[string]bool{},
		abbrevs:      map[string]bool{},
		starters:     map[string]bool{},
		prepositions: map[string]bool{},
		ordinalNext:  map[string]bool{},
		units:        map[string]bool{},
		cased:        map[string]bool{},
		joiners:      map[string]bool{},
	}
	switch lang {
	case "en":
		r.load("data/abbrev_en.txt")
		r.noSpace, r.digitStart, r.lowerStart = true, true, true
		r.lowerOK = lowerOKEnglish
	case "ru":
		r.load("data/abbrev_ru.txt")
		r.noSpace, r.digitStart, r.lowerStart = true, true, true
		r.lowerOK = lowerOKRussian
	default:
		r.load("data/abbrev_generic.txt")
		if lang != "" && lang != "generic" {
			r.load("data/abbrev_" + lang + ".txt")
		}
	}
	return r
}

// load adds the entries of the embedded file name; a missing file adds
// nothing (only the languages with data have a file).
func (r *rules) load(name string) {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return
	}
	var cur map[string]bool
	cased := false
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			cur = r.section(line[1 : len(line)-1])
			cased = line == "[cased]"
		case cur == nil:
		case cased:
			cur[line] = true
		default:
			cur[strings.ToLower(line)] = true
		}
	}
}

// section returns the map a data-file section fills, nil for an unknown one.
func (r *rules) section(name string) map[string]bool {
	switch name {
	case "titles":
		return r.titles
	case "numeric":
		return r.numeric
	case "abbreviations":
		return r.abbrevs
	case "starters":
		return r.starters
	case "prepositions":
		return r.prepositions
	case "ordinal-next":
		return r.ordinalNext
	case "units":
		return r.units
	case "joiners":
		return r.joiners
	case "cased":
		return r.cased
	}
	return nil
}

// lowerOKEnglish: a plain word of four or more letters with a vowel is not
// an unlisted abbreviation.
func lowerOKEnglish(w string) bool {
	if utf8.RuneCountInString(w) < 4 {
		return false
	}
	return strings.ContainsAny(strings.ToLower(w), "aeiouy")
}

// lowerOKRussian: Russian truncations are cut before a vowel, so a word that
// ends in a vowel, й or ь is a full word.
func lowerOKRussian(w string) bool {
	if utf8.RuneCountInString(w) < 3 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.ToLower(w))
	return strings.ContainsRune("аеёиоуыэюяйь", last)
}
