#!/usr/bin/env bash
# Records pgo/protopy.profdata, the profile every build is optimized with
# (tools/rustc-wrapper): builds protopy instrumented for profiling, runs the
# golden programs with it (as CPython's `--enable-optimizations` trains on
# its own test suite), and merges the counts.
# Usage: tools/pgo-profile.sh   (needs rustup's llvm-tools component,
# which it installs when missing). Run it after any change to hot code and
# commit its output with the change: a function changed since the profile
# was recorded loses its counts (rustc warns "hash mismatch"), and without
# the interpreter loop's counts the build runs about as without a profile
# (docs/ARCHITECTURE.md, "Profile-guided optimization").
set -euo pipefail
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
# The instrumented binary may warn on stderr, which the runner counts as a
# difference: the run is for its counts, and is reported, not judged.
LLVM_PROFILE_FILE="$root/$out/profiles/protopy-%m.profraw" \
    target/release/golden --protopy "$out/release/protopy" --timeout 600 > "$out/golden.log" 2>&1 || true
tail -n 1 "$out/golden.log"
"$profdata" merge --sparse -o pgo/protopy.profdata "$out"/profiles/*.profraw
rustc -vV | sed -n 's/^LLVM version: //p' > pgo/llvm-version
ls -l pgo/protopy.profdata
