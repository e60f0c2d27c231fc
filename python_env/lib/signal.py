"""The `signal` module: the native `_signal` module with its constants as
IntEnum members, as CPython 3.11 has them: `Signals` (SIGINT, ...) and
`Handlers` (SIG_DFL, SIG_IGN).  `signal()`, `getsignal()` and
`valid_signals()` hand back enum members where a value has one."""

import _signal
from _signal import *
from enum import IntEnum as _IntEnum

_IntEnum._convert_(
    'Signals', __name__,
    lambda name: name.isupper() and name.startswith('SIG') and not name.startswith('SIG_'))

_IntEnum._convert_(
    'Handlers', __name__,
    lambda name: name in ('SIG_DFL', 'SIG_IGN'))


def _int_to_enum(value, enum_klass):
    """The member of `enum_klass` for `value` (an int), else `value`."""
    try:
        return enum_klass(value)
    except ValueError:
        return value


def _enum_to_int(value):
    """`value` as a plain int where it is one (members included)."""
    try:
        return int(value)
    except (ValueError, TypeError):
        return value


def signal(signalnum, handler):
    """Sets the handler for `signalnum`; returns the previous one."""
    handler = _signal.signal(_enum_to_int(signalnum), _enum_to_int(handler))
    return _int_to_enum(handler, Handlers)


def getsignal(signalnum):
    """The current handler for `signalnum`."""
    handler = _signal.getsignal(signalnum)
    return _int_to_enum(handler, Handlers)


def valid_signals():
    """The set of signal numbers valid on this platform, as `Signals`."""
    return {_int_to_enum(x, Signals) for x in _signal.valid_signals()}

