#!/usr/bin/env bash
# Installs Debian's libpython3.11-testsuite (CPython 3.11's regression tests,
# /usr/lib/python3.11/test) when it is missing; tests/cpython/run.py runs them in place.
set -euo pipefail
if [ -d /usr/lib/python3.11/test/libregrtest ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
$sudo apt-get install -y libpython3.11-testsuite || { $sudo apt-get update && $sudo apt-get install -y libpython3.11-testsuite; }
