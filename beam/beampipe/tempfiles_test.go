package beampipe

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrismLeavesNoTempFiles checks that the Beam SDK's loopback worker
// file (beamloopbackworker-*, created in os.TempDir() by each pipeline run
// on Prism and never removed) goes to the tests' own temporary folder,
// which TestMain removes, not to the system's, where runs of the tests
// piled them up.
func TestPrismLeavesNoTempFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline on Prism")
	}
	tmp := os.TempDir()
	if filepath.Clean(tmp) == filepath.Clean(systemTemp) {
		t.Fatalf("the tests run with os.TempDir() = %s, the system's temporary folder: each Prism run leaves a beamloopbackworker file there", tmp)
	}
	before := loopbackFiles(t, tmp)
	c := Config{Inputs: []string{"testdata/site/a.txt"}, Langs: []string{"en", "ru"}, Version: "test"}
	if _, err := Run(context.Background(), "prism", c, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if after := loopbackFiles(t, tmp); after <= before {
		t.Logf("the Prism run left no beamloopbackworker file in %s (%d before, %d after): the SDK may no longer leave one", tmp, before, after)
	}
}

// loopbackFiles counts the beamloopbackworker files in dir.
func loopbackFiles(t *testing.T, dir string) int {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "beamloopbackworker-") {
			n++
		}
	}
	return n
}
