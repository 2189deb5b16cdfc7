package pipeline

import (
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/clean"
)

// comparable returns a copy of r whose verdicts hold only their exported
// fields (the deduplication keys are not encoded) and whose NaN scores
// compare equal.
func comparablePair(r *PairResult) *PairResult {
	c := *r
	c.Verdicts = nil
	if r.Verdicts != nil {
		c.Verdicts = make([]*clean.Verdict, len(r.Verdicts))
	}
	for i, v := range r.Verdicts {
		if v == nil {
			continue
		}
		a := v.Adequacy
		if math.IsNaN(a) {
			a = -1e300
		}
		c.Verdicts[i] = &clean.Verdict{Reasons: v.Reasons, Details: v.Details, Adequacy: a}
	}
	return &c
}

// TestPairResultRoundTrip checks that the pair results of a two-version
// run come back from their binary form equal, and write the same outputs
// (deduplication included: the writer computes the keys again).
func TestPairResultRoundTrip(t *testing.T) {
	ctx := context.Background()
	e, err := NewEngine(ctx, Options{Inputs: []string{"testdata/pairs"}, PairBy: PairByDir, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	write := func(rs []*PairResult) string {
		dir := t.TempDir()
		w, err := NewWriter(dir, e)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Abort()
		for _, r := range rs {
			if err := w.AddPair(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	// NewWriter gives the engine its pair filters: judge with them.
	if _, err := NewWriter(t.TempDir(), e); err != nil {
		t.Fatal(err)
	}
	var results []*PairResult
	if err := e.EachPair(ctx, func(r *PairResult) error { results = append(results, r); return nil }); err != nil {
		t.Fatal(err)
	}
	// Every field set, nil and empty slices, an unjudged bead, a
	// document without counterpart.
	nan := math.NaN()
	results = append(results, &PairResult{
		Src:             &DocResult{ID: "x/en/a.txt", Source: "x/en/a.txt", Sentences: []Sentence{{Lang: "en", Text: "A b.", RawStart: 1, RawEnd: 5, Span: 0}}, Edits: map[string]int{}},
		Tgt:             &DocResult{ID: "x/ru/a.txt", Source: "x/ru/a.txt", Sentences: []Sentence{{Lang: "ru", Text: "А б.", RawStart: 2, RawEnd: 9, Span: 1}}},
		SrcSents:        []Sentence{{Lang: "en", Text: "A b.", RawStart: 1, RawEnd: 5, Span: 0}},
		TgtSents:        []Sentence{},
		Beads:           []align.Bead{{Src: []int{0}, Tgt: []int{0}, Score: 1.5}, {Src: []int{0}, Tgt: nil, Score: -3}, {Src: []int{}, Tgt: []int{0, 1}, Score: -0.5}},
		Verdicts:        []*clean.Verdict{{Reasons: []string{"length"}, Details: []string{"too long"}, Adequacy: 0.25}, nil, {Reasons: []string{}, Adequacy: nan}},
		TgtUntranslated: []Sentence{{Lang: "ru", Text: "See Раздел 2 for the rest of it.", RawStart: 10, RawEnd: 42, Span: 1}},
	}, &PairResult{Src: &DocResult{ID: "single.txt"}})
	var back []*PairResult
	verdicts := 0
	for i, r := range results {
		b, err := r.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var d PairResult
		if err := d.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(comparablePair(&d), comparablePair(r)) {
			t.Errorf("pair result %d came back different:\n%+v\n%+v", i, &d, r)
		}
		for _, cut := range []int{0, 1, len(b) / 2, len(b) - 1} {
			if err := new(PairResult).UnmarshalBinary(b[:cut]); err == nil {
				t.Errorf("pair result %d cut at %d of %d bytes decoded without error", i, cut, len(b))
			}
		}
		for _, v := range r.Verdicts {
			if v != nil {
				verdicts++
			}
		}
		back = append(back, &d)
	}
	if verdicts == 0 {
		t.Fatal("no verdict in the results: the test does not cover the pair filters")
	}
	n := len(results) - 2
	sameOutputs(t, write(results[:n]), write(back[:n]))
	// The codecs list every field: a new field must be added to them
	// (and counted here).
	for _, tc := range []struct {
		v    any
		want int
	}{{PairResult{}, 8}, {align.Bead{}, 3}, {clean.Verdict{}, 4}, {Sentence{}, 5}} {
		if n := reflect.TypeOf(tc.v).NumField(); n != tc.want {
			t.Errorf("%T has %d fields, the codecs know %d: add the new ones to PairResult's MarshalBinary and UnmarshalBinary", tc.v, n, tc.want)
		}
	}
}

// TestPairResultVersion1 checks that a pair result of version 1 (a journal
// written before SrcUntranslated and TgtUntranslated) is still read.
func TestPairResultVersion1(t *testing.T) {
	r := &PairResult{
		Src:      &DocResult{ID: "a.en", Sentences: []Sentence{{Lang: "en", Text: "A b."}}},
		Tgt:      &DocResult{ID: "a.ru", Sentences: []Sentence{{Lang: "ru", Text: "А б."}}},
		SrcSents: []Sentence{{Lang: "en", Text: "A b."}},
		TgtSents: []Sentence{{Lang: "ru", Text: "А б."}},
		Beads:    []align.Bead{{Src: []int{0}, Tgt: []int{0}, Score: 1}},
	}
	b, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	// Version 1 is version 2 without the two nil lists at the end (one
	// byte each).
	v1 := append([]byte{1}, b[1:len(b)-2]...)
	var d PairResult
	if err := d.UnmarshalBinary(v1); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&d, r) {
		t.Errorf("version 1 came back different:\n%+v\n%+v", &d, r)
	}
}

// TestProcessPairMatchesRun processes the jobs of two-version runs one by
// one, out of order and concurrently, through ProcessPair (as a
// distributed runner does), and writes them in job order: the outputs are
// those of Run.
func TestProcessPairMatchesRun(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"dir", Options{Inputs: []string{makePairedCorpus(t, 30)}, PairBy: PairByDir, Workers: 2}},
		{"auto", Options{Inputs: []string{"testdata/pairs"}, PairBy: PairByAuto, Workers: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := t.TempDir()
			runOK(t, ctx, want, tc.opts)
			e, err := NewEngine(ctx, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			if err := e.UsePairFilters(); err != nil {
				t.Fatal(err)
			}
			jobs := e.PairJobs()
			results := make([]*PairResult, len(jobs))
			errs := make(chan error, len(jobs))
			for i := len(jobs) - 1; i >= 0; i-- {
				go func() {
					r, err := e.ProcessPair(i)
					results[i] = r
					errs <- err
				}()
			}
			for range jobs {
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
			}
			judged := 0
			for _, r := range results {
				for _, v := range r.Verdicts {
					if v != nil {
						judged++
					}
				}
			}
			if judged == 0 {
				t.Error("UsePairFilters: no pair judged in ProcessPair")
			}
			got := t.TempDir()
			w, err := NewWriter(got, e)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Abort()
			for _, r := range results {
				if err := w.AddPair(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			sameOutputs(t, want, got)

			// The duplicates decided from the first position of each key
			// (PairResult.DedupKeys), as a distributed run's keyed combine
			// finds them, give the same outputs.
			type pos struct{ job, i int }
			first := map[uint64]pos{}
			before := func(a, b pos) bool { return a.job < b.job || a.job == b.job && a.i < b.i }
			for j, r := range results {
				for i, k := range r.DedupKeys(tc.opts.MinScore) {
					for _, h := range k {
						if p, ok := first[h]; h != 0 && (!ok || before(pos{j, i}, p)) {
							first[h] = pos{j, i}
						}
					}
				}
			}
			decided := t.TempDir()
			w2, err := NewWriter(decided, e)
			if err != nil {
				t.Fatal(err)
			}
			defer w2.Abort()
			var cur pos
			dups := 0
			w2.DecideDuplicates(func(exact, norm uint64) string {
				defer func() { cur.i++ }()
				switch {
				case before(first[exact], cur):
					dups++
					return clean.DupExact
				case norm != 0 && before(first[norm], cur):
					dups++
					return clean.DupNormalized
				}
				return ""
			})
			for j, r := range results {
				cur = pos{j, 0}
				if err := w2.AddPair(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := w2.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			if tc.name == "dir" && dups == 0 {
				t.Error("no duplicate decided")
			}
			sameOutputs(t, want, decided)
			if _, err := e.ProcessPair(len(jobs)); err == nil {
				t.Error("ProcessPair past the last job: no error")
			}
		})
	}
}
