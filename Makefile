# sokuo: the commands a newcomer needs. Everything builds with CMake presets (CMakePresets.json).
JOBS ?= 2
DATA ?= ./var
LISTEN ?= 127.0.0.1:8080
PREFIX ?= /usr/local
DEV := build/dev
REL := build/release

.PHONY: all bootstrap web build release run test install uninstall bench bench-http bench-store fuzz format lint clean

all: build

bootstrap:
	@scripts/bootstrap

# The web interface (web/, Node.js 20.19+) into web/dist, which the C++ build embeds.
web: bootstrap
	@scripts/build-web

# Debug build with AddressSanitizer and UndefinedBehaviorSanitizer.
build: bootstrap web
	@cmake --preset dev >/dev/null
	@cmake --build $(DEV) -j $(JOBS)

release: bootstrap web
	@cmake --preset release >/dev/null
	@cmake --build $(REL) -j $(JOBS)

# Creates $(DATA) with the example company on first run, then serves it.
run: release
	@if [ ! -f $(DATA)/sokuo.db ]; then $(REL)/src/main/sokuo --data $(DATA) init --org examples/org.yaml; fi
	@$(REL)/src/main/sokuo --data $(DATA) binder export $(DATA)/binder.html   # the paper copy: print it
	@$(REL)/src/main/sokuo --data $(DATA) serve --listen $(LISTEN)

# Every unit, golden, fuzz-replay and integration test; ends with the CTest summary.
test: build
	@ctest --test-dir $(DEV) --output-on-failure -j $(JOBS)

# The release binary into $(PREFIX)/bin, the example organization into $(PREFIX)/share/sokuo and
# the documentation into $(PREFIX)/share/doc/sokuo; DESTDIR stages it elsewhere (packaging).
# Needs `make release` first: as root (sudo make install) it only copies, and builds nothing.
install:
	@test -x $(REL)/src/main/sokuo || { echo "make install: run 'make release' first" >&2; exit 1; }
	@DESTDIR="$(DESTDIR)" cmake --install $(REL) --prefix "$(PREFIX)"

# Removes what the last `make install` installed (CMake's install_manifest.txt, which lists the
# paths without DESTDIR: give the same DESTDIR again).
uninstall:
	@test -f $(REL)/install_manifest.txt || { echo "make uninstall: nothing was installed from $(REL)" >&2; exit 1; }
	@sed 's|^|$(DESTDIR)|' $(REL)/install_manifest.txt | xargs -d '\n' rm -fv

bench: release
	@$(REL)/bench/sokuo_bench --benchmark_min_time=0.2

# The HTTP server side by side with a trivial handler and raw SQLite commits (wrk; minutes).
bench-http: release
	@bench/http-bench

# sokuo over SQLite, over PostgreSQL and two servers over one PostgreSQL (wrk; minutes).
bench-store: release
	@bench/store-bench

# Real fuzzing with libFuzzer (clang): FUZZ_SECONDS per target, each TARGET:CORPUS from
# tests/fuzz/corpus/CORPUS (the organization files and Sigma rules of the repo are seeds too).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := org_file_fuzz:org request_fuzz:request target_fuzz:target sigma_rule_fuzz:sigma \
  log_decode_fuzz:log syslog_frame_fuzz:syslog clamav_fuzz:clamav account_listing_fuzz:accounts \
  head_receipt_fuzz:receipts canonical_json_fuzz:canonical
fuzz: bootstrap
	@cmake --preset fuzz >/dev/null
	@cmake --build build/fuzz -j $(JOBS) --target $(foreach t,$(FUZZ_TARGETS),$(firstword $(subst :, ,$(t))))
	@for t in $(FUZZ_TARGETS); do mkdir -p build/fuzz/corpus-$${t#*:}; cp -n tests/fuzz/corpus/$${t#*:}/* build/fuzz/corpus-$${t#*:}/; done
	@cp -n tests/golden/org/*.yaml build/fuzz/corpus-org/
	@cp -n rules/linux/*.yml build/fuzz/corpus-sigma/
	@set -e; for t in $(FUZZ_TARGETS); do \
	  build/fuzz/tests/$${t%%:*} -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -artifact_prefix=build/fuzz/ build/fuzz/corpus-$${t#*:}; \
	done

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

lint: build
	@git ls-files 'src/*.cpp' | xargs clang-tidy -p $(DEV) --quiet --extra-arg=-Wno-unknown-warning-option 2>/dev/null

clean:
	@rm -rf build
