# smartbill_fdw — PGXS build of the extension, plus the two entry points of the Quick start:
#   make demo    set up everything on this machine and run a report against the simulator
#   make check   run every test (unit, simulator, SQL regression) and print "N passed, N failed"
# Both install missing Debian packages themselves, so they work before PostgreSQL's headers exist.

EXTENSION = smartbill_fdw
MODULE_big = smartbill_fdw
DATA = smartbill_fdw--0.1.sql
PGFILEDESC = "smartbill_fdw - SmartBill e-tax invoices as foreign tables"

CORE_SRCS = $(sort $(wildcard src/core/*.cpp))
PG_SRCS = $(sort $(wildcard src/pg/*.cpp))
OBJS = $(CORE_SRCS:.cpp=.o) $(PG_SRCS:.cpp=.o)

PG_CPPFLAGS = -Isrc -DSIMDJSON_THREADS_ENABLED=1
PG_CXXFLAGS = -std=c++17 -Wno-register -fvisibility-inlines-hidden
SHLIB_LINK = -lstdc++ -lcurl -lsimdjson -lpugixml

# SQL regression suites (sql/*.sql, expected/*.out); run by `make check` against a throwaway
# cluster and the simulator (see test/scripts/). Order matters: setup first.
REGRESS = $(shell cat test/regress_schedule 2>/dev/null)
REGRESS_OPTS = --inputdir=. --outputdir=build/regress --load-extension=smartbill_fdw

PG_CONFIG ?= pg_config

# Track header dependencies (.deps/), so a changed header rebuilds every object that uses it.
override autodepend = yes

# The JIT bitcode rule compiles C++ as C++14 with clang; we do not ship bitcode.
override with_llvm = no

ENTRY_GOALS = demo check format format-check

ifeq ($(filter $(ENTRY_GOALS),$(MAKECMDGOALS)),)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifeq ($(PGXS),)
$(error PostgreSQL development files not found (pg_config). Run "make demo" or "make check", which install them, or: apt-get install postgresql-server-dev-15)
endif
include $(PGXS)
else
# Entry points that must work on a machine without PostgreSQL's headers: they install them.
.PHONY: $(ENTRY_GOALS)
demo:
	test/scripts/demo.sh

check:
	test/scripts/check.sh

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

format-check:
	clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')
endif
