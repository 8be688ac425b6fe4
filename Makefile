# nirakaran - one Makefile. Quiet unless V=1.
#   make            build build/nirakaran
#   make deps       install missing Debian packages (scripts/deps.sh)
#   make test       unit + end-to-end tests; ends with "N passed, N failed"
#   make asan       the tests under AddressSanitizer + UBSan (build-asan/)
#   make tsan       the tests under ThreadSanitizer (clang, build-tsan/)
#   make fuzz       libFuzzer on every parser, FUZZ_SECONDS each (build-fuzz/)
#   make bench      speed and memory figures on generated data
#   make eval       matching quality on generated data
#   make sample     the nightly job on the bundled samples
#   make install PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
CC ?= cc
B ?= build
PKGS := sqlite3 libutf8proc xlsxwriter minizip expat liboath inih libcrypto libqrencode
OPT ?= -O2 -g
WARN := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
# pkg-config is asked when a recipe first needs the flags, not when the Makefile
# is read: `make deps sample` on a fresh machine installs the -dev packages
# before the first compile looks for their headers. Each is asked once a run.
PKG_CFLAGS = $(eval PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null))$(PKG_CFLAGS)
PKG_LIBS = $(eval PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null))$(PKG_LIBS)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) -fopenmp -I. $(PKG_CFLAGS) $(CFLAGS) $(SAN)
ALL_LDFLAGS = -fopenmp $(LDFLAGS) $(SAN)
LIBS = $(PKG_LIBS) -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_SRC := $(sort $(wildcard engine/*.c ingest/*.c reports/*.c))
CLI_SRC := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TOOL_SRC := $(sort $(wildcard samples/*.c tests/tools/*.c))

LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(B)/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)
TOOL_BIN := $(patsubst %.c,$(B)/tools/%,$(notdir $(TOOL_SRC)))

# Keep the objects of test programs and tools between runs.
.SECONDARY:

.PHONY: all deps test asan bench eval sample install clean check-office fuzz
all: $(B)/nirakaran $(TOOL_BIN)

deps:
	$(Q)bash scripts/deps.sh

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/libnk.a: $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/nirakaran: $(CLI_OBJ) $(B)/libnk.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libnk.a $(LIBS)

$(B)/tests/%: $(B)/tests/unit/%.o $(B)/libnk.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(B)/libnk.a $(LIBS)

$(B)/tools/%: $(B)/samples/%.o $(B)/libnk.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(B)/libnk.a $(LIBS)

$(B)/tools/%: $(B)/tests/tools/%.o $(B)/libnk.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(B)/libnk.a $(LIBS)

test: all $(TEST_BIN)
	$(Q)NK=$(CURDIR)/$(B)/nirakaran NKTOOLS=$(CURDIR)/$(B)/tools bash tests/run.sh $(B)

asan:
	$(Q)$(MAKE) --no-print-directory B=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" test

bench: all
	$(Q)NK=$(CURDIR)/$(B)/nirakaran NKTOOLS=$(CURDIR)/$(B)/tools bash bench/run.sh

eval: all
	$(Q)NK=$(CURDIR)/$(B)/nirakaran NKTOOLS=$(CURDIR)/$(B)/tools bash bench/eval.sh $(EVAL_N)

sample: all
	$(Q)bash samples/run-night.sh $(B)/nirakaran

# LibreOffice reads our workbooks (not part of make test: it installs packages and is slow)
check-office: all
	$(Q)command -v soffice >/dev/null || apt-get install -y libreoffice-calc-nogui
	$(Q)command -v pdftoppm >/dev/null || apt-get install -y poppler-utils
	$(Q)fc-list :lang=hi | grep -q . || apt-get install -y fonts-noto-core
	$(Q)NK=$(CURDIR)/$(B)/nirakaran bash tests/data/reports/check-office.sh $(B)

install: $(B)/nirakaran
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(B)/nirakaran $(DESTDIR)$(BINDIR)/nirakaran

clean:
	rm -rf build build-asan build-tsan build-fuzz out-sample

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_SRC:tests/unit/%.c=$(B)/tests/unit/%.d)

# make fuzz: every tests/fuzz/fuzz_*.c built by clang with libFuzzer, ASan and
# UBSan against the library objects (engine, ingest, reports; built with clang into
# $(FUZZ_B); -Werror is gcc's job in the normal build), then run FUZZ_SECONDS
# each on seeds from tests/data; a crash exits non-zero. See tests/fuzz/README.md.
FUZZ_SECONDS ?= 60
FUZZ_B ?= build-fuzz
FUZZ_BIN := $(patsubst tests/fuzz/%.c,$(B)/%,$(wildcard tests/fuzz/fuzz_*.c))
SAN_WARN := -Wall -Wextra -Wshadow -Wno-unused-parameter
.PHONY: fuzz-run tsan
fuzz:
	$(Q)$(MAKE) --no-print-directory B=$(FUZZ_B) CC=clang OPT="-O1 -g -fno-omit-frame-pointer" \
		WARN="$(SAN_WARN)" SAN="-fsanitize=fuzzer-no-link,address,undefined \
		-fno-sanitize-recover=undefined" fuzz-run
fuzz-run: $(FUZZ_BIN)
	$(Q)bash tests/fuzz/run.sh $(B) $(FUZZ_SECONDS)
$(B)/libnk-fuzz.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^
$(B)/fuzz_%: tests/fuzz/fuzz_%.c $(B)/libnk-fuzz.a
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(B)/libnk-fuzz.a $(ALL_LDFLAGS) $(LIBS)

# make tsan: the test suite under ThreadSanitizer. GCC's libgomp is not
# instrumented, so clang builds against LLVM's libomp, which loads the Archer
# tool (libarcher.so, in libomp-dev) that tells TSan about OpenMP's barriers
# and tasks. See tests/README.md.
ARCHER ?= $(firstword $(wildcard /usr/lib/llvm-*/lib/libarcher.so))
tsan:
	$(Q)test -n "$(ARCHER)" || { echo "make tsan needs libarcher.so (apt-get install libomp-dev)"; exit 1; }
	$(Q)OMP_TOOL_LIBRARIES=$(ARCHER) TSAN_OPTIONS="halt_on_error=1 ignore_noninstrumented_modules=1 $(TSAN_OPTIONS)" \
		$(MAKE) --no-print-directory B=build-tsan CC=clang OPT="-O1 -g" WARN="$(SAN_WARN)" \
		SAN="-fsanitize=thread" test
