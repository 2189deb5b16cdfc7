// Package align aligns the sentences of a document with those of its
// translation.
//
// Align takes two sentence lists and returns beads in document order; every
// sentence is in exactly one bead, and a bead joins up to three sentences
// on a side (shapes 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 1-3, 3-1):
//
//	src: "The server was started." "Could not open %s." "Press Ctrl+C."
//	tgt: "Сервер запущен. Не удалось открыть %s." "Нажмите Ctrl+C."
//	beads: {Src: [0 1], Tgt: [0]}, {Src: [2], Tgt: [1]}
//
// Written as text (paraline align --format beads, and the gold files of
// paraline eval align) a bead is one line "S<TAB>T" of comma-separated
// 1-based line numbers, a side empty for 1-0 and 0-1 beads: "1,2\t1".
//
// # Evidence
//
// A bead's score is the log prior of its shape plus, for beads with two
// sides, the Gale-Church length log probability (the length ratio is
// estimated from the two documents) and a lexical log-likelihood ratio.
// Lexical features are compared across languages verbatim or through a
// key: numbers, placeholders (%s, %1$d, {0}, $VAR), tags, URLs, paths,
// command-line options, identifiers and acronyms, punctuation that
// survives translation (? ! : ; quotes, brackets), the sentence-final mark,
// cognates (Cyrillic is transliterated and both sides reduced to a
// spelling-neutral key), and, with a Dict, dictionary translations (Russian
// words are stemmed and English words reduced to lemma candidates, so
// inflected forms match). What translators write differently without
// changing the meaning is read in one form: numbers with thousands
// separators ("3,000", "3 000" = "3000"), printf directives with argument
// positions ("%2$s" = "%s"), angle-bracket placeholders whose word is
// translated ("<dir>" = "<каталог>"; markup tags stay tags), a number or
// a word hyphenated to a word of another script ("32-bit", "TAB-файл": two
// tokens), and sentences in capitals only (lower-cased). Each feature is weighted by how it behaves in the
// document pair at hand: one seen as often on both sides is strong evidence
// (more so when rare), one seen often on a single side is none. A Scorer holds
// these weights; its PairScore rates any sentence pair, for filters. It is
// safe for concurrent use and allocates nothing in the steady state: each
// goroutine's scratch (with a cache of the features of recent words) is
// reused through a sync.Pool, and sentences are tokenised in one pass with
// fast paths for ASCII and Cyrillic (about 2 µs for a pair of short
// sentences on one core).
//
// # Search
//
// The search is a dynamic program over bead boundaries with affine costs
// for runs of unaligned sentences, so a paragraph missing on one side costs
// little more than one missing sentence. Document pairs of more than
// Options.MaxFullCells cells are aligned coarse to fine (as Vecalign does):
// sentences are merged pairwise into blocks, level by level, until the
// block grid is small; each level's path, widened by Options.Band, bounds
// the search at the next finer level. Time and memory grow linearly: two
// generated documents of a million sentences each align in about 80 s of
// one core and 1.4 GB (inputs included); 20,000 in about 1.1 s and 40 MB.
//
// A second pass then decides again every place where the path chose
// between a merge and a skip: a 2-1 or 1-2 bead, or a 1-0 or 0-1 bead next
// to a 1-1 bead on the same side. Merged beads are scored by where, inside
// the single sentence, the translations of the two would meet: at a
// boundary (a full stop, semicolon, comma, dash, or a space before a word
// cased like the second sentence's first word) whose position fits the
// two sentences' lengths, each part a good 1-1 pair with its sentence, or,
// less likely, nowhere visible. A short sentence without numbers or names,
// missing on one side, so becomes a 1-0 bead instead of being merged into
// its neighbour's bead, and a real merge that the priors made a skip is
// restored. Options.NoRefine turns the pass off.
//
// # Learnt lexicon
//
// Without a dictionary, the input itself tells which words translate
// which (as hunalign does when it has none): LearnLexicon aligns the
// document pairs of a run once, keeps the 1-1 beads that score well and
// are not next to a sentence without counterpart, and takes as
// translations the word pairs (lower-cased, Russian stemmed, English
// reduced to a lemma candidate) that those beads hold together far more
// often than chance: at least twice, Dice >= 0.3, log-likelihood G² >=
// 10.83, neither word in more than a fifth of the beads, linked one to
// one, most associated first. Options.Lexicon then adds that evidence to a second
// alignment (and to a Scorer's PairScore, for filters):
//
//	lex := align.LearnLexicon([]align.DocPair{{Src: en, Tgt: ru}, ...}, opts)
//	opts.Lexicon = lex // nil (too little data: under 30 beads) changes nothing
//	beads := align.Align(en, ru, opts)
//	sc := align.NewScorer(nil, nil, opts) // sc.PairScore uses lex too
//
// A short sentence missing on one side, without numbers or names, so still
// has words that its neighbour's translation lacks, and becomes a 1-0 bead
// rather than a wrong merge. Learning costs one more alignment pass.
//
// # Dictionaries
//
// LoadDict reads TSV ("source<TAB>target") or hunalign ("target @ source")
// word lists. LoadMueller reads the English-Russian Mueller dictionary
// (7th edition, GPL) from the dictd files of the Debian package
// mueller7-dict at run time; paraline ships no copy of it.
package align
