// Package translate translates sentences with machine translation backends
// (Google Cloud Translation, Apertium, any line-oriented command) without
// paying twice for the same text.
//
// A [Backend] makes one request: it translates a slice of texts that fits
// its [Limits]. An [Engine] wraps a Backend and adds what a corpus run needs:
//
//   - a persistent [Cache] (one bbolt file) consulted before any request and
//     written as each request returns, so an interrupted run resumes without
//     sending finished texts again;
//   - deduplication: a text is sent once per call, and concurrent calls wait
//     for each other's requests instead of repeating them;
//   - packing of texts into requests within the service limits, in input
//     order, so the same input gives the same requests;
//   - a bounded number of concurrent requests and a characters-per-minute
//     limiter under the service quota;
//   - retries with exponential backoff and full jitter on transient failures
//     (HTTP 429, 5xx, timeouts, 403 rateLimitExceeded), and a fast, clear
//     failure on the others (400, bad key, API not enabled, daily limit);
//   - a dry run that counts the characters, requests and cost it would send;
//   - [Stats] for a run report.
//
// Texts go in and come out one-to-one, in order:
//
//	in:  []string{"Hello.", "How are you?", "Hello."}
//	out: []string{"Hola.", "¿Cómo estás?", "Hola."}   (2 texts sent, 1 request)
//
// [Engine.TranslateAll] reports a failure per text so a pipeline can reject
// the failed sentences and keep the rest; [Engine.Translate] is the
// all-or-nothing form of the [Translator] interface.
//
// Backends are built by name with [NewBackend]: "google" (Cloud Translation
// v2 Basic through a POST request, or v3 Advanced over gRPC when a project is
// set), "apertium" (the apertium command with an installed language pair) and
// "exec" (any command reading one sentence per line and writing one line per
// sentence).
package translate
