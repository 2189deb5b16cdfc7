package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paraline/paraline/pipeline"
)

// writeKillCorpus writes n generated pages (site furniture around English
// and Russian text, a few unreadable files) into a new directory.
func writeKillCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	topics := []string{"river basin", "flood forecasting", "mountain roads", "school reform", "city budget", "rail freight"}
	ru := []string{"бассейн реки", "прогноз паводков", "горные дороги", "школьная реформа", "городской бюджет", "грузовые перевозки"}
	for i := 0; i < n; i++ {
		k := i % len(topics)
		var b strings.Builder
		fmt.Fprintf(&b, "Home | News | About us | Contact\nSearch this site\n\n")
		for p := 0; p < 3+i%4; p++ {
			fmt.Fprintf(&b, "The ministers discussed the %s on day %d of the session. Delegates from %d regions approved plan %d after a long debate.\n\n",
				topics[k], i, p+2, i*7+p)
			fmt.Fprintf(&b, "Министры обсудили тему «%s» в день %d. Делегаты из %d регионов одобрили план номер %d.\n\n", ru[k], i, p+2, i*3+p)
		}
		b.WriteString("© 2024 News Agency. All rights reserved.\nFollow us on social media\n")
		data := []byte(b.String())
		if i%97 == 13 {
			data = []byte("\x00\x01binary\x00")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("page%04d.txt", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// writePairedKillCorpus writes n generated pages in two versions,
// en/pageNNNN.txt and ru/pageNNNN.txt, for a two-version run (--pair-by
// dir); their sentences repeat across pages, so that the global
// deduplication of pairs spans jobs done before and after a kill.
func writePairedKillCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	topics := []string{"river basin", "flood forecasting", "mountain roads", "school reform", "city budget", "rail freight"}
	ru := []string{"бассейн реки", "прогноз паводков", "горные дороги", "школьная реформа", "городской бюджет", "грузовые перевозки"}
	for _, l := range []string{"en", "ru"} {
		if err := os.MkdirAll(filepath.Join(dir, l), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		k := i % len(topics)
		var en, r strings.Builder
		en.WriteString("Home | News | About us | Contact\n\n")
		r.WriteString("Главная | Новости | О нас | Контакты\n\n")
		for p := 0; p < 3+i%4; p++ {
			d := i % 40 // pages repeat every 40
			fmt.Fprintf(&en, "The ministers discussed the %s on day %d of the session. Delegates from %d regions approved plan %d after a long debate.\n\n",
				topics[k], d, p+2, d*7+p)
			fmt.Fprintf(&r, "Министры обсудили тему «%s» в день %d заседания. Делегаты из %d регионов одобрили план номер %d после долгих споров.\n\n", ru[k], d, p+2, d*7+p)
		}
		data := []byte(r.String())
		if i%97 == 13 {
			data = []byte("\x00\x01binary\x00")
		}
		if err := os.WriteFile(filepath.Join(dir, "en", fmt.Sprintf("page%04d.txt", i)), []byte(en.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		if i%50 == 7 {
			continue // no Russian version
		}
		if err := os.WriteFile(filepath.Join(dir, "ru", fmt.Sprintf("page%04d.txt", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestKillAndResume runs the binary on a generated corpus, kills it with
// SIGKILL after its first pass and in the middle of its second, resumes it
// and checks that the outputs equal those of an uninterrupted run; the
// same for a two-version run (--pair-by auto) and a translating run.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the binary")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "paraline")
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	t.Run("mono", func(t *testing.T) { killAndResume(t, bin, writeKillCorpus(t, 300), nil, 700<<10) })
	t.Run("paired", func(t *testing.T) {
		killAndResume(t, bin, writePairedKillCorpus(t, 300), []string{"--pair-by", "auto"}, 1200<<10) // auto writes docpairs.tsv
	})
	// 600 pages: more than a batch of translations (2,000 sentences).
	t.Run("translating", func(t *testing.T) { killAndResumeTranslating(t, bin, writeKillCorpus(t, 600)) })
}

// killAndResume is TestKillAndResume on the inputs in with the flags
// flags; the run is killed mid-second-pass when its results log is mid
// bytes long.
func killAndResume(t *testing.T, bin, in string, flags []string, mid int64) {
	tmp := t.TempDir()
	run := func(dir string, extra ...string) *exec.Cmd {
		args := append(append([]string{"run", "--progress", "never", "--workers", "2", "-o", dir}, flags...), extra...)
		cmd := exec.Command(bin, append(args, in)...)
		cmd.Stderr = &bytes.Buffer{}
		return cmd
	}
	want := filepath.Join(tmp, "want")
	if err := run(want).Run(); err != nil && !isExit(err, exitPartial) {
		t.Fatalf("uninterrupted run: %v", err)
	}
	for _, tc := range []struct {
		name string
		// ready reports, from the journal, that the run got where it
		// is to be killed.
		ready func(journal string) bool
	}{
		{"after-first-pass", func(j string) bool { return exists(filepath.Join(j, "evidence.bin")) }},
		{"mid-second-pass", func(j string) bool { return size(filepath.Join(j, "results.log")) > mid }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(tmp, tc.name)
			cmd := run(dir)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			journal := filepath.Join(dir, pipeline.JournalDir)
			killed := false
		wait:
			for {
				select {
				case <-exited:
					break wait
				default:
				}
				if tc.ready(journal) {
					_ = cmd.Process.Kill()
					<-exited
					killed = true
					break
				}
				time.Sleep(2 * time.Millisecond)
			}
			if !killed {
				t.Skip("the run finished before it could be killed")
			}
			if !exists(journal) {
				t.Fatal("the killed run left no journal")
			}
			if _, err := os.Stat(filepath.Join(dir, "report.json")); !errors.Is(err, os.ErrNotExist) {
				t.Fatal("the killed run left a report")
			}
			resume := run(dir, "--resume")
			if err := resume.Run(); err != nil && !isExit(err, exitPartial) {
				t.Fatalf("resumed run: %v\n%s", err, resume.Stderr)
			}
			t.Logf("%s", strings.SplitN(resume.Stderr.(*bytes.Buffer).String(), "\n", 2)[0])
			if !strings.Contains(resume.Stderr.(*bytes.Buffer).String(), "resuming the run") {
				t.Errorf("the resumed run did not say it resumed:\n%s", resume.Stderr)
			}
			sameDirs(t, want, dir)
		})
	}
	// A changed flag makes --resume refuse with exit 2.
	dir := filepath.Join(tmp, "refuse")
	cmd := run(dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for !exists(filepath.Join(dir, pipeline.JournalDir, "header.json")) {
		time.Sleep(2 * time.Millisecond)
	}
	// A second run into the same directory meanwhile is refused (exit 2)
	// and names the first.
	second := run(dir)
	if err := second.Run(); !isExit(err, exitFatal) || !strings.Contains(second.Stderr.(*bytes.Buffer).String(),
		fmt.Sprintf("in use by another paraline run (pid %d", cmd.Process.Pid)) {
		t.Errorf("second run into the directory of a running one: %v\n%s", err, second.Stderr)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	// The killed run's lock is stale: the next run takes it over.
	refuse := run(dir, "--resume", "--no-split")
	if err := refuse.Run(); !isExit(err, exitFatal) || !strings.Contains(refuse.Stderr.(*bytes.Buffer).String(), "flags changed") {
		t.Errorf("resume with another flag: %v\n%s", err, refuse.Stderr)
	}
}

func isExit(err error, code int) bool {
	var ee *exec.ExitError
	return errors.As(err, &ee) && ee.ExitCode() == code
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func size(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// sameDirs fails t unless a and b hold the same files with the same bytes,
// report.json compared without its timings and report.html not compared.
func sameDirs(t *testing.T, a, b string) {
	t.Helper()
	list := func(d string) []string {
		ents, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		return names
	}
	na, nb := list(a), list(b)
	if strings.Join(na, " ") != strings.Join(nb, " ") {
		t.Fatalf("files differ:\n%v\n%v", na, nb)
	}
	for _, n := range na {
		if n == "report.html" {
			continue
		}
		x, _ := os.ReadFile(filepath.Join(a, n))
		y, _ := os.ReadFile(filepath.Join(b, n))
		if n == "report.json" {
			x, y = untimedReport(t, x), untimedReport(t, y)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs (%d and %d bytes)", n, len(x), len(y))
		}
	}
}

func untimedReport(t *testing.T, b []byte) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"wall_seconds", "mb_per_second", "slowest"} {
		delete(m, k)
	}
	out, _ := json.Marshal(m)
	return out
}
