# The README's two commands:
#   make       installs missing Debian packages, builds, and writes the default book to out/
#   make test  builds and runs the whole test suite through ctest
# and, not part of either, the reliability checks (README, "Reliability"):
#   make test-sanitize  the whole test suite built with AddressSanitizer and UBSan
#   make fuzz           the libFuzzer target over load + validate + score (clang)
# and the benchmark (bench/README.md):
#   make bench          installs the profilers too, then runs bench/run
BUILD ?= build
SANITIZE_BUILD ?= build-sanitize
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 300
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Every Debian package the build and the tests need.
PACKAGES := g++ cmake ninja-build pkg-config \
	libcairo2-dev libpango1.0-dev libfontconfig-dev libharfbuzz-dev libdeflate-dev zlib1g-dev \
	libyaml-cpp-dev libicu-dev libqpdf-dev libcli11-dev nlohmann-json3-dev \
	libhyphen-dev hyphen-en-gb hyphen-en-us hyphen-de hyphen-fr hyphen-el \
	catch2 poppler-utils qpdf librsvg2-bin strace \
	libzip-dev libxml2-dev libwoff-dev epubcheck \
	default-jre-headless chromium nodejs
# npm comes with Debian's nodejs as a package of its own; NodeSource's nodejs bundles it and
# conflicts with Debian's npm, so npm is installed only when there is no npm to run.
PACKAGES += $(if $(shell command -v npm),,npm)

# Only `make fuzz` needs these: clang and its libFuzzer and sanitizer runtimes.
FUZZ_PACKAGES := clang libclang-rt-14-dev
# What bench/profile needs besides (bench/run needs nothing more).
BENCH_PACKAGES := linux-perf valgrind

# apt-get runs as root, through sudo otherwise.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps debian-deps fuzz-deps configure build book test test-sanitize fuzz bench clean

all: book

# install(<packages>): installs the packages that are missing.
define install
	@missing=$$(for p in $(1); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi
endef

# The website's browser tests (tests/browser/) run on the npm packages its lockfile pins;
# npm ci runs again only when the lockfile changes.
BROWSER_MODULES := tests/browser/node_modules/.package-lock.json

deps: $(BROWSER_MODULES)

debian-deps:
	$(call install,$(PACKAGES))

$(BROWSER_MODULES): tests/browser/package-lock.json | debian-deps
	cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

fuzz-deps:
	$(call install,$(FUZZ_PACKAGES))

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja

configure: deps $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j $(JOBS)

book: build
	$(BUILD)/mipex build

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite again, every library, test and the binary built with AddressSanitizer and
# UndefinedBehaviorSanitizer (any report fails the test), in its own build folder.
test-sanitize: deps
	cmake -S . -B $(SANITIZE_BUILD) -G Ninja -DMIPEX_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cd $(SANITIZE_BUILD) && ctest --output-on-failure -j $(JOBS)

# Searches for crashes for FUZZ_SECONDS seconds. New inputs go to $(FUZZ_BUILD)/corpus,
# crashes to $(FUZZ_BUILD)/crashes/; a crash found belongs in tests/fuzz/corpus/ as a named
# regression file, with its fix.
fuzz: deps fuzz-deps
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DMIPEX_FUZZ=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_project
	mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/crashes
	$(FUZZ_BUILD)/tests/fuzz_project $(FUZZ_BUILD)/corpus tests/fuzz/corpus \
		-dict=tests/fuzz/project.dict -max_total_time=$(FUZZ_SECONDS) -max_len=16384 \
		-timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_BUILD)/crashes/

bench: build
	@$(MAKE) --no-print-directory debian-deps PACKAGES="$(BENCH_PACKAGES)"
	MIPEX_BUILD=$(BUILD) bench/run

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(FUZZ_BUILD) out
