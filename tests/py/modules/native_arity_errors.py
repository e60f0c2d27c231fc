# Argument-count and keyword errors of the functions of _contextvars, pwd,
# grp, resource, _locale, faulthandler and _stat, with CPython's messages.
import pwd, grp, resource, _locale, faulthandler, contextvars, _stat
calls = [(pwd.getpwuid, ()), (pwd.getpwuid, (1, 2)), (pwd.getpwnam, ()), (pwd.getpwall, (1,)),
         (grp.getgrgid, ()), (grp.getgrnam, (1, 2)), (grp.getgrall, (1,)),
         (resource.getrlimit, ()), (resource.setrlimit, (1,)), (resource.getrusage, ()),
         (resource.getpagesize, (1,)), (resource.prlimit, (1,)),
         (_locale.setlocale, ()), (_locale.nl_langinfo, ()), (_locale.getencoding, (1,)),
         (_locale.strcoll, ('a',)), (_locale.strxfrm, ()),
         (faulthandler.is_enabled, (1,)), (faulthandler.disable, (1,)), (faulthandler.unregister, ()),
         (faulthandler.cancel_dump_traceback_later, (1,)), (faulthandler.dump_traceback_later, ()),
         (faulthandler.register, ()), (faulthandler.enable, (1, 2, 3)),
         (contextvars.copy_context, (1,)), (contextvars.ContextVar('x').get, (1, 2)),
         (contextvars.ContextVar('x').set, ()), (contextvars.ContextVar('x').reset, ()),
         (contextvars.Context().get, ()), (contextvars.Context().copy, (1,)),
         (contextvars.Context().keys, (1,)), (contextvars.ContextVar, ()), (contextvars.ContextVar, ('a', 1)),
         (_stat.filemode, ())]
for f, a in calls:
    try:
        f(*a)
        print('ok', f.__name__)
    except TypeError as e:
        print(e)
for f, kw in [(pwd.getpwuid, {'uid': 1}), (grp.getgrgid, {'gid': 1}), (resource.getrlimit, {'resource': 1}),
              (_locale.setlocale, {'category': 1}), (contextvars.ContextVar('x').get, {'default': 1}),
              (contextvars.copy_context, {'a': 1})]:
    try:
        f(**kw)
        print('ok', f.__name__)
    except TypeError as e:
        print(e)
