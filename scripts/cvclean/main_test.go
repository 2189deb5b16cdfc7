package main

import (
	"math"
	"slices"
	"testing"
)

func TestLoadAndFigures(t *testing.T) {
	s, err := load("testdata/toy-s1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.source != "toy" || len(s.pairs) != 9 {
		t.Fatalf("source %q, %d pairs; want toy, 9", s.source, len(s.pairs))
	}
	iPartial := slices.IndexFunc(tuned, func(f tunedFilter) bool { return f.filter == "partial" })
	iAdequacy := slices.IndexFunc(tuned, func(f tunedFilter) bool { return f.filter == "adequacy" })
	iRatio := slices.IndexFunc(tuned, func(f tunedFilter) bool { return f.filter == "ratio" })
	if !s.pairs[3].base || s.pairs[4].base || !s.pairs[8].base {
		t.Fatal("a reason of an untuned filter (letters, empty) must make the pair removed whatever the thresholds, and only such a reason")
	}
	if !math.IsNaN(s.pairs[0].val[iRatio]) {
		t.Fatal("a statistic missing from the file must be NaN (not checked)")
	}
	th := make([]float64, len(tuned))
	th[iRatio] = 4
	th[iPartial] = 3
	th[iAdequacy] = -1.2
	if iLang := slices.IndexFunc(tuned, func(f tunedFilter) bool { return f.filter == "lang" }); iLang >= 0 {
		th[iLang] = 0.15
	}
	f := figures([]set{s}, th)
	// clean: only the letters-rejected one of 4; noise: partial 3.4 and 5.0,
	// adequacy -2.5, -1.5 and empty: 5 of 5
	if f.clean != 0.25 || f.noise != 1 || f.cmax != 0.25 || f.nmin != 1 || f.pass != 0 {
		t.Fatalf("figures = %+v; want clean 0.25 (worst set too), noise 1, no set passing (clean above 2%%)", f)
	}
	s2, err := load("testdata/toy-s2", []string{"adequacy"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s2.pairs) != 3 {
		t.Fatalf("-skip adequacy left %d pairs, want 3", len(s2.pairs))
	}
}

func TestChooseRespectsBudget(t *testing.T) {
	var sets []set
	for _, d := range []string{"testdata/toy-s1", "testdata/toy-s2"} {
		s, err := load(d, nil)
		if err != nil {
			t.Fatal(err)
		}
		sets = append(sets, s)
	}
	for _, budget := range []float64{0.125, 0.3, 0.5} {
		th := choose(sets, budget)
		f := figures(sets, th)
		c, n := f.clean, f.noise
		if c > budget+1e-9 {
			t.Errorf("budget %g: clean removed %g", budget, c)
		}
		// the lenient thresholds are always within budget here (only the
		// letters-rejected clean pair is removed), so choose must do at least
		// as well
		lenient := make([]float64, len(tuned))
		for i := range tuned {
			lenient[i] = values(i)[0]
		}
		if n0 := figures(sets, lenient).noise; n < n0 {
			t.Errorf("budget %g: noise removed %g below the lenient thresholds' %g", budget, n, n0)
		}
	}
	// a larger budget never removes less noise
	nSmall := figures(sets, choose(sets, 0.125)).noise
	nLarge := figures(sets, choose(sets, 0.5)).noise
	if nLarge < nSmall {
		t.Fatalf("noise removed %g with budget 0.5 < %g with 0.125", nLarge, nSmall)
	}
}

func TestSetGrid(t *testing.T) {
	saved := slices.Clone(tuned)
	defer func() { tuned = saved }()
	if err := setGrid("adequacy:min=-1.8:-1.8:1"); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(tuned, func(f tunedFilter) bool { return f.key == "adequacy:min" })
	if v := values(i); len(v) != 1 || v[0] != -1.8 {
		t.Fatalf("fixed grid = %v", v)
	}
	for _, bad := range []string{"nope:x=1:2:1", "adequacy:min=2:1:1", "adequacy:min=1:2", "adequacy:min=a:2:1"} {
		if err := setGrid(bad); err == nil {
			t.Errorf("setGrid(%q): no error", bad)
		}
	}
}
