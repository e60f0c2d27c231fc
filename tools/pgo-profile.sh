#!/usr/bin/env bash
# Records pgo/protopy.profdata, the profile every build is optimized with
# (tools/rustc-wrapper): builds protopy instrumented for profiling, runs the
# golden programs with it (as CPython's `--enable-optimizations` trains on
# its own test suite), and merges the counts.
# Usage: tools/pgo-profile.sh [--fresh | --keep PROFILE]   (needs rustup's
# llvm-tools component, which it installs when missing). Run it after any
# change to hot code and commit its output with the change: a function
# changed since the profile was recorded loses its counts (rustc warns "hash
# mismatch"), and without the interpreter loop's counts the build runs about
# as without a profile (docs/ARCHITECTURE.md, "Profile-guided optimization").
# A function whose code is unchanged keeps its counts from PROFILE (default:
# the committed pgo/protopy.profdata; tools/pgo-keep.py), so that a refresh
# moves only the code that changed; --fresh takes every count from this run.
set -euo pipefail
keep=pgo/protopy.profdata
while [ $# -gt 0 ]; do
    case "$1" in
        --fresh) keep= ;;
        # Resolved here: the script works from the repository root below.
        --keep) keep=$(realpath "$2"); shift ;;
        *) echo "usage: $0 [--fresh | --keep PROFILE]" >&2; exit 2 ;;
    esac
    shift
done
cd "$(dirname "$0")/.."
root=$PWD
sysroot=$(rustc --print sysroot)
find_profdata() { ls "$sysroot"/lib/rustlib/*/bin/llvm-profdata 2>/dev/null | head -n 1 || true; }
profdata=$(find_profdata)
if [ -z "$profdata" ]; then
    rustup component add llvm-tools
    profdata=$(find_profdata)
fi
out=target/pgo-gen
rm -rf "$out/profiles" "$out/build-profiles"
mkdir -p "$out/profiles" "$out/build-profiles"
# `--config` adds to `.cargo/config.toml`'s rustflags (RUSTFLAGS would
# replace them). Build scripts run during the build write their counts apart
# from protopy's.
cargo build --release -p python_env --bin protopy --target-dir "$out" \
    --config "build.rustflags=[\"-C\", \"profile-generate=$root/$out/build-profiles\"]"
cargo build --release -p tests --bin golden
# Programs whose loops wait for another thread's flag (`while not stop:`) run
# as many iterations as the scheduler gives them: 22 of them made a third of
# the interpreter loop's counts and varied by a tenth from run to run (so did
# the loop's code built on them); they are left out of the training.
excludes=()
while IFS= read -r f; do
    excludes+=(--exclude "$f")
done < <(grep -rlE '^\s*while (not )?[A-Za-z_.]*(stop|done|running|finished)[A-Za-z_.()]*( or [^:]*)?:\s*(#.*)?$' \
    tests/py --include='*.py' | sort)
# The instrumented binary may warn on stderr, which the runner counts as a
# difference: the run is for its counts, and is reported, not judged.
LLVM_PROFILE_FILE="$root/$out/profiles/protopy-%m.profraw" \
    target/release/golden --protopy "$out/release/protopy" --timeout 600 "${excludes[@]}" \
    > "$out/golden.log" 2>&1 || true
tail -n 1 "$out/golden.log"
"$profdata" merge --sparse -o "$out/fresh.profdata" "$out"/profiles/*.profraw
llvm=$(rustc -vV | sed -n 's/^LLVM version: //p')
# A profile written by another LLVM major version may hash functions
# otherwise: then every count is this run's.
if [ -n "$keep" ] && [ -f "$keep" ] && [ "${llvm%%.*}" = "$(cut -d. -f1 pgo/llvm-version 2>/dev/null)" ]; then
    "$profdata" merge --text -o "$out/fresh.proftext" "$out/fresh.profdata"
    "$profdata" merge --text -o "$out/kept.proftext" "$keep"
    /usr/bin/python3 tools/pgo-keep.py "$out/fresh.proftext" "$out/kept.proftext" "$out/joined.proftext"
    "$profdata" merge --sparse -o pgo/protopy.profdata "$out/joined.proftext"
else
    cp "$out/fresh.profdata" pgo/protopy.profdata
fi
echo "$llvm" > pgo/llvm-version
ls -l pgo/protopy.profdata
