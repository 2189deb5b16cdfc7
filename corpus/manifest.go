package corpus

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ManifestName is the file in an output directory that lists the outputs
// the last run wrote there, one name a line. A run removes what the
// previous manifest lists and it does not write again (stale outputs), and
// nothing else: files it did not write are never removed.
const ManifestName = ".paraline-manifest"

const manifestHeader = "# outputs written by paraline into this directory; the next run here removes those it does not write again\n"

// ReadManifest returns the output names listed by the manifest in dir, or
// none when there is no manifest. Names that are not plain file names (a
// path separator, "..", a hidden name) are ignored, so a manifest cannot
// make a run remove anything outside dir or the manifest itself.
func ReadManifest(dir string) ([]string, error) {
	f, err := os.Open(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n := strings.TrimSpace(sc.Text())
		if n == "" || strings.HasPrefix(n, "#") || !plainName(n) {
			continue
		}
		names = append(names, n)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Name(), err)
	}
	return names, nil
}

func plainName(n string) bool {
	return n != "." && n != ".." && !strings.HasPrefix(n, ".") && !strings.ContainsAny(n, `/\`) && filepath.Base(n) == n
}

// StaleOutputs returns, sorted, the names of regular files in dir that the
// manifest of the previous run lists and that written (the names of this
// run's outputs) does not hold.
func StaleOutputs(dir string, written []string) ([]string, error) {
	prev, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	var stale []string
	for _, n := range prev {
		if slices.Contains(written, n) || slices.Contains(stale, n) {
			continue
		}
		if st, err := os.Lstat(filepath.Join(dir, n)); err == nil && st.Mode().IsRegular() {
			stale = append(stale, n)
		}
	}
	slices.Sort(stale)
	return stale, nil
}

// CreateManifest returns the manifest of dir listing names, as an
// AtomicFile to commit with the outputs it lists.
func CreateManifest(dir string, names []string) (*AtomicFile, error) {
	f, err := CreateAtomic(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, err
	}
	sorted := slices.Sorted(slices.Values(names))
	if _, err := f.WriteString(manifestHeader + strings.Join(sorted, "\n") + "\n"); err != nil {
		_ = f.Abort()
		return nil, fmt.Errorf("write manifest: %w", err)
	}
	return f, nil
}

// RemoveOutputs removes the named files of dir (as StaleOutputs returned them).
func RemoveOutputs(dir string, names []string) error {
	for _, n := range names {
		if err := os.Remove(filepath.Join(dir, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove stale output: %w", err)
		}
	}
	return nil
}
