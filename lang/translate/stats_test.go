package translate

import "testing"

func TestStatsAdd(t *testing.T) {
	a := Stats{Texts: 5, Duplicates: 1, CachedTexts: 2, CachedChars: 20, SentTexts: 2, SentChars: 30, Requests: 1, Retries: 1, FailedTexts: 0, DryRun: true, PricePerMillion: 20, EstimatedCost: 1}
	b := Stats{Texts: 3, Duplicates: 0, CachedTexts: 1, CachedChars: 7, SentTexts: 2, SentChars: 11, Requests: 2, Retries: 0, FailedTexts: 1, PricePerMillion: 5}
	tests := []struct {
		name string
		sign int64
		want Stats
	}{
		{"plus", 1, Stats{Texts: 8, Duplicates: 1, CachedTexts: 3, CachedChars: 27, SentTexts: 4, SentChars: 41, Requests: 3, Retries: 1, FailedTexts: 1, DryRun: true, PricePerMillion: 20, EstimatedCost: 1}},
		{"minus", -1, Stats{Texts: 2, Duplicates: 1, CachedTexts: 1, CachedChars: 13, SentTexts: 0, SentChars: 19, Requests: -1, Retries: 1, FailedTexts: -1, DryRun: true, PricePerMillion: 20, EstimatedCost: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.Add(b, tt.sign); got != tt.want {
				t.Errorf("Add(%d) = %+v, want %+v", tt.sign, got, tt.want)
			}
		})
	}
	if got := a.Add(b, 1).Add(b, -1); got != a {
		t.Errorf("adding and taking away b gives %+v, want %+v", got, a)
	}
}
