# resource: limits round-trip through setrlimit, usage is a struct
# sequence, and bad arguments raise CPython's errors.
import resource

print(resource.RLIM_INFINITY, resource.error is OSError)
print(resource.RLIMIT_NOFILE == resource.RLIMIT_OFILE, resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
print(resource.getrlimit(resource.RLIMIT_CORE) == (0, hard))
resource.setrlimit(resource.RLIMIT_CORE, (soft, hard))
print(resource.getrlimit(resource.RLIMIT_CORE) == (soft, hard))
nofile = resource.getrlimit(resource.RLIMIT_NOFILE)
print(type(nofile), len(nofile), nofile[0] <= nofile[1] or nofile[1] == -1)
import os
print(resource.prlimit(os.getpid(), resource.RLIMIT_NOFILE) == nofile)

r = resource.getrusage(resource.RUSAGE_SELF)
print(type(r).__name__, type(r).__module__, len(r), resource.struct_rusage.n_fields)
print(type(r.ru_utime), type(r.ru_maxrss), r.ru_maxrss > 0, r[0] == r.ru_utime)
print(resource.getrusage(resource.RUSAGE_THREAD).ru_stime >= 0)
ps = resource.getpagesize()
print(ps > 0 and ps & (ps - 1) == 0)

for args in [(resource.getrlimit, 99), (resource.getrlimit, -1),
             (resource.getrusage, 7), (resource.getrlimit, 'x'),
             (resource.setrlimit, resource.RLIMIT_CORE, (1,)),
             (resource.setrlimit, resource.RLIMIT_CORE, 5),
             (resource.setrlimit, 99, (1, 2))]:
    try:
        args[0](*args[1:])
    except (ValueError, TypeError) as e:
        print(args[0].__name__, type(e).__name__, e)
if hard != resource.RLIM_INFINITY and hard > 0:
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (hard + 1, hard))
    except ValueError as e:
        print('ValueError', e)
else:
    print('ValueError', 'current limit exceeds maximum limit')
