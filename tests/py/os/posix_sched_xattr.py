# Scheduling (sched_param, policies, priorities, affinity) and extended
# attributes (get/set/list/remove on paths, fds and symlinks): results
# and errors.
import _osboot
import os, errno, pickle

base = _osboot.scratch('schedx')
fd = None


def err(f, *a, **k):
    try:
        r = f(*a, **k)
    except OSError as e:
        name = 'the fd' if fd is not None and e.filename == fd else e.filename
        print(' ', type(e).__name__, errno.errorcode.get(e.errno), name)
    except (TypeError, ValueError, OverflowError) as e:
        print(' ', type(e).__name__, e)
    else:
        print('  ok', r)


print('sched_param')
p = os.sched_param(3)
print(p, p.sched_priority, p[0], len(p), p == (3,), isinstance(p, tuple))
print(os.sched_param(sched_priority=-4), type(p).__module__, type(p).__name__)
print(p.__reduce__()[1], os.sched_param.n_fields)
err(os.sched_param)
err(os.sched_param, 1, 2)
err(os.sched_param, prio=1)
try:
    p.sched_priority = 5
except AttributeError:
    print('read-only field')

print('policies')
print(os.SCHED_OTHER, os.SCHED_FIFO, os.SCHED_RR, os.SCHED_BATCH, os.SCHED_IDLE, os.SCHED_RESET_ON_FORK)
print(os.sched_get_priority_min(os.SCHED_RR), os.sched_get_priority_max(os.SCHED_RR))
print(os.sched_get_priority_min(policy=os.SCHED_OTHER), os.sched_get_priority_max(os.SCHED_FIFO))
err(os.sched_get_priority_min, -23)
err(os.sched_get_priority_max, 'x')
mine = os.sched_getscheduler(0)
print(mine == os.SCHED_OTHER, os.sched_getparam(0), os.sched_getparam(os.getpid()).sched_priority)
print(os.sched_setscheduler(0, mine, os.sched_param(0)), os.sched_setparam(0, os.sched_param(0)))
err(os.sched_getscheduler, -1)
err(os.sched_getparam, -1)
err(os.sched_setparam, -1, os.sched_param(0))
err(os.sched_setscheduler, 0, mine, None)
err(os.sched_setscheduler, 0, mine, (0,))
err(os.sched_setparam, 0, 43)
err(os.sched_setparam, 0, os.sched_param(None))
err(os.sched_setparam, 0, os.sched_param(214748364700))
err(os.sched_setparam, 0, os.sched_param(-2**70))
err(os.sched_setparam, 0, os.sched_param(5))
err(os.sched_setscheduler, 0, 77, os.sched_param(0))
print(os.sched_rr_get_interval(0) >= 0.0)
err(os.sched_rr_get_interval, -1)

print('affinity')
cpus = os.sched_getaffinity(0)
print(type(cpus).__name__, len(cpus) > 0, all(isinstance(c, int) and c >= 0 for c in cpus))
first = min(cpus)
print(os.sched_setaffinity(0, [first]), os.sched_getaffinity(0) == {first})
print(os.sched_setaffinity(0, iter(cpus)), os.sched_getaffinity(0) == cpus)
err(os.sched_setaffinity, 0, [-1])
err(os.sched_setaffinity, 0, [2**40])
err(os.sched_setaffinity, 0, [-2**70])
err(os.sched_setaffinity, 0, ['0'])
err(os.sched_setaffinity, 0, 5)
err(os.sched_setaffinity, 0, [])
err(os.sched_setaffinity, 0, [100000])
err(os.sched_getaffinity, -1)

print('xattr')
open('f', 'w').close()
os.symlink('f', 'link')
print(os.listxattr('f'), os.listxattr(b'f'))
print(os.setxattr('f', 'user.colour', b'blue'), os.setxattr(b'f', b'user.size', bytearray(b'10')))
print(sorted(os.listxattr('f')), os.getxattr('f', 'user.colour'), os.getxattr('link', b'user.size'))
big = bytes(range(256)) * 4
os.setxattr('f', 'user.big', big)
print(os.getxattr('f', 'user.big') == big)
err(os.setxattr, 'f', 'user.colour', b'red', os.XATTR_CREATE)
err(os.setxattr, 'f', 'user.new', b'x', os.XATTR_REPLACE)
print(os.setxattr('f', 'user.colour', memoryview(b'red'), flags=os.XATTR_REPLACE), os.getxattr('f', 'user.colour'))
fd = os.open('f', os.O_RDONLY)
print(sorted(os.listxattr(fd)), os.getxattr(fd, 'user.colour'))
os.setxattr(fd, 'user.byfd', b'1')
os.removexattr(fd, 'user.byfd')
print(os.removexattr('f', 'user.big'), sorted(os.listxattr('link')))
print(os.listxattr('link', follow_symlinks=False))
err(os.getxattr, 'link', 'user.colour', follow_symlinks=False)
err(os.setxattr, 'link', 'user.x', b'1', follow_symlinks=False)
err(os.getxattr, 'f', 'user.none')
err(os.getxattr, fd, 'user.none')
err(os.getxattr, fd, 'user.colour', follow_symlinks=False)
err(os.getxattr, 'no-such', 'user.a')
err(os.getxattr, 'f', 5)
err(os.getxattr, 1.5, 'user.a')
err(os.getxattr, 'f', 'user.\0')
err(os.setxattr, 'f', 'user.s', 'text')
err(os.setxattr, 'f', 'bogus.ns', b'1')
err(os.removexattr, 'f', 'user.none')
err(os.removexattr, 'no-such', 'user.a')
err(os.listxattr, 'no-such')
err(os.listxattr, 9999)
err(os.listxattr, None, follow_symlinks=True)
print(type(os.listxattr()).__name__)
os.close(fd)
print(os.XATTR_CREATE, os.XATTR_REPLACE, os.XATTR_SIZE_MAX)
_osboot.cleanup(base)
