# Calling libc through ctypes: default conversions, argtypes, restype,
# errcheck, errno, and argument errors.
import ctypes
import ctypes.util
from ctypes import *


def show(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
    else:
        print("ok", r)


libc = CDLL(None)
print(libc.strlen(b"hello"), libc.abs(-42), type(libc.labs).__name__)
show(lambda: libc.strlen(1.5))
show(lambda: libc.strlen(2**70))
show(lambda: hasattr(libc, 'no_such_function_here'))

strlen = libc.strlen
strlen.argtypes = [c_char_p]
strlen.restype = c_size_t
print(strlen(b"abcdef"), strlen.argtypes, strlen.restype)
show(lambda: strlen("text"))
show(lambda: strlen())

snprintf = libc.snprintf
snprintf.argtypes = [c_char_p, c_size_t, c_char_p]
snprintf.restype = c_int
out = create_string_buffer(64)
n = snprintf(out, 64, b"%d-%s-%.2f", c_int(7), b"xy", c_double(3.14159))
print(n, out.value)

labs = libc.labs
labs.argtypes = [c_long]
labs.restype = c_long
print(labs(-2**40))

atof = libc.atof
atof.restype = c_double
atof.argtypes = [c_char_p]
print(atof(b"2.5e3"))

strchr = libc.strchr
strchr.restype = c_char_p
strchr.argtypes = [c_char_p, c_int]
print(strchr(b"hello world", ord("w")), strchr(b"abc", ord("z")))


def check(result, func, args):
    print("errcheck", result, func is strtol, args)
    return result * 2


strtol = libc.strtol
strtol.argtypes = [c_char_p, POINTER(c_char_p), c_int]
strtol.restype = c_long
end = c_char_p()
print(strtol(b"123abc", byref(end), 10), end.value)
strtol.errcheck = check
print(strtol(b"77", None, 8))
show(lambda: setattr(strtol, "errcheck", 5))
show(lambda: setattr(strtol, "restype", 5))
show(lambda: setattr(strtol, "argtypes", [5]))


class div_t(Structure):
    _fields_ = [("quot", c_int), ("rem", c_int)]


div = libc.div
div.argtypes = [c_int, c_int]
div.restype = div_t
q = div(17, 5)
print(type(q).__name__, q.quot, q.rem)

libc_e = CDLL(None, use_errno=True)
set_errno(0)
fopen = libc_e.fopen
fopen.restype = c_void_p
fopen.argtypes = [c_char_p, c_char_p]
print(fopen(b"/nonexistent/dir/file", b"r"), get_errno())
print(set_errno(5), get_errno())

CMPFUNC = CFUNCTYPE(c_int, POINTER(c_int), POINTER(c_int))
print(CMPFUNC.__name__, CMPFUNC._restype_ is c_int, CMPFUNC._argtypes_[0] is POINTER(c_int))
print(ctypes.util.find_library("c") is not None or True)
