package clean_test

import (
	"fmt"
	"strings"

	"github.com/paraline/paraline/clean"
)

// byScript is a toy detector: Cyrillic text is Russian, Latin English.
type byScript struct{}

func (byScript) Detect(s string) (string, float64) {
	for _, r := range s {
		if r >= 'а' && r <= 'я' || r >= 'А' && r <= 'Я' {
			return "ru", 1
		}
	}
	if strings.ContainsAny(strings.ToLower(s), "abcdefghijklmnopqrstuvwxyz") {
		return "en", 1
	}
	return "", 0
}

func Example() {
	filters, err := clean.ParseFilters("-adequacy,length:max=50")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := clean.New(clean.Config{SrcLang: "en", TgtLang: "ru", Filters: filters}, byScript{}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := c.NewStream(clean.StreamOptions{})
	defer s.Close()
	for _, p := range []clean.Pair{
		{Src: "Open the file.", Tgt: "Откройте файл."},
		{Src: "Open the file.", Tgt: "Откройте файл."},
		{Src: "Wait 15 minutes.", Tgt: "Подождите 25 минут."},
		{Src: "Close the window.", Tgt: "Close the window."},
		{Src: "", Tgt: "Пусто"},
	} {
		out := s.Add(&p, c.Judge(&p))
		switch {
		case out.Keep:
			fmt.Printf("keep    %s\n", p.Src)
		case out.Duplicate != "":
			fmt.Printf("dup     %s (%s)\n", p.Src, out.Duplicate)
		default:
			fmt.Printf("reject  %q: %s\n", p.Src, strings.Join(out.Reasons, ", "))
		}
	}
	st := s.Stats()
	fmt.Printf("in %d = kept %d + rejected %d + duplicates %d\n", st.In, st.Kept, st.Rejected, st.Duplicates)
	// Output:
	// keep    Open the file.
	// dup     Open the file. (exact)
	// reject  "Wait 15 minutes.": numbers
	// reject  "Close the window.": identical, letters
	// reject  "": empty
	// in 5 = kept 1 + rejected 3 + duplicates 1
}
