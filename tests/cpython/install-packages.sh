#!/usr/bin/env bash
# Installs the Debian packages ProtoPy runs on when they are missing:
# libpython3.11-stdlib (CPython 3.11's pure-Python standard library, which
# ProtoPy runs unmodified) and libpython3.11-testsuite (CPython 3.11's
# regression tests, /usr/lib/python3.11/test, which tests/cpython/run.py runs in place),
# and libexpat1-dev (the expat XML parser that ProtoPy's pyexpat module links, as CPython's does).
set -euo pipefail
want=()
[ -f /usr/lib/python3.11/os.py ] || want+=(libpython3.11-stdlib)
[ -d /usr/lib/python3.11/test/libregrtest ] || want+=(libpython3.11-testsuite)
[ -f /usr/include/expat.h ] || want+=(libexpat1-dev)
if [ ${#want[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
$sudo apt-get install -y "${want[@]}" || { $sudo apt-get update && $sudo apt-get install -y "${want[@]}"; }
