# cibscan — the two commands a new user needs are `make demo` and
# `make test`; both install missing Debian packages first.
#
#   make          build build/cibscan
#   make demo     synthetic data -> detect -> report (prints where)
#   make test     unit and end-to-end tests, then again under ASan+UBSan,
#                 then each fuzz target for FUZZ_TEST_SECONDS (15)
#   make fuzz     each libFuzzer target for FUZZ_SECONDS (default 60)
#   make install  copy the binary to $(PREFIX)/bin
#   make screenshots  report.html of the demo and IRA data as PNG into
#                 docs/screenshots (the headless-Chromium test makes them)

PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD := build
ASAN_BUILD := build-asan
FUZZ_BUILD := build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TEST_SECONDS ?= 15
DEMO := demo

.PHONY: all deps build demo test test-fast test-asan test-fuzz fuzz install clean

all: build

deps:
	@bash scripts/install-deps.sh

# Chromium for the report.html test (tests/e2e/report_html.sh).
test-deps:
	@bash scripts/install-test-deps.sh

$(BUILD)/Makefile: CMakeLists.txt | deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: deps $(BUILD)/Makefile
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

$(ASAN_BUILD)/Makefile: CMakeLists.txt | deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCIBSCAN_SANITIZE=ON >/dev/null

demo: build
	@mkdir -p $(DEMO)
	$(BUILD)/cibscan synth --seed 7 --out $(DEMO)/events.csv --truth $(DEMO)/truth.csv
	$(BUILD)/cibscan detect $(DEMO)/events.csv --out $(DEMO)/report
	@echo
	@echo "Scored against the planted ground truth:"
	@$(BUILD)/cibscan eval --truth $(DEMO)/truth.csv $(DEMO)/report/accounts.csv
	@echo
	@echo "Report: $(CURDIR)/$(DEMO)/report/report.json (report.html, accounts.csv, edges.csv, network.graphml and network.gexf beside it)"

test-fast: build test-deps
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps test-deps $(ASAN_BUILD)/Makefile
	@cmake --build $(ASAN_BUILD) -j $(JOBS) -- --no-print-directory
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

screenshots: build test-deps
	@cd $(BUILD) && CIBSCAN_SCREENSHOTS=$(CURDIR)/docs/screenshots \
	  ctest --output-on-failure -R e2e/report_html

# libFuzzer targets of tests/fuzz/ (clang, ASan+UBSan+LeakSanitizer): new
# inputs go to $(FUZZ_BUILD)/fuzz-corpus/, crashes to $(FUZZ_BUILD)/fuzz-crashes/.
$(FUZZ_BUILD)/Makefile: CMakeLists.txt | deps
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCIBSCAN_SANITIZE=ON -DCIBSCAN_FUZZ=ON >/dev/null

fuzz-run-%: deps $(FUZZ_BUILD)/Makefile
	@cmake -S . -B $(FUZZ_BUILD) -DCIBSCAN_FUZZ_SECONDS=$* >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers -- --no-print-directory
	@cd $(FUZZ_BUILD) && ASAN_OPTIONS=detect_leaks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest -L fuzz --output-on-failure -j $(JOBS)

fuzz: fuzz-run-$(FUZZ_SECONDS)

test-fuzz: fuzz-run-$(FUZZ_TEST_SECONDS)

test: test-fast test-asan test-fuzz

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/cibscan $(DESTDIR)$(PREFIX)/bin/cibscan

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(DEMO)
