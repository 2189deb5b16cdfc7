// Command killresume measures paraline run --resume: it runs the binary
// once without interruption, then, for each of -kills random points (a
// share of the run's units, drawn from 0 to 1: 0 is right after the first
// pass), starts the same run, SIGKILLs it when its journal holds that share
// of the units, resumes it with --resume and checks that the outputs
// equal the uninterrupted run's (report timings aside). It prints wall and
// CPU (user+sys) times. Points are taken on the journal, not on the clock,
// because wall time varies with the machine's load.
//
// The units are what the journal records: documents; pair jobs in a
// two-version run (--pair-by, --pairs: one record per job, a document
// pair or a document left alone, so their number is the report's
// document_pairs + unpaired_documents); documents in a translating run
// (--translate-to), whose journal also holds a record per batch of
// translations (counted apart and printed).
//
// Translating runs: -fake-google starts a fake Cloud Translation v2 server
// on loopback (lang/translate/translatetest; its translation of t is
// "LANG:t") and points the binary's Google client at it; any other
// translator is given in -flags (--translator apertium). Each uninterrupted
// run and each pair of killed and resumed runs gets a fresh cache file in
// the work directory (unless -flags has --no-cache). With -fake-google it
// also counts the texts the killed and resumed runs sent more often than
// the uninterrupted run did (at most those in flight at the kill with the
// cache; the batch in flight without it). When the kill falls inside a
// batch, what the killed run received is in the cache, so the resumed run
// counts it as cached, not sent: report.json's translation counts are then
// compared as sums (texts, cached+sent), and the run says so. To put the
// kill there on purpose, -kill-request kills the run while the server holds
// one chosen request (a share of the full run's requests) unanswered, once
// the requests sent with it have returned.
//
//	go build -o /tmp/paraline ./cmd/paraline
//	go run ./scripts/killresume -bin /tmp/paraline -o /tmp/kr INPUT...
//	go run ./scripts/killresume -bin /tmp/paraline -o /tmp/krp -flags "--workers 2 --pair-by dir" DIR
//	go run ./scripts/killresume -bin /tmp/paraline -o /tmp/krt -fake-google \
//	    -flags "--workers 2 --translate-to ru --no-clean" INPUT...
package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/paraline/paraline/lang/translate/translatetest"
)

func main() {
	bin := flag.String("bin", "paraline", "the paraline `BINARY`")
	out := flag.String("o", "", "work `DIR` (required; its content is replaced)")
	kills := flag.Int("kills", 3, "number of random kill points")
	seed := flag.Int64("seed", 1, "random seed of the kill points")
	minFrac := flag.Float64("min", 0, "kill points are drawn from [`MIN`, -max)")
	maxFrac := flag.Float64("max", 1, "kill points are drawn from [-min, `MAX`)")
	extra := flag.String("flags", "--workers 2", "flags of paraline run")
	fake := flag.Bool("fake-google", false, "translate with a fake Google server on loopback (add --translate-to to -flags)")
	latency := flag.Duration("latency", 0, "latency of the fake server's answers")
	killReq := flag.Bool("kill-request", false, "with -fake-google: kill while a request (a share of the full run's) hangs, the others sent with it answered: the kill falls inside a batch, not on the journal")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: killresume -bin BIN -o DIR [-kills N] [-flags FLAGS] [-fake-google] INPUT...")
		os.Exit(2)
	}
	if *killReq && !*fake {
		fmt.Fprintln(os.Stderr, "killresume: -kill-request needs -fake-google")
		os.Exit(2)
	}
	k := &killer{bin: *bin, out: *out, flags: strings.Fields(*extra), inputs: flag.Args(), fake: *fake, latency: *latency, killReq: *killReq}
	if err := k.run(*kills, *seed, *minFrac, *maxFrac); err != nil {
		fmt.Fprintln(os.Stderr, "killresume:", err)
		os.Exit(1)
	}
}

type killer struct {
	bin, out      string
	flags, inputs []string
	fake          bool
	latency       time.Duration
	killReq       bool
}

type timing struct{ wall, cpu time.Duration }

func (t timing) String() string {
	return fmt.Sprintf("wall %.2f s, CPU %.2f s", t.wall.Seconds(), t.cpu.Seconds())
}

// translating reports whether the run translates.
func (k *killer) translating() bool { return slices.Contains(k.flags, "--translate-to") }

// session is what the runs into one directory share: the fake server and
// the cache.
type session struct {
	srv   *translatetest.V2
	extra []string
	hook  atomic.Pointer[hookFunc] // the fake server's Hook, changed as the runs go
}

type hookFunc = func(context.Context, translatetest.Request) *translatetest.Fault

// setHook makes f the fake server's hook (nil: none).
func (s *session) setHook(f hookFunc) {
	if f == nil {
		f = func(context.Context, translatetest.Request) *translatetest.Fault { return nil }
	}
	s.hook.Store(&f)
}

func (k *killer) session(name string) *session {
	s := &session{}
	s.setHook(nil)
	if k.translating() && !slices.Contains(k.flags, "--no-cache") {
		s.extra = append(s.extra, "--cache", filepath.Join(k.out, name+".cache.db"))
	}
	if k.fake {
		s.srv = translatetest.NewV2()
		s.srv.Latency = k.latency
		s.srv.Hook = func(ctx context.Context, r translatetest.Request) *translatetest.Fault {
			return (*s.hook.Load())(ctx, r)
		}
		s.extra = append(s.extra, "--translator", "google", "--api-key", "test", "--endpoint", s.srv.URL(), "--chars-per-minute", "-1")
	}
	return s
}

func (s *session) close() {
	if s.srv != nil {
		s.srv.Close()
	}
}

func (k *killer) command(s *session, dir string, more ...string) *exec.Cmd {
	args := append([]string{"run", "--progress", "never", "-o", dir}, k.flags...)
	args = append(append(append(args, s.extra...), more...), k.inputs...)
	cmd := exec.Command(k.bin, args...)
	cmd.Stderr = &bytes.Buffer{}
	return cmd
}

// finish waits for cmd and returns its timing; exit 1 (some documents
// failed) counts as success.
func finish(cmd *exec.Cmd, start time.Time) (timing, error) {
	err := cmd.Wait()
	t := timing{wall: time.Since(start)}
	if cmd.ProcessState != nil {
		t.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 1 {
		err = nil
	}
	if err != nil {
		return t, fmt.Errorf("%v: %v\n%s", cmd.Args, err, cmd.Stderr)
	}
	return t, nil
}

func (k *killer) run(kills int, seed int64, minFrac, maxFrac float64) error {
	if err := os.RemoveAll(k.out); err != nil {
		return err
	}
	if err := os.MkdirAll(k.out, 0o755); err != nil {
		return err
	}
	want := filepath.Join(k.out, "full")
	fs := k.session("full")
	cmd := k.command(fs, want)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	full, err := finish(cmd, start)
	fs.close()
	if err != nil {
		return err
	}
	units, unit, err := journalUnits(filepath.Join(want, "report.json"))
	if err != nil {
		return err
	}
	fmt.Printf("full run: %d %s, %s\n", units, unit, full)
	fullRequests := 0
	if fs.srv != nil {
		fullRequests = fs.srv.Requests()
		fmt.Printf("full run: fake server: %d requests, %d characters translated\n", fullRequests, fs.srv.Chars())
	}
	rng := rand.New(rand.NewSource(seed))
	for i := 0; i < kills; i++ {
		frac := minFrac + (maxFrac-minFrac)*rng.Float64()
		name := fmt.Sprintf("kill%d", i)
		dir := filepath.Join(k.out, name)
		s := k.session(name)
		cmd := k.command(s, dir)
		start := time.Now()
		if err := cmd.Start(); err != nil {
			return err
		}
		exited := make(chan struct{})
		var sent atomic.Bool
		jc := &journalCounter{dir: filepath.Join(dir, ".paraline-journal")}
		if k.killReq {
			target := max(1, int(frac*float64(fullRequests)))
			s.setHook(func(_ context.Context, r translatetest.Request) *translatetest.Fault {
				if r.N != target {
					return nil
				}
				// Killed while this request hangs, after the requests
				// sent with it have had time to return (and be cached).
				go func() {
					time.Sleep(4*k.latency + 20*time.Millisecond)
					sent.Store(true)
					_ = cmd.Process.Signal(syscall.SIGKILL)
				}()
				return &translatetest.Fault{Hang: true} // in flight at the kill
			})
		}
		go func() {
			for {
				select {
				case <-exited:
					return
				default:
				}
				n, ok := jc.count()
				if !k.killReq && ok && float64(n) >= frac*float64(units) {
					sent.Store(true)
					_ = cmd.Process.Signal(syscall.SIGKILL)
					return
				}
				time.Sleep(2 * time.Millisecond)
			}
		}()
		killed, _ := finish(cmd, start)
		close(exited)
		jc.count()
		s.setHook(nil)
		if !sent.Load() {
			s.close()
			return fmt.Errorf("kill %d: the run finished before it could be killed", i+1)
		}
		at := jc.String()
		var reqsBefore int
		if s.srv != nil {
			reqsBefore = s.srv.Requests()
		}
		done := "?"
		resume := k.command(s, dir, "--resume")
		rstart := time.Now()
		if err := resume.Start(); err != nil {
			s.close()
			return err
		}
		rt, err := finish(resume, rstart)
		if err != nil {
			s.close()
			return err
		}
		for _, line := range strings.Split(resume.Stderr.(*bytes.Buffer).String(), "\n") {
			if _, after, ok := strings.Cut(line, "resuming the run in "); ok {
				done = after[strings.Index(after, ": ")+2:]
			}
		}
		same, note, err := sameOutputs(want, dir)
		if err != nil {
			s.close()
			return err
		}
		what := unit
		if k.killReq {
			what = "requests"
		}
		fmt.Printf("kill %d at %.0f%% of the %s (killed run: %s; journal at the kill: %s; resumed run: %s): resumed %s (%.0f%% of the full run's wall, %.0f%% of its CPU); outputs equal: %v%s\n",
			i+1, 100*frac, what, killed, at, done, rt, 100*rt.wall.Seconds()/full.wall.Seconds(), 100*rt.cpu.Seconds()/full.cpu.Seconds(), same, note)
		if s.srv != nil && fs.srv != nil {
			again, extra := 0, 0
			fullSent := fs.srv.Sent()
			for t, n := range s.srv.Sent() {
				if n > fullSent[t] {
					again++
					extra += n - fullSent[t]
				}
			}
			fmt.Printf("kill %d: fake server: the resumed run made %d requests (the full run %d); %d texts sent more often than by the full run (%d extra sends)\n",
				i+1, s.srv.Requests()-reqsBefore, fs.srv.Requests(), again, extra)
		}
		s.close()
		if !same {
			return fmt.Errorf("outputs of %s differ from %s", dir, want)
		}
	}
	return nil
}

// journalUnits returns the number of units a run's journal records, from
// its report: pair jobs of a two-version run, else documents.
func journalUnits(report string) (int, string, error) {
	b, err := os.ReadFile(report)
	if err != nil {
		return 0, "", err
	}
	var r struct {
		Documents struct{ Read int } `json:"documents"`
		Pairs     *struct {
			Documents int `json:"document_pairs"`
			Unpaired  int `json:"unpaired_documents"`
		} `json:"pairs"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return 0, "", fmt.Errorf("%s: %w", report, err)
	}
	if r.Pairs != nil {
		return r.Pairs.Documents + r.Pairs.Unpaired, "pair jobs", nil
	}
	return r.Documents.Read, "documents", nil
}

// journalCounter counts the records in a run's journal (records of a
// 4-byte length, a 4-byte CRC-32C and the record), reading only what was
// appended since its last call. The records of a translating run are
// tagged: 'D' a document, 'T' a batch of translations; it counts units
// (untagged records and documents) and batches.
type journalCounter struct {
	dir     string
	tagged  int // 0 unknown, 1 yes, -1 no
	off     int64
	units   int
	batches int
}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

func (c *journalCounter) String() string {
	if c.tagged == 1 {
		return fmt.Sprintf("%d units, %d translation batches", c.units, c.batches)
	}
	return fmt.Sprintf("%d units", c.units)
}

// count returns the number of units journaled so far, and whether the
// first pass is over (its evidence is written).
func (c *journalCounter) count() (int, bool) {
	if _, err := os.Stat(filepath.Join(c.dir, "evidence.bin")); err != nil {
		return 0, false
	}
	if c.tagged == 0 {
		b, err := os.ReadFile(filepath.Join(c.dir, "header.json"))
		if err != nil {
			return 0, false
		}
		var h struct {
			Flags map[string]any `json:"flags"`
		}
		if json.Unmarshal(b, &h) != nil {
			return 0, false
		}
		c.tagged = -1
		if s, _ := h.Flags["translate-to"].(string); s != "" {
			c.tagged = 1
		}
	}
	f, err := os.Open(filepath.Join(c.dir, "results.log"))
	if err != nil {
		return c.units, true
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return c.units, true
	}
	var head [8]byte
	for {
		if _, err := f.ReadAt(head[:], c.off); err != nil {
			return c.units, true
		}
		size := int64(binary.LittleEndian.Uint32(head[:4]))
		if fi.Size() < c.off+8+size {
			return c.units, true
		}
		rec := make([]byte, size)
		if _, err := f.ReadAt(rec, c.off+8); err != nil || crc32.Checksum(rec, crcTable) != binary.LittleEndian.Uint32(head[4:]) {
			return c.units, true // still being written
		}
		c.off += 8 + size
		switch {
		case c.tagged == 1 && size > 0 && rec[0] == 'T':
			c.batches++
		default:
			c.units++
		}
	}
}

// sameOutputs compares the outputs of two runs. report.json is compared
// without its timings; when only its translation counts differ and their
// sums agree (the kill fell inside a batch), the outputs are equal and
// note says so.
func sameOutputs(a, b string) (bool, string, error) {
	ea, err := os.ReadDir(a)
	if err != nil {
		return false, "", err
	}
	eb, err := os.ReadDir(b)
	if err != nil {
		return false, "", err
	}
	if len(ea) != len(eb) {
		return false, "", nil
	}
	note := ""
	for i, e := range ea {
		if eb[i].Name() != e.Name() {
			return false, "", nil
		}
		if e.Name() == "report.html" {
			continue
		}
		x, _ := os.ReadFile(filepath.Join(a, e.Name()))
		y, _ := os.ReadFile(filepath.Join(b, e.Name()))
		if e.Name() == "report.json" {
			ux, uy := untimed(x, false), untimed(y, false)
			if !bytes.Equal(ux, uy) && bytes.Equal(untimed(x, true), untimed(y, true)) {
				note = " (the kill fell inside a batch of translations: what the killed run received came from the cache, so report.json's translation counts differ, their sums agree)"
				continue
			}
			x, y = ux, uy
		}
		if !bytes.Equal(x, y) {
			fmt.Fprintf(os.Stderr, "%s differs\n", e.Name())
			return false, "", nil
		}
	}
	return true, note, nil
}

// untimed returns a report without its timings; with folded, its
// translation counts as sums (cached+sent) and without the requests.
func untimed(b []byte, folded bool) []byte {
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return b
	}
	for _, k := range []string{"wall_seconds", "mb_per_second", "slowest"} {
		delete(m, k)
	}
	if t, ok := m["translation"].(map[string]any); ok && folded {
		num := func(k string) float64 { f, _ := t[k].(float64); return f }
		m["translation"] = map[string]any{
			"texts": num("texts"), "duplicates": num("duplicates"), "failed_texts": num("failed_texts"),
			"cached_or_sent_texts": num("cached_texts") + num("sent_texts"),
			"cached_or_sent_chars": num("cached_chars") + num("sent_chars"),
		}
	}
	out, _ := json.Marshal(m)
	return out
}
