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
		if len(pending) == 0 {
			if len(data) == 0 {
				return 0, nil, nil
			}
			text := string(data)
			end, next := nextParagraph(text, 0)
			if end == len(text) && !atEOF {
				return 0, nil, nil // the paragraph may go on
			}
			pending = s.AppendSplit(pending[:0], text[:end])
			base = 0
			if len(pending) == 0 {
				return next, nil, nil // white space only, or the blank line after a paragraph
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
