# paraline: build, run the main job on examples/, test.
#
#   make run    build bin/paraline and run the pipeline on examples/ into out/
#   make test   install the Debian packages the tests use (when possible), then go test ./...
#               and the tests of the nested Beam module (make test-beam)
#   make build-beam  build bin/paraline-beam (the pipeline on Apache Beam; module beam/)

GO ?= go
BIN := bin/paraline
OUT ?= out
# Debian packages the tests and the optional features use. Tests that need one
# skip with a message when it is absent.
DEB_PACKAGES := apertium apertium-eng-spa mueller7-dict libxml2-utils chromium

.PHONY: all build build-beam run test test-beam deps vet fmt-check ci clean devsets

all: build

build:
	$(GO) build -o $(BIN) ./cmd/paraline

# The Beam command lives in the nested module beam/ (its own go.mod), so
# that Beam stays out of paraline's binary and module; go test ./... at the
# root does not enter it.
build-beam:
	cd beam && $(GO) build -o ../bin/paraline-beam ./cmd/paraline-beam

run: build
	./$(BIN) run -o $(OUT) --pair-by auto --format tsv,jsonl,tmx examples
	@echo "outputs in $(OUT)/:"; ls -l $(OUT)

# deps installs the Debian packages when running as root with apt-get, and
# says what is missing otherwise. It never fails the build.
PKGS ?= $(DEB_PACKAGES)
deps:
	@missing=""; for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "deps: installing$$missing"; \
		(apt-get update -qq >/dev/null 2>&1 || true); \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null 2>&1 \
			|| echo "deps: could not install$$missing; the tests that need them will skip"; \
	else echo "deps: missing$$missing (not root or no apt-get); the tests that need them will skip"; fi

test: deps
	$(GO) test ./...
	$(MAKE) test-beam

test-beam:
	cd beam && $(GO) vet ./... && $(GO) test ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out="$$(gofmt -l .)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin $(OUT)

# devsets installs DEVSET_PACKAGES (when root) and makes the body/boilerplate
# sets (scripts/mkhtmlgold) and the bilingual-site sets (scripts/mkbisite) from the HTML
# documentation of installed Debian packages (see scripts/mkhtmlgold).
DEVSETS ?= devsets
# Debian packages the dev sets are made from (mkhtmlgold, mkbisite, mkprose skip
# a site whose package is absent and name it). Not needed by the tests.
DEVSET_PACKAGES := python3.11-doc aptitude-doc-en aptitude-doc-ru debian-reference-en doublecmd-help-en \
	doublecmd-help-ru libtasn1-doc gimp-help-en gimp-help-ru maint-guide maint-guide-ru developers-reference \
	developers-reference-ru debian-faq debian-faq-ru ubuntu-packaging-guide-html ubuntu-packaging-guide-html-ru \
	kicad-doc-en kicad-doc-ru manpages-ru hunspell-ru
devsets:
	@$(MAKE) --no-print-directory deps PKGS="$(DEVSET_PACKAGES)"
	$(GO) run ./scripts/mkhtmlgold -o $(DEVSETS)
	$(GO) run ./scripts/mkbisite -o $(DEVSETS)/bisite
