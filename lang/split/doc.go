// Package split splits text into sentences, with byte offsets into the
// input, for English and Russian, and with a conservative generic rule set
// for every other language.
//
// A Splitter is built once per language and may be shared by goroutines:
//
//	s := split.New("en")
//	for _, sent := range s.Split("Mr. Smith went to Washington. He arrived at 5 p.m. on Monday.") {
//		fmt.Println(sent.Start, sent.End, sent.Text)
//	}
//	// 0 29 Mr. Smith went to Washington.
//	// 30 61 He arrived at 5 p.m. on Monday.
//
// The rules, in the order they are applied:
//
//   - A blank line (a line of white space only) is a hard paragraph break.
//   - A single line break ends a sentence unless the next line starts with
//     a lower-case letter (a wrapped line of prose), a comma, closing quote
//     or bracket, or the line ends with a comma, a joining word ("the", "of",
//     "в", "и"; data section [joiners]) or a period that surely ends no
//     sentence ("Dr."). In a paragraph with no sentence punctuation at all,
//     every line is its own sentence (menus, tag lists, lists of headings),
//     so a heading without a final stop is a sentence of its own. This
//     follows the layout of scraped web text, where lines are units; the
//     wrapped-prose cases ("It was a cold\nnight.") stay one sentence.
//   - "?" and "!" (and runs such as "?!") end a sentence unless a lower-case
//     word follows ("Yahoo! in"); "¿" and "¡" open one. The CJK marks "。",
//     "！" and "？" end a sentence with no space after them.
//   - Closing quotes and brackets after an end mark belong to the sentence
//     (He said "Stop." | Then); an end mark inside a matched pair of quotes
//     or brackets (“…”, «…», "…", (…)) does not end the outer sentence.
//   - A period after an abbreviation is resolved with the language's data
//     (data/abbrev_*.txt): titles ("Mr.", "г.") never end a sentence,
//     abbreviations before numbers ("p. 55", "ст. 5") neither, other
//     abbreviations ("U.S.", "etc.", "т.е.") and initials ("J. R. R.",
//     "А. С. Пушкин") only before a typical sentence opener ("He", "The",
//     "Он"), and not after a short adverbial opener ("At 5 a.m. Mr. Smith").
//     Units and currencies after a number ("5 млн руб.") end a sentence
//     before any capitalised word.
//   - Periods inside numbers, dates, times, URLs and e-mail addresses
//     ("1.5", "24.11.2026 15:39", "www.example.com") are not candidates.
//   - Ellipses: "..." and "…" end a sentence before a capitalised word;
//     the spaced form ". . ." never does, and ". . . ." does before a
//     capitalised word.
//   - List items: a sentence that opens with a marker ("1.", "2)", "a.",
//     "•") makes the next marker in sequence open the next sentence.
//   - English and Russian also split before a digit or a lower-case word
//     after a plain word that cannot be an abbreviation, and "world.Today"
//     with no space.
//
// A sentence never starts or ends with white space; the white space between
// sentences belongs to none of them, so the sentences and the gaps between
// them rebuild the input exactly.
package split
