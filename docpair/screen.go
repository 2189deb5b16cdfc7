package docpair

import (
	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
)

// A Screen tells, document by document, whether a document of a crawl can
// count as a document in Src or in Tgt in the Result of a Pairer with the
// same Options: in Src as the Src document of a pair or an unpaired
// document whose language is Src, in Tgt as the Tgt document of a pair or
// an unpaired document whose language is Tgt. A caller that wants two
// documents of each language before it pairs a crawl (a run that pairs by
// default) can so find that a crawl is in one language without pairing it:
// Look is cheap (the scripts of the document's letters, its address, its
// <html lang>), and Sides decides exactly, classifying the document as
// AddInputs does but making no fingerprint.
//
// A Screen is safe for concurrent use.
type Screen struct {
	p     *Pairer
	det   *lang.Detector
	cls   *lang.Classifier
	langs []string
}

// NewScreen returns a Screen for the documents that AddInputs would add to
// p with counter as ReadOptions.Counter (nil for ReadOptions.NoRepeat) and
// det as ReadOptions.Detector (nil builds one for Src and Tgt, as
// AddInputs does).
func (p *Pairer) NewScreen(counter *lang.LineCounter, det *lang.Detector) (*Screen, error) {
	if det == nil {
		var err error
		if det, err = lang.NewDetector([]string{p.opts.Src, p.opts.Tgt}); err != nil {
			return nil, err
		}
	}
	return &Screen{p: p, det: det, cls: &lang.Classifier{Counter: counter}, langs: det.Langs()}, nil
}

// Scripts reports whether Src and Tgt are written in different scripts,
// so that Look's shares tell a document of one from a document of the
// other.
func (s *Screen) Scripts() bool {
	_, _, distinct := lang.ScriptShares("", s.p.opts.Src, s.p.opts.Tgt)
	return distinct
}

// Look tells, from d as read, before language detection, whether d may be
// a document in Src and whether in Tgt (see Screen): for each language, 0
// when d cannot be one, whatever the classification of its text (no letter
// of its text is in the language's script, its address names the other
// language, its <html lang> does not name it); else the share of its
// letters in the language's script, in (0, 1], or 1 when its address or
// its <html lang> names the language or the two languages share a script.
// The higher the value, the likelier a document of that language. d.ID
// must be the ID the document is added with (Doc.ID): a file's path names
// its language as an address does.
//
// Look rests on what a document needs to be one of a language (see Add
// and FromDocument): its body in the language (letters in spans the
// detector gave the language, which are letters of its script, or no
// letters and an <html lang> naming it), a tenth of its body in it as a
// second language (letters again), or an address naming it.
func (s *Screen) Look(d *corpus.Document) (src, tgt float64) {
	o := s.p.opts
	inSrc, inTgt := false, false
	if o.By != ByContent {
		u := location(d.ID, d.URL)
		_, _, inSrc = langKeys(u, o.Src)
		_, _, inTgt = langKeys(u, o.Tgt)
		if inTgt && !inSrc {
			return 0, 1 // a Tgt document, whatever its body (see Add)
		}
	}
	src, tgt, distinct := lang.ScriptShares(d.Text, o.Src, o.Tgt)
	if !distinct {
		src, tgt = 1, 1
	}
	switch htmlLang(d.HTMLLang) {
	case o.Src:
		src = 1
	case o.Tgt:
		tgt = 1
	}
	if inSrc && !inTgt {
		// A Src document, which may pair as a Tgt version too when its
		// body holds Tgt.
		src = 1
	}
	return src, tgt
}

// Sides tells exactly whether d can be a document in Src and whether in
// Tgt (see Screen), detecting and classifying its spans as AddInputs does.
// d.ID as for Look.
func (s *Screen) Sides(d *corpus.Document) (src, tgt bool) {
	spans := s.cls.Classify(d.Text, s.det.Segment(d.Text))
	e := s.p.newEntry(fromDocument(d, spans, s.langs, false))
	return e.side == 0, e.canBe(1)
}
