package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheck runs check on small run directories: a WARC run whose skipped
// records add up, a two-version run whose classify stage kept lines taken
// back to the aligner, one whose classify records hold the rest of a line
// taken back in part, and runs whose report does not add up.
func TestCheck(t *testing.T) {
	const rejects = `{"doc":"u1","stage":"read","reason":"skip:record(request)"}
{"doc":"u2","stage":"classify","reason":"boilerplate:nav"}
`
	report := func(docs, stages, rej string) string {
		return `{"documents":` + docs + `,"stages":[` + stages + `],"rejects":` + rej +
			`,"sentences":{"en":1},"outputs":{"mono.en":1,"rejects.jsonl":2}}`
	}
	okStages := `{"name":"read","in":2,"kept":1,"rejected":1},{"name":"classify","in":4,"kept":1,"rejected":3},` +
		`{"name":"language","in":1,"kept":1,"rejected":0},{"name":"repair","in":1,"kept":1,"rejected":0},` +
		`{"name":"split","in":1,"kept":1,"rejected":0,"out":1}`
	okDocs := `{"read":2,"ok":1,"failed":0,"skipped":1,"skipped_by_reason":{"skip:record(request)":1}}`
	okRejects := `{"skip:record(request)":1,"boilerplate:nav":1,"noise:blank":2}`
	// A line taken back in part: its record holds the rest.
	const restRejects = rejects + `{"doc":"u2","stage":"classify","reason":"boilerplate:nav","text":"What to do","rest":true}
`
	partStages := strings.Replace(okStages, `"in":4,"kept":1,"rejected":3`, `"in":5,"kept":1,"rejected":4,"taken_back_part":1`, 1)
	partRejects := `{"skip:record(request)":1,"boilerplate:nav":2,"noise:blank":2}`
	partReport := strings.Replace(report(okDocs, partStages, partRejects), `"rejects.jsonl":2`, `"rejects.jsonl":3`, 1)
	tests := []struct {
		name, report, wantErr string
		rejects               string // rejects.jsonl; the default is rejects
	}{
		{"skipped records", report(okDocs, okStages, okRejects), "", ""},
		{"skipped not counted", report(`{"read":2,"ok":1,"failed":0}`, okStages, okRejects), "documents do not add up", ""},
		{"stage rejects not in rejects.jsonl", report(okDocs, strings.Replace(okStages, `"in":4,"kept":1,"rejected":3`, `"in":5,"kept":1,"rejected":4`, 1), okRejects), "stage classify: 4 rejected", ""},
		{"stages do not follow", report(okDocs, strings.Replace(okStages, `"name":"language","in":1,"kept":1`, `"name":"language","in":2,"kept":2`, 1), okRejects),
			"stage classify keeps 1, stage language takes in 2", ""},
		// A two-version run: of the 2 spans the classify stage keeps, 1 went
		// to the aligner (a line the pair took back).
		{"taken back", report(okDocs, strings.Replace(okStages, `"in":4,"kept":1,"rejected":3`, `"in":5,"kept":2,"rejected":3,"taken_back":1`, 1), okRejects), "", ""},
		{"taken back not counted", report(okDocs, strings.Replace(okStages, `"in":4,"kept":1,"rejected":3`, `"in":5,"kept":2,"rejected":3`, 1), okRejects),
			"stage classify keeps 2, stage language takes in 1", ""},
		{"taken back too many", report(okDocs, strings.Replace(okStages, `"in":4,"kept":1,"rejected":3`, `"in":5,"kept":2,"rejected":3,"taken_back":2`, 1), okRejects),
			"stage classify keeps 2 (2 taken back to the aligner), stage language takes in 1", ""},
		{"reasons do not add up", report(okDocs, okStages, `{"skip:record(request)":1,"boilerplate:nav":2,"noise:blank":2}`), "rejects by reason", ""},
		{"taken back in part", partReport, "", restRejects},
		{"taken back in part not counted", strings.Replace(partReport, `,"taken_back_part":1`, ``, 1),
			"stage classify: 1 records of rejects.jsonl hold the rest of a line taken back in part, the report counts 0", restRejects},
		{"rest without text", partReport, "record 3 holds the rest of a line taken back in part, but no text",
			strings.Replace(restRejects, `"text":"What to do",`, ``, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rej := tc.rejects
			if rej == "" {
				rej = rejects
			}
			for name, text := range map[string]string{"report.json": tc.report, "rejects.jsonl": rej, "mono.en": "A sentence.\n"} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := check(dir)
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("check: %v, want %q", err, tc.wantErr)
			}
		})
	}
}
