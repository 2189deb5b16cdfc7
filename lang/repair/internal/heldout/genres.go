package main

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// A genre is clean Russian text of one kind, assembled from installed
// Debian packages: its name, the files read, and the function that turns
// one file into text lines.
type genre struct {
	name  string
	glob  []string
	lines func(path string) ([]string, error)
}

var ruGenres = []genre{
	// manpages-ru: manual pages, rendered by man(1) without hyphenation
	// or justification, one paragraph per line.
	{"man", []string{"/usr/share/man/ru/man*/*"}, manLines},
	// aptitude-doc-ru: the aptitude user's manual (DocBook HTML).
	{"aptitude", []string{"/usr/share/doc/aptitude/html/ru/*.html"}, htmlLines},
	// doublecmd-help-ru: the Double Commander help (HTML).
	{"doublecmd", []string{"/usr/share/doublecmd/doc/ru/*.html"}, htmlLines},
}

// genreText returns the lines of a genre (3 or more words, some Cyrillic,
// whitespace collapsed, deduplicated, in sorted file order) up to maxWords
// words, and the files used. Files in skip are left out, and so are lines
// in seen, which gets the lines used.
func genreText(g genre, maxWords int, skip, seen map[string]bool) (string, []string, error) {
	var files []string
	for _, pat := range g.glob {
		m, err := filepath.Glob(pat)
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w", pat, err)
		}
		for _, f := range m {
			// Symbolic links to other pages would repeat them.
			if fi, err := os.Lstat(f); err == nil && fi.Mode().IsRegular() && !skip[f] {
				files = append(files, f)
			}
		}
	}
	if len(files) == 0 {
		return "", nil, fmt.Errorf("genre %s: no files match %v (package not installed?)", g.name, g.glob)
	}
	sort.Strings(files)
	var b strings.Builder
	var used []string
	words := 0
	for _, f := range files {
		lines, err := g.lines(f)
		if err != nil {
			return "", nil, err
		}
		n := 0
		for _, l := range lines {
			fields := strings.Fields(l)
			if len(fields) < 3 || !hasCyrillic(l) {
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

func hasCyrillic(s string) bool {
	for _, r := range s {
		if r >= 'А' && r <= 'я' || r == 'ё' || r == 'Ё' {
			return true
		}
	}
	return false
}

// manLines renders a manual page with man(1) (man-db and groff): no
// hyphenation (--nh), no justification (--nj), lines long enough to hold a
// paragraph, overstrikes removed (col -bx). The running header and footer
// are dropped.
func manLines(path string) ([]string, error) {
	cmd := exec.Command("sh", "-c", `man --nh --nj -E UTF-8 -P cat -l "$1" 2>/dev/null | col -bx`, "sh", path)
	cmd.Env = append(os.Environ(), "MANWIDTH=4000", "LANG=C.UTF-8", "MAN_KEEP_FORMATTING=")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("render %s: %w (needs man-db, groff and bsdextrautils)", path, err)
	}
	if !utf8.Valid(out) {
		return nil, fmt.Errorf("render %s: not UTF-8", path)
	}
	lines := strings.Split(string(out), "\n")
	var keep []string
	for _, l := range lines {
		// Header and footer: the page name at both ends, far apart.
		if strings.Contains(l, "          ") && len(strings.Fields(l)) >= 2 && !strings.HasPrefix(l, " ") {
			continue
		}
		keep = append(keep, l)
	}
	return keep, nil
}

var (
	reHidden = regexp.MustCompile(`(?is)<(head|script|style)\b.*?</(head|script|style)\s*>`)
	reBlock  = regexp.MustCompile(`(?i)</?(p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|pre|hr|title|blockquote)\b[^>]*>`)
	reTag    = regexp.MustCompile(`(?s)<[^>]*>`)
	reNL     = regexp.MustCompile(`\n`)
)

// htmlLines returns the visible text of an HTML file, one block per line
// (block elements end a line; inline tags are removed; entities decoded;
// no-break spaces become spaces).
func htmlLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("%s: not UTF-8", path)
	}
	b = bytes.ReplaceAll(b, []byte("\r"), nil)
	s := reHidden.ReplaceAllString(string(b), "\n")
	// Line breaks inside a block are spaces; blocks end lines.
	s = reNL.ReplaceAllString(s, " ")
	s = reBlock.ReplaceAllString(s, "\n")
	s = reTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	s = strings.ReplaceAll(s, "\u00a0", " ")
	return strings.Split(s, "\n"), nil
}
