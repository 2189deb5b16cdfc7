// Package lang finds the languages of a document and separates its body from
// site boilerplate.
//
// A Detector, built once per run over lingua-go for the run's languages,
// cuts a normalised document into Spans: runs of one language that cover every
// byte of the text exactly once, split line by line and, inside a line, where
// the script or the language changes. Text without letters (dates, clocks,
// bullets) is its own span with an empty language.
//
// Classify then marks each span as body, boilerplate or noise from evidence a
// reader can check: lines repeated across the documents of a run (counted by a
// LineCounter in a first pass), navigation and widget patterns such as world
// clocks and related-news lists, short lines away from the article's prose, and
// runs of another language inside a page whose body is in one language. Every
// span that is not body carries the reason it was dropped, for example
// "boilerplate:repeated(5 docs)" or "boilerplate:clock".
//
// Sub-packages hold the later text stages: repair (glued words), split
// (sentences) and translate (machine translation backends).
package lang
