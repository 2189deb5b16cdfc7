// Package clean filters and deduplicates the sentence pairs of a parallel
// corpus, as OpusFilter or Moses' clean-corpus-n.perl do, so that pairs
// that hurt training (a date aligned to a sentence, the same sentence on
// both sides, a Russian sentence on the English side, a pair repeated from
// a site template) go to the rejects with every reason they failed.
//
// A [Cleaner] runs small named filters; each has numeric parameters and
// returns a detail when a pair fails. The default set, in running order
// (every filter is in it):
//
//	empty      a side is empty or blank
//	length     a side has fewer than min=1 or more than max=150 words, or
//	           fewer than minchars=1 or more than maxchars=1500 characters
//	ratio      target/source length in non-space characters, over the
//	           language pair's expected ratio (ExpectedRatio, en→ru 1.15), is
//	           above max=3.5 or below 1/3.5 (pairs under minchars=10 not checked)
//	lang       the LangDetector finds another language on a side, after
//	           identifiers, commands and acronyms are left out (and Latin
//	           names, in languages of other scripts, and the words both
//	           sides share: "apt-mark hold package_name" and "apt-mark
//	           hold имя_пакета"); for a language of
//	           another script, a side with share=0.2 of its letters in its
//	           own script still passes (command lines with translated words)
//	identical  the sides are the same text, or similar at max=0.9 or more
//	           (letters and digits, case ignored: an untranslated copy)
//	numbers    the numbers differ ("1,000" = "1 000"; "3.5" = "3,5";
//	           "24.12.2001" = "2001-12-24"; "09" = "9"; footnote marks
//	           such as "[12]" are left out; a number the other side
//	           writes out in English or Russian words agrees: "one
//	           thousand and thirty" = "1030", "12th" = "двенадцатой",
//	           "1.5 million" = "полтора миллиона", "January 2, 2001" =
//	           "02.01.2001")
//	urls       the URLs or e-mail addresses differ
//	letters    under min=0.4 of a side's non-space characters are letters
//	           (unless both sides are so and hold the same numbers: a
//	           formula and its translation), or under script=0.1 of its
//	           letters are in its language's script
//	token      a side holds a token of more than max=50 characters
//	markup     leftover HTML (tags with attributes or of block elements,
//	           named references other than &amp; &lt; &gt;; inline tags
//	           and references that differ between the sides)
//	adequacy   align.Scorer's PairScore (length, numbers, placeholders,
//	           cognates, dictionary) over the square root of the pair's
//	           words is below min=-1.3 (align's tokeniser reads "3,000" as
//	           "3000", "%2$s" as "%s", "<dir>" as "<каталог>", "32-bit" as
//	           "32 bit", capitals-only sides in lower case)
//	partial    a partial translation (one side adds or drops a clause or a
//	           sentence): the Gale-Church deviation of the target length
//	           from the expected one, |t - e·s| / sqrt(v·(e·s + t)/2), is
//	           above max=3.5 both in non-space characters (e = ExpectedRatio,
//	           v=2) and in words (e=1, v=0.125); pairs whose longer side
//	           has under minchars=20 characters are not checked
//	lexical    under min=0.2 of a side's words are translations of a word of
//	           the other side (best probability at least prob=0.1) by a
//	           lexicon induced from the corpus itself ([TrainLexicon]: IBM
//	           model 1 both ways on 5-letter stems seen in 2 pairs or more;
//	           function words, which the empty word explains, not counted):
//	           a misaligned pair; checks nothing without Config.Lexicon
//	           (paraline clean and eval clean induce one from the first
//	           30,000 pairs of their input; a run has none); not in the
//	           default set (--filters lexical)
//	evidence   a misaligned pair by the same lexicon ([Lexicon.Evidence]):
//	           for each side, the mean over its learnt words of the
//	           log-likelihood ratio of the other side being its
//	           translation rather than a random sentence of the corpus (an
//	           explained word adds log(hit/bg), an unexplained one
//	           log((1-hit)/(1-bg)), hit: how often the word's own partner
//	           explains it in training, bg: how often any sentence does); the
//	           smaller of the two is below min=-0.5; pairs with under
//	           minwords=2 learnt words a side and pairs without a lexicon
//	           are not checked
//	clause     a partial translation told by which words are left without a
//	           translation: the run of whole clauses of one side (cut at
//	           , ; : . ! ? and the like; not the whole side) that the same
//	           lexicon leaves most unexplained, its unexplained counted
//	           words less its explained ones over the side's counted words,
//	           times the share of the other side's words explained, plus
//	           length=0.2 times partial's deviation, is above max=0.75; a
//	           word found on both sides is explained, and so is one that
//	           Config.Dict (the Mueller dictionary with --mueller) links to
//	           a word of the other side; checks nothing without a lexicon;
//	           not in the default set (--filters clause)
//	template   a side (letters and digits, case ignored) already seen with
//	           max=2 other partners
//
// Deduplication removes exact and normalised (lower-cased letters and digits only)
// duplicates across a run with bounded memory ([Dedup]); the first
// occurrence in input order is kept.
//
// Cleaner.Judge is pure and safe for concurrent use; a [Stream] takes its
// verdicts in input order and adds the template filter and deduplication,
// so a pipeline can judge pairs on several goroutines and still give the
// same outputs for the same input:
//
//	c, err := clean.New(clean.Config{SrcLang: "en", TgtLang: "ru"}, det, nil)
//	s := c.NewStream(clean.StreamOptions{})
//	defer s.Close()
//	for p := range pairs { // in input order
//		out := s.Add(p, c.Judge(p))
//		if out.Keep { ... } else { ... out.Reasons ... }
//	}
//
// The thresholds of ratio, lang, partial, adequacy, lexical, evidence and clause were chosen
// by cross-validation, leaving one source of clean pairs out at a time, on
// noisy sets of scripts/mknoise from eight sources and five seeds
// (scripts/cvclean, which reads the statistics [Cleaner.Measures] gives;
// see scripts/mknoise/README.md for the figures).
//
// Filters are chosen with [ParseFilters] ("length:max=200,ratio:max=3,-lang")
// or [ParseFiltersJSON].
package clean
