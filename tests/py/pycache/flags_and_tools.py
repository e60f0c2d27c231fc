# -B, PYTHONDONTWRITEBYTECODE, sys.dont_write_bytecode, -X pycache_prefix,
# PYTHONPYCACHEPREFIX, and files written by py_compile (timestamp and hash
# based) and compileall, which the importer then uses.
import importlib.util
import os
import subprocess
import sys
import tempfile

from _helpers import clean_env, run, same_size_edit, write

TAG = sys.implementation.cache_tag
PROBE = "import fmod; print(fmod.V)"

def fresh(d, name="fmod", body="V = 'one'\n"):
    src = os.path.join(d, name + ".py")
    write(src, body)
    return src, importlib.util.cache_from_source(src)

def cached_files(d):
    out = []
    for root, _, files in os.walk(d):
        out += [f for f in files if f.endswith(".pyc")]
    return sorted(out)

with tempfile.TemporaryDirectory() as d:
    src, pyc = fresh(d)
    print("-B:", run(d, PROBE, "-B"), os.path.exists(pyc))
    print("PYTHONDONTWRITEBYTECODE:", run(d, PROBE, env=clean_env(PYTHONDONTWRITEBYTECODE="1")), os.path.exists(pyc))
    print("sys.dont_write_bytecode:", run(d, "import sys; print(sys.dont_write_bytecode); sys.dont_write_bytecode = True; " + PROBE), os.path.exists(pyc))
    print("default flag:", run(d, "import sys; print(sys.dont_write_bytecode, sys.flags.dont_write_bytecode)"))
    print("-B flag:", run(d, "import sys; print(sys.dont_write_bytecode, sys.flags.dont_write_bytecode)", "-B"))
    print("nothing written:", cached_files(d))

with tempfile.TemporaryDirectory() as d, tempfile.TemporaryDirectory() as prefix:
    src, _ = fresh(d)
    code = "import sys, fmod, importlib.util; print(fmod.V, sys.pycache_prefix == %r, fmod.__cached__ == importlib.util.cache_from_source(fmod.__file__))" % prefix
    print("-X pycache_prefix:", run(d, code, "-X", "pycache_prefix=" + prefix))
    real = os.path.realpath(src)
    expect = os.path.join(prefix, os.path.dirname(real).lstrip(os.sep), "fmod.%s.pyc" % TAG)
    print("under the prefix:", os.path.exists(expect), cached_files(d))
    same_size_edit(src, "'one'", "'two'")
    print("prefix reused:", run(d, PROBE, "-X", "pycache_prefix=" + prefix))
    print("PYTHONPYCACHEPREFIX:", run(d, PROBE, env=clean_env(PYTHONPYCACHEPREFIX=prefix)))

with tempfile.TemporaryDirectory() as d:
    # py_compile writes the file; a same-size, same-mtime edit is not seen.
    src, pyc = fresh(d)
    print("py_compile:", run(d, "import py_compile; print(py_compile.compile('fmod.py') is not None)"), os.path.exists(pyc))
    same_size_edit(src, "'one'", "'two'")
    print("import uses it:", run(d, PROBE))
    # Unchecked hash: the source is not looked at, even after a real edit.
    src, pyc = fresh(d, body="V = 'one'\n")
    print("unchecked:", run(d, "import py_compile as p; p.compile('fmod.py', invalidation_mode=p.PycInvalidationMode.UNCHECKED_HASH)"))
    with open(pyc, "rb") as f:
        print("flags:", int.from_bytes(f.read(8)[4:], "little"))
    write(src, "V = 'edited, longer'\n")
    print("unchecked hash reused:", run(d, PROBE))
    # Checked hash: an edit is seen.
    src, pyc = fresh(d, body="V = 'one'\n")
    print("checked:", run(d, "import py_compile as p; p.compile('fmod.py', invalidation_mode=p.PycInvalidationMode.CHECKED_HASH)"))
    with open(pyc, "rb") as f:
        head = f.read(16)
    print("flags:", int.from_bytes(head[4:8], "little"))
    print("hash:", run(d, "import importlib.util; print(importlib.util.source_hash(open('fmod.py','rb').read()) == %r)" % head[8:16]))
    print("checked hash reused:", run(d, PROBE))
    write(src, "V = 'edited'\n")
    print("checked hash stale:", run(d, PROBE))
    with open(pyc, "rb") as f:
        head = f.read(16)
    print("rewritten checked:", int.from_bytes(head[4:8], "little"), run(d, "import importlib.util; print(importlib.util.source_hash(open('fmod.py','rb').read()) == %r)" % head[8:16]))
    # A cache file runs as a program; co_filename is py_compile's dfile.
    src, pyc = fresh(d, name="prog", body="import sys\nprint('ran', sys.argv[1:])\nraise KeyError('k')\n")
    print("dfile:", run(d, "import py_compile as p; p.compile('prog.py', dfile='<shown>/prog.py')"))
    r = subprocess.run([sys.executable, pyc, "arg"], env=clean_env(), capture_output=True, text=True)
    print("run the .pyc:", r.stdout.strip(), r.returncode, [l.strip() for l in r.stderr.splitlines()[1:]])
    write(os.path.join(d, "junk.pyc"), "not bytecode\n")
    r = subprocess.run([sys.executable, "junk.pyc"], cwd=d, env=clean_env(), capture_output=True, text=True)
    print("bad .pyc:", r.returncode, r.stderr.strip().splitlines()[-1])
    print("-m py_compile:", run(d, "import subprocess, sys; print(subprocess.run([sys.executable, '-m', 'py_compile', 'fmod.py']).returncode)"))

with tempfile.TemporaryDirectory() as d:
    os.makedirs(os.path.join(d, "tree", "pkg"))
    write(os.path.join(d, "tree", "top.py"), "T = 'top'\n")
    write(os.path.join(d, "tree", "pkg", "__init__.py"), "")
    write(os.path.join(d, "tree", "pkg", "leaf.py"), "L = 'leaf'\n")
    print("-m compileall:", run(d, "import subprocess, sys; print(subprocess.run([sys.executable, '-m', 'compileall', '-q', 'tree']).returncode)"))
    print("files:", cached_files(d) == sorted(["top.%s.pyc" % TAG, "__init__.%s.pyc" % TAG, "leaf.%s.pyc" % TAG]))
    same_size_edit(os.path.join(d, "tree", "pkg", "leaf.py"), "'leaf'", "'LEAF'")
    print("import uses them:", run(os.path.join(d, "tree"), "import top, pkg.leaf; print(top.T, pkg.leaf.L)"))
    print("compile_dir:", run(d, "import compileall; print(compileall.compile_dir('tree', quiet=1, force=True))"))
    print("forced rebuild seen:", run(os.path.join(d, "tree"), "import pkg.leaf; print(pkg.leaf.L)"))

with tempfile.TemporaryDirectory() as d:
    # A .pyc without its source imports (CPython's sourceless loader), with
    # -d's name in its tracebacks; a bad one is an ImportError.
    src, pyc = fresh(d, name="lone", body="def f():\n    raise ValueError('lone')\n")
    print("compileall -d:", run(d, "import compileall; print(compileall.compile_file('lone.py', ddir='shown', quiet=1))"))
    os.rename(pyc, os.path.join(d, "lone.pyc"))
    os.remove(src)
    out, code, err = run(d, "import lone, os; print(os.path.basename(lone.__file__), os.path.basename(lone.__cached__)); lone.f()")
    print("sourceless:", out, code, err)
    r = subprocess.run([sys.executable, "-c", "import lone; lone.f()"], cwd=d, env=clean_env(), capture_output=True, text=True)
    print("traceback names:", [l.strip() for l in r.stderr.splitlines() if "shown" in l])
    write(os.path.join(d, "junkmod.pyc"), "junk, not bytecode\n")
    print("bad sourceless:", run(d, "import junkmod")[1:][0], run(d, "import junkmod")[2].split(":")[0])
