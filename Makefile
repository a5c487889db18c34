# The two commands of the README: `make run` and `make test`. Each installs what it needs first.
SHELL := /bin/bash
.DEFAULT_GOAL := run

JOBS ?= $(shell nproc)
# Let ccache reuse objects between clones of the repository in different folders (CI builds a
# fresh clone): paths are hashed relative to the checkout, and the working folder is not hashed.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
RELEASE_DIR := build/release
SANITIZE_DIR := build/sanitize
DATA_DIR ?= data
LISTEN ?= 127.0.0.1:8080

.PHONY: run test deps deps-test web-deps web release deb sanitize test-server test-web test-e2e bench format clean \
	fuzz harnesses bench-formation

run: deps web release
	$(RELEASE_DIR)/server/lianjian --data-dir $(DATA_DIR) serve --demo --static web/dist --listen $(LISTEN)

test: deps-test web sanitize test-server test-web test-e2e

deps:
	@scripts/install-deps.sh

deps-test:
	@scripts/install-deps.sh --test

# npm ci only when the lock file changed since the last install.
web/node_modules/.installed: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

web-deps: web/node_modules/.installed

web: web-deps
	cd web && npm run build

release:
	cmake -S . -B $(RELEASE_DIR) -DCMAKE_BUILD_TYPE=Release -DLIANJIAN_TESTS=OFF
	cmake --build $(RELEASE_DIR) -j $(JOBS)

# The Debian package build/lianjian_<version>_amd64.deb (CPack's DEB generator on the release
# build): binary, web build, config, systemd units, backup and restore-drill scripts (README,
# "Deployment").
deb: deps web release
	cd $(RELEASE_DIR) && cpack -G DEB -B $(CURDIR)/build
	@ls -l build/lianjian_*_amd64.deb

# Tests run on the AddressSanitizer + UndefinedBehaviorSanitizer build. -g1 keeps the line tables
# that sanitizer reports need and halves the compile time of full debug information.
sanitize:
	cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=Debug -DLIANJIAN_SANITIZE=ON -DLIANJIAN_TESTS=ON \
		-DCMAKE_CXX_FLAGS_DEBUG="-g1"
	cmake --build $(SANITIZE_DIR) -j $(JOBS)

test-server: sanitize
	cd $(SANITIZE_DIR) && LIANJIAN_PACKAGE_INSTALL_TEST=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

test-web: web-deps
	cd web && npm run typecheck && npm test

test-e2e: sanitize web
	cd web && LIANJIAN_BIN=$(CURDIR)/$(SANITIZE_DIR)/server/lianjian npm run e2e

bench: deps-test release
	server/bench/run.sh $(RELEASE_DIR)/server/lianjian

# libFuzzer targets under clang-14 with ASan and UBSan, each run FUZZ_SECONDS from the checked-in
# seeds (server/fuzz/corpus/); prints executions and crashes. `make test` replays the corpus.
FUZZ_DIR := build/fuzz
FUZZ_SECONDS ?= 60
fuzz: deps-test
	cmake -S . -B $(FUZZ_DIR) -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug \
		-DLIANJIAN_SANITIZE=ON -DLIANJIAN_TESTS=OFF -DLIANJIAN_FUZZ=ON -DCMAKE_CXX_FLAGS_DEBUG="-g1 -O1"
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzz_http_request fuzz_json_input fuzz_member_import
	scripts/fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

# The reliability harnesses of the README, each printing its figure: kill -9 under write load on
# SQLite and on PostgreSQL with two app servers, power loss (unsynced writes dropped), and 1,000
# slow clients beside a normal one.
HARNESS_CYCLES ?= 20
harnesses: deps-test release
	cc -shared -fPIC -O2 -o build/unsynced_undo.so scripts/powerloss/unsynced_undo.c -ldl -lpthread
	scripts/crash_harness.py $(RELEASE_DIR)/server/lianjian --cycles $(HARNESS_CYCLES)
	pg_virtualenv -t -v 15 scripts/crash_harness.py $(RELEASE_DIR)/server/lianjian \
		--db postgresql --cycles $(HARNESS_CYCLES)
	scripts/crash_harness.py $(RELEASE_DIR)/server/lianjian --cycles $(HARNESS_CYCLES) \
		--power-loss build/unsynced_undo.so
	scripts/slow_clients.py $(RELEASE_DIR)/server/lianjian --connections 1000

# Formation suggestions and calendar rotation: prints figures (see README).
bench-formation: deps release
	$(RELEASE_DIR)/server/formation_bench

format:
	find server -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build web/dist
