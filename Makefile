# The two commands a user needs (see README.md):
#   make demo    set up, build, and run the main job on the built-in default cell -> demo-out/
#   make check   set up, build, and run the whole test suite, plain and under ASan+UBSan
# Both install missing Debian packages first when run as root; otherwise they print the exact
# apt-get line and stop.

DEBIAN_PACKAGES = build-essential cmake pkg-config clang libclang-rt-14-dev libomp-dev \
  libgsl-dev libfyaml-dev libjansson-dev libxml2-dev libplplot-dev plplot-driver-cairo \
  libxrl-dev libsleef-dev libcmocka-dev \
  python3 python3-numpy python3-pytest python3-jsonschema \
  libopenmpi-dev openmpi-bin
DEBIAN_PACKAGES += libsundials-dev
# headless browser for the HTML report test (tests/cli/report_html.sh)
DEBIAN_PACKAGES += chromium

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 20
CMAKE_FLAGS ?=
# CI turns warnings into errors; a user's newer compiler should not stop a build.
ifneq ($(CI),)
  CMAKE_FLAGS += -DIL_WERROR=ON
endif

.PHONY: all deps build demo check test asan fuzz bench install clean

all: build

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing Debian packages. Run as root:"; \
	    echo "  apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./examples/demo.sh $(BUILD)/interlayer demo-out

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DIL_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 ctest --output-on-failure -j $(JOBS)

# Each fuzz target runs for FUZZ_SECONDS on its seed corpus in fuzz/corpus/<target>.
fuzz: deps
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DIL_FUZZ=ON -DIL_BUILD_TESTS=OFF >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@ran=0; for f in $(FUZZ_BUILD)/fuzz_*; do \
	  [ -x "$$f" ] || continue; n=$$(basename $$f); \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$n; cp -r fuzz/corpus/$$n/. $(FUZZ_BUILD)/corpus/$$n/ 2>/dev/null; \
	  echo "fuzzing $$n for $(FUZZ_SECONDS) s"; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp \
	  $$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=0 $(FUZZ_BUILD)/corpus/$$n >$(FUZZ_BUILD)/$$n.log 2>&1 \
	    || { tail -n 40 $(FUZZ_BUILD)/$$n.log; echo "fuzz: $$ran passed, 1 failed"; exit 1; }; \
	  ran=$$((ran + 1)); \
	done; \
	echo "fuzz: $$ran passed, 0 failed"

check: test asan fuzz

bench: build
	@for b in $(BUILD)/bench/*; do echo "== $$b"; $$b; done

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) demo-out
