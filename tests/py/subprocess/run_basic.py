# subprocess.run / check_output / Popen on ordinary programs: output,
# input, return codes, stderr redirection, env and cwd.
import os
import subprocess
import tempfile

r = subprocess.run(["/bin/echo", "hello", "world"], capture_output=True)
print(r.args, r.returncode, r.stdout, r.stderr)

r = subprocess.run(["/bin/cat"], input=b"line one\nline two\n", stdout=subprocess.PIPE)
print(r.stdout)

r = subprocess.run(["cat"], input="text mode\n", capture_output=True, text=True)
print(repr(r.stdout))

print(subprocess.run(["sh", "-c", "exit 3"]).returncode)
print(subprocess.run("exit 7", shell=True).returncode)
print(subprocess.call(["true"]), subprocess.call(["false"]))

try:
    subprocess.check_call(["sh", "-c", "exit 5"])
except subprocess.CalledProcessError as e:
    print("CalledProcessError", e.returncode, e)

try:
    subprocess.run(["sh", "-c", "echo out; echo err >&2; exit 2"], capture_output=True, check=True)
except subprocess.CalledProcessError as e:
    print(e.returncode, e.stdout, e.stderr)

env = {"GREETING": "hi there", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
print(subprocess.check_output(["sh", "-c", 'echo "$GREETING"'], env=env))
print(subprocess.check_output(["sh", "-c", 'echo "[$GREETING]"'], env={"PATH": "/usr/bin:/bin"}))

with tempfile.TemporaryDirectory() as d:
    real = os.path.realpath(d)
    out = subprocess.check_output(["pwd"], cwd=d, text=True).strip()
    print("cwd ok:", out == real)
    out = subprocess.check_output("pwd", cwd=d, shell=True, text=True).strip()
    print("shell cwd ok:", out == real)

r = subprocess.run(["sh", "-c", "echo to-err >&2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
print(r.stdout)
r = subprocess.run(["sh", "-c", "echo gone; echo gone2 >&2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(r.stdout, r.stderr, r.returncode)

print(subprocess.getoutput("echo a; echo b"))
print(subprocess.getstatusoutput("echo problem; exit 4"))

with subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE) as p:
    out, _ = p.communicate(b"z" * 300000)
print(len(out), p.returncode)

p = subprocess.Popen(["sh", "-c", "read x; echo got $x"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
p.stdin.write("value\n")
p.stdin.close()
print(p.stdout.read().strip(), p.wait())
p.stdout.close()

print(subprocess.run(["sh", "-c", "umask"], umask=0o27, capture_output=True, text=True).stdout.strip())
