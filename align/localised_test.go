package align

import "testing"

func TestLocalisedMatch(t *testing.T) {
	for _, c := range []struct {
		local, name string
		want        bool
	}{
		{"/usr/share/doc/пакет/copyright", "/usr/share/doc/package/copyright", true},
		{"https://bugs.debian.org/имя-пакета", "https://bugs.debian.org/package-name", true},
		{"https://bugs.debian.org/from:ваш-адрес", "https://bugs.debian.org/from:your-email-addr", true},
		{"пакет.cron.monthly", "package.cron.monthly", true},
		{"/путь/к/foo_старая-версия.debian.tar.gz", "/path/to/foo_oldversion.debian.tar.gz", true},
		{"пакет-1.install", "package-1.install", true},
		{"пакет-1.install", "PACKAGE-1.INSTALL", true},
		// the kept parts differ
		{"/usr/share/doc/пакет/changelog", "/usr/share/doc/package/copyright", false},
		{"пакет-1.install", "package-2.install", false},
		{"/etc/cron.d/пакет", "/etc/cron.daily/package", false},
		// a localised part stands for one part, not several
		{"/usr/share/doc/пакет", "/usr/share/doc/foo/bar", false},
		// too few letters kept verbatim: a name translated whole
		{"т.д", "e.g", false},
		{"/путь/к/файлу", "/path/to/file", false},
		{"пакет.so", "package.so", false},
	} {
		if got := localisedMatch([]byte(c.local), []byte(c.name)); got != c.want {
			t.Errorf("localisedMatch(%q, %q) = %v, want %v", c.local, c.name, got, c.want)
		}
	}
}

// TestLocalisedScore checks that PairScore takes a name localised in part
// for a match: the pair scores as with the name copied, within the length
// term, and better than with another name in its place.
func TestLocalisedScore(t *testing.T) {
	s := NewScorer(nil, nil, nil)
	for _, c := range []struct {
		src, tgt, copied, other string
	}{
		{
			"The authors are credited in the file /usr/share/doc/PACKAGE/copyright.",
			"Авторы указаны в файле /usr/share/doc/ПАКЕТ/copyright.",
			"Авторы указаны в файле /usr/share/doc/PACKAGE/copyright.",
			"Авторы указаны в файле /usr/share/doc/ПАКЕТ/changelog.",
		},
		{
			"You can view the bugs of a package at https://bugs.debian.org/package-name.",
			"Вы можете просмотреть ошибки пакета по адресу https://bugs.debian.org/имя-пакета.",
			"Вы можете просмотреть ошибки пакета по адресу https://bugs.debian.org/package-name.",
			"Вы можете просмотреть ошибки пакета по адресу https://lists.debian.org/имя-пакета.",
		},
		{
			"Use package-1.install and package-2.install.",
			"Используйте пакет-1.install и пакет-2.install.",
			"Используйте package-1.install и package-2.install.",
			"Используйте пакет-1.conffiles и пакет-2.conffiles.",
		},
	} {
		got := s.PairScore(c.src, c.tgt)
		copied := s.PairScore(c.src, c.copied)
		other := s.PairScore(c.src, c.other)
		if got < copied-1 {
			t.Errorf("%q: PairScore %.2f, with the name copied %.2f", c.tgt, got, copied)
		}
		if got < other+3 {
			t.Errorf("%q: PairScore %.2f, with another name %.2f", c.tgt, got, other)
		}
		// either side may hold the localised name
		if back := s.PairScore(c.tgt, c.src); back < s.PairScore(c.copied, c.src)-1 {
			t.Errorf("%q as source: PairScore %.2f, with the name copied %.2f", c.tgt, back, s.PairScore(c.copied, c.src))
		}
	}
}

// TestCapitalsScore checks that PairScore takes a word in capitals
// translated into a word in capitals of the other script for a match.
func TestCapitalsScore(t *testing.T) {
	s := NewScorer(nil, nil, nil)
	for _, c := range []struct {
		src, tgt, plain string
	}{
		{"use FILE to map file owner UIDs", "использовать ФАЙЛ для сопоставления UID владельцев файла", "использовать файл для сопоставления UID владельцев файла"},
		{"Move one or more files from SOURCE to DEST.", "Переместить один или несколько файлов из ИСТОЧНИКА в ПРИЁМНИК.", "Переместить один или несколько файлов из источника в приёмник."},
		{"BACK TO BASICS Port forwarding", "К ОСНОВАМ Перенаправление портов", "к основам Перенаправление портов"},
		{"There is NO WARRANTY, to the extent permitted by law.", "НИКАКАЯ ГАРАНТИЯ не предоставляется в пределах, допускаемых законом.", "Никакая гарантия не предоставляется в пределах, допускаемых законом."},
	} {
		got, plain := s.PairScore(c.src, c.tgt), s.PairScore(c.src, c.plain)
		if got < plain+2 {
			t.Errorf("%q: PairScore %.2f, in lower case %.2f", c.tgt, got, plain)
		}
		if back, plainBack := s.PairScore(c.tgt, c.src), s.PairScore(c.plain, c.src); back < plainBack+2 {
			t.Errorf("%q as source: PairScore %.2f, in lower case %.2f", c.tgt, back, plainBack)
		}
	}
	// a word in capitals of the same script is no translation of another
	if a, b := s.PairScore("use FILE here", "use NAME here"), s.PairScore("use FILE here", "use name here"); a > b+1 {
		t.Errorf("FILE for NAME: PairScore %.2f, NAME in lower case %.2f", a, b)
	}
}
