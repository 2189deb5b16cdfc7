package split

import "bufio"

// SplitFunc returns a bufio.SplitFunc that yields the sentences of the
// scanned input, trimmed, exactly as Split would find them in the whole
// input. It keeps the sentences of the current paragraph between calls, so
// use a new SplitFunc for every Scanner. A paragraph (text between blank
// lines) must fit in the Scanner's buffer; raise the limit with
// Scanner.Buffer for long paragraphs, or the Scanner stops with
// bufio.ErrTooLong.
func (s *Splitter) SplitFunc() bufio.SplitFunc {
	var pending []Sentence // sentences of the current paragraph
	base := 0              // bytes of the paragraph already consumed
	return func(data []byte, atEOF bool) (int, []byte, error) {
		// Paragraphs without a sentence (white space, the blank line after
		// a paragraph) are skipped within the call: a Scanner at EOF stops
		// at the first call that returns no token.
		skipped := 0
		for len(pending) == 0 {
			if len(data) == skipped {
				return skipped, nil, nil
			}
			text := string(data[skipped:])
			end, next := nextParagraph(text, 0)
			if end == len(text) && !atEOF {
				return skipped, nil, nil // the paragraph may go on
			}
			pending = s.AppendSplit(pending[:0], text[:end])
			base = -skipped // sentence offsets are into data[skipped:]
			if len(pending) == 0 {
				skipped += next
			}
		}
		st := pending[0]
		pending = pending[1:]
		tok := data[st.Start-base : st.End-base]
		adv := st.End - base
		base = st.End
		return adv, tok, nil
	}
}
