"""Execute computations asynchronously using threads (ProtoPy).

Futures, wait/as_completed and ThreadPoolExecutor, with CPython's API. The
pool's workers are ordinary threading.Thread objects; on ProtoPy they run in
parallel (no global interpreter lock). Every Future's state is guarded by its
own Condition; waiters of wait()/as_completed() are notified through it.
"""

import itertools
import threading
import queue
import time

__all__ = ('FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED',
           'CancelledError', 'TimeoutError', 'InvalidStateError',
           'BrokenExecutor', 'Future', 'Executor', 'wait', 'as_completed',
           'ThreadPoolExecutor')

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

_STATE_TO_DESCRIPTION_MAP = {
    PENDING: "pending",
    RUNNING: "running",
    CANCELLED: "cancelled",
    CANCELLED_AND_NOTIFIED: "cancelled",
    FINISHED: "finished",
}


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


class BrokenThreadPool(BrokenExecutor):
    """Raised when a worker thread in a ThreadPoolExecutor failed initializing."""


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


class DoneAndNotDoneFutures(tuple):
    """wait()'s result: a named 2-tuple (done, not_done)."""

    def __new__(cls, done, not_done):
        return tuple.__new__(cls, (done, not_done))

    @property
    def done(self):
        return self[0]

    @property
    def not_done(self):
        return self[1]

    def __repr__(self):
        return f"DoneAndNotDoneFutures(done={self[0]!r}, not_done={self[1]!r})"


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
                import sys
                print('exception calling callback for %r' % self, file=sys.stderr)

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
            import sys
            print('exception calling callback for %r' % self, file=sys.stderr)

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


# ---------------------------------------------------------------- threads

_threads_queues = {}
_shutdown = False
_global_shutdown_lock = threading.Lock()


def _python_exit():
    global _shutdown
    with _global_shutdown_lock:
        _shutdown = True
    items = list(_threads_queues.items())
    for t, q in items:
        q.put(None)
    for t, q in items:
        t.join()


threading._register_atexit(_python_exit)


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            self = None
        else:
            self.future.set_result(result)


class _MapBatch:
    """What the items of one ThreadPoolExecutor.map call share: the lock
    their states change under, and the item the caller waits for."""

    def __init__(self):
        self.cond = threading.Condition(threading.Lock())
        self.waiting = None


class _MapItem:
    """One call of a ThreadPoolExecutor.map: work item and result in one.

    map() hands its caller only the results, in order, so its calls need
    no Future each (a Condition, callbacks, waiters): an item is queued as
    a work item, runs fn(*args) in a worker, and keeps the outcome for the
    results generator. The states are Future's, changed under the batch's
    lock; FINISHED is final and set after the outcome, so the generator
    reads a finished item without the lock. As `future`, an item answers
    the two calls the executor makes on a queued work item's future
    (shutdown(cancel_futures=True) and a failed initializer).
    """

    def __init__(self, batch, fn, args):
        self.batch = batch
        self.fn = fn
        self.args = args
        self.state = PENDING
        self.result = None
        self.exception = None

    @property
    def future(self):
        return self

    def run(self):
        batch = self.batch
        with batch.cond:
            if self.state != PENDING:
                return
            self.state = RUNNING
        try:
            result = self.fn(*self.args)
        except BaseException as exc:
            self._settle(FINISHED, None, exc)
            self = None
        else:
            self._settle(FINISHED, result, None)

    def _settle(self, state, result, exception):
        batch = self.batch
        with batch.cond:
            self.result = result
            self.exception = exception
            self.state = state
            if batch.waiting is self:
                batch.cond.notify()

    def cancel(self):
        batch = self.batch
        with batch.cond:
            if self.state == PENDING:
                self.state = CANCELLED
                if batch.waiting is self:
                    batch.cond.notify()
            return self.state == CANCELLED

    def set_exception(self, exception):
        self._settle(FINISHED, None, exception)


def _map_results(items, batch, end_time):
    """Yields the items' results in order (their exception raised at its
    turn); cancels the calls not started when it stops early."""
    try:
        items.reverse()
        while items:
            item = items[-1]
            if item.state != FINISHED:
                with batch.cond:
                    while item.state == PENDING or item.state == RUNNING:
                        if end_time is None:
                            timeout = None
                        else:
                            timeout = end_time - time.monotonic()
                            if timeout <= 0:
                                raise TimeoutError()
                        batch.waiting = item
                        batch.cond.wait(timeout)
                    batch.waiting = None
                if item.state == CANCELLED:
                    raise CancelledError()
            items.pop()
            if item.exception is not None:
                try:
                    raise item.exception
                finally:
                    item = None
            yield item.result
    finally:
        for item in items:
            item.cancel()


def _worker(executor, work_queue, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            _log_critical('Exception in initializer:')
            executor._initializer_failed()
            return
    try:
        while True:
            work_item = work_queue.get(block=True)
            if work_item is not None:
                work_item.run()
                del work_item
                executor._idle_semaphore.release()
                continue
            if _shutdown or executor._shutdown:
                executor._shutdown_flag_seen = True
                work_queue.put(None)
                return
    except BaseException:
        _log_critical('Exception in worker')


def _log_critical(msg):
    """Reports msg and the exception being handled on stderr, as CPython's
    executor does through logging's last-resort handler."""
    import sys
    print(msg, file=sys.stderr)
    sys.__excepthook__(*sys.exc_info())


def _cpu_count():
    try:
        from os import cpu_count
    except ImportError:
        from protopy import cpu_count
    return cpu_count()


class ThreadPoolExecutor(Executor):
    """Runs submitted calls on a pool of at most max_workers threads."""

    _counter = itertools.count().__next__

    def __init__(self, max_workers=None, thread_name_prefix='',
                 initializer=None, initargs=()):
        if max_workers is None:
            max_workers = min(32, (_cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = set()
        self._broken = False
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._thread_name_prefix = (thread_name_prefix or
                                    ("ThreadPoolExecutor-%d" % self._counter()))
        self._initializer = initializer
        self._initargs = initargs

    def _check_open(self):
        """Raises if no work may be queued (called under the locks)."""
        if self._broken:
            raise BrokenThreadPool(self._broken)
        if self._shutdown:
            raise RuntimeError('cannot schedule new futures after shutdown')
        if _shutdown:
            raise RuntimeError('cannot schedule new futures after '
                               'interpreter shutdown')

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock, _global_shutdown_lock:
            self._check_open()
            f = Future()
            w = _WorkItem(f, fn, args, kwargs)
            self._work_queue.put(w)
            self._adjust_thread_count()
            return f

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        """Like map(fn, *iterables), calls running asynchronously; results in order."""
        if type(self).submit is not ThreadPoolExecutor.submit:
            # A subclass's submit sees every call, as in CPython.
            return super().map(fn, *iterables, timeout=timeout,
                               chunksize=chunksize)
        end_time = None if timeout is None else timeout + time.monotonic()
        with self._shutdown_lock, _global_shutdown_lock:
            self._check_open()
        batch = _MapBatch()
        items = []
        try:
            for args in zip(*iterables):
                items.append(_MapItem(batch, fn, args))
        finally:
            # Calls collected before the iterables failed still run, as
            # they would have been submitted one by one.
            if items:
                with self._shutdown_lock, _global_shutdown_lock:
                    self._check_open()
                    put = self._work_queue.put
                    for item in items:
                        put(item)
                    self._adjust_thread_count(len(items))
        return _map_results(items, batch, end_time)

    def _adjust_thread_count(self, n=1):
        """Starts a worker for each of n new work items that no idle worker
        will take, up to max_workers (each idle worker's token is used once)."""
        sem = self._idle_semaphore
        with sem._cond:
            idle = min(sem._value, n)
            sem._value -= idle
        n -= idle
        while n > 0 and len(self._threads) < self._max_workers:
            num_threads = len(self._threads)
            thread_name = '%s_%d' % (self._thread_name_prefix or self, num_threads)
            t = threading.Thread(name=thread_name, target=_worker,
                                 args=(self, self._work_queue,
                                       self._initializer, self._initargs))
            t.start()
            self._threads.add(t)
            _threads_queues[t] = self._work_queue
            n -= 1

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = ('A thread initializer failed, the thread pool '
                            'is not usable anymore')
            while True:
                try:
                    work_item = self._work_queue.get_nowait()
                except queue.Empty:
                    break
                if work_item is not None:
                    work_item.future.set_exception(BrokenThreadPool(self._broken))

    def shutdown(self, wait=True, *, cancel_futures=False):
        """Stops accepting work; with wait, joins the workers."""
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        work_item = self._work_queue.get_nowait()
                    except queue.Empty:
                        break
                    if work_item is not None:
                        work_item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in list(self._threads):
                t.join()
