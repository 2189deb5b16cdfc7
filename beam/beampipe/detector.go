package beampipe

import (
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/clean"
	"github.com/paraline/paraline/lang"
	"github.com/paraline/paraline/pipeline"
)

// detectors shares one language detector per configuration between the
// DoFns of a worker process. Building a detector loads lingua's models
// (seconds of CPU, hundreds of MB), a runner makes a DoFn instance per
// bundle or per thread, and a *lang.Detector is safe for concurrent use: so
// this cache is the one piece of process-wide state of the package, as the
// Beam programming guide advises for expensive read-only resources.
var detectors = struct {
	sync.Mutex
	m map[string]*lang.Detector
}{m: map[string]*lang.Detector{}}

// detector returns the shared detector of c's languages and accuracy.
func (c Config) detector() (*lang.Detector, error) {
	langs := c.Langs
	if len(langs) == 0 {
		langs = []string{"en", "ru"} // pipeline.Options' default
	}
	key := strings.Join(langs, ",")
	var opts []lang.DetectorOption
	if c.LowAccuracy {
		key += "/low"
		opts = append(opts, lang.WithLowAccuracy())
	}
	detectors.Lock()
	defer detectors.Unlock()
	if d := detectors.m[key]; d != nil {
		return d, nil
	}
	d, err := lang.NewDetector(langs, opts...)
	if err != nil {
		return nil, err
	}
	detectors.m[key] = d
	return d, nil
}

// engineOptions returns the pipeline.Options of c with the shared detector.
func (c Config) engineOptions() (pipeline.Options, error) {
	o := c.Options()
	d, err := c.detector()
	if err != nil {
		return o, err
	}
	o.Detector = d
	if c.TranslateTo != "" {
		// The workers' engines do not translate (translateUnit does); the
		// merge gives its writer the translations (shardTranslator).
		o.Translator = &shardTranslator{}
	}
	if o.Filters, err = c.filters(); err != nil {
		return o, err
	}
	if c.DictPath != "" || c.Mueller {
		if o.Dict, err = align.LoadDictionary(c.DictPath, c.Mueller); err != nil {
			return o, fmt.Errorf("aligner dictionary: %w", err)
		}
	}
	return o, nil
}

// filters parses Config.Filters as paraline run parses --filters.
func (c Config) filters() ([]clean.FilterConfig, error) {
	if c.Filters == "" {
		return nil, nil
	}
	if strings.HasSuffix(c.Filters, ".json") {
		data, err := os.ReadFile(c.Filters)
		if err != nil {
			return nil, fmt.Errorf("--filters: %w", err)
		}
		fc, err := clean.ParseFiltersJSON(data)
		if err != nil {
			return nil, fmt.Errorf("--filters %s: %w", c.Filters, err)
		}
		return fc, nil
	}
	fc, err := clean.ParseFilters(c.Filters)
	if err != nil {
		return nil, fmt.Errorf("--filters: %w", err)
	}
	return fc, nil
}
