# shadowreport — see README.md. `make report` builds the sample project, `make test` tests.
GO      ?= go
BIN     := bin/shadowreport
PKG     := github.com/shadowreport/shadowreport
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS := -X $(PKG)/internal/cli.version=$(VERSION) -X $(PKG)/internal/cli.commit=$(COMMIT)

.PHONY: build install test check lint report sample bench bench-sample bench-cli bench-large bench-peer bench-all fuzz clean

build:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/shadowreport

# Put the shadowreport command in $(PREFIX)/bin: by default Go's own bin folder (~/go/bin),
# which needs no administrator; make install PREFIX=/usr/local for every user of the machine.
PREFIX ?= $(shell $(GO) env GOPATH)
install:
	@mkdir -p "$(DESTDIR)$(PREFIX)/bin"
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o "$(DESTDIR)$(PREFIX)/bin/shadowreport" ./cmd/shadowreport
	@echo "installed $(DESTDIR)$(PREFIX)/bin/shadowreport"
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) \
		echo "$(PREFIX)/bin is not on your PATH: run  export PATH=\"$(PREFIX)/bin:\$$PATH\"  (add that line to ~/.profile to keep it)";; esac

test:
	$(GO) test ./...

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

check: lint test

# The sample project at the repository root: the shadow report, the handouts, the annex and
# findings.json in out/ (built from synthetic data).
report: build
	$(BIN) build

# Regenerate the synthetic sample workbooks and report.toml from internal/sample.
sample:
	$(GO) run ./cmd/mksample .

# Speed: the sample build in the process and as the command, the generated 60-page report,
# and the peer pipeline a researcher would write (PEER=path/to/pipeline.py; skipped without
# it or without python3 and its libraries).
BENCHTIME ?= 20x
bench: bench-sample bench-cli bench-large bench-peer

bench-sample:
	$(GO) test -run '^$$' -bench '^BenchmarkBuildSample$$' -benchtime $(BENCHTIME) -benchmem ./internal/build

bench-cli:
	$(GO) test -run '^$$' -bench '^BenchmarkCLISample$$' -benchtime $(BENCHTIME) ./cmd/shadowreport

bench-large:
	$(GO) test -run '^$$' -bench '^BenchmarkBuildLarge$$' -benchtime 3x -benchmem ./internal/build

bench-peer:
	SHADOWREPORT_PEER="$(PEER)" $(GO) test -run '^$$' -bench '^BenchmarkPeer$$' -benchtime 5x ./cmd/shadowreport

# Every benchmark of every package.
bench-all:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Each fuzz target for its number of executions; FUZZTIME=10m (a time, or 5000x) runs each for
# that instead. A count, not a time, by default: go1.26's fuzzing engine can end a -fuzztime run
# with "context deadline exceeded", reported as a failure with no failing input, when the time
# runs out while a worker is busy (a race in the engine, mended in Go 1.27).
FUZZTIME ?=
FUZZ := FuzzKey:./internal/codebook:15000 FuzzOpen:./internal/workbook:10000 FuzzSheet:./internal/workbook:10000 \
	FuzzScan:./internal/privacy:20000 FuzzFold:./internal/textnorm:50000 FuzzSuppressVector:./internal/privacy:50000 \
	FuzzIDs:./internal/privacy:10000 FuzzQuasiMentions:./internal/privacy:20000 FuzzIDKey:./internal/dataset:20000 \
	FuzzAssemble:./internal/report:20000 FuzzRender:./internal/render/pdf:500 FuzzCompressStreams:./internal/render/pdf:20000 \
	FuzzRender:./internal/render/html:1000
fuzz:
	@set -e; for t in $(FUZZ); do \
		name=$${t%%:*}; rest=$${t#*:}; pkg=$${rest%%:*}; budget="$(FUZZTIME)"; [ -n "$$budget" ] || budget=$${rest##*:}x; \
		echo "fuzz $$name $$pkg ($$budget)"; \
		log=$$(mktemp); \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime "$$budget" "$$pkg" >$$log 2>&1 || { tail -30 $$log; rm -f $$log; exit 1; }; \
		rm -f $$log; \
	done

clean:
	rm -rf bin
