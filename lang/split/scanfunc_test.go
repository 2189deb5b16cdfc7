package split

import (
	"bufio"
	"errors"
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
	}
	for _, lang := range []string{"en", "ru"} {
		s := New(lang)
		for i, text := range texts {
			var want []string
			for _, st := range s.Split(text) {
				want = append(want, st.Text)
			}
			sc := bufio.NewScanner(iotest.OneByteReader(strings.NewReader(text)))
			sc.Split(s.SplitFunc())
			var got []string
			for sc.Scan() {
				got = append(got, sc.Text())
			}
			if err := sc.Err(); err != nil {
				t.Fatalf("%s text %d: %v", lang, i, err)
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s text %d: scanner %q, Split %q", lang, i, got, want)
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
