package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/paraline/paraline/lang/repair"
)

var cmdRepair = &command{
	name:  "repair",
	usage: "--lang en|ru|auto [--explain] [--fix-punct] [--encoding E] [-o OUTPUT] [INPUT]",
	short: "insert the spaces lost between glued words (\"ofthe\" -> \"of the\")",
	long: `Repair reads text (INPUT, or stdin when INPUT is absent or "-") and writes it
with the spaces put back that scraping lost after short function words:
"ofthe" -> "of the", "inBishkek" -> "in Bishkek", "over600" -> "over 600",
"вМоскве" -> "в Москве". Only spaces are inserted; every other byte of the
input is written unchanged (UTF-8 input; input in another encoding is
decoded and normalised first, and written as UTF-8). The input is read as
paraline reads documents (gzip, encodings, --encoding); a binary file is an
error naming the file and the byte where it fails.

Decisions weigh a word-frequency lexicon of the language (built into the
binary) against evidence from the input itself: words seen on their own
elsewhere in the input, and how often the input glues function words.

--lang auto picks English or Russian for each line by its script (Cyrillic
or Latin letters). --explain writes one JSON object per edit to stderr:
{"line":N,"offset":BYTE,"lang":L,"glued":"ofthe","repaired":"of the","score":S,"reason":R}
where offset is the byte offset of the glued token in the input.
--fix-punct also adds a space after ",;:" and sentence ends glued to a
letter ("Bishkek,I" -> "Bishkek, I"); it is off by default.`,
	run: runRepair,
}

func runRepair(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
	lang := fs.String("lang", "auto", "language: en, ru or auto (by script, per line)")
	explain := fs.Bool("explain", false, "write the edits as JSON Lines to stderr")
	fixPunct := fs.Bool("fix-punct", false, `also insert a space after ",;:.!?" glued to a letter`)
	out := fs.String("o", "", "output file (default stdout)")
	encName := fs.String("encoding", "", "force the input `encoding` (default: detect)")
	args, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *lang != "auto" && *lang != "en" && *lang != "ru" {
		return usagef("--lang %q: want en, ru or auto", *lang)
	}
	d, err := readDocument(std, args, *encName)
	if err != nil {
		return err
	}
	rep, err := newLineRepairer(*lang, *fixPunct)
	if err != nil {
		return err
	}
	text := exactText(d)
	rep.add(text)
	w, closeOut, err := openOutput(std, *out)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(std.err)
	enc.SetEscapeHTML(false)
	var werr error
	err = rep.repair(ctx, text, func(s string) {
		if werr == nil {
			_, werr = io.WriteString(w, s)
		}
	}, func(e lineEdit) {
		if *explain && werr == nil {
			werr = enc.Encode(e)
		}
	})
	if cerr := closeOut(); werr == nil {
		werr = cerr
	}
	if err != nil {
		return err
	}
	if werr != nil {
		return fmt.Errorf("write output: %w", werr)
	}
	return nil
}

// lineEdit is one edit as --explain prints it.
type lineEdit struct {
	Line     int     `json:"line"`
	Offset   int     `json:"offset"`
	Lang     string  `json:"lang"`
	Glued    string  `json:"glued"`
	Repaired string  `json:"repaired"`
	Score    float64 `json:"score"`
	Reason   string  `json:"reason"`
}

// lineRepairer repairs a text line by line with one Repairer per language
// and one Vocab per language over the whole text.
type lineRepairer struct {
	lang   string // en, ru or auto
	vocabs map[string]*repair.Vocab
	reps   map[string]*repair.Repairer
}

func newLineRepairer(lang string, fixPunct bool) (*lineRepairer, error) {
	langs := []string{lang}
	if lang == "auto" {
		langs = repair.Languages()
	}
	lr := &lineRepairer{lang: lang, vocabs: map[string]*repair.Vocab{}, reps: map[string]*repair.Repairer{}}
	for _, l := range langs {
		v := repair.NewVocab()
		r, err := repair.New(l, repair.WithVocab(v), repair.WithFixPunct(fixPunct))
		if err != nil {
			return nil, err
		}
		lr.vocabs[l], lr.reps[l] = v, r
	}
	return lr, nil
}

// lineLang returns the language for line.
func (lr *lineRepairer) lineLang(line string) string {
	if lr.lang != "auto" {
		return lr.lang
	}
	return scriptLang(line)
}

// scriptLang returns "ru" when s has more Cyrillic than Latin letters, else "en".
func scriptLang(s string) string {
	cyr, lat := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			lat++
		}
	}
	if cyr > lat {
		return "ru"
	}
	return "en"
}

// add feeds text to the vocabularies (the first pass).
func (lr *lineRepairer) add(text string) {
	if lr.lang != "auto" {
		lr.vocabs[lr.lang].Add(text)
		return
	}
	forLines(text, func(_ int, line string) {
		lr.vocabs[scriptLang(line)].Add(line)
	})
}

// repair writes the repaired text through write and reports each edit.
func (lr *lineRepairer) repair(ctx context.Context, text string, write func(string), edit func(lineEdit)) error {
	var err error
	n := 0
	forLines(text, func(off int, line string) {
		n++
		if err != nil {
			return
		}
		if n%1024 == 0 && ctx.Err() != nil {
			err = ctx.Err()
			return
		}
		l := lr.lineLang(line)
		fixed, edits := lr.reps[l].Repair(line)
		write(fixed)
		for _, e := range edits {
			edit(lineEdit{Line: n, Offset: off + e.Offset, Lang: l, Glued: e.Glued, Repaired: e.Repaired, Score: round3(e.Score), Reason: e.Reason})
		}
	})
	return err
}

// repairString returns text repaired, with no explanation.
func (lr *lineRepairer) repairString(ctx context.Context, text string) (string, error) {
	var b strings.Builder
	b.Grow(len(text) + len(text)/16)
	err := lr.repair(ctx, text, func(s string) { b.WriteString(s) }, func(lineEdit) {})
	return b.String(), err
}

// forLines calls fn with each line of text (with its "\n") and its byte offset.
func forLines(text string, fn func(off int, line string)) {
	off := 0
	for off < len(text) {
		i := strings.IndexByte(text[off:], '\n')
		end := len(text)
		if i >= 0 {
			end = off + i + 1
		}
		fn(off, text[off:end])
		off = end
	}
}

func round3(f float64) float64 {
	return float64(int64(f*1000+0.5*sign(f))) / 1000
}

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}
