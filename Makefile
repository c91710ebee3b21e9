# The README's two commands:
#   make       installs missing Debian packages, builds, and writes the default book to out/
#   make test  builds and runs the whole test suite through ctest
# and the benchmark (bench/README.md), which is not part of either:
#   make bench installs the profilers too, then runs bench/run
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Every Debian package the build and the tests need.
PACKAGES := g++ cmake ninja-build pkg-config \
	libcairo2-dev libpango1.0-dev libfontconfig-dev libharfbuzz-dev \
	libyaml-cpp-dev libicu-dev libqpdf-dev libcli11-dev nlohmann-json3-dev \
	libhyphen-dev hyphen-en-gb hyphen-en-us hyphen-de hyphen-fr hyphen-el \
	catch2 poppler-utils qpdf librsvg2-bin \
	libzip-dev epubcheck
# What bench/profile needs besides (bench/run needs nothing more).
BENCH_PACKAGES := linux-perf valgrind

# apt-get runs as root, through sudo otherwise.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build book test bench clean

all: book

deps:
	@missing=$$(for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja

configure: deps $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j $(JOBS)

book: build
	$(BUILD)/mipex build

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@$(MAKE) --no-print-directory deps PACKAGES="$(BENCH_PACKAGES)"
	MIPEX_BUILD=$(BUILD) bench/run

clean:
	rm -rf $(BUILD) out
