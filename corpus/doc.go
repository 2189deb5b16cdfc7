// Package corpus reads, decodes, normalises and writes the text of paraline.
//
// Reading: a [Reader] turns command-line arguments (files, directories walked
// recursively in sorted order, glob patterns, "-" for standard input; gzip
// detected by its magic bytes) into a deterministic stream of [Document]
// values, one at a time. A document that cannot be read carries a
// [*ReadError] in Document.Err and the stream goes on. WARC and WET
// archives are streamed record by record: a page record is a Document
// whose ID is its WARC-Target-URI, another record is a Document with
// Document.Skip set to the reason ("skip:record(request)"), a bad record a
// Document with Err naming the archive and the record's byte offset.
// [WARCWriter] writes archives.
//
// Decoding: UTF-8 (with or without BOM), UTF-16 with BOM, windows-1251 and
// KOI8-R are detected automatically; any encoding known to
// [LookupEncoding] can be forced. Invalid byte sequences become U+FFFD and
// are counted in Document.Invalid.
//
// Normalising: each rule is a [golang.org/x/text/transform.Transformer]
// ([NewlineNormalizer], [InvisibleRemover], [ControlRemover],
// [SpaceNormalizer], NFC) and [Normalizer] chains them. A document keeps a
// map from offsets in its normalised Text back to its raw bytes
// ([Document.RawOffset]), so that spans found in the text can be cut out of
// the original file:
//
//	raw (windows-1251):  "\xcf\xf0\xe8\xe2\xe5\xf2\xa0\xec\xe8\xf0\r\n"
//	Text:                "Привет мир\n"
//	RawOffset(13) = 7    (the byte after the no-break space)
//
// Writing: [CreateAtomic] writes a file under a temporary name and renames it
// on Commit (gzip when the name ends in ".gz"); [LineWriter] writes one
// segment per line (Moses format) and refuses lines holding newlines, tabs
// or control characters; [JSONLWriter] writes JSON Lines.
package corpus
