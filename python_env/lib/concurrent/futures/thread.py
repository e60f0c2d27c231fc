"""ThreadPoolExecutor (ProtoPy; CPython's concurrent.futures.thread).

The pool's workers are ordinary threading.Thread objects; on ProtoPy they
run in parallel (no global interpreter lock).
"""

import itertools
import os
import queue
import threading
import time
import types
import weakref

from concurrent.futures import _base
from concurrent.futures._base import (
    PENDING, RUNNING, CANCELLED, FINISHED, CancelledError, Future, Executor)

# Weak, as CPython's: a finished worker is not kept alive (nor listed in
# threading._dangling) by this table.
_threads_queues = weakref.WeakKeyDictionary()
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

# A fork must not copy the lock held by a pool thread of the parent into a
# child where that thread does not exist: the forking thread holds it
# across the fork, and the child starts with a fresh one (else the child's
# exit, `_python_exit` above, waits for it forever).
if hasattr(os, "register_at_fork"):
    os.register_at_fork(
        before=_global_shutdown_lock.acquire,
        after_in_child=_global_shutdown_lock._at_fork_reinit,
        after_in_parent=_global_shutdown_lock.release,
    )


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

    __class_getitem__ = classmethod(types.GenericAlias)


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
            # No local keeps the item or its result while the generator is
            # suspended: a result the caller drops is freed (as CPython's
            # result_iterator, which holds no reference to it).
            item = None
            yield _pop_result(items)
    finally:
        for item in items:
            item.cancel()


def _pop_result(items):
    """Removes the last of the items and returns its result (raises its
    exception)."""
    item = items.pop()
    if item.exception is not None:
        try:
            raise item.exception
        finally:
            item = None
    return item.result


class BrokenThreadPool(_base.BrokenExecutor):
    """Raised when a worker thread in a ThreadPoolExecutor failed initializing."""


# The generator's name as CPython's map() generator is named (its repr shows
# it).
_map_results.__name__ = 'result_iterator'
_map_results.__qualname__ = 'Executor.map.<locals>.result_iterator'


def _worker(executor_reference, work_queue, initializer, initargs):
    # The executor is held weakly, as in CPython: a worker does not keep an
    # executor the program dropped alive; its weakref callback wakes the
    # workers, which then exit.
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            _log_critical('Exception in initializer:')
            executor = executor_reference()
            if executor is not None:
                executor._initializer_failed()
            return
    try:
        while True:
            work_item = work_queue.get(block=True)
            if work_item is not None:
                work_item.run()
                del work_item
                executor = executor_reference()
                if executor is not None:
                    executor._idle_semaphore.release()
                del executor
                continue
            executor = executor_reference()
            if _shutdown or executor is None or executor._shutdown:
                if executor is not None:
                    executor._shutdown_flag_seen = True
                work_queue.put(None)
                return
            del executor
    except BaseException:
        _log_critical('Exception in worker')


def _log_critical(msg):
    """Reports msg and the exception being handled, as CPython's executor
    does with LOGGER.critical(msg, exc_info=True)."""
    _base._log("CRITICAL", msg, True)


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
            def weakref_cb(_, q=self._work_queue):
                q.put(None)
            t = threading.Thread(name=thread_name, target=_worker,
                                 args=(weakref.ref(self, weakref_cb),
                                       self._work_queue,
                                       self._initializer, self._initargs))
            t.start()
            self._threads.add(t)
            _threads_queues[t] = self._work_queue
            n -= 1

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = ('A thread initializer failed, the thread pool '
                            'is not usable anymore')
            for work_item in self._drain_work_queue():
                work_item.future.set_exception(BrokenThreadPool(self._broken))

    def _drain_work_queue(self):
        """Takes every queued work item off the queue (the None wake-ups
        of the workers are dropped), yielding each one."""
        while True:
            try:
                work_item = self._work_queue.get_nowait()
            except queue.Empty:
                return
            if work_item is not None:
                yield work_item

    def shutdown(self, wait=True, *, cancel_futures=False):
        """Stops accepting work; with wait, joins the workers."""
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                for work_item in self._drain_work_queue():
                    work_item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in list(self._threads):
                t.join()
