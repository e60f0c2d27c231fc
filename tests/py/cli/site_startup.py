# `site` runs at start-up unless -S: it is in sys.modules, it adds the
# exit/quit/help/copyright/credits/license builtins and
# sys.__interactivehook__ (not under -I), runs sitecustomize and
# usercustomize from sys.path, follows .pth files in the user site
# (PYTHONUSERBASE), which -s and PYTHONNOUSERSITE leave out, and puts the
# program's folder first on sys.path after it ran.
import os
import subprocess
import sys
import tempfile

PROBE = r"""
import builtins, os, sys
base = os.environ.get("PYTHONUSERBASE", "")
print("site loaded:", "site" in sys.modules)
print("builtins:", [n for n in ("exit", "quit", "help", "copyright", "credits", "license")
                    if hasattr(builtins, n)])
print("interactive hook:", hasattr(sys, "__interactivehook__"))
print("no_site flag:", sys.flags.no_site, "no_user_site:", sys.flags.no_user_site)
print("user paths:", [os.path.relpath(p, base) for p in sys.path if base and p.startswith(base)])
print("usercustomize ran:", getattr(builtins, "_probe_usercustomize", None))
print("pth module:", "probe_pth_mod" in sys.modules)
print("'' first:", sys.path[0] == "", "'' in path:", "" in sys.path)
if "site" in sys.modules:
    import site
    print("ENABLE_USER_SITE:", site.ENABLE_USER_SITE)
    print("USER_BASE is env:", site.USER_BASE == base)
"""

with tempfile.TemporaryDirectory() as tmp:
    tmp = os.path.realpath(tmp)
    user_site = os.path.join(tmp, "lib", "python%d.%d" % sys.version_info[:2], "site-packages")
    os.makedirs(user_site)
    with open(os.path.join(user_site, "usercustomize.py"), "w") as f:
        f.write("import builtins\nbuiltins._probe_usercustomize = 'yes'\n")
    with open(os.path.join(user_site, "probe_pth_mod.py"), "w") as f:
        f.write("")
    os.mkdir(os.path.join(tmp, "extra"))
    with open(os.path.join(user_site, "probe.pth"), "w") as f:
        f.write("# a comment\n\nextra_missing\n" + os.path.join(tmp, "extra") + "\nimport probe_pth_mod\n")
    env = dict(os.environ, PYTHONUSERBASE=tmp)
    env.pop("PYTHONNOUSERSITE", None)
    env.pop("PYTHONPATH", None)
    for flags, extra in (([], {}), (["-s"], {}), ([], {"PYTHONNOUSERSITE": "1"}),
                         (["-S"], {}), (["-I"], {})):
        print("--", flags, extra)
        r = subprocess.run([sys.executable, *flags, "-c", PROBE], capture_output=True,
                           text=True, env=dict(env, **extra), cwd=tmp)
        print(r.stdout, end="")
        print(r.stderr, end="")
    # A script's folder is first, before the user site.
    script = os.path.join(tmp, "extra", "prog.py")
    with open(script, "w") as f:
        f.write("import sys, os\nprint(os.path.basename(sys.path[0]), sys.path.index(sys.path[0]))\n")
    r = subprocess.run([sys.executable, script], capture_output=True, text=True, env=env)
    print("script:", r.stdout.strip(), r.stderr)
    # A .pth line that fails is reported and the rest of start-up goes on.
    with open(os.path.join(user_site, "bad.pth"), "w") as f:
        f.write("import no_such_module_for_site_probe\n")
    r = subprocess.run([sys.executable, "-c", "print('ran')"], capture_output=True,
                       text=True, env=env)
    print("bad pth:", r.stdout.strip(), r.returncode)
    print("stderr names the file:", "bad.pth" in r.stderr,
          "ModuleNotFoundError" in r.stderr)
