#!/usr/bin/env bash
# Installs the Debian packages ProtoPy runs on when they are missing:
# libpython3.11-stdlib (CPython 3.11's pure-Python standard library, which
# ProtoPy runs unmodified) and libpython3.11-testsuite (CPython 3.11's
# regression tests, /usr/lib/python3.11/test, which tests/cpython/run.py runs in place),
# and what building ProtoPy's native modules needs: libexpat1-dev (the expat XML parser that
# pyexpat links, as CPython's does), libffi-dev (libffi, which _ctypes calls foreign functions
# through, as CPython's does), libssl-dev (OpenSSL 3's headers and libraries, linked by
# the openssl crate for _ssl) and pkg-config (which finds them); python3.11-venv (Debian ships
# ensurepip apart: `protopy -m venv DIR` runs it) and python3-pip-whl (the pip wheel ensurepip
# installs into a new environment).
set -euo pipefail
want=()
[ -f /usr/lib/python3.11/os.py ] || want+=(libpython3.11-stdlib)
# libpython3.11-stdlib itself ships test/libregrtest and test/support, so look for a test module.
[ -f /usr/lib/python3.11/test/test_grammar.py ] || want+=(libpython3.11-testsuite)
[ -f /usr/include/expat.h ] || want+=(libexpat1-dev)
{ [ -f /usr/include/ffi.h ] || compgen -G '/usr/include/*/ffi.h' >/dev/null; } || want+=(libffi-dev)
[ -f /usr/lib/python3.11/ensurepip/__init__.py ] || want+=(python3.11-venv)
compgen -G '/usr/share/python-wheels/pip-*.whl' >/dev/null || want+=(python3-pip-whl)
command -v pkg-config >/dev/null 2>&1 || want+=(pkg-config)
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists openssl; }; then
  [ -f /usr/include/openssl/ssl.h ] || want+=(libssl-dev)
fi
if [ ${#want[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
$sudo apt-get install -y "${want[@]}" || { $sudo apt-get update && $sudo apt-get install -y "${want[@]}"; }
