# The builtin exception hierarchy.
def chain(cls):
    return " > ".join(c.__name__ for c in cls.__mro__)

for cls in [ZeroDivisionError, KeyError, IndexError, ModuleNotFoundError,
            UnboundLocalError, RecursionError, NotImplementedError, StopIteration,
            StopAsyncIteration, GeneratorExit, KeyboardInterrupt, SystemExit,
            FileNotFoundError, TimeoutError, UnicodeDecodeError, OverflowError,
            FloatingPointError, AssertionError, AttributeError, TabError,
            IndentationError, BrokenPipeError, ConnectionRefusedError,
            BufferError, EOFError, MemoryError, ReferenceError, ValueError,
            TypeError, NameError, LookupError, ArithmeticError, OSError,
            Warning, DeprecationWarning, UserWarning, SyntaxWarning, BaseExceptionGroup, ExceptionGroup]:
    print(chain(cls))

print(issubclass(KeyError, LookupError), issubclass(IndexError, LookupError))
print(issubclass(ZeroDivisionError, ArithmeticError))
print(issubclass(SystemExit, Exception), issubclass(KeyboardInterrupt, Exception))
print(issubclass(GeneratorExit, Exception))
print(issubclass(StopIteration, Exception))
print(IOError is OSError, EnvironmentError is OSError)
print(issubclass(UnicodeError, ValueError))
print(issubclass(bool, Exception))
print(issubclass(Warning, Exception))
print(BaseException.__bases__, Exception.__bases__)

try:
    {}["k"]
except LookupError as e:
    print("caught as LookupError:", type(e).__name__)
try:
    1 / 0
except ArithmeticError as e:
    print("caught as ArithmeticError:", type(e).__name__)
try:
    import nonexistent_module_xyz
except ImportError as e:
    print("caught as ImportError:", type(e).__name__)
try:
    int("x")
except Exception as e:
    print("caught as Exception:", type(e).__name__)
