//! Docstrings of the builtin types (`type.__doc__`, set at start-up on every
//! static type reachable from builtins that has none), of builtin functions
//! and of builtin types' methods, in ProtoPy's own words.

use engine::runtime::*;
use proto_core::Obj;

/// (builtins name, docstring), in ProtoPy's own words. `object`,
/// `property`, `staticmethod` and `classmethod` have none here: their
/// instances carry their own `__doc__`.
pub const DOCS: &[(&str, &str)] = &[
    (
        "__loader__",
        "The importer of the modules compiled into the interpreter (sys.builtin_module_names).

Its methods are class and static methods: it is used without an instance.",
    ),
    (
        "bool",
        "bool(x=False) -> True or False, the truth value of x.

bool derives from int (True == 1, False == 0), has only those two instances,
and cannot be subclassed.",
    ),
    (
        "memoryview",
        "memoryview(object): a view of the memory of an object that exports a buffer, without
copying it.",
    ),
    (
        "bytearray",
        "bytearray(source=b'', encoding, errors): a mutable sequence of bytes (integers 0 to 255).

bytearray() is empty; bytearray(n) holds n zero bytes; bytearray(text, encoding[, errors])
holds the encoded text; bytearray(obj) copies a buffer or an iterable of integers.",
    ),
    (
        "bytes",
        "bytes(source=b'', encoding, errors): an immutable sequence of bytes (integers 0 to 255).

bytes() is empty; bytes(n) holds n zero bytes; bytes(text, encoding[, errors]) holds
the encoded text; bytes(obj) copies a buffer, an iterable of integers, or
what obj.__bytes__() returns.",
    ),
    (
        "complex",
        "complex(real=0, imag=0): the complex number real + imag*1j.

A single string argument is parsed as a complex literal, such as '1+2j'.",
    ),
    (
        "dict",
        "dict(mapping_or_pairs=(), **entries): a mapping from hashable keys to values, which keeps
insertion order.

dict() is empty; dict(mapping) or dict(iterable of pairs) copies them; keyword
arguments add name=value entries.",
    ),
    (
        "enumerate",
        "enumerate(iterable, start=0): an iterator of (count, item) pairs, the count
starting at start and going up by one per item.",
    ),
    (
        "filter",
        "filter(function, iterable): an iterator of the items for which function(item)
is true; with None as function, of the true items.",
    ),
    (
        "float",
        "float(x=0.0): a double-precision floating-point number made from a number or
from a string such as '2.5', '1e-3', 'inf' or 'nan'.",
    ),
    (
        "frozenset",
        "frozenset(iterable=()): an immutable, hashable set of the iterable's distinct items.",
    ),
    (
        "int",
        "int(x=0) or int(text, base=10): an integer of unlimited size.

A number is truncated towards zero (through __int__, __index__ or __trunc__).
Text, bytes or bytearray are read as an integer literal in the base, 2 to 36, or 0
to take the base from a 0b, 0o or 0x prefix; underscores may separate digits.

   >>> int(' -42 ')
   -42
   >>> int('0x_ff', 0)
   255
   >>> int('zz', 36)
   1295",
    ),
    (
        "list",
        "list(iterable=()): a mutable sequence of the iterable's items.",
    ),
    (
        "map",
        "map(function, *iterables): an iterator of function applied to the items of the
iterables taken in step, stopping at the shortest.",
    ),
    (
        "range",
        "range(stop) or range(start, stop[, step]): the immutable sequence of integers
from start (default 0) up to but not including stop, step (default 1) apart; a
negative step counts down.",
    ),
    (
        "reversed",
        "reversed(sequence): an iterator over the sequence's items from last to first
(through __reversed__ when it has one).",
    ),
    (
        "set",
        "set(iterable=()): a mutable, unordered collection of the iterable's distinct hashable
items.",
    ),
    (
        "slice",
        "slice(stop) or slice(start, stop[, step]): what a[start:stop:step] passes to
__getitem__; indices(length) resolves it for a sequence of that length.",
    ),
    (
        "str",
        "str(object='') or str(bytes, encoding, errors): an immutable sequence of Unicode
code points.

With one argument it is object.__str__(), else repr(object); with an encoding
or errors the bytes are decoded.",
    ),
    (
        "super",
        "super() or super(type[, obj_or_type]): a proxy that looks attributes up in the
method resolution order of obj_or_type after type.

super() with no argument, in a method, means super(__class__, first argument);
cooperative methods call super().method(...) to reach the next class.",
    ),
    (
        "tuple",
        "tuple(iterable=()): an immutable sequence of the iterable's items.",
    ),
    (
        "type",
        "type(obj): the class of obj.
type(name, bases, namespace, **kwds): a new class, as a class statement makes.",
    ),
    (
        "zip",
        "zip(*iterables, strict=False): an iterator of tuples, the i-th tuple holding the
i-th item of each iterable; it stops at the shortest, or with strict=True raises
ValueError when their lengths differ.

   >>> list(zip('xyz', [1, 2]))
   [('x', 1), ('y', 2)]
   >>> list(zip())
   []",
    ),
    (
        "BaseException",
        "The root of all exception classes; args holds the constructor's arguments.",
    ),
    (
        "BaseExceptionGroup",
        "Several unrelated exceptions raised together (except* handles them).",
    ),
    (
        "Exception",
        "The base of the exceptions a program is expected to handle.",
    ),
    (
        "GeneratorExit",
        "Raised in a generator or coroutine by close().",
    ),
    (
        "KeyboardInterrupt",
        "Raised when the user interrupts the program (Ctrl-C, SIGINT).",
    ),
    (
        "SystemExit",
        "Raised by sys.exit(); code is the exit status or message.",
    ),
    (
        "ArithmeticError",
        "The base of the numeric computation errors.",
    ),
    ("AssertionError", "Raised by a failing assert statement."),
    (
        "AttributeError",
        "An attribute was not found or cannot be set.",
    ),
    (
        "BufferError",
        "A buffer operation failed (e.g. resizing an object while it is exported).",
    ),
    ("EOFError", "input() or a read hit the end of the file."),
    (
        "ImportError",
        "An import failed; name and path tell which module.",
    ),
    ("LookupError", "The base of the key and index errors."),
    ("MemoryError", "An allocation failed: not enough memory."),
    (
        "NameError",
        "A name was not found in the local, global or builtin scope.",
    ),
    (
        "OSError",
        "An operating-system call failed; errno, strerror and filename tell how.",
    ),
    (
        "ReferenceError",
        "A weak proxy was used after its object was collected.",
    ),
    ("RuntimeError", "An error that fits no other category."),
    (
        "StopAsyncIteration",
        "Raised by an asynchronous iterator's __anext__ at its end.",
    ),
    (
        "StopIteration",
        "Raised by an iterator's __next__ at its end; value is a generator's return value.",
    ),
    (
        "SyntaxError",
        "The source is not valid Python; filename, lineno and offset locate it.",
    ),
    ("SystemError", "An internal error of the interpreter."),
    (
        "TypeError",
        "An operation or function got an argument of the wrong type.",
    ),
    (
        "ValueError",
        "An argument has the right type but a value that is not accepted.",
    ),
    ("Warning", "The base of the warning categories."),
    ("FloatingPointError", "A floating-point operation failed."),
    (
        "OverflowError",
        "A numeric result is too large to be represented.",
    ),
    (
        "ZeroDivisionError",
        "The second argument of a division or modulo is zero.",
    ),
    (
        "BytesWarning",
        "Warns about mixing bytes and str (enabled by -b).",
    ),
    (
        "DeprecationWarning",
        "Warns about features that will be removed, to other developers.",
    ),
    (
        "EncodingWarning",
        "Warns about a text encoding left to the locale's default.",
    ),
    (
        "FutureWarning",
        "Warns, to end users, about features whose meaning will change.",
    ),
    (
        "ImportWarning",
        "Warns about a probable mistake in importing a module.",
    ),
    (
        "PendingDeprecationWarning",
        "Warns about features that will be deprecated later.",
    ),
    (
        "ResourceWarning",
        "Warns about a resource (file, socket) that was not released.",
    ),
    (
        "RuntimeWarning",
        "Warns about dubious behaviour at run time.",
    ),
    ("SyntaxWarning", "Warns about dubious syntax."),
    (
        "UnicodeWarning",
        "Warns about a problem related to Unicode.",
    ),
    ("UserWarning", "The default category of warnings.warn()."),
    (
        "BlockingIOError",
        "A non-blocking operation would have blocked (EAGAIN, EWOULDBLOCK).",
    ),
    (
        "ChildProcessError",
        "An operation on a child process failed (ECHILD).",
    ),
    ("ConnectionError", "The base of the connection errors."),
    ("FileExistsError", "The file already exists (EEXIST)."),
    (
        "FileNotFoundError",
        "The file or directory does not exist (ENOENT).",
    ),
    (
        "InterruptedError",
        "A system call was interrupted by a signal (EINTR).",
    ),
    (
        "IsADirectoryError",
        "A file operation was given a directory (EISDIR).",
    ),
    (
        "NotADirectoryError",
        "A directory operation was given something else (ENOTDIR).",
    ),
    ("PermissionError", "Not allowed (EACCES, EPERM)."),
    ("ProcessLookupError", "No such process (ESRCH)."),
    ("TimeoutError", "An operation timed out (ETIMEDOUT)."),
    ("IndentationError", "The source's indentation is wrong."),
    ("IndexError", "A sequence index is out of range."),
    ("KeyError", "A mapping key was not found."),
    ("ModuleNotFoundError", "No module of that name was found."),
    (
        "NotImplementedError",
        "An abstract method or an unfinished feature was called.",
    ),
    (
        "RecursionError",
        "The recursion limit (sys.getrecursionlimit()) was exceeded.",
    ),
    (
        "UnboundLocalError",
        "A local variable was read before any value was assigned to it.",
    ),
    (
        "UnicodeError",
        "The base of the Unicode encoding and decoding errors.",
    ),
    (
        "BrokenPipeError",
        "Writing to a pipe or socket whose other end is closed (EPIPE, ESHUTDOWN).",
    ),
    (
        "ConnectionAbortedError",
        "The connection was aborted (ECONNABORTED).",
    ),
    (
        "ConnectionRefusedError",
        "The connection was refused (ECONNREFUSED).",
    ),
    (
        "ConnectionResetError",
        "The connection was reset by the peer (ECONNRESET).",
    ),
    (
        "TabError",
        "The source mixes tabs and spaces inconsistently in its indentation.",
    ),
    (
        "UnicodeDecodeError",
        "Bytes could not be decoded; encoding, object, start, end and reason tell where.",
    ),
    (
        "UnicodeEncodeError",
        "Text could not be encoded; encoding, object, start, end and reason tell where.",
    ),
    (
        "UnicodeTranslateError",
        "Text could not be translated; object, start, end and reason tell where.",
    ),
    (
        "EnvironmentError",
        "An operating-system call failed; errno, strerror and filename tell how.",
    ),
    (
        "IOError",
        "An operating-system call failed; errno, strerror and filename tell how.",
    ),
];

/// Sets `__doc__` on the static builtin types that lack one.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let b = vm.g.builtins;
    let dk = vm.g.names.__doc__;
    for &(name, doc) in DOCS {
        let k = vm.intern(name);
        let Some(t) = vm.dict_get_str(b, k) else {
            continue;
        };
        let Some(to) = Obj::from_value(t).filter(|o| o.kind() == K_TYPE) else {
            continue;
        };
        if type_flags(to) & TF_HEAP != 0 {
            continue;
        }
        let d = to.get(T_DICT);
        if vm.dict_get_str(d, dk).is_some() {
            continue;
        }
        let s = vm.new_str(doc);
        vm.ctx.promote(s);
        vm.dict_set_str(d, dk, s);
    }
    vm.invalidate_all_types();
    Ok(())
}

/// Docstrings of builtin functions and of builtin types' methods, keyed by
/// module or type name and name (`"builtins.len"`, `"int.bit_count"`), in ProtoPy's own words. The
/// examples in them are doctests: `DocTestSuite(builtins)` runs them.
pub const FUNCTION_DOCS: &[(&str, &str)] = &[
    ("builtins.abs", "Return the absolute value of the argument."),
    (
        "builtins.all",
        "Return True if no item of the iterable is false (True for an empty one).",
    ),
    (
        "builtins.any",
        "Return True if some item of the iterable is true (False for an empty one).",
    ),
    (
        "builtins.ascii",
        "Return repr(obj) with every non-ASCII character written as a \\x, \\u or \\U escape.",
    ),
    (
        "builtins.bin",
        "Return the binary literal of an integer, with a '0b' prefix.

   >>> bin(10)
   '0b1010'
   >>> bin(-5)
   '-0b101'",
    ),
    (
        "builtins.breakpoint",
        "Call sys.breakpointhook(*args, **kws); by default it enters pdb.",
    ),
    (
        "builtins.callable",
        "Return whether the object can be called (its type has __call__).",
    ),
    (
        "builtins.chr",
        "Return the one-character string of the given Unicode code point (0 to 0x10ffff).",
    ),
    (
        "builtins.compile",
        "Compile source (a string, bytes or AST object) into a code object or an AST.

The mode is 'exec' for a module, 'eval' for one expression or 'single' for
one interactive statement; flags and dont_inherit select future features
and compile options, and optimize the optimization level.",
    ),
    (
        "builtins.delattr",
        "Delete the named attribute of an object: delattr(x, 'y') is del x.y.",
    ),
    (
        "builtins.dir",
        "Return a sorted list of names: the current scope's without an argument, else the\n\
         attributes of the object (through its __dir__ when it has one).",
    ),
    ("builtins.divmod", "Return the pair (x // y, x % y)."),
    (
        "builtins.eval",
        "Evaluate an expression (a string or code object) in the given globals and locals,\n\
         which default to the caller's, and return its value.",
    ),
    (
        "builtins.exec",
        "Run statements (a string or code object) in the given globals and locals, which\n\
         default to the caller's; a closure tuple supplies the cells of free variables.",
    ),
    (
        "builtins.format",
        "Return value.__format__(format_spec); the spec defaults to ''.",
    ),
    (
        "builtins.getattr",
        "getattr(object, name[, default]): the named attribute of the object; with a default,\n\
         that is returned instead of raising AttributeError.",
    ),
    (
        "builtins.globals",
        "Return the dict of the current module's global names.",
    ),
    (
        "builtins.hasattr",
        "Return whether getattr(obj, name) succeeds (AttributeError means it does not).",
    ),
    (
        "builtins.hash",
        "Return the hash of the object: equal objects hash equal.",
    ),
    (
        "builtins.hex",
        "Return the hexadecimal literal of an integer, in lower case with a '0x' prefix.

   >>> hex(255)
   '0xff'
   >>> hex(-4096)
   '-0x1000'",
    ),
    (
        "builtins.id",
        "Return a number that identifies the object among all objects alive at the same time.",
    ),
    (
        "builtins.input",
        "Write the prompt, if any, to standard output, read one line from standard input\n\
         and return it without its newline; EOFError at end of input.",
    ),
    (
        "builtins.isinstance",
        "Return whether obj is an instance of the class, of a subclass of it, or of one of\n\
         the classes of a tuple or union given instead.",
    ),
    (
        "builtins.issubclass",
        "Return whether cls is the class, derives from it, or from one of the classes of a\n\
         tuple or union given instead.",
    ),
    (
        "builtins.iter",
        "iter(iterable) -> iterator; iter(callable, sentinel) -> iterator calling it until it\n\
         returns the sentinel.",
    ),
    (
        "builtins.aiter",
        "Return the asynchronous iterator of an asynchronous iterable.",
    ),
    ("builtins.len", "Return the number of items of a container."),
    (
        "builtins.locals",
        "Return a dict of the current scope's local names.",
    ),
    (
        "builtins.max",
        "max(iterable, *[, default, key]) or max(a, b, *args[, key]): the largest item;\n\
         default is returned for an empty iterable.",
    ),
    (
        "builtins.min",
        "min(iterable, *[, default, key]) or min(a, b, *args[, key]): the smallest item;\n\
         default is returned for an empty iterable.",
    ),
    (
        "builtins.next",
        "next(iterator[, default]): the iterator's next item; at its end the default if given,\n\
         else StopIteration.",
    ),
    (
        "builtins.anext",
        "Return an awaitable for the next item of an asynchronous iterator.",
    ),
    (
        "builtins.oct",
        "Return the octal literal of an integer, with a '0o' prefix.

   >>> oct(64)
   '0o100'
   >>> oct(-9)
   '-0o11'",
    ),
    (
        "builtins.ord",
        "Return the Unicode code point of a one-character string.",
    ),
    (
        "builtins.pow",
        "pow(base, exp, mod=None): base ** exp, or (base ** exp) % mod computed without the\n\
         full power when mod is given.",
    ),
    (
        "builtins.print",
        "print(*objects, sep=' ', end='\\n', file=None, flush=False): write the str() of each\n\
         object to the file (sys.stdout by default), separated by sep and followed by end.",
    ),
    (
        "builtins.repr",
        "Return the printable representation of the object: for many, eval(repr(x)) == x.",
    ),
    (
        "builtins.round",
        "round(number, ndigits=None): the number rounded to ndigits after the point, halves to\n\
         even; an int when ndigits is omitted or None.",
    ),
    (
        "builtins.setattr",
        "Set the named attribute of an object: setattr(x, 'y', v) is x.y = v.",
    ),
    (
        "builtins.sorted",
        "Return a new list of the iterable's items in ascending order; key and reverse as in\n\
         list.sort, and the sort is stable.",
    ),
    (
        "builtins.sum",
        "Return start (default 0) plus the items of the iterable, added from the left; for\n\
         strings use ''.join.",
    ),
    (
        "builtins.vars",
        "vars([object]): the object's __dict__, or the current scope's locals.",
    ),
    (
        "builtins.__build_class__",
        "__build_class__(func, name, /, *bases, [metaclass], **kwds): run the class body\n\
         func and create the class; the class statement calls it.",
    ),
    (
        "builtins.__import__",
        "__import__(name, globals=None, locals=None, fromlist=(), level=0): import a module;\n\
         the import statement calls it, and importlib.import_module is the one to use.",
    ),
    (
        "io.open",
        "Open a file and return a stream on it: text (decoded with the encoding, locale's by\n\
         default) or binary ('b' in mode), buffered unless buffering is 0; mode 'r' reads,\n\
         'w' truncates, 'x' creates, 'a' appends and '+' adds the other direction.",
    ),
    (
        "bytes.hex",
        "Return the bytes as hexadecimal digits, two per byte; a separator, if given, is put\n\
         between groups of bytes_per_sep bytes (counted from the right when positive).

   >>> b'\\x01\\xab\\xff'.hex()
   '01abff'
   >>> b'\\x01\\xab\\xff'.hex(':')
   '01:ab:ff'
   >>> b'\\x01\\xab\\xff\\x10'.hex('-', 2)
   '01ab-ff10'",
    ),
    (
        "bytearray.hex",
        "Return the bytearray's contents as hexadecimal digits, two per byte; an optional\n\
         separator goes between groups of bytes_per_sep bytes.

   >>> bytearray(b'AZ').hex()
   '415a'
   >>> bytearray(b'AZaz').hex(' ', -3)
   '415a61 7a'",
    ),
    (
        "memoryview.hex",
        "Return the viewed bytes as hexadecimal digits, two per byte; an optional separator\n\
         goes between groups of bytes_per_sep bytes.

   >>> memoryview(b'\\x00\\x7f').hex()
   '007f'
   >>> memoryview(b'spam').hex('_', 1)
   '73_70_61_6d'",
    ),
    (
        "float.as_integer_ratio",
        "Return a pair of integers whose ratio is exactly the float, the denominator positive\n\
         and as small as it can be.

   >>> (0.75).as_integer_ratio()
   (3, 4)
   >>> (-2.0).as_integer_ratio()
   (-2, 1)",
    ),
    (
        "float.fromhex",
        "Build a float from a hexadecimal string, as float.hex writes them.

   >>> float.fromhex('0x1.8p1')
   3.0
   >>> float.fromhex('-0x3p-2')
   -0.75",
    ),
    (
        "float.hex",
        "Return the float as a hexadecimal string: sign, '0x1.', the fraction's hex digits\n\
         and a binary exponent.

   >>> (3.0).hex()
   '0x1.8000000000000p+1'
   >>> (0.0).hex()
   '0x0.0p+0'",
    ),
    (
        "int.as_integer_ratio",
        "Return the pair (self, 1): an integer is its own numerator.

   >>> (12).as_integer_ratio()
   (12, 1)
   >>> (-7).as_integer_ratio()
   (-7, 1)",
    ),
    (
        "int.bit_count",
        "Return the number of 1 bits in the absolute value (the population count).

   >>> (0b10110).bit_count()
   3
   >>> (-255).bit_count()
   8",
    ),
    (
        "int.bit_length",
        "Return how many bits the absolute value needs, leading zeros and sign left out.

   >>> (255).bit_length()
   8
   >>> (-256).bit_length()
   9",
    ),
];

/// The docstring of a builtin: `prefix` is the owner type's name for a
/// method of a builtin type, else the function's module name.
pub fn function_doc(prefix: &str, name: &str) -> Option<&'static str> {
    FUNCTION_DOCS
        .iter()
        .find(|(k, _)| {
            k.strip_prefix(prefix)
                .and_then(|r| r.strip_prefix('.'))
                .is_some_and(|r| r == name)
        })
        .map(|&(_, d)| d)
}
