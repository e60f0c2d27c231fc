#!/usr/bin/env bash
# Runs every test of ProtoPy: golden programs (also tenuring after every
# collection, and on a GC-stress build),
# the quick compile check against CPython 3.12's verdicts, loom models, GC-stress unit tests, unit, integration and stress tests, and a one-minute soak test.
# Usage: ./run-tests.sh
# Ends with one summary line "run-tests: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== Debian packages: CPython 3.11's standard library and its regression tests"
tests/cpython/install-packages.sh

echo "== build (release)"
cargo build --release --workspace --bins

echo "== golden programs vs CPython 3.11 output"
target/release/golden | tee -a "$log"

echo "== golden programs tenuring after every collection (PROTOPY_TENURE=1: the old-generation paths as often as they can run)"
PROTOPY_TENURE=1 target/release/golden | tee -a "$log"

echo "== golden programs under GC stress (a collection at every safepoint after an allocation)"
CARGO_TARGET_DIR=target/gcstress cargo build --release -p python_env --features gc-stress --bin protopy
target/release/golden --protopy target/gcstress/release/protopy --timeout 600 | tee -a "$log"

echo "== compile check: compile() verdicts of generated and mutated programs vs CPython 3.12's (recorded)"
/usr/bin/python3 fuzz/compile_check.py --quick --show 3 --protopy target/release/protopy | tee -a "$log"

echo "== soak test (60 s, 8 threads)"
/usr/bin/python3 tests/soak/run_soak.py --protopy target/release/protopy --minutes 1 --threads 8 | tee -a "$log"

echo "== CPython's regression tests: the runner's unit tests, then the ci group under ProtoPy (score reported, not enforced yet)"
/usr/bin/python3 -m unittest discover -s tests/cpython -p 'test_*.py'
/usr/bin/python3 tests/cpython/run.py ci -j 2 --timeout 30 --report target/cpython-tests/report.md

echo "== loom models (bounded preemptions)"
RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR=target/loom cargo test --release -p loom_tests 2>&1 | tee -a "$log"

echo "== proto_core under GC stress (a collection at every allocation)"
CARGO_TARGET_DIR=target/gcstress cargo test --release -p proto_core --features gc-stress 2>&1 | tee -a "$log"

echo "== unit, integration and stress tests"
cargo test --release --workspace 2>&1 | tee -a "$log"

# Sum cargo's "test result" lines, the golden runner's line, the compile check's and the soak's.
awk '
  /^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
  /^golden: [0-9]+ passed, [0-9]+ failed$/ { p += $2; f += $4 }
  /^soak: [0-9]+ passed, [0-9]+ failed$/ { p += $2; f += $4 }
  /^compile-check: [0-9]+ passed, [0-9]+ failed$/ { p += $2; f += $4 }
  END { printf "run-tests: %d passed, %d failed\n", p, f; exit (f > 0) }
' "$log"
