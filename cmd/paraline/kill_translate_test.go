package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paraline/paraline/lang/translate/translatetest"
	"github.com/paraline/paraline/pipeline"
)

// journalBatches returns the number of translation batches (records
// tagged 'T') in a journal's results log.
func journalBatches(log string) int {
	b, err := os.ReadFile(log)
	if err != nil {
		return 0
	}
	n := 0
	for len(b) >= 8 {
		size := int(binary.LittleEndian.Uint32(b[:4]))
		if len(b) < 8+size {
			break
		}
		if size > 0 && b[8] == 'T' {
			n++
		}
		b = b[8+size:]
	}
	return n
}

// killAndResumeTranslating runs a translating run (--translate-to ru with
// Google's client against a fake Cloud Translation server on loopback),
// SIGKILLs it once its journal holds its first batch of translations,
// resumes it and checks that the outputs equal an uninterrupted run's and
// that the killed and resumed runs together sent each text as often as
// the uninterrupted run (once: each run pair has a fresh cache).
func killAndResumeTranslating(t *testing.T, bin, in string) {
	tmp := t.TempDir()
	run := func(srv *translatetest.V2, dir string, extra ...string) *exec.Cmd {
		args := append([]string{"run", "--progress", "never", "--workers", "2", "-o", dir, "--translate-to", "ru", "--no-clean",
			"--translator", "google", "--api-key", "test", "--endpoint", srv.URL(), "--chars-per-minute", "-1",
			"--cache", dir + ".cache.db"}, extra...)
		cmd := exec.Command(bin, append(args, in)...)
		cmd.Stderr = &bytes.Buffer{}
		return cmd
	}
	full := translatetest.NewV2()
	defer full.Close()
	want := filepath.Join(tmp, "want")
	if err := run(full, want).Run(); err != nil && !isExit(err, exitPartial) {
		t.Fatalf("uninterrupted run: %v", err)
	}
	srv := translatetest.NewV2()
	defer srv.Close()
	dir := filepath.Join(tmp, "killed")
	cmd := run(srv, dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	log := filepath.Join(dir, pipeline.JournalDir, "results.log")
	killed := false
wait:
	for {
		select {
		case <-exited:
			break wait
		default:
		}
		if journalBatches(log) > 0 {
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
	before := srv.Requests()
	resume := run(srv, dir, "--resume")
	if err := resume.Run(); err != nil && !isExit(err, exitPartial) {
		t.Fatalf("resumed run: %v\n%s", err, resume.Stderr)
	}
	msg := ""
	for _, l := range strings.Split(resume.Stderr.(*bytes.Buffer).String(), "\n") {
		if strings.Contains(l, "resuming") {
			msg = l
		}
	}
	t.Log(msg)
	if !strings.Contains(msg, "translation batches journaled") || strings.Contains(msg, " 0 translation batches") {
		t.Errorf("the resumed run did not resume from journaled batches: %s", msg)
	}
	sameDirs(t, want, dir)
	fullSent := full.Sent()
	for text, n := range srv.Sent() {
		if n != fullSent[text] {
			t.Errorf("%q sent %d times by the killed and resumed runs, %d by an uninterrupted run", text, n, fullSent[text])
			break
		}
	}
	if r := srv.Requests() - before; r >= full.Requests() {
		t.Errorf("the resumed run made %d requests, the whole run %d", r, full.Requests())
	}
	t.Logf("requests: uninterrupted %d, killed %d, resumed %d", full.Requests(), before, srv.Requests()-before)
}
