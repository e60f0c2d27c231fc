# pdb driven by a script: breakpoints, step, next, continue, p, where-free
# output, post-mortem, and breakpoint() through sys.breakpointhook.
import io
import pdb
import sys


def helper(x):
    y = x * 2
    return y + 1


def program():
    a = 1
    b = helper(a)
    c = a + b
    return c


def run_pdb(commands, fn):
    out = io.StringIO()
    dbg = pdb.Pdb(stdin=io.StringIO(commands), stdout=out, nosigint=True)
    dbg.use_rawinput = False
    dbg.prompt = "(Pdb) "
    result = dbg.runcall(fn)
    text = out.getvalue().replace(__file__, "FILE")
    print(text)
    print("result", result)


run_pdb("next\nnext\np a\nstep\nstep\np x\nnext\np y\ncontinue\n", program)
run_pdb("break helper\ncontinue\np x\nreturn\np y\ncontinue\n", program)
run_pdb("next\n!a = 40\np a\ncontinue\n", program)


def crashes():
    z = "local"
    return 1 / 0


try:
    crashes()
except ZeroDivisionError:
    tb = sys.exc_info()[2]
out = io.StringIO()
dbg = pdb.Pdb(stdin=io.StringIO("p 1 + 1\nup\nquit\n"), stdout=out, nosigint=True)
dbg.use_rawinput = False
dbg.reset()
dbg.interaction(None, tb)
print(out.getvalue().replace(__file__, "FILE"))


def with_breakpoint():
    v = 7
    breakpoint()
    v += 1
    return v


def hook(*args, **kw):
    out = io.StringIO()
    dbg = pdb.Pdb(stdin=io.StringIO("p v\nnext\np v\ncontinue\n"), stdout=out, nosigint=True)
    dbg.use_rawinput = False
    dbg.set_trace(sys._getframe().f_back)
    hook.out = out


sys.breakpointhook = hook
print("returned", with_breakpoint())
print(hook.out.getvalue().replace(__file__, "FILE"))
sys.breakpointhook = sys.__breakpointhook__
