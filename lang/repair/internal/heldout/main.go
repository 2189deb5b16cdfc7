// Command heldout builds held-out glue-repair sets from text installed on
// this machine, in the format of shared/eval/repair (NAME.gold.txt is
// correctly spaced text, NAME.glued.txt the same text with some spaces
// after function words deleted). The sets are for measurement only and are
// never committed; see README.md next to this file.
//
//	go run ./lang/repair/internal/heldout -out /tmp/repair-heldout
//
// It writes, under -out:
//
//	ru/mo_odd.*       msgstr strings of the odd-indexed Russian gettext catalogs
//	                  (catalogs of the public dev set left out), 40k-word cap
//	ru/<name>.*       Russian prose/documentation: manual pages (manpages-ru),
//	                  the aptitude manual, the Double Commander help, vim
//	                  tutor, systemd catalog, GnuPG help
//	ru-unseen/<name>.* the same kinds from the files the ru sets left out
//	en/<name>.*       English licences, vim tutor, systemd catalog, GnuPG help
//	en-sparse/<name>.* the same English text at a low glue rate (-psparse)
//	MANIFEST.tsv      the sources of every file
//
// With -score it then prints per-genre figures and a leave-one-genre-out
// choice of the derived-word weight (see score.go and README.md).
//
// Gluing follows shared/eval/repair/README.md: the space after a function
// word (whole word, any case) is deleted with probability -p when the next
// character is a letter, a digit or an opening quote or bracket.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paraline/paraline/internal/gettext"
)

// Function words whose following space is deleted (the lists of
// shared/eval/repair/README.md).
const (
	ruFW = `в во на с со к ко по о об от до из за для и а но не что как при без под над`
	enFW = `of in to on for with as by at against from through during within between
about like but than out over until into under among towards despite up via
following past down amid after around without before since upon beyond round near`
)

// devCatalogs are the catalogs the public dev set used (its MANIFEST.tsv);
// they are left out so that no catalog is shared.
const devCatalogs = `Linux-PAM adduser apt avahi bfd coreutils dpkg-dev findutils gdk-pixbuf gettext-tools glib20`

// minUnseen is the fewest words an unseen set needs to be written.
const minUnseen = 5000

type source struct {
	name  string
	paths []string
}

var (
	ruProse = []source{
		{"tutor", []string{"/usr/share/vim/vim90/tutor/tutor.ru.utf-8"}},
		{"catalog", []string{"/usr/lib/systemd/catalog/systemd.ru.catalog"}},
		{"gnupg", []string{"/usr/share/gnupg/help.ru.txt"}},
	}
	enProse = []source{
		{"licences", []string{
			"/usr/share/common-licenses/Apache-2.0",
			"/usr/share/common-licenses/GPL-3",
			"/usr/share/common-licenses/LGPL-2.1",
			"/usr/share/common-licenses/MPL-2.0",
			"/usr/share/common-licenses/Artistic",
			"/usr/share/common-licenses/GFDL-1.3",
		}},
		{"tutor", []string{"/usr/share/vim/vim90/tutor/tutor"}},
		{"catalog", []string{"/usr/lib/systemd/catalog/systemd.catalog"}},
		{"gnupg", []string{"/usr/share/gnupg/help.txt"}},
	}
)

func main() {
	out := flag.String("out", "/tmp/repair-heldout", "output directory")
	seed := flag.Uint64("seed", 424242, "random seed of the glue deletion")
	p := flag.Float64("p", 0.30, "probability of deleting a space after a function word")
	psparse := flag.Float64("psparse", 0.05, "glue probability of the en-sparse set")
	locale := flag.String("locale", "/usr/share/locale/ru/LC_MESSAGES", "Russian gettext catalogs")
	maxWords := flag.Int("maxwords", 40000, "word cap of the catalog set")
	genreWords := flag.Int("genrewords", 60000, "word cap of each documentation genre (man, aptitude, doublecmd)")
	doScore := flag.Bool("score", false, "after building, score the Russian sets (see score.go)")
	extra := flag.String("extra", "", "comma-separated further Russian set directories to score (e.g. the public dev set)")
	report := flag.String("report", "", "comma-separated Russian set directories scored but left out of the weight choice (e.g. OUT/ru-unseen)")
	weights := flag.String("weights", "0,0.0003,0.001,0.003,0.01", "comma-separated derived-word weights to score")
	flag.Parse()
	if err := run(*out, *locale, *seed, *p, *psparse, *maxWords, *genreWords); err != nil {
		log.Fatal(err)
	}
	if *doScore {
		var ws []float64
		for _, f := range strings.Split(*weights, ",") {
			x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil {
				log.Fatalf("bad -weights: %v", err)
			}
			ws = append(ws, x)
		}
		dirs := []string{filepath.Join(*out, "ru")}
		if *extra != "" {
			dirs = append(dirs, strings.Split(*extra, ",")...)
		}
		var rep []string
		if *report != "" {
			rep = strings.Split(*report, ",")
		}
		if err := score(os.Stdout, dirs, rep, ws); err != nil {
			log.Fatal(err)
		}
	}
}

func run(out, locale string, seed uint64, p, psparse float64, maxWords, genreWords int) error {
	var manifest strings.Builder
	manifest.WriteString("set\tname\twords\tglued_spaces\tsources\n")
	ru, en := fwSet(ruFW), fwSet(enFW)
	rng := func(name string) *rand.Rand { return rand.New(rand.NewPCG(seed, hashName(name))) }

	seen := map[string]bool{} // lines of every set, so no line is in two
	text, used, err := catalogText(locale, maxWords, nil, seen)
	if err != nil {
		return err
	}
	if err := write(out, "ru", "mo_odd", text, ru, p, rng("ru/mo_odd"), used, &manifest); err != nil {
		return err
	}
	// ru-unseen: the same kinds from the files the ru sets did not use,
	// scored once and never tuned on.
	text, unseen, err := catalogText(locale, maxWords, fwSet(strings.Join(used, " ")), seen)
	if err != nil {
		return err
	}
	if err := write(out, "ru-unseen", "mo_rest", text, ru, p, rng("ru-unseen/mo_rest"), unseen, &manifest); err != nil {
		return err
	}
	for _, g := range ruGenres {
		text, files, err := genreText(g, genreWords, nil, seen)
		if err != nil {
			return err
		}
		if err := write(out, "ru", g.name, text, ru, p, rng("ru/"+g.name), files, &manifest); err != nil {
			return err
		}
		text, rest, err := genreText(g, genreWords, fwSet(strings.Join(files, " ")), seen)
		if err != nil || len(strings.Fields(text)) < minUnseen {
			continue // the genre's files were (nearly) all used
		}
		if err := write(out, "ru-unseen", g.name+"_rest", text, ru, p, rng("ru-unseen/"+g.name+"_rest"), rest, &manifest); err != nil {
			return err
		}
	}
	for _, s := range ruProse {
		text, err := readAll(s.paths)
		if err != nil {
			return err
		}
		if err := write(out, "ru", s.name, text, ru, p, rng("ru/"+s.name), s.paths, &manifest); err != nil {
			return err
		}
	}
	for _, s := range enProse {
		text, err := readAll(s.paths)
		if err != nil {
			return err
		}
		if err := write(out, "en", s.name, text, en, p, rng("en/"+s.name), s.paths, &manifest); err != nil {
			return err
		}
		if err := write(out, "en-sparse", s.name, text, en, psparse, rng("en-sparse/"+s.name), s.paths, &manifest); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(out, "MANIFEST.tsv"), []byte(manifest.String()), 0o644)
}

func hashName(s string) uint64 {
	var h uint64 = 1469598103934665603
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func fwSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

func readAll(paths []string) (string, error) {
	var b strings.Builder
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return "", fmt.Errorf("read %s: %w", p, err)
		}
		if strings.HasSuffix(p, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				return "", fmt.Errorf("read %s: %w", p, err)
			}
			if data, err = io.ReadAll(zr); err != nil {
				return "", fmt.Errorf("read %s: %w", p, err)
			}
		}
		if !utf8.Valid(data) {
			return "", fmt.Errorf("%s: not UTF-8", p)
		}
		b.Write(data)
		if len(data) > 0 && data[len(data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}

// catalogText returns the msgstr strings (5+ words, mostly Cyrillic,
// deduplicated, one per line, whitespace runs collapsed) of the
// odd-indexed catalogs of the sorted list under dir, leaving out the dev
// set's catalogs and those in skip, until maxWords words; and the catalogs
// used. Lines in seen are left out; seen gets the lines used.
func catalogText(dir string, maxWords int, skip, seen map[string]bool) (string, []string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.mo"))
	if err != nil {
		return "", nil, fmt.Errorf("list %s: %w", dir, err)
	}
	sort.Strings(files)
	dev := fwSet(devCatalogs)
	var b strings.Builder
	var used []string
	words := 0
	for i, f := range files {
		if i%2 == 0 || dev[strings.TrimSuffix(filepath.Base(f), ".mo")] || skip[f] {
			continue
		}
		strs, err := readMO(f)
		if err != nil {
			return "", nil, err
		}
		n := 0
		for _, s := range strs {
			fields := strings.Fields(s)
			if len(fields) < 5 || !mostlyCyrillic(s) {
				continue
			}
			line := strings.Join(fields, " ")
			if seen[line] {
				continue
			}
			seen[line] = true
			b.WriteString(line)
			b.WriteByte('\n')
			words += len(fields)
			n++
			if words >= maxWords {
				break
			}
		}
		if n > 0 {
			used = append(used, f)
		}
		if words >= maxWords {
			break
		}
	}
	return b.String(), used, nil
}

func mostlyCyrillic(s string) bool {
	cyr, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Cyrillic, r) {
				cyr++
			}
		}
	}
	return letters > 0 && 2*cyr > letters
}

// readMO returns the translations of a GNU .mo catalog, each plural form
// apart, in catalog order; the header entry is skipped.
func readMO(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	msgs, _, err := gettext.ParseMO(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []string
	for _, m := range msgs {
		for _, s := range m.Strs {
			if utf8.ValidString(s) {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// glue deletes, with probability p, the single space after a function word
// (whole word, any case) when the next character is a letter, a digit or
// an opening quote or bracket. It returns the glued text and the number of
// deleted spaces.
func glue(text string, fw map[string]bool, p float64, rng *rand.Rand) (string, int) {
	var b strings.Builder
	b.Grow(len(text))
	n := 0
	last := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWord(r) {
				break
			}
			i += size
		}
		if i >= len(text)-1 || text[i] != ' ' || !fw[strings.ToLower(text[start:i])] {
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[i+1:])
		if !isWord(next) && !strings.ContainsRune(`«"„“(`, next) {
			continue
		}
		if rng.Float64() < p {
			b.WriteString(text[last:i])
			last = i + 1
			n++
		}
	}
	b.WriteString(text[last:])
	return b.String(), n
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func write(out, set, name, gold string, fw map[string]bool, p float64, rng *rand.Rand, sources []string, manifest *strings.Builder) error {
	dir := filepath.Join(out, set)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	glued, n := glue(gold, fw, p, rng)
	for suffix, text := range map[string]string{".gold.txt": gold, ".glued.txt": glued} {
		path := filepath.Join(dir, name+suffix)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	fmt.Fprintf(manifest, "%s\t%s\t%d\t%d\t%s\n", set, name, len(strings.Fields(gold)), n, strings.Join(sources, " "))
	return nil
}
