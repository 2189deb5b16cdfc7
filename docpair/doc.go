// Package docpair finds the documents of a crawl that are language versions
// of each other: the English page and its Russian translation, say.
//
// A caller turns each document into a small Doc (its ID, URL, the language
// of its body, the links that may point at its other version, and a
// fingerprint of its body made by NewFeatures) and adds it to a Pairer;
// only the fingerprint is kept, so memory grows with the number of
// documents, not with their text. Pair then pairs documents of the two
// languages one to one:
//
//  1. URL and markup evidence: <link rel="alternate" hreflang> and
//     language-switcher links that point at each other; URLs or paths that
//     differ only in a language code (a path segment "/en/" - "/ru/", a
//     subdomain "en." - "ru.", a query parameter "?lang=ru", a file suffix
//     "x.en.html" - "x.ru.html"), or where one version has the code and the
//     other none ("/page" - "/ru/page"). An address that names one of
//     the two languages makes the document that version, whatever the
//     language of its body; with too little of that language it is an
//     untranslated copy (see minURLShare).
//  2. Structure: the pages that two pages already paired link to at the
//     same place in their sequences of links pair too (method link), to a
//     fixed point; again after the content pairs.
//  3. Content evidence for the documents left: what survives translation
//     (numbers, Latin-script words and codes inside Cyrillic text, URLs,
//     e-mail addresses), weighted by rarity, found through an inverted
//     index over rare features (so time grows near-linearly with the crawl)
//     and scored together with the number and lengths of paragraphs; then a
//     greedy one-to-one assignment by score above a threshold.
//
// A candidate pair whose two bodies are mostly the same paragraphs (an
// "translation" left untranslated) is never a pair. Documents left without
// a partner are listed per language.
//
// A Screen tells, before any pairing, which documents can count as
// documents of each language in the result: cheaply from their scripts and
// addresses (Look), exactly by classifying them (Sides), so that a caller
// can find a crawl monolingual without pairing it.
//
// The output format, docpairs.tsv, is one pair per line:
//
//	src_doc<TAB>tgt_doc<TAB>score<TAB>method
//
// where method is hreflang, url, switcher, url-close, link or content and score is the
// content similarity of the two documents (0..1).
package docpair
