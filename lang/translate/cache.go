package translate

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// cacheBucket holds key -> value records; see encodeValue.
var cacheBucket = []byte("translations")

// Key identifies a translation in a [Cache]: a SHA-256 hash of the backend
// ID, the languages and the text.
type Key [sha256.Size]byte

// CacheKey returns the key of text translated from src to tgt by the backend
// whose ID is backend. Each field is length-prefixed, so no two different
// field lists share a key.
func CacheKey(backend, src, tgt, text string) Key {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, f := range []string{backend, src, tgt, text} {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(f)))])
		h.Write([]byte(f))
	}
	var k Key
	h.Sum(k[:0])
	return k
}

// Cache is a persistent store of translations in one bbolt file. It is safe
// for concurrent use by several Engines of one process; another process
// opening the same file waits up to a few seconds and then fails.
type Cache struct {
	db   *bolt.DB
	path string
}

// DefaultCachePath returns the default cache file,
// os.UserCacheDir()/paraline/translate.db.
func DefaultCachePath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("default cache path: %w", err)
	}
	return filepath.Join(dir, "paraline", "translate.db"), nil
}

// OpenCache opens the cache file at path, creating it and its directory.
func OpenCache(path string) (*Cache, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open cache %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("open cache %s: in use by another process (use --cache FILE or --no-cache)", path)
		}
		return nil, fmt.Errorf("open cache %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(cacheBucket)
		return err
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open cache %s: %w", path, err)
	}
	return &Cache{db: db, path: path}, nil
}

// Path returns the file name of c.
func (c *Cache) Path() string { return c.path }

// Close closes the file.
func (c *Cache) Close() error {
	if err := c.db.Close(); err != nil {
		return fmt.Errorf("close cache %s: %w", c.path, err)
	}
	return nil
}

// encodeValue stores the backend ID with the translation, so Stats can
// count records per backend: uvarint(len(backend)) backend translation.
func encodeValue(backend, text string) []byte {
	b := binary.AppendUvarint(make([]byte, 0, 2+len(backend)+len(text)), uint64(len(backend)))
	b = append(b, backend...)
	return append(b, text...)
}

func decodeValue(v []byte) (backend, text string, err error) {
	n, w := binary.Uvarint(v)
	if w <= 0 || uint64(len(v)-w) < n {
		return "", "", errors.New("corrupt cache record")
	}
	return string(v[w : w+int(n)]), string(v[w+int(n):]), nil
}

// Get looks keys up in one read transaction. found[i] tells whether
// texts[i] holds the translation of keys[i].
func (c *Cache) Get(keys []Key) (texts []string, found []bool, err error) {
	texts = make([]string, len(keys))
	found = make([]bool, len(keys))
	err = c.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(cacheBucket)
		if b == nil {
			return nil
		}
		for i, k := range keys {
			v := b.Get(k[:])
			if v == nil {
				continue
			}
			_, t, err := decodeValue(v)
			if err != nil {
				continue // a corrupt record is a miss; Put rewrites it
			}
			texts[i], found[i] = t, true
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read cache %s: %w", c.path, err)
	}
	return texts, found, nil
}

// Put stores the translations texts[i] of keys[i], made by backend, and
// returns once they are on disk. Concurrent Puts share a transaction.
func (c *Cache) Put(backend string, keys []Key, texts []string) error {
	if len(keys) != len(texts) {
		return fmt.Errorf("write cache %s: %d keys for %d texts", c.path, len(keys), len(texts))
	}
	err := c.db.Batch(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(cacheBucket)
		if err != nil {
			return err
		}
		for i, k := range keys {
			if err := b.Put(k[:], encodeValue(backend, texts[i])); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("write cache %s: %w", c.path, err)
	}
	return nil
}

// CacheStats describes the contents of a cache file.
type CacheStats struct {
	Path      string
	FileBytes int64 // size of the file
	Entries   int   // translations stored
	TextBytes int64 // bytes of the stored translations
	// Backends lists the number of entries per backend ID, sorted by ID.
	Backends []BackendCount
}

// BackendCount is the number of cache entries made by one backend.
type BackendCount struct {
	Backend string
	Entries int
}

// Stats scans the cache.
func (c *Cache) Stats() (CacheStats, error) {
	s := CacheStats{Path: c.path}
	per := map[string]int{}
	err := c.db.View(func(tx *bolt.Tx) error {
		s.FileBytes = tx.Size()
		b := tx.Bucket(cacheBucket)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			s.Entries++
			be, t, err := decodeValue(v)
			if err != nil {
				be = "(corrupt)"
			}
			per[be]++
			s.TextBytes += int64(len(t))
			return nil
		})
	})
	if err != nil {
		return s, fmt.Errorf("read cache %s: %w", c.path, err)
	}
	for be, n := range per {
		s.Backends = append(s.Backends, BackendCount{Backend: be, Entries: n})
	}
	sort.Slice(s.Backends, func(i, j int) bool { return s.Backends[i].Backend < s.Backends[j].Backend })
	return s, nil
}

// Clear deletes every entry and returns how many there were. The file keeps
// its size (bbolt reuses the pages); delete the file to shrink it.
func (c *Cache) Clear() (int, error) {
	n := 0
	err := c.db.Update(func(tx *bolt.Tx) error {
		if b := tx.Bucket(cacheBucket); b != nil {
			n = b.Stats().KeyN
			if err := tx.DeleteBucket(cacheBucket); err != nil {
				return err
			}
		}
		_, err := tx.CreateBucket(cacheBucket)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("clear cache %s: %w", c.path, err)
	}
	return n, nil
}
