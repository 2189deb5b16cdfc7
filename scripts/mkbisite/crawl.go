package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Syllables of the generated words: Latin for English and names,
// Cyrillic for Russian.
var (
	latinSyl    = strings.Fields("ka lo mi ne ra to su vi be do fa gu he ji po ze an er in or th st ch sh wa ye qu ix")
	cyrillicSyl = strings.Fields("ка ло ми не ра то су ви бе до фа гу хе жи по зе ан ер ин ор ть ст ч ш ва е щу ых")
)

// word returns the pseudo-word of rank r written with syl (two syllables
// at least).
func word(r int, syl []string) string {
	var b strings.Builder
	n := r + len(syl)
	for n > 0 {
		b.WriteString(syl[n%len(syl)])
		n /= len(syl)
	}
	return b.String()
}

// writeCrawl writes a generated bilingual crawl of n page pairs into
// out/crawl-N (random names, English and Russian pages in one folder, 5%
// of the pages of each language without a version in the other), with its
// gold pairs in out/gold/crawl-N.tsv. Its pages look like translations as
// far as pairing by content can tell: Zipf-distributed words (English
// pseudo-words on one side, Cyrillic ones on the other), names and
// numbers that survive translation (90% and 95% of them), a site menu on
// every page, paragraphs sometimes dropped. It is for speed and memory
// measurements (`paraline pair` at crawl scale), not for quality.
func writeCrawl(out string, n int, seed uint64) error {
	dir := filepath.Join(out, fmt.Sprintf("crawl-%d", n))
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 0x637261776c))
	words := rand.NewZipf(rng, 1.07, 2, 40000)
	names := rand.NewZipf(rng, 1.02, 50, 2000000)
	var gold bytes.Buffer
	used := map[string]bool{}
	name := func(ext string) string {
		for {
			s := fmt.Sprintf("%012x", rng.Uint64()&0xffffffffffff)
			if !used[s] {
				used[s] = true
				return s + ext
			}
		}
	}
	var en, ru bytes.Buffer
	for i := 0; i < n; i++ {
		en.Reset()
		ru.Reset()
		en.WriteString("Home | News | Documentation | About | Contact\n")
		ru.WriteString("Главная | Новости | Документация | О нас | Контакты\n")
		paras := 4 + rng.IntN(25)
		for p := 0; p < paras; p++ {
			drop := rng.Float64() < 0.05
			nw := 8 + rng.IntN(70)
			for k := 0; k < nw; k++ {
				var e, r string
				switch x := rng.Float64(); {
				case x < 0.05:
					e = fmt.Sprint(rng.IntN(1 << (4 + rng.IntN(16))))
					r = e
					if rng.Float64() < 0.05 {
						r = fmt.Sprint(rng.IntN(100))
					}
				case x < 0.12:
					nm := word(int(names.Uint64()), latinSyl)
					e = strings.ToUpper(nm[:1]) + nm[1:]
					r = e
					if rng.Float64() < 0.1 {
						r = word(int(names.Uint64()), cyrillicSyl)
					}
				default:
					w := int(words.Uint64())
					e, r = word(w, latinSyl), word(w, cyrillicSyl)
				}
				if k > 0 {
					en.WriteByte(' ')
					ru.WriteByte(' ')
				}
				en.WriteString(e)
				ru.WriteString(r)
			}
			en.WriteString(".\n")
			if drop {
				ru.Truncate(bytes.LastIndexByte(ru.Bytes()[:ru.Len()-1], '\n') + 1)
			} else {
				ru.WriteString(".\n")
			}
		}
		en.WriteString("Copyright 2026 Example Site\n")
		ru.WriteString("© 2026 Пример сайта\n")
		hasEN, hasRU := rng.Float64() >= 0.05, rng.Float64() >= 0.05
		var ne, nr string
		if hasEN {
			ne = name(".txt")
			if err := os.WriteFile(filepath.Join(dir, ne), en.Bytes(), 0o644); err != nil {
				return err
			}
		}
		if hasRU {
			nr = name(".txt")
			if err := os.WriteFile(filepath.Join(dir, nr), ru.Bytes(), 0o644); err != nil {
				return err
			}
		}
		if hasEN && hasRU {
			fmt.Fprintf(&gold, "%s\t%s\n", ne, nr)
		}
	}
	gf := filepath.Join(out, "gold", fmt.Sprintf("crawl-%d.tsv", n))
	if err := os.MkdirAll(filepath.Dir(gf), 0o755); err != nil {
		return err
	}
	fmt.Printf("crawl-%d: %d page pairs generated\n", n, n)
	return os.WriteFile(gf, gold.Bytes(), 0o644)
}
