package docpair

import "testing"

// TestSecondBest: x.html is close to a.html, whose version b.html is
// present and taken by a.html; x.html's own version is missing. A weak
// candidate (under sureScore) far below x.html's best does not pair; one
// close to it does.
func TestSecondBest(t *testing.T) {
	x := siteEN[1] + "\nPress F10, see table 2.3 and https://ex.org/q"
	tests := []struct {
		name, y string
		want    string
	}{
		{"far below the best", "Нажмите F10, см. таблицу 2.3", "a.html>b.html(content) c.html>d.html(content)"},
		{"close to the best", "Нажмите F10, см. таблицу 2.3 и https://ex.org/q\nПоиск пакетов libc6", "a.html>b.html(content) c.html>d.html(content) x.html>y.html(content)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, Options{},
				doc("a.html", "", "en", siteEN[1]), doc("b.html", "", "ru", siteRU[1]),
				doc("x.html", "", "en", x), doc("y.html", "", "ru", tt.y),
				doc("c.html", "", "en", siteEN[4]), doc("d.html", "", "ru", siteRU[4]))
			if g := got(res); g != tt.want {
				t.Errorf("pairs = %q, want %q", g, tt.want)
			}
		})
	}
}
