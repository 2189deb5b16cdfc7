package split

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestSplitFunc(t *testing.T) {
	texts := []string{
		"Mr. Smith left. He came back.\n\nNew paragraph... Yes!\n",
		"  \n\n\nOne\ntwo\nthree\n\n  Four. Five.  \n \n",
		"«Мы готовы. Ждем», — сказал он. Да.",
		"",
		"no end mark",
		"One. Two\n\nThree\n  \nFour. Five.\nsix\n", // a blank paragraph read whole, at EOF
	}
	for _, lang := range []string{"en", "ru"} {
		s := New(lang)
		for i, text := range texts {
			var want []string
			for _, st := range s.Split(text) {
				want = append(want, st.Text)
			}
			for _, r := range []io.Reader{iotest.OneByteReader(strings.NewReader(text)), strings.NewReader(text)} {
				sc := bufio.NewScanner(r)
				sc.Split(s.SplitFunc())
				var got []string
				for sc.Scan() {
					got = append(got, sc.Text())
				}
				if err := sc.Err(); err != nil {
					t.Fatalf("%s text %d: %v", lang, i, err)
				}
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%s text %d (%T): scanner %q, Split %q", lang, i, r, got, want)
				}
			}
		}
	}
}

func TestSplitFuncTooLong(t *testing.T) {
	sc := bufio.NewScanner(strings.NewReader(strings.Repeat("word ", 100)))
	sc.Buffer(make([]byte, 16), 64)
	sc.Split(New("en").SplitFunc())
	for sc.Scan() {
	}
	if !errors.Is(sc.Err(), bufio.ErrTooLong) {
		t.Fatalf("Err() = %v, want bufio.ErrTooLong", sc.Err())
	}
}
