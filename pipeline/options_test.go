package pipeline

import (
	"errors"
	"strings"
	"testing"
)

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		fields []string // the fields of the OptionErrors, in order
		want   string   // a part of the message
	}{
		{"defaults", Options{}, nil, ""},
		{"known encoding", Options{Encoding: "cp1251"}, nil, ""},
		{"unknown encoding", Options{Encoding: "latin9"}, []string{"Encoding"}, `unsupported encoding "latin9"`},
		{"encoding without a decoder", Options{Encoding: "iso-2022-jp"}, []string{"Encoding"}, "unsupported encoding"},
		{"workers and encoding", Options{Workers: -1, Encoding: "nosuch"}, []string{"Workers", "Encoding"}, "must be positive"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.opts
			o.EnsureDefaults()
			if tc.opts.Workers != 0 {
				o.Workers = tc.opts.Workers
			}
			err := o.Validate()
			if len(tc.fields) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want errors of %v", tc.fields)
			}
			var got []string
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				var oe *OptionError
				if !errors.As(e, &oe) {
					t.Fatalf("error %v is not an *OptionError", e)
				}
				got = append(got, oe.Fields...)
			}
			if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("fields = %v, want %v", got, tc.fields)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}
