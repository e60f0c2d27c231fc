# os.system, abort, sync, chroot/ctermid, the set*id family and group
# lists, priorities, waitid, mknod, pathconf and _path_normpath: results
# and errors (the ids printed are those of root, which runs the tests).
import _osboot
import os, sys, errno, stat, signal, pathlib, posix

base = _osboot.scratch('sysids')


def err(f, *a, **k):
    try:
        r = f(*a, **k)
    except OSError as e:
        print(' ', type(e).__name__, errno.errorcode.get(e.errno), e.filename)
    except (TypeError, ValueError, OverflowError) as e:
        print(' ', type(e).__name__, e)
    else:
        print('  ok', r)


print('system')
print(os.system('exit 0'), os.system('exit 3'), os.waitstatus_to_exitcode(os.system('exit 7')))
st = os.system('kill -TERM $$')
print(os.WIFSIGNALED(st), os.WTERMSIG(st) == signal.SIGTERM)
print(os.system(b'echo from-shell > out.txt'), open('out.txt').read().strip())
print(os.system(command=pathlib.Path('true')))
err(os.system, 5)
err(os.system, 'a\0b')
err(os.system)

print('abort and sync')
pid = os.fork()
if pid == 0:
    signal.signal(signal.SIGABRT, signal.SIG_DFL)
    os.abort()
_, st = os.waitpid(pid, 0)
print(os.WIFSIGNALED(st), os.WTERMSIG(st) == signal.SIGABRT)
print(os.sync())

print('waitid')
pid = os.fork()
if pid == 0:
    os._exit(9)
r = os.waitid(os.P_PID, pid, os.WEXITED)
print(type(r).__name__, r.si_pid == pid, r.si_status, r.si_code == os.CLD_EXITED, r.si_signo == signal.SIGCHLD, r.si_uid)
print(len(r), r[0] == pid, r[3])
print(os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG) if False else 'skip')
err(os.waitid, os.P_ALL, 0, os.WEXITED)
err(os.waitid, os.P_PID, 0, 0)
err(os.waitid, os.P_PID, 'x', os.WEXITED)
pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), signal.SIGKILL)
r = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
print(r.si_status == signal.SIGKILL, r.si_code == os.CLD_KILLED)
print(os.waitpid(pid, 0)[0] == pid)
wr = os.waitid_result((1, 2, 3, 4, 5))
print(wr, wr.si_code)

print('ids')
print(os.getresuid(), os.getresgid())
print(os.setuid(0), os.seteuid(0), os.setgid(0), os.setegid(0))
print(os.setreuid(-1, -1), os.setregid(0, 0), os.setresuid(-1, 0, -1), os.setresgid(0, -1, 0))
print(os.getresuid(), os.getresgid())
for f in (os.setuid, os.setgid):
    err(f, 'x')
    err(f, 2**40)
    err(f, -2)
    err(f, 2**70)
    err(f, 1.0)
err(os.setresuid, 0, 0)
err(os.setreuid, 0, 0, 0)
err(os.setuid, uid=0)

print('groups')
print(os.setgroups(os.getgroups()))
print(os.setgroups([0, 0]), os.getgroups())
err(os.setgroups, 0)
err(os.setgroups, ['x'])
err(os.setgroups, [1.5])
err(os.setgroups, [-2])
err(os.setgroups, list(range(70000)))
print(0 in os.getgrouplist('root', 0), os.getgrouplist('no-such-user-xyz', 4321))
err(os.getgrouplist, b'root', 0)
err(os.getgrouplist, 'root', 'x')
print(os.initgroups('root', 0))
err(os.initgroups, 5, 0)

print('priority')
p = os.getpriority(os.PRIO_PROCESS, 0)
print(os.setpriority(os.PRIO_PROCESS, 0, p), os.getpriority(os.PRIO_PROCESS, 0) == p)
err(os.getpriority, 99, 0)
err(os.setpriority, 99, 0, 0)
err(os.getpriority, os.PRIO_PROCESS, 'x')

print('chroot, ctermid, login_tty')
err(os.chroot, 'no-such-dir')
err(os.chroot, b'out.txt')
err(os.chroot, 3)
print(os.ctermid())
err(os.login_tty, 9999)
err(os.login_tty, -1)

print('mknod')
os.mknod('plain')
print(stat.S_ISREG(os.stat('plain').st_mode), oct(os.stat('plain').st_mode & 0o777 & ~0o022))
os.mknod('fifo', stat.S_IFIFO | 0o640)
print(stat.S_ISFIFO(os.stat('fifo').st_mode))
dfd = os.open('.', os.O_RDONLY)
os.mknod(pathlib.Path('viafd'), mode=stat.S_IFREG | 0o600, device=0, dir_fd=dfd)
os.close(dfd)
print(os.path.exists('viafd'), os.mknod in os.supports_dir_fd)
err(os.mknod, 'plain')
err(os.mknod, 'x', 0o600, -1)
err(os.mknod, 'x', 0o600, 'dev')
err(os.mknod, 'x', dir_fd='y')

print('pathconf')
print(os.pathconf('.', 'PC_NAME_MAX'), os.pathconf(b'.', os.pathconf_names['PC_PATH_MAX']))
fd = os.open('.', os.O_RDONLY)
print(os.pathconf(fd, 'PC_NAME_MAX'), os.fpathconf(fd, 'PC_LINK_MAX') > 0, os.pathconf in os.supports_fd)
r, w = os.pipe()
print(os.fpathconf(w, 'PC_PIPE_BUF'), os.fpathconf(open(os.devnull), 'PC_NAME_MAX'))
err(os.pathconf, 'no-such', 'PC_NAME_MAX')
err(os.pathconf, '.', 'PC_NOPE')
err(os.pathconf, '.', 1.5)
err(os.fpathconf, 9999, 'PC_NAME_MAX')
err(os.fpathconf, -1, 'PC_NAME_MAX')
err(os.pathconf, 9999, 'PC_NAME_MAX')
print(sorted(os.pathconf_names)[:4], len(os.pathconf_names))
for f in (fd, r, w):
    os.close(f)

print('_path_normpath')
for p in ['', '.', './', '..', 'a/..', 'a/./b//c/', '//x//y', '///x', '/../a', '../../b/../c',
          'a/b/../../..', './/a', 'é/./ü/..', '\udcff//z']:
    print(repr(p), repr(posix._path_normpath(p)), repr(os.path.normpath(p)))
print(os.path.normpath(b'a//b/./../c'), os.path.normpath(pathlib.PurePath('x/./y')))
err(posix._path_normpath, b'x')
err(posix._path_normpath, 3)
print(posix._path_normpath(path='k/./'))
_osboot.cleanup(base)
