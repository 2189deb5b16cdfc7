package clean

import (
	"strings"
)

// htmlElements are the HTML element names the markup filter recognises.
// Inline formatting elements (inlineElements) are allowed when both sides
// hold the same ones, as user-interface strings often carry them.
var htmlElements = map[string]bool{
	"a": true, "abbr": true, "article": true, "aside": true, "b": true, "big": true, "blockquote": true,
	"body": true, "br": true, "button": true, "center": true, "code": true, "dd": true, "div": true,
	"dl": true, "dt": true, "em": true, "font": true, "footer": true, "form": true, "h1": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "head": true, "header": true,
	"hr": true, "html": true, "i": true, "iframe": true, "img": true, "input": true, "kbd": true,
	"label": true, "li": true, "link": true, "main": true, "meta": true, "nav": true,
	"noscript": true, "ol": true, "option": true, "p": true, "pre": true, "s": true,
	"script": true, "section": true, "select": true, "small": true, "span": true, "strong": true,
	"style": true, "sub": true, "sup": true, "table": true, "tbody": true, "td": true,
	"textarea": true, "th": true, "thead": true, "title": true, "tr": true, "tt": true,
	"u": true, "ul": true, "var": true,
}

var inlineElements = map[string]bool{
	"b": true, "i": true, "u": true, "em": true, "strong": true, "tt": true, "code": true,
	"sub": true, "sup": true, "small": true, "big": true, "kbd": true, "var": true, "s": true,
}

// escapeEntities are the named references that texts about markup use as
// such; other named references are leftovers of undecoded HTML.
var escapeEntities = map[string]bool{"&amp;": true, "&lt;": true, "&gt;": true}

// markupOf returns the HTML tags (as "b", "/b") and character references
// ("&amp;") of s, and whether s holds markup that is never acceptable in
// a corpus sentence: a non-inline element, a tag with attributes, or a
// named character reference other than &amp; &lt; &gt;.
func markupOf(s string) (items []string, bad bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			name, attrs, n := parseTag(s[i:])
			if n == 0 || !htmlElements[strings.TrimPrefix(name, "/")] {
				continue
			}
			items = append(items, name)
			if attrs || !inlineElements[strings.TrimPrefix(name, "/")] {
				bad = true
			}
			i += n - 1
		case '&':
			if n := entityLen(s[i:]); n > 0 {
				e := s[i : i+n]
				items = append(items, e)
				if e[1] != '#' && !escapeEntities[strings.ToLower(e)] {
					bad = true // &nbsp; &quot; &raquo;: text that was never decoded
				}
				i += n - 1
			}
		}
	}
	return items, bad
}

// parseTag parses an HTML tag at the start of s ("<b>", "</div>", "<br/>",
// `<a href="x">`) and returns its lower-cased name ("/" first for a closing
// tag), whether it has attributes, and its length (0 when s does not start
// with a tag).
func parseTag(s string) (string, bool, int) {
	j := 1
	closing := j < len(s) && s[j] == '/'
	if closing {
		j++
	}
	start := j
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || j > start && s[j] >= '0' && s[j] <= '9') {
		j++
	}
	if j == start || j >= len(s) {
		return "", false, 0
	}
	name := strings.ToLower(s[start:j])
	if closing {
		name = "/" + name
	}
	switch s[j] {
	case '>':
		return name, false, j + 1
	case '/':
		if j+1 < len(s) && s[j+1] == '>' {
			return name, false, j + 2
		}
		return "", false, 0
	case ' ':
	default:
		return "", false, 0
	}
	// attributes: name="value" or name='value' or name=value, up to '>'
	end := strings.IndexByte(s[j:], '>')
	if end < 0 || end > 400 {
		return "", false, 0
	}
	body := s[j : j+end]
	if !strings.Contains(body, "=") && strings.TrimSpace(strings.TrimSuffix(body, "/")) != "" {
		return "", false, 0 // "<b some words>": not a tag
	}
	return name, strings.Contains(body, "="), j + end + 1
}

// entityLen returns the length of an HTML character reference at the start
// of s ("&amp;", "&#160;", "&#xA0;"), or 0.
func entityLen(s string) int {
	j := 1
	if j < len(s) && s[j] == '#' {
		j++
		hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
		if hex {
			j++
		}
		start := j
		for j < len(s) && j-start < 8 && (s[j] >= '0' && s[j] <= '9' || hex && (s[j] >= 'a' && s[j] <= 'f' || s[j] >= 'A' && s[j] <= 'F')) {
			j++
		}
		if j == start {
			return 0
		}
	} else {
		start := j
		for j < len(s) && j-start < 10 && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || j > start && s[j] >= '0' && s[j] <= '9') {
			j++
		}
		if j-start < 2 {
			return 0
		}
	}
	if j < len(s) && s[j] == ';' {
		return j + 1
	}
	return 0
}
