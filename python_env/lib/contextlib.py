"""Utilities for with-statement contexts (the `contextlib` module), as in
CPython 3.11: contextmanager, asynccontextmanager, closing, aclosing,
suppress, nullcontext, redirect_stdout/redirect_stderr, chdir, ExitStack,
AsyncExitStack, ContextDecorator and the abstract context manager classes.
"""

import sys
from functools import wraps

__all__ = ["asynccontextmanager", "contextmanager", "closing", "nullcontext",
           "AbstractContextManager", "AbstractAsyncContextManager",
           "AsyncExitStack", "ContextDecorator", "ExitStack",
           "redirect_stdout", "redirect_stderr", "suppress", "aclosing",
           "chdir"]


def _check_methods(C, *methods):
    mro = C.__mro__
    for method in methods:
        for B in mro:
            if method in B.__dict__:
                if B.__dict__[method] is None:
                    return NotImplemented
                break
        else:
            return NotImplemented
    return True


class AbstractContextManager:
    """An abstract base class for context managers."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        return None

    @classmethod
    def __subclasshook__(cls, C):
        if cls is AbstractContextManager:
            return _check_methods(C, "__enter__", "__exit__")
        return NotImplemented

    def __class_getitem__(cls, item):
        return cls


class AbstractAsyncContextManager:
    """An abstract base class for asynchronous context managers."""

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc_value, traceback):
        return None

    @classmethod
    def __subclasshook__(cls, C):
        if cls is AbstractAsyncContextManager:
            return _check_methods(C, "__aenter__", "__aexit__")
        return NotImplemented

    def __class_getitem__(cls, item):
        return cls


class ContextDecorator:
    """A base class that lets a context manager also be used as a decorator."""

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @wraps(func)
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return inner


class AsyncContextDecorator:
    """Async counterpart of ContextDecorator."""

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @wraps(func)
        async def inner(*args, **kwds):
            async with self._recreate_cm():
                return await func(*args, **kwds)
        return inner


class _GeneratorContextManagerBase:
    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
        doc = getattr(func, "__doc__", None)
        if doc is None:
            doc = type(self).__doc__
        self.__doc__ = doc

    def _recreate_cm(self):
        return self.__class__(self.func, self.args, self.kwds)


class _GeneratorContextManager(_GeneratorContextManagerBase, AbstractContextManager,
                               ContextDecorator):
    """Helper for @contextmanager."""

    def __enter__(self):
        del self.args, self.kwds, self.func
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            else:
                raise RuntimeError("generator didn't stop")
        else:
            if value is None:
                value = typ()
            try:
                self.gen.throw(typ, value, traceback)
            except StopIteration as exc:
                return exc is not value
            except RuntimeError as exc:
                if exc is value:
                    exc.__traceback__ = traceback
                    return False
                if isinstance(value, StopIteration) and exc.__cause__ is value:
                    value.__traceback__ = traceback
                    return False
                raise
            except BaseException as exc:
                if exc is not value:
                    raise
                exc.__traceback__ = traceback
                return False
            raise RuntimeError("generator didn't stop after throw()")


class _AsyncGeneratorContextManager(_GeneratorContextManagerBase, AbstractAsyncContextManager,
                                    AsyncContextDecorator):
    """Helper for @asynccontextmanager."""

    async def __aenter__(self):
        del self.args, self.kwds, self.func
        try:
            return await anext(self.gen)
        except StopAsyncIteration:
            raise RuntimeError("generator didn't yield") from None

    async def __aexit__(self, typ, value, traceback):
        if typ is None:
            try:
                await anext(self.gen)
            except StopAsyncIteration:
                return False
            else:
                raise RuntimeError("generator didn't stop")
        else:
            if value is None:
                value = typ()
            try:
                await self.gen.athrow(typ, value, traceback)
            except StopAsyncIteration as exc:
                return exc is not value
            except RuntimeError as exc:
                if exc is value:
                    exc.__traceback__ = traceback
                    return False
                if isinstance(value, (StopIteration, StopAsyncIteration)) and exc.__cause__ is value:
                    value.__traceback__ = traceback
                    return False
                raise
            except BaseException as exc:
                if exc is not value:
                    raise
                exc.__traceback__ = traceback
                return False
            raise RuntimeError("generator didn't stop after athrow()")


def contextmanager(func):
    """@contextmanager: a generator function becomes a context manager factory."""
    @wraps(func)
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    return helper


def asynccontextmanager(func):
    """@asynccontextmanager: an async generator function becomes an async context manager factory."""
    @wraps(func)
    def helper(*args, **kwds):
        return _AsyncGeneratorContextManager(func, args, kwds)
    return helper


class closing(AbstractContextManager):
    """Calls thing.close() on exit."""

    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class aclosing(AbstractAsyncContextManager):
    """Awaits thing.aclose() on exit."""

    def __init__(self, thing):
        self.thing = thing

    async def __aenter__(self):
        return self.thing

    async def __aexit__(self, *exc_info):
        await self.thing.aclose()


class _RedirectStream(AbstractContextManager):
    _stream = None

    def __init__(self, new_target):
        self._new_target = new_target
        self._old_targets = []

    def __enter__(self):
        self._old_targets.append(getattr(sys, self._stream))
        setattr(sys, self._stream, self._new_target)
        return self._new_target

    def __exit__(self, exctype, excinst, exctb):
        setattr(sys, self._stream, self._old_targets.pop())


class redirect_stdout(_RedirectStream):
    """Temporarily replaces sys.stdout."""

    _stream = "stdout"


class redirect_stderr(_RedirectStream):
    """Temporarily replaces sys.stderr."""

    _stream = "stderr"


class suppress(AbstractContextManager):
    """Suppresses the given exception types inside the block."""

    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        if exctype is None:
            return False
        if issubclass(exctype, self._exceptions):
            return True
        if issubclass(exctype, BaseExceptionGroup):
            match, rest = excinst.split(self._exceptions)
            if rest is None:
                return True
            raise rest
        return False


class _CallbackStack:
    """The callbacks of an exit stack: (is_async, fn(exc_type, exc, tb))."""

    def __init__(self):
        self._callbacks = []

    def pop_all(self):
        """Moves every callback to a new stack of the same type and returns it."""
        other = type(self)()
        other._callbacks, self._callbacks = self._callbacks, []
        return other

    def push(self, exit):
        """Registers an object with __exit__, or a callable taking exc_info."""
        method = getattr(type(exit), "__exit__", None)
        if method is None:
            self._callbacks.append((False, exit))
        else:
            self._callbacks.append((False, lambda t, v, tb: method(exit, t, v, tb)))
        return exit

    def enter_context(self, cm):
        """Enters `cm` and schedules its __exit__."""
        cls = type(cm)
        enter = getattr(cls, "__enter__", None)
        exit = getattr(cls, "__exit__", None)
        if enter is None or exit is None:
            raise TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does "
                            f"not support the context manager protocol")
        result = enter(cm)
        self._callbacks.append((False, lambda t, v, tb: exit(cm, t, v, tb)))
        return result

    def callback(self, callback, /, *args, **kwds):
        """Schedules callback(*args, **kwds); returns `callback`."""
        def run(t, v, tb):
            callback(*args, **kwds)
        run.__wrapped__ = callback
        self._callbacks.append((False, run))
        return callback


def _chain_context(new, old, outer):
    """Makes `old` the context of the exception chain that `new` starts
    (stopping where the chain reaches `old` or the exception being handled
    around the whole with statement)."""
    if new is old or old is None:
        return
    exc = new
    while True:
        ctx = exc.__context__
        if ctx is None or ctx is old:
            return
        if ctx is outer:
            break
        exc = ctx
    exc.__context__ = old


def _reraise(exc):
    ctx = exc.__context__
    try:
        raise exc
    except BaseException:
        exc.__context__ = ctx
        raise


class ExitStack(_CallbackStack, AbstractContextManager):
    """A context manager that unwinds a dynamic stack of callbacks on exit."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        received = exc_info[1]
        outer = sys.exc_info()[1]
        current = received
        suppressed = False
        while self._callbacks:
            _, cb = self._callbacks.pop()
            try:
                if current is None:
                    handled = cb(None, None, None)
                else:
                    handled = cb(type(current), current, current.__traceback__)
                if handled and current is not None:
                    suppressed = True
                    current = None
            except BaseException as e:
                _chain_context(e, current, outer)
                current = e
        if current is not None and current is not received:
            _reraise(current)
        return received is not None and current is None and suppressed

    def close(self):
        """Unwinds the stack now."""
        self.__exit__(None, None, None)


class AsyncExitStack(_CallbackStack, AbstractAsyncContextManager):
    """ExitStack for async with: also takes async context managers and callbacks."""

    async def enter_async_context(self, cm):
        """Enters async `cm` and schedules its __aexit__."""
        cls = type(cm)
        enter = getattr(cls, "__aenter__", None)
        exit = getattr(cls, "__aexit__", None)
        if enter is None or exit is None:
            raise TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does "
                            f"not support the asynchronous context manager protocol")
        result = await enter(cm)
        self._callbacks.append((True, lambda t, v, tb: exit(cm, t, v, tb)))
        return result

    def push_async_exit(self, exit):
        """Registers an object with __aexit__, or a coroutine function taking exc_info."""
        method = getattr(type(exit), "__aexit__", None)
        if method is None:
            self._callbacks.append((True, exit))
        else:
            self._callbacks.append((True, lambda t, v, tb: method(exit, t, v, tb)))
        return exit

    def push_async_callback(self, callback, /, *args, **kwds):
        """Schedules `await callback(*args, **kwds)`; returns `callback`."""
        def run(t, v, tb):
            return callback(*args, **kwds)
        run.__wrapped__ = callback
        self._callbacks.append((True, run))
        return callback

    async def aclose(self):
        """Unwinds the stack now."""
        await self.__aexit__(None, None, None)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info):
        received = exc_info[1]
        outer = sys.exc_info()[1]
        current = received
        suppressed = False
        while self._callbacks:
            is_async, cb = self._callbacks.pop()
            try:
                if current is None:
                    args = (None, None, None)
                else:
                    args = (type(current), current, current.__traceback__)
                handled = cb(*args)
                if is_async:
                    handled = await handled
                if handled and current is not None:
                    suppressed = True
                    current = None
            except BaseException as e:
                _chain_context(e, current, outer)
                current = e
        if current is not None and current is not received:
            _reraise(current)
        return received is not None and current is None and suppressed


class nullcontext(AbstractContextManager, AbstractAsyncContextManager):
    """A context manager that does nothing; enter returns `enter_result`."""

    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass

    async def __aenter__(self):
        return self.enter_result

    async def __aexit__(self, *excinfo):
        pass


class chdir(AbstractContextManager):
    """Changes the working directory for the duration of the block."""

    def __init__(self, path):
        self.path = path
        self._old_cwd = []

    def __enter__(self):
        import os
        self._old_cwd.append(os.getcwd())
        os.chdir(self.path)

    def __exit__(self, *excinfo):
        import os
        os.chdir(self._old_cwd.pop())
