package clean

import (
	"errors"
	"strings"
	"testing"
)

func names(set []FilterConfig) string {
	var out []string
	for _, c := range set {
		out = append(out, c.String())
	}
	return strings.Join(out, ",")
}

func TestParseFilters(t *testing.T) {
	every := strings.Join(FilterNames(), ",")
	all := strings.NewReplacer("clause,", "", "lexical,", "").Replace(every) // the default set
	tests := []struct {
		name, list, want string
	}{
		{"empty is the default set", "", all},
		{"remove one", "-lang", strings.Replace(all, "lang,", "", 1)},
		{"set parameters", "length:max=200:min=2,ratio:max=3", strings.NewReplacer("length", "length:max=200:min=2", "ratio", "ratio:max=3").Replace(all)},
		{"brief example", "length:max=200,ratio:max=3,-lang", strings.NewReplacer("length", "length:max=200", "ratio", "ratio:max=3", "lang,", "").Replace(all)},
		{"none then some", "none,length,empty", "empty,length"},
		{"none", "none", ""},
		{"all", "all", every},
		{"add clause", "clause:max=0.5", strings.NewReplacer("clause", "clause:max=0.5", "lexical,", "").Replace(every)},
		{"spaces", " none , urls ", "urls"},
		{"plus prefix", "none,+token:max=9", "token:max=9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFilters(tt.list)
			if err != nil {
				t.Fatal(err)
			}
			if names(got) != tt.want {
				t.Fatalf("ParseFilters(%q) = %s\nwant %s", tt.list, names(got), tt.want)
			}
		})
	}
}

func TestParseFiltersErrors(t *testing.T) {
	for _, list := range []string{"nosuch", "-nosuch", "length:max", "length:max=x", "length:maxx=3", "empty:x=1", "length:max=NaN", "ratio:max=Inf"} {
		t.Run(list, func(t *testing.T) {
			_, err := ParseFilters(list)
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("ParseFilters(%q) error %v, want ErrConfig", list, err)
			}
		})
	}
}

func TestParseFiltersJSON(t *testing.T) {
	var defs []string
	for _, f := range DefaultFilters() {
		defs = append(defs, f.Name)
	}
	all := strings.Join(defs, ",")
	tests := []struct {
		name, json, want string
		bad              bool
	}{
		{"defaults", `{}`, all, false},
		{"remove and set", `{"filters": {"lang": false, "length": {"max": 200}}}`, strings.NewReplacer("length", "length:max=200", "lang,", "").Replace(all), false},
		{"from nothing", `{"defaults": false, "filters": {"urls": true, "empty": {}}}`, "empty,urls", false},
		{"unknown filter", `{"filters": {"nope": true}}`, "", true},
		{"unknown parameter", `{"filters": {"length": {"maxx": 1}}}`, "", true},
		{"bad value", `{"filters": {"length": "long"}}`, "", true},
		{"unknown key", `{"filterz": {}}`, "", true},
		{"not json", `length:max=3`, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFiltersJSON([]byte(tt.json))
			if tt.bad {
				if !errors.Is(err, ErrConfig) {
					t.Fatalf("error %v, want ErrConfig", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if names(got) != tt.want {
				t.Fatalf("got %s\nwant %s", names(got), tt.want)
			}
		})
	}
}

func TestDescribeListsEveryFilter(t *testing.T) {
	d := Describe()
	for _, n := range FilterNames() {
		if !strings.Contains(d, "  "+n+" ") {
			t.Errorf("Describe lacks %s", n)
		}
	}
}

func FuzzParseFilters(f *testing.F) {
	f.Add("length:max=200,ratio:max=3,-lang")
	f.Add("none,empty,token:max=5")
	f.Fuzz(func(t *testing.T, list string) {
		set, err := ParseFilters(list)
		if err != nil {
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("error %v does not wrap ErrConfig", err)
			}
			return
		}
		// what parses round-trips through String
		var parts []string
		for _, c := range set {
			parts = append(parts, c.String())
		}
		again, err := ParseFilters("none," + strings.Join(parts, ","))
		if err != nil {
			t.Fatalf("reparse of %q: %v", parts, err)
		}
		if names(again) != names(set) {
			t.Fatalf("round trip %s != %s", names(again), names(set))
		}
	})
}
