"""Execute computations asynchronously using threads (ProtoPy).

As in CPython, the package re-exports the names of its submodules:
_base (Future, wait, as_completed, Executor) and thread
(ThreadPoolExecutor). ProcessPoolExecutor is CPython's
concurrent.futures.process, run unmodified from the standard library: the
package's __path__ reaches that folder, and the name is imported on first
use as in CPython.
"""

from concurrent.futures._base import (FIRST_COMPLETED,
                                      FIRST_EXCEPTION,
                                      ALL_COMPLETED,
                                      CancelledError,
                                      TimeoutError,
                                      InvalidStateError,
                                      BrokenExecutor,
                                      Future,
                                      Executor,
                                      wait,
                                      as_completed)
from concurrent.futures.thread import ThreadPoolExecutor

__all__ = (
    'FIRST_COMPLETED',
    'FIRST_EXCEPTION',
    'ALL_COMPLETED',
    'CancelledError',
    'TimeoutError',
    'BrokenExecutor',
    'Future',
    'Executor',
    'wait',
    'as_completed',
    'ThreadPoolExecutor',
    'ProcessPoolExecutor',
)

import sys as _sys
if _sys._stdlib_dir:
    __path__.append(_sys._stdlib_dir + '/concurrent/futures')
del _sys


def __dir__():
    return __all__ + ('__author__', '__doc__')


def __getattr__(name):
    global ProcessPoolExecutor
    if name == 'ProcessPoolExecutor':
        from .process import ProcessPoolExecutor as pe
        ProcessPoolExecutor = pe
        return pe
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
