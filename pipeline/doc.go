// Package pipeline wires paraline's stages into one batch run: read and
// normalise documents (corpus), find language spans and boilerplate (lang),
// repair glued words, split sentences, optionally translate, align, and write
// the corpus, the rejects and the report.
//
// A run makes two passes over its inputs. The first counts, for each line,
// the documents it occurs in (lang.LineCounter: fixed memory), which is the
// evidence for site furniture repeated across pages. The second processes
// documents in parallel (Options.Workers) and writes results in input order,
// so outputs are byte-identical whatever the number of workers. Memory is
// bounded by a few documents in flight, not by the corpus.
//
// Every span of every document ends up in an output or in rejects.jsonl with
// a reason (blank runs are counted in the report but not written), and the
// per-stage counts of report.json add up: in = kept + rejected.
package pipeline
