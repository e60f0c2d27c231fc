#!/usr/bin/env bash
# Runs every test of ProtoPy: golden programs, loom models, unit, integration
# and stress tests. Usage: ./run-tests.sh   (from anywhere; needs cargo and python3 only to bless)
set -euo pipefail
cd "$(dirname "$0")"

echo "== build (release)"
cargo build --release --workspace --bins

echo "== golden programs vs CPython 3.11 output"
target/release/golden

echo "== loom models (bounded preemptions)"
RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR=target/loom cargo test --release -p loom_tests

echo "== proto_core under GC stress (a collection at every allocation)"
CARGO_TARGET_DIR=target/gcstress cargo test --release -p proto_core --features gc-stress

echo "== unit, integration and stress tests"
cargo test --release --workspace
