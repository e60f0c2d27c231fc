"""The Future, wait/as_completed and Executor of concurrent.futures
(ProtoPy; CPython's concurrent.futures._base).

Every Future's state is guarded by its own Condition; waiters of wait() and
as_completed() are notified through it. Errors that CPython reports through
the "concurrent.futures" logger (callbacks that raise, futures in an
unexpected state) are written as its last-resort handler writes them: the
message, then the traceback, on sys.stderr.
"""

import collections
import sys
import threading
import time
import types

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'
_AS_COMPLETED = '_AS_COMPLETED'

PENDING = 'PENDING'
RUNNING = 'RUNNING'
CANCELLED = 'CANCELLED'
CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
FINISHED = 'FINISHED'

# State groups tested on every Future operation (one global load each,
# where a list display would be built per test).
_CANCELLED_STATES = (CANCELLED, CANCELLED_AND_NOTIFIED)
_DONE_STATES = (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED)
_SETTLED_STATES = (CANCELLED_AND_NOTIFIED, FINISHED)
_STARTED_STATES = (RUNNING, FINISHED)

_FUTURE_STATES = [
    PENDING,
    RUNNING,
    CANCELLED,
    CANCELLED_AND_NOTIFIED,
    FINISHED
]

_STATE_TO_DESCRIPTION_MAP = {
    PENDING: "pending",
    RUNNING: "running",
    CANCELLED: "cancelled",
    CANCELLED_AND_NOTIFIED: "cancelled",
    FINISHED: "finished",
}


def _log(level, msg, with_exception=False):
    """Reports msg at level ("ERROR" or "CRITICAL"), with the exception being
    handled if with_exception, as CPython's "concurrent.futures" logger:
    through that logging logger once the program has imported logging
    (which may have configured it), else on sys.stderr as logging's
    last-resort handler would write it (the message, then the traceback)."""
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.getLogger("concurrent.futures").log(
            getattr(logging, level), msg, exc_info=with_exception)
        return
    stderr = sys.stderr
    if stderr is None:
        return
    stderr.write(msg + "\n")
    if with_exception:
        sys.__excepthook__(*sys.exc_info())


class _Logger:
    """The calls CPython's process pool workers make on the
    "concurrent.futures" logger (a failed initializer)."""

    def critical(self, msg, *args, exc_info=False):
        _log("CRITICAL", msg % args if args else msg, bool(exc_info))


LOGGER = _Logger()


class Error(Exception):
    """Base class for all future-related exceptions."""
    pass


class CancelledError(Error):
    """The Future was cancelled."""
    pass


TimeoutError = TimeoutError


class InvalidStateError(Error):
    """The operation is not allowed in this state."""
    pass


class BrokenExecutor(RuntimeError):
    """Raised when a executor has become non-functional after a severe failure."""


class _Waiter:
    """Collects the futures that finish, for wait() and as_completed()."""

    def __init__(self, kind, pending_calls=0, stop_on_exception=False):
        self.event = threading.Event()
        self.lock = threading.Lock()
        self.finished_futures = []
        self.kind = kind
        self.num_pending_calls = pending_calls
        self.stop_on_exception = stop_on_exception

    def _decrement(self):
        self.num_pending_calls -= 1
        if not self.num_pending_calls:
            self.event.set()

    def add_result(self, future):
        with self.lock:
            self.finished_futures.append(future)
            if self.kind == FIRST_COMPLETED or self.kind == _AS_COMPLETED:
                self.event.set()
            else:
                self._decrement()

    def add_exception(self, future):
        with self.lock:
            self.finished_futures.append(future)
            if self.kind == FIRST_COMPLETED or self.kind == _AS_COMPLETED:
                self.event.set()
            elif self.stop_on_exception:
                self.event.set()
            else:
                self._decrement()

    def add_cancelled(self, future):
        with self.lock:
            self.finished_futures.append(future)
            if self.kind == FIRST_COMPLETED or self.kind == _AS_COMPLETED:
                self.event.set()
            else:
                self._decrement()


def _create_and_install_waiters(fs, return_when):
    if return_when == _AS_COMPLETED:
        waiter = _Waiter(_AS_COMPLETED)
    elif return_when == FIRST_COMPLETED:
        waiter = _Waiter(FIRST_COMPLETED)
    else:
        pending_count = sum(
            f._state not in _SETTLED_STATES for f in fs)
        if return_when != FIRST_EXCEPTION and return_when != ALL_COMPLETED:
            raise ValueError("Invalid return condition: %r" % return_when)
        waiter = _Waiter(ALL_COMPLETED, pending_count,
                         return_when == FIRST_EXCEPTION)
    for f in fs:
        f._waiters.append(waiter)
    return waiter


class _AcquireFutures:
    """Holds the conditions of many futures at once (in id order: no deadlock)."""

    def __init__(self, futures):
        self.futures = sorted(futures, key=id)

    def __enter__(self):
        for future in self.futures:
            future._condition.acquire()

    def __exit__(self, *args):
        for future in self.futures:
            future._condition.release()


def _yield_finished_futures(fs, waiter, ref_collect):
    while fs:
        f = fs[-1]
        for futures_set in ref_collect:
            futures_set.remove(f)
        with f._condition:
            f._waiters.remove(waiter)
        del f
        yield fs.pop()


def as_completed(fs, timeout=None):
    """Yields the futures of fs as they complete (finished or cancelled)."""
    if timeout is not None:
        end_time = timeout + time.monotonic()
    fs = set(fs)
    total_futures = len(fs)
    with _AcquireFutures(fs):
        finished = set(
            f for f in fs
            if f._state in _SETTLED_STATES)
        pending = fs - finished
        waiter = _create_and_install_waiters(fs, _AS_COMPLETED)
    finished = list(finished)
    try:
        yield from _yield_finished_futures(finished, waiter, ref_collect=(fs,))
        while pending:
            if timeout is None:
                wait_timeout = None
            else:
                wait_timeout = end_time - time.monotonic()
                if wait_timeout < 0:
                    raise TimeoutError(
                        '%d (of %d) futures unfinished' % (
                            len(pending), total_futures))
            waiter.event.wait(wait_timeout)
            with waiter.lock:
                finished = waiter.finished_futures
                waiter.finished_futures = []
                waiter.event.clear()
            finished.reverse()
            yield from _yield_finished_futures(finished, waiter,
                                               ref_collect=(fs, pending))
    finally:
        for f in fs:
            with f._condition:
                f._waiters.remove(waiter)


DoneAndNotDoneFutures = collections.namedtuple(
        'DoneAndNotDoneFutures', 'done not_done')


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Waits for the futures of fs; returns (done, not_done) sets."""
    fs = set(fs)
    with _AcquireFutures(fs):
        done = {f for f in fs if f._state in _SETTLED_STATES}
        not_done = fs - done
        if (return_when == FIRST_COMPLETED) and done:
            return DoneAndNotDoneFutures(done, not_done)
        elif (return_when == FIRST_EXCEPTION) and done:
            if any(f for f in done
                   if not f.cancelled() and f.exception() is not None):
                return DoneAndNotDoneFutures(done, not_done)
        if len(done) == len(fs):
            return DoneAndNotDoneFutures(done, not_done)
        waiter = _create_and_install_waiters(fs, return_when)
    waiter.event.wait(timeout)
    for f in fs:
        with f._condition:
            f._waiters.remove(waiter)
    done.update(waiter.finished_futures)
    return DoneAndNotDoneFutures(done, fs - done)


class Future:
    """The result of an asynchronous computation."""

    def __init__(self):
        self._condition = threading.Condition()
        self._state = PENDING
        self._result = None
        self._exception = None
        self._waiters = []
        self._done_callbacks = []

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception:
                _log('ERROR', 'exception calling callback for %r' % (self,), True)

    def __repr__(self):
        with self._condition:
            if self._state == FINISHED:
                if self._exception:
                    return '<%s at %#x state=%s raised %s>' % (
                        self.__class__.__name__, id(self),
                        _STATE_TO_DESCRIPTION_MAP[self._state],
                        self._exception.__class__.__name__)
                else:
                    return '<%s at %#x state=%s returned %s>' % (
                        self.__class__.__name__, id(self),
                        _STATE_TO_DESCRIPTION_MAP[self._state],
                        self._result.__class__.__name__)
            return '<%s at %#x state=%s>' % (
                self.__class__.__name__, id(self),
                _STATE_TO_DESCRIPTION_MAP[self._state])

    def cancel(self):
        """Cancels the future if it has not started; returns whether it is cancelled."""
        # RUNNING and FINISHED are never left for a cancellable state, so
        # refusing needs no lock (map() cancels every future it collects).
        if self._state in _STARTED_STATES:
            return False
        with self._condition:
            if self._state in _STARTED_STATES:
                return False
            if self._state in _CANCELLED_STATES:
                return True
            self._state = CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state in _CANCELLED_STATES

    def running(self):
        with self._condition:
            return self._state == RUNNING

    def done(self):
        with self._condition:
            return self._state in _DONE_STATES

    def __get_result(self):
        if self._exception:
            try:
                raise self._exception
            finally:
                self = None
        else:
            return self._result

    def add_done_callback(self, fn):
        """Calls fn(future) when the future is done (at once if it already is)."""
        with self._condition:
            if self._state not in _DONE_STATES:
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception:
            _log('ERROR', 'exception calling callback for %r' % (self,), True)

    def result(self, timeout=None):
        """The call's return value; re-raises its exception; waits up to timeout."""
        try:
            # FINISHED is final, and its result and exception were stored
            # before it (attribute stores publish, reads acquire): a done
            # future answers without the lock.
            if self._state == FINISHED:
                return self.__get_result()
            with self._condition:
                if self._state in _CANCELLED_STATES:
                    raise CancelledError()
                elif self._state == FINISHED:
                    return self.__get_result()
                self._condition.wait(timeout)
                if self._state in _CANCELLED_STATES:
                    raise CancelledError()
                elif self._state == FINISHED:
                    return self.__get_result()
                else:
                    raise TimeoutError()
        finally:
            self = None

    def exception(self, timeout=None):
        """The call's exception (None if it returned); waits up to timeout."""
        with self._condition:
            if self._state in _CANCELLED_STATES:
                raise CancelledError()
            elif self._state == FINISHED:
                return self._exception
            self._condition.wait(timeout)
            if self._state in _CANCELLED_STATES:
                raise CancelledError()
            elif self._state == FINISHED:
                return self._exception
            else:
                raise TimeoutError()

    def set_running_or_notify_cancel(self):
        """For executors: marks the future running, or returns False if cancelled."""
        with self._condition:
            if self._state == CANCELLED:
                self._state = CANCELLED_AND_NOTIFIED
                for waiter in self._waiters:
                    waiter.add_cancelled(self)
                return False
            elif self._state == PENDING:
                self._state = RUNNING
                return True
            else:
                _log('CRITICAL', 'Future %s in unexpected state: %s' % (id(self), self._state))
                raise RuntimeError('Future in unexpected state')

    def set_result(self, result):
        """For executors and tests: sets the result and wakes the waiters."""
        with self._condition:
            if self._state in _DONE_STATES:
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._result = result
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_result(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_exception(self, exception):
        """For executors and tests: sets the exception and wakes the waiters."""
        with self._condition:
            if self._state in _DONE_STATES:
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._exception = exception
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_exception(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    __class_getitem__ = classmethod(types.GenericAlias)


def _result_or_cancel(fut, timeout=None):
    try:
        try:
            return fut.result(timeout)
        finally:
            fut.cancel()
    finally:
        del fut


class Executor:
    """Base class of executors."""

    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        """Like map(fn, *iterables), calls running asynchronously; results in order."""
        if timeout is not None:
            end_time = timeout + time.monotonic()
        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        def result_iterator():
            try:
                fs.reverse()
                while fs:
                    if timeout is None:
                        yield _result_or_cancel(fs.pop())
                    else:
                        yield _result_or_cancel(fs.pop(), end_time - time.monotonic())
            finally:
                for future in fs:
                    future.cancel()
        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False
