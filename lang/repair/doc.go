// Package repair puts back the spaces that scraping lost after short
// function words, in English and Russian text:
//
//	"the future ofthe harbour"   -> "the future of the harbour"
//	"the summit inBishkek"       -> "the summit in Bishkek"
//	"over600 letters"            -> "over 600 letters"
//	"a meeting oftheSCO"         -> "a meeting of the SCO"
//	"прошло вМоскве"             -> "прошло в Москве"
//	"ошибка в«файле»"            -> "ошибка в «файле»"
//	"the states— the partners"   -> "the states — the partners"
//
// A Repairer only inserts U+0020 spaces: every other byte of its input is
// kept, and each change is reported as an Edit (byte offset, glued token,
// repaired token, score, reason).
//
// # Model
//
// A token (a run of letters and digits) that starts with a function word
// (a preposition, conjunction or article of the language) is read either as
// one word or as function words followed by one word. Each reading gets a
// unigram probability: words from a frequency lexicon built into the binary
// (English: SUBTLEX-US counts plus the SCOWL word lists; Russian: every word
// form of the hunspell ru_RU dictionary plus a frequency ranking), unknown
// words by their shape (numbers, capitalised words, lower-case words that
// get rarer with length). Each glued function word costs the probability
// that the run glues that word, estimated from the run itself (a Vocab):
// the share of its occurrences that are unambiguously glued ("ofthe", an
// unknown token made of a function word and a known word), shrunk towards a
// prior. A split is made when it is more probable than the single word.
//
// Evidence from the run also counts: a word the lexicon lacks but the run
// uses on its own supports splitting it off; a function word and word that
// the run writes spaced ("в меню") give the pair its run frequency, so the
// glued form ("вменю") is split even when it is a rare lexicon word; and an
// unknown token (or a
// family of its inflected forms) seen several times while its rest never
// stands alone is taken as a word of the run. Language rules reject splits
// that spelling or grammar forbid: "an" before a consonant, an article
// before a one- or two-letter word, a Russian preposition before an
// infinitive or before an adjective in a case it does not govern
// ("от рисованный"), and Russian "не"/"без" before an adjective or
// participle (written together, "неподдерживаемый"; "без" + genitive
// stays a preposition).
//
// # Russian: derived words
//
// Most Russian prepositions are also word-forming prefixes, so a glued form
// may be a real word the lexicon lacks ("подкаталоги", "отрисовка",
// "неотсортированный"). Such a form gets a probability of its own: the
// known rest's count times the prefix's productivity for the rest's word
// class (the share of lexicon words with the same 2- and 3-letter ending
// that also take the prefix, measured on the lexicon by the generator:
// data/ru_derive.tsv.gz) times a weight (WithDerivedWeight, chosen on
// held-out genres). Derived-looking forms count towards the run's glue rate
// only by the odds of their glue reading, against the glue rate of the
// function words that are not prefixes. The run also shows a preposition's
// grammar: the endings of the words it writes spaced after it ("при
// загрузке", never "под процесса") make a glued reading with such an ending
// likelier or less likely. A word seen several times glued is glue only if
// the run's glue rate explains that count against the spaced pair
// (binomial): "недоступен" seven times and "не доступен" three times in
// clean text is a word.
//
// A Vocab keeps a bounded number of entries (see NewVocabLimit): numbers
// are not kept, and past the limit a hash sample of the keys, the same
// whatever the order of Add calls.
//
// Lone dashes glued on one side ("word— word", "—Word" at a line start) and
// function words glued to an opening quote or bracket are repaired too;
// WithFixPunct adds spaces after ",;:" and sentence ends glued to a letter.
//
// # Use
//
// A Repairer is safe for concurrent use and deterministic. For a run of
// many documents, feed all body text to one Vocab first, then repair:
//
//	v := repair.NewVocab()
//	for _, span := range spans { v.Add(span) }
//	r, err := repair.New("en", repair.WithVocab(v))
//	for _, span := range spans { fixed, edits := r.Repair(span) ... }
//
// The lexicons are loaded once per process on first use (about 20 MB of
// memory for English, 30 MB for Russian).
package repair
