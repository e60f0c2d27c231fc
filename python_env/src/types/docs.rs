//! CPython 3.11's docstrings of the builtin types (`type.__doc__`), set at
//! start-up on every static type reachable from builtins that has none.
//! Generated from CPython by the snippet in this file's doc comment of
//! [`DOCS`]; regenerate when the reference version changes.

use engine::runtime::*;
use proto_core::Obj;

/// (builtins name, docstring). Generated with:
/// `python3 -c "import builtins; [print(k, repr(v.__doc__)) for k, v in vars(builtins).items() if isinstance(v, type) and v.__doc__]"`
pub const DOCS: &[(&str, &str)] = &[
    (
        "__loader__",
        "Meta path import for built-in modules.

    All methods are either class or static methods to avoid the need to
    instantiate the class.

    ",
    ),
    (
        "bool",
        "bool(x) -> bool

Returns True when the argument x is true, False otherwise.
The builtins True and False are the only two instances of the class bool.
The class bool is a subclass of the class int, and cannot be subclassed.",
    ),
    (
        "memoryview",
        "Create a new memoryview object which references the given object.",
    ),
    (
        "bytearray",
        "bytearray(iterable_of_ints) -> bytearray
bytearray(string, encoding[, errors]) -> bytearray
bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer
bytearray(int) -> bytes array of size given by the parameter initialized with null bytes
bytearray() -> empty bytes array

Construct a mutable bytearray object from:
  - an iterable yielding integers in range(256)
  - a text string encoded using the specified encoding
  - a bytes or a buffer object
  - any object implementing the buffer API.
  - an integer",
    ),
    (
        "bytes",
        "bytes(iterable_of_ints) -> bytes
bytes(string, encoding[, errors]) -> bytes
bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer
bytes(int) -> bytes object of size given by the parameter initialized with null bytes
bytes() -> empty bytes object

Construct an immutable array of bytes from:
  - an iterable yielding integers in range(256)
  - a text string encoded using the specified encoding
  - any object implementing the buffer API.
  - an integer",
    ),
    (
        "classmethod",
        "classmethod(function) -> method

Convert a function to be a class method.

A class method receives the class as implicit first argument,
just like an instance method receives the instance.
To declare a class method, use this idiom:

  class C:
      @classmethod
      def f(cls, arg1, arg2, argN):
          ...

It can be called either on the class (e.g. C.f()) or on an instance
(e.g. C().f()).  The instance is ignored except for its class.
If a class method is called for a derived class, the derived class
object is passed as the implied first argument.

Class methods are different than C++ or Java static methods.
If you want those, see the staticmethod builtin.",
    ),
    (
        "complex",
        "Create a complex number from a real part and an optional imaginary part.

This is equivalent to (real + imag*1j) where imag defaults to 0.",
    ),
    (
        "dict",
        "dict() -> new empty dictionary
dict(mapping) -> new dictionary initialized from a mapping object's
    (key, value) pairs
dict(iterable) -> new dictionary initialized as if via:
    d = {}
    for k, v in iterable:
        d[k] = v
dict(**kwargs) -> new dictionary initialized with the name=value pairs
    in the keyword argument list.  For example:  dict(one=1, two=2)",
    ),
    (
        "enumerate",
        "Return an enumerate object.

  iterable
    an object supporting iteration

The enumerate object yields pairs containing a count (from start, which
defaults to zero) and a value yielded by the iterable argument.

enumerate is useful for obtaining an indexed list:
    (0, seq[0]), (1, seq[1]), (2, seq[2]), ...",
    ),
    (
        "filter",
        "filter(function or None, iterable) --> filter object

Return an iterator yielding those items of iterable for which function(item)
is true. If function is None, return the items that are true.",
    ),
    (
        "float",
        "Convert a string or number to a floating point number, if possible.",
    ),
    (
        "frozenset",
        "frozenset() -> empty frozenset object
frozenset(iterable) -> frozenset object

Build an immutable unordered collection of unique elements.",
    ),
    (
        "property",
        "Property attribute.

  fget
    function to be used for getting an attribute value
  fset
    function to be used for setting an attribute value
  fdel
    function to be used for del'ing an attribute
  doc
    docstring

Typical use is to define a managed attribute x:

class C(object):
    def getx(self): return self._x
    def setx(self, value): self._x = value
    def delx(self): del self._x
    x = property(getx, setx, delx, \"I'm the 'x' property.\")

Decorators make defining new properties or modifying existing ones easy:

class C(object):
    @property
    def x(self):
        \"I am the 'x' property.\"
        return self._x
    @x.setter
    def x(self, value):
        self._x = value
    @x.deleter
    def x(self):
        del self._x",
    ),
    (
        "int",
        "int([x]) -> integer
int(x, base=10) -> integer

Convert a number or string to an integer, or return 0 if no arguments
are given.  If x is a number, return x.__int__().  For floating point
numbers, this truncates towards zero.

If x is not a number or if base is given, then x must be a string,
bytes, or bytearray instance representing an integer literal in the
given base.  The literal can be preceded by '+' or '-' and be surrounded
by whitespace.  The base defaults to 10.  Valid bases are 0 and 2-36.
Base 0 means to interpret the base from the string as an integer literal.
>>> int('0b100', base=0)
4",
    ),
    (
        "list",
        "Built-in mutable sequence.

If no argument is given, the constructor creates a new empty list.
The argument must be an iterable if specified.",
    ),
    (
        "map",
        "map(func, *iterables) --> map object

Make an iterator that computes the function using arguments from
each of the iterables.  Stops when the shortest iterable is exhausted.",
    ),
    (
        "object",
        "The base class of the class hierarchy.

When called, it accepts no arguments and returns a new featureless
instance that has no instance attributes and cannot be given any.
",
    ),
    (
        "range",
        "range(stop) -> range object
range(start, stop[, step]) -> range object

Return an object that produces a sequence of integers from start (inclusive)
to stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.
start defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.
These are exactly the valid indices for a list of 4 elements.
When step is given, it specifies the increment (or decrement).",
    ),
    (
        "reversed",
        "Return a reverse iterator over the values of the given sequence.",
    ),
    (
        "set",
        "set() -> new empty set object
set(iterable) -> new set object

Build an unordered collection of unique elements.",
    ),
    (
        "slice",
        "slice(stop)
slice(start, stop[, step])

Create a slice object.  This is used for extended slicing (e.g. a[0:10:2]).",
    ),
    (
        "staticmethod",
        "staticmethod(function) -> method

Convert a function to be a static method.

A static method does not receive an implicit first argument.
To declare a static method, use this idiom:

     class C:
         @staticmethod
         def f(arg1, arg2, argN):
             ...

It can be called either on the class (e.g. C.f()) or on an instance
(e.g. C().f()). Both the class and the instance are ignored, and
neither is passed implicitly as the first argument to the method.

Static methods in Python are similar to those found in Java or C++.
For a more advanced concept, see the classmethod builtin.",
    ),
    (
        "str",
        "str(object='') -> str
str(bytes_or_buffer[, encoding[, errors]]) -> str

Create a new string object from the given object. If encoding or
errors is specified, then the object must expose a data buffer
that will be decoded using the given encoding and error handler.
Otherwise, returns the result of object.__str__() (if defined)
or repr(object).
encoding defaults to sys.getdefaultencoding().
errors defaults to 'strict'.",
    ),
    (
        "super",
        "super() -> same as super(__class__, <first argument>)
super(type) -> unbound super object
super(type, obj) -> bound super object; requires isinstance(obj, type)
super(type, type2) -> bound super object; requires issubclass(type2, type)
Typical use to call a cooperative superclass method:
class C(B):
    def meth(self, arg):
        super().meth(arg)
This works for class methods too:
class C(B):
    @classmethod
    def cmeth(cls, arg):
        super().cmeth(arg)
",
    ),
    (
        "tuple",
        "Built-in immutable sequence.

If no argument is given, the constructor returns an empty tuple.
If iterable is specified the tuple is initialized from iterable's items.

If the argument is a tuple, the return value is the same object.",
    ),
    (
        "type",
        "type(object) -> the object's type
type(name, bases, dict, **kwds) -> a new type",
    ),
    (
        "zip",
        "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.

   >>> list(zip('abcdefg', range(3), range(4)))
   [('a', 0, 0), ('b', 1, 1), ('c', 2, 2)]

The zip object yields n-length tuples, where n is the number of iterables
passed as positional arguments to zip().  The i-th element in every tuple
comes from the i-th iterable argument to zip().  This continues until the
shortest argument is exhausted.

If strict is true and one of the arguments is exhausted before the others,
raise a ValueError.",
    ),
    ("BaseException", "Common base class for all exceptions"),
    (
        "BaseExceptionGroup",
        "A combination of multiple unrelated exceptions.",
    ),
    (
        "Exception",
        "Common base class for all non-exit exceptions.",
    ),
    ("GeneratorExit", "Request that a generator exit."),
    ("KeyboardInterrupt", "Program interrupted by user."),
    ("SystemExit", "Request to exit from the interpreter."),
    ("ArithmeticError", "Base class for arithmetic errors."),
    ("AssertionError", "Assertion failed."),
    ("AttributeError", "Attribute not found."),
    ("BufferError", "Buffer error."),
    ("EOFError", "Read beyond end of file."),
    (
        "ImportError",
        "Import can't find module, or can't find name in module.",
    ),
    ("LookupError", "Base class for lookup errors."),
    ("MemoryError", "Out of memory."),
    ("NameError", "Name not found globally."),
    ("OSError", "Base class for I/O related errors."),
    (
        "ReferenceError",
        "Weak ref proxy used after referent went away.",
    ),
    ("RuntimeError", "Unspecified run-time error."),
    (
        "StopAsyncIteration",
        "Signal the end from iterator.__anext__().",
    ),
    ("StopIteration", "Signal the end from iterator.__next__()."),
    ("SyntaxError", "Invalid syntax."),
    (
        "SystemError",
        "Internal error in the Python interpreter.

Please report this to the Python maintainer, along with the traceback,
the Python version, and the hardware/OS platform and version.",
    ),
    ("TypeError", "Inappropriate argument type."),
    (
        "ValueError",
        "Inappropriate argument value (of correct type).",
    ),
    ("Warning", "Base class for warning categories."),
    ("FloatingPointError", "Floating point operation failed."),
    ("OverflowError", "Result too large to be represented."),
    (
        "ZeroDivisionError",
        "Second argument to a division or modulo operation was zero.",
    ),
    (
        "BytesWarning",
        "Base class for warnings about bytes and buffer related problems, mostly
related to conversion from str or comparing to str.",
    ),
    (
        "DeprecationWarning",
        "Base class for warnings about deprecated features.",
    ),
    (
        "EncodingWarning",
        "Base class for warnings about encodings.",
    ),
    (
        "FutureWarning",
        "Base class for warnings about constructs that will change semantically
in the future.",
    ),
    (
        "ImportWarning",
        "Base class for warnings about probable mistakes in module imports",
    ),
    (
        "PendingDeprecationWarning",
        "Base class for warnings about features which will be deprecated
in the future.",
    ),
    (
        "ResourceWarning",
        "Base class for warnings about resource usage.",
    ),
    (
        "RuntimeWarning",
        "Base class for warnings about dubious runtime behavior.",
    ),
    (
        "SyntaxWarning",
        "Base class for warnings about dubious syntax.",
    ),
    (
        "UnicodeWarning",
        "Base class for warnings about Unicode related problems, mostly
related to conversion problems.",
    ),
    (
        "UserWarning",
        "Base class for warnings generated by user code.",
    ),
    ("BlockingIOError", "I/O operation would block."),
    ("ChildProcessError", "Child process error."),
    ("ConnectionError", "Connection error."),
    ("FileExistsError", "File already exists."),
    ("FileNotFoundError", "File not found."),
    ("InterruptedError", "Interrupted by signal."),
    (
        "IsADirectoryError",
        "Operation doesn't work on directories.",
    ),
    ("NotADirectoryError", "Operation only works on directories."),
    ("PermissionError", "Not enough permissions."),
    ("ProcessLookupError", "Process not found."),
    ("TimeoutError", "Timeout expired."),
    ("IndentationError", "Improper indentation."),
    ("IndexError", "Sequence index out of range."),
    ("KeyError", "Mapping key not found."),
    ("ModuleNotFoundError", "Module not found."),
    (
        "NotImplementedError",
        "Method or function hasn't been implemented yet.",
    ),
    ("RecursionError", "Recursion limit exceeded."),
    (
        "UnboundLocalError",
        "Local name referenced but not bound to a value.",
    ),
    ("UnicodeError", "Unicode related error."),
    ("BrokenPipeError", "Broken pipe."),
    ("ConnectionAbortedError", "Connection aborted."),
    ("ConnectionRefusedError", "Connection refused."),
    ("ConnectionResetError", "Connection reset."),
    ("TabError", "Improper mixture of spaces and tabs."),
    ("UnicodeDecodeError", "Unicode decoding error."),
    ("UnicodeEncodeError", "Unicode encoding error."),
    ("UnicodeTranslateError", "Unicode translation error."),
    ("EnvironmentError", "Base class for I/O related errors."),
    ("IOError", "Base class for I/O related errors."),
];

/// Sets `__doc__` on the static builtin types that lack one.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let b = vm.g.builtins;
    let dk = vm.g.names.__doc__;
    for &(name, doc) in DOCS {
        // Instances of these carry their own __doc__ (or, for object, every
        // class would otherwise inherit it): their lookup must not stop at
        // a type-level docstring.
        if matches!(name, "object" | "property" | "staticmethod" | "classmethod") {
            continue;
        }
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
            k.len() == prefix.len() + 1 + name.len()
                && k.starts_with(prefix)
                && k.as_bytes()[prefix.len()] == b'.'
                && k.ends_with(name)
        })
        .map(|&(_, d)| d)
}
