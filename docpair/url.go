package docpair

import (
	"net/url"
	"path"
	"slices"
	"strings"
)

// langNames are other names of a language code in URLs and in the text of
// language-switcher links (lower case).
var langNames = map[string][]string{
	"en": {"eng", "english", "in english"},
	"ru": {"rus", "russian", "русский", "русский язык", "по-русски", "рус"},
	"de": {"deu", "ger", "german", "deutsch"},
	"fr": {"fra", "fre", "french", "français", "francais"},
	"es": {"spa", "esp", "spanish", "español", "espanol"},
	"it": {"ita", "italian", "italiano"},
	"uk": {"ukr", "ua", "ukrainian", "українська"},
	"pt": {"por", "portuguese", "português"},
	"zh": {"zho", "chi", "chinese", "中文"},
	"ja": {"jpn", "japanese", "日本語"},
	"pl": {"pol", "polish", "polski"},
	"kk": {"kaz", "kazakh", "қазақша"},
}

// queryLangKeys are query parameters that name a page's language.
var queryLangKeys = map[string]bool{"lang": true, "language": true, "hl": true, "locale": true, "lng": true, "lc": true, "l": true, "ln": true}

// isMarker reports whether tok (lower case) names language l in a URL:
// "en", "en-us", "en_gb", "eng", "english".
func isMarker(tok, l string) bool {
	if tok == l {
		return true
	}
	if len(tok) == len(l)+3 && strings.HasPrefix(tok, l) && (tok[len(l)] == '-' || tok[len(l)] == '_') {
		return true
	}
	for _, n := range langNames[l] {
		if tok == n && !strings.Contains(n, " ") {
			return true
		}
	}
	return false
}

// isSwitcherText reports whether the visible text of a link names
// language l ("Русский", "EN", "English").
func isSwitcherText(text, l string) bool {
	t := strings.ToLower(strings.Trim(strings.TrimSpace(text), "[]()|·•"))
	if t == l {
		return true
	}
	for _, n := range langNames[l] {
		if t == n {
			return true
		}
	}
	return false
}

// location is a document's address: a URL, or a file path as a file URL.
func location(id, rawURL string) *url.URL {
	if rawURL != "" {
		if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
			return u
		}
	}
	p := strings.ReplaceAll(id, "\\", "/")
	return &url.URL{Scheme: "file", Path: "/" + strings.TrimPrefix(p, "/")}
}

// normURL returns the form of u under which documents are looked up: host
// in lower case without "www.", no scheme, no fragment, no "index.html" or
// trailing slash, query parameters sorted.
func normURL(u *url.URL) string {
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	p := u.Path
	if p == "" {
		p = "/"
	}
	p = path.Clean(p)
	for _, idx := range []string{"/index.html", "/index.htm", "/index.php", "/default.aspx"} {
		p = strings.TrimSuffix(p, idx)
	}
	p = strings.TrimSuffix(p, "/")
	q := u.Query()
	var qs string
	if len(q) > 0 {
		qs = "?" + q.Encode() // Encode sorts by key
	}
	return host + p + qs
}

// resolve returns the normalised address of href as seen from base, or ""
// when href is not a page address (javascript:, mailto:, a fragment).
func resolve(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	r, err := url.Parse(href)
	if err != nil {
		return ""
	}
	u := base.ResolveReference(r)
	switch u.Scheme {
	case "http", "https", "file", "":
	default:
		return ""
	}
	if base.Scheme == "file" && u.Scheme == "file" && u.Host != "" {
		return ""
	}
	return normURL(u)
}

// langKeys returns the keys that pair a document at u whose body is in
// language l: marked is its address with each code of l replaced by
// "{lang}", unmarked its address with the codes removed; found says whether
// any code was found.
func langKeys(u *url.URL, l string) (marked, unmarked string, found bool) {
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	labels := strings.Split(host, ".")
	var mh, uh []string
	for i, lab := range labels {
		if i == 0 && len(labels) > 2 && isMarker(lab, l) {
			mh = append(mh, "{lang}")
			found = true
			continue
		}
		mh = append(mh, lab)
		uh = append(uh, lab)
	}
	p := strings.Trim(path.Clean("/"+u.Path), "/")
	for _, idx := range []string{"index.html", "index.htm", "index.php", "default.aspx"} {
		if p == idx {
			p = ""
		}
		p = strings.TrimSuffix(p, "/"+idx)
	}
	var segs []string
	if p != "" {
		segs = strings.Split(p, "/")
	}
	var ms, us []string
	for i, s := range segs {
		ls := strings.ToLower(s)
		if isMarker(ls, l) {
			ms = append(ms, "{lang}")
			found = true
			continue
		}
		if i < len(segs)-1 && strings.Count(s, ".") >= 2 {
			// A host name as a folder (wget's mirror of ru.example.org).
			if first, rest, _ := strings.Cut(s, "."); isMarker(strings.ToLower(first), l) {
				ms = append(ms, "{lang}."+rest)
				us = append(us, rest)
				found = true
				continue
			}
		}
		if i == len(segs)-1 {
			if m, um, ok := fileKeys(s, l); ok {
				ms = append(ms, m)
				us = append(us, um)
				found = true
				continue
			}
		}
		ms = append(ms, s)
		us = append(us, s)
	}
	q := u.Query()
	var mq, uq []string
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range q[k] {
			if queryLangKeys[strings.ToLower(k)] && isMarker(strings.ToLower(v), l) {
				mq = append(mq, k+"={lang}")
				found = true
				continue
			}
			mq = append(mq, k+"="+v)
			uq = append(uq, k+"="+v)
		}
	}
	join := func(h, s, q []string) string {
		out := strings.Join(h, ".") + "/" + strings.Join(s, "/")
		if len(q) > 0 {
			out += "?" + strings.Join(q, "&")
		}
		return out
	}
	return join(mh, ms, mq), join(uh, us, uq), found
}

// fileKeys finds a code of l in a file name: "x.en.html", "x.html.en",
// "x_en.html", "x-en.html". It returns the name with the code replaced by
// "{lang}" and with the code removed.
func fileKeys(name, l string) (marked, unmarked string, ok bool) {
	parts := strings.Split(name, ".")
	for i := len(parts) - 1; i >= 1; i-- {
		if isMarker(strings.ToLower(parts[i]), l) {
			m := slices.Clone(parts)
			m[i] = "{lang}"
			u := slices.Delete(slices.Clone(parts), i, i+1)
			return strings.Join(m, "."), strings.Join(u, "."), true
		}
	}
	base := parts[0]
	lb := strings.ToLower(base)
	for _, sep := range []string{"_", "-", "."} {
		for _, code := range append([]string{l}, langNames[l]...) {
			if strings.Contains(code, " ") || !strings.HasSuffix(lb, sep+code) || len(lb) == len(sep+code) {
				continue
			}
			cut := len(base) - len(sep+code)
			rest := strings.Join(parts[1:], ".")
			if rest != "" {
				rest = "." + rest
			}
			return base[:cut] + sep + "{lang}" + rest, base[:cut] + rest, true
		}
	}
	return "", "", false
}
