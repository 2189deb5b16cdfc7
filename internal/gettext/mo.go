// Package gettext reads compiled GNU gettext catalogs (.mo files), the
// message catalogs Debian packages install under /usr/share/locale. The
// project's test-set generators use it to get real human translations.
package gettext

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// Message is one message of a catalog: the original (English) text, without
// its context and plural form, and its translations (one per plural form).
type Message struct {
	ID   string
	Strs []string
}

// ErrNotMO is returned for data that does not start with the .mo magic number.
var ErrNotMO = errors.New("not a gettext .mo file")

// ParseMO reads a compiled gettext catalog (GNU .mo, either byte order). It
// returns the messages with a non-empty id and first translation, and the
// catalog's charset from its header ("" when the header names none).
// Offsets and lengths are checked against the data, so a damaged file gives
// an error rather than a panic.
func ParseMO(data []byte) (msgs []Message, charset string, err error) {
	if len(data) < 20 {
		return nil, "", ErrNotMO
	}
	var bo binary.ByteOrder
	switch binary.LittleEndian.Uint32(data) {
	case 0x950412de:
		bo = binary.LittleEndian
	case 0xde120495:
		bo = binary.BigEndian
	default:
		return nil, "", ErrNotMO
	}
	if rev := bo.Uint32(data[4:]) >> 16; rev > 1 {
		return nil, "", fmt.Errorf("unsupported .mo major revision %d", rev)
	}
	n := uint64(bo.Uint32(data[8:]))
	origTab := uint64(bo.Uint32(data[12:]))
	transTab := uint64(bo.Uint32(data[16:]))
	size := uint64(len(data))
	if origTab+8*n > size || transTab+8*n > size {
		return nil, "", fmt.Errorf("string tables of %d entries run past the end (%d bytes)", n, size)
	}
	str := func(tab, i uint64) (string, error) {
		l := uint64(bo.Uint32(data[tab+8*i:]))
		off := uint64(bo.Uint32(data[tab+8*i+4:]))
		if off+l > size {
			return "", fmt.Errorf("string %d at %d+%d runs past the end (%d bytes)", i, off, l, size)
		}
		return string(data[off : off+l]), nil
	}
	for i := uint64(0); i < n; i++ {
		id, err := str(origTab, i)
		if err != nil {
			return nil, "", err
		}
		tr, err := str(transTab, i)
		if err != nil {
			return nil, "", err
		}
		if id == "" {
			charset = headerCharset(tr)
			continue
		}
		if k := strings.IndexByte(id, 0); k >= 0 { // singular NUL plural
			id = id[:k]
		}
		if k := strings.LastIndexByte(id, 4); k >= 0 { // msgctxt EOT msgid
			id = id[k+1:]
		}
		strs := strings.Split(tr, "\x00")
		if id == "" || strs[0] == "" {
			continue
		}
		msgs = append(msgs, Message{ID: id, Strs: strs})
	}
	return msgs, charset, nil
}

// headerCharset returns the charset named in a catalog header's
// "Content-Type: text/plain; charset=UTF-8" line.
func headerCharset(h string) string {
	for _, line := range strings.Split(h, "\n") {
		low := asciiLower(line) // same length as line, unlike strings.ToLower
		if !strings.HasPrefix(low, "content-type:") {
			continue
		}
		if k := strings.Index(low, "charset="); k >= 0 {
			return strings.TrimSpace(line[k+len("charset="):])
		}
	}
	return ""
}

// asciiLower lower-cases the ASCII letters of s, leaving other bytes alone.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
