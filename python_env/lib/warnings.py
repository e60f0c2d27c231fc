"""Python part of the warnings subsystem (CPython 3.11 behaviour).

ProtoPy has no `re` module: the `message` and `module` fields that
`filterwarnings` compiles are matched by `_Pattern`, a small backtracking
matcher for the common regular-expression subset (literals, `.`, classes,
`\\d \\w \\s` and their negations, anchors `^ $ \\A \\Z`, groups `(...)` and
`(?:...)`, `|`, greedy and lazy `* + ? {m,n}`).  A pattern that uses
anything else raises NotImplementedError when it is compiled, instead of
matching differently from CPython.
"""

import sys

__all__ = ["warn", "warn_explicit", "showwarning",
           "formatwarning", "filterwarnings", "simplefilter",
           "resetwarnings", "catch_warnings"]


# ---------------------------------------------------------------- patterns

_IGNORECASE = 2
_UNSUPPORTED = "warnings: regular expression feature not supported by ProtoPy: "


class _PatternError(Exception):
    pass


def _class_test(items, negate, icase):
    # items: list of (lo, hi) code point ranges, or ("cat", letter).
    def test(ch):
        cands = (ch, ch.lower(), ch.upper()) if icase else (ch,)
        hit = False
        for c in cands:
            for it in items:
                if it[0] == "cat":
                    if _cat(it[1], c):
                        hit = True
                elif it[0] <= c <= it[1]:
                    hit = True
            if hit:
                break
        return hit != negate
    return test


def _cat(letter, c):
    if letter == "d":
        return c.isdecimal()
    if letter == "D":
        return not c.isdecimal()
    if letter == "w":
        return c.isalnum() or c == "_"
    if letter == "W":
        return not (c.isalnum() or c == "_")
    if letter == "s":
        return c in " \t\n\r\f\v" or c.isspace()
    if letter == "S":
        return not (c in " \t\n\r\f\v" or c.isspace())
    return False


_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


class _Parser:
    # Node forms:
    #   ("char", test)                one character satisfying test
    #   ("seq", [nodes])
    #   ("alt", [nodes])
    #   ("rep", node, lo, hi, greedy)  hi None = unbounded
    #   ("group", node)
    #   ("bol",) ("eos",) ("eol",)     ^ / \Z / $ (end, or before a final \n)
    def __init__(self, pattern, icase):
        self.p = pattern
        self.i = 0
        self.icase = icase

    def fail(self, what):
        raise NotImplementedError(_UNSUPPORTED + what + " in " + repr(self.p))

    def parse(self):
        node = self.alt()
        if self.i < len(self.p):
            if self.p[self.i] == ")":
                raise _PatternError("unbalanced parenthesis")
            self.fail(repr(self.p[self.i]))
        return node

    def alt(self):
        branches = [self.seq()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self.seq())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def seq(self):
        items = []
        p = self.p
        while self.i < len(p) and p[self.i] not in "|)":
            atom = self.atom()
            items.append(self.quant(atom))
        return ("seq", items)

    def quant(self, atom):
        p = self.p
        if self.i >= len(p):
            return atom
        c = p[self.i]
        if c in "*+?":
            self.i += 1
            lo, hi = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        elif c == "{":
            j = p.find("}", self.i)
            body = p[self.i + 1:j] if j > 0 else ""
            parts = body.split(",")
            ok = j > 0 and len(parts) <= 2 and all(x.isdigit() or x == "" for x in parts) \
                and parts[0] != "" or (j > 0 and len(parts) == 2 and parts[0] == ""
                                       and parts[1].isdigit())
            if not ok:
                # Not a quantifier: CPython reads '{' literally.
                return atom
            self.i = j + 1
            lo = int(parts[0]) if parts[0] else 0
            if len(parts) == 1:
                hi = lo
            else:
                hi = int(parts[1]) if parts[1] else None
            if hi is not None and hi < lo:
                raise _PatternError("min repeat greater than max repeat")
        else:
            return atom
        if atom[0] in ("bol", "eos", "eol"):
            raise _PatternError("nothing to repeat")
        greedy = True
        if self.i < len(p) and p[self.i] == "?":
            self.i += 1
            greedy = False
        elif self.i < len(p) and p[self.i] == "+":
            self.fail("possessive quantifier")
        if self.i < len(p) and p[self.i] in "*+?":
            raise _PatternError("multiple repeat")
        return ("rep", atom, lo, hi, greedy)

    def lit(self, ch):
        if self.icase:
            low = ch.lower()
            up = ch.upper()
            return ("char", lambda c: c == ch or c.lower() == low or c.upper() == up)
        return ("char", lambda c: c == ch)

    def atom(self):
        p = self.p
        c = p[self.i]
        self.i += 1
        if c == ".":
            return ("char", lambda x: x != "\n")
        if c == "^":
            return ("bol",)
        if c == "$":
            return ("eol",)
        if c in "*+?":
            raise _PatternError("nothing to repeat")
        if c == "(":
            if p.startswith("?:", self.i):
                self.i += 2
            elif p.startswith("?", self.i):
                self.fail("group extension '(?'")
            node = self.alt()
            if self.i >= len(p) or p[self.i] != ")":
                raise _PatternError("missing ), unterminated subpattern")
            self.i += 1
            return ("group", node)
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape(False)
        return self.lit(c)

    def escape(self, in_class):
        p = self.p
        if self.i >= len(p):
            raise _PatternError("bad escape (end of pattern)")
        c = p[self.i]
        self.i += 1
        if c in "dDwWsS":
            return ("cat", c) if in_class else ("char", lambda x, c=c: _cat(c, x))
        if not in_class and c == "A":
            return ("bol_abs",)
        if not in_class and c == "Z":
            return ("eos",)
        if c in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[c] if in_class else self.lit(_SIMPLE_ESCAPES[c])
        if c.isalnum():
            self.fail("escape \\" + c)
        return c if in_class else self.lit(c)

    def class_char(self):
        p = self.p
        c = p[self.i]
        self.i += 1
        if c == "\\":
            return self.escape(True)
        if c == "[" and self.i < len(p) and p[self.i] in ":=.":
            self.fail("POSIX class")
        return c

    def char_class(self):
        p = self.p
        negate = False
        if self.i < len(p) and p[self.i] == "^":
            negate = True
            self.i += 1
        items = []
        first = True
        while True:
            if self.i >= len(p):
                raise _PatternError("unterminated character set")
            if p[self.i] == "]" and not first:
                self.i += 1
                break
            first = False
            lo = self.class_char()
            if isinstance(lo, tuple):
                items.append(lo)
                continue
            if self.i + 1 < len(p) and p[self.i] == "-" and p[self.i + 1] != "]":
                self.i += 1
                hi = self.class_char()
                if isinstance(hi, tuple):
                    raise _PatternError("bad character range")
                if hi < lo:
                    raise _PatternError("bad character range")
                items.append((lo, hi))
            else:
                items.append((lo, lo))
        return ("char", _class_test(items, negate, self.icase))


def _m(node, s, i, k):
    # Match node at s[i:], then call continuation k(j); returns the end
    # index of the whole match or -1.
    kind = node[0]
    if kind == "char":
        if i < len(s) and node[1](s[i]):
            return k(i + 1)
        return -1
    if kind == "seq":
        items = node[1]

        def step(n, j):
            if n == len(items):
                return k(j)
            return _m(items[n], s, j, lambda e: step(n + 1, e))
        return step(0, i)
    if kind == "alt":
        for b in node[1]:
            r = _m(b, s, i, k)
            if r >= 0:
                return r
        return -1
    if kind == "group":
        return _m(node[1], s, i, k)
    if kind == "bol" or kind == "bol_abs":
        return k(i) if i == 0 else -1
    if kind == "eos":
        return k(i) if i == len(s) else -1
    if kind == "eol":
        if i == len(s) or (i == len(s) - 1 and s[i] == "\n"):
            return k(i)
        return -1
    if kind == "rep":
        sub, lo, hi, greedy = node[1], node[2], node[3], node[4]

        def rep(count, j):
            can_more = hi is None or count < hi
            if count >= lo and not greedy:
                r = k(j)
                if r >= 0:
                    return r
            if can_more:
                # Past the minimum, an empty iteration makes no progress:
                # stop there (this also ends loops like `(a*)*`).
                r = _m(sub, s, j,
                       lambda e: rep(count + 1, e) if e != j or count < lo else -1)
                if r >= 0:
                    return r
            if count >= lo and greedy:
                return k(j)
            return -1
        return rep(0, i)
    raise SystemError("bad pattern node")


class _Match:
    def __init__(self, string, end):
        self.string = string
        self._end = end

    def group(self, n=0):
        if n != 0:
            raise NotImplementedError(_UNSUPPORTED + "match groups")
        return self.string[:self._end]

    def span(self):
        return (0, self._end)

    def start(self):
        return 0

    def end(self):
        return self._end

    def __repr__(self):
        return "<re.Match object; span=(0, %d), match=%r>" % (self._end, self.group())


class _Pattern:
    """A compiled filter pattern: `match` anchors at the start like re."""

    def __init__(self, pattern, flags=0):
        if not isinstance(pattern, str):
            raise TypeError("first argument must be string or compiled pattern")
        self.pattern = pattern
        self.flags = flags | 32  # re.UNICODE is implied for str patterns
        try:
            self._node = _Parser(pattern, flags & _IGNORECASE).parse()
        except _PatternError as e:
            raise NotImplementedError(_UNSUPPORTED + "invalid pattern %r (%s)" % (pattern, e))

    def match(self, string):
        if not isinstance(string, str):
            raise TypeError("expected string or bytes-like object, got '%s'"
                            % type(string).__name__)
        end = _m(self._node, string, 0, lambda j: j)
        return None if end < 0 else _Match(string, end)

    def __eq__(self, other):
        if not isinstance(other, _Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __repr__(self):
        if self.flags & _IGNORECASE:
            return "re.compile(%r, re.IGNORECASE)" % (self.pattern,)
        return "re.compile(%r)" % (self.pattern,)


def _escape(text):
    # re.escape: a backslash before each character special in patterns.
    special = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"
    return "".join("\\" + c if c in special else c for c in text)


def _matches(flt, arg):
    # A None field matches anything; a plain str (the built-in default
    # filters) must be equal; otherwise it is a compiled pattern.
    if flt is None:
        return True
    if type(flt) is str:
        return flt == arg
    return flt.match(arg)


# ---------------------------------------------------------------- showing

def showwarning(message, category, filename, lineno, file=None, line=None):
    """Hook to write a warning to a file; replace if you like."""
    msg = WarningMessage(message, category, filename, lineno, file, line)
    _showwarnmsg_impl(msg)


def formatwarning(message, category, filename, lineno, line=None):
    """Function to format a warning the standard way."""
    msg = WarningMessage(message, category, filename, lineno, None, line)
    return _formatwarnmsg_impl(msg)


def _showwarnmsg_impl(msg):
    file = msg.file
    if file is None:
        file = sys.stderr
        if file is None:
            # sys.stderr is None when run with pythonw.exe:
            # warnings get lost
            return
    text = _formatwarnmsg(msg)
    try:
        file.write(text)
    except OSError:
        pass


def _formatwarnmsg_impl(msg):
    category = msg.category.__name__
    s = "%s:%s: %s: %s\n" % (msg.filename, msg.lineno, category, msg.message)
    if msg.line is None:
        try:
            import linecache
            line = linecache.getline(msg.filename, msg.lineno)
        except Exception:
            line = None
    else:
        line = msg.line
    if line:
        s += "  %s\n" % line.strip()
    return s


# Keep references to check if the functions were replaced.
_showwarning_orig = showwarning


def _showwarnmsg(msg):
    """Hook to write a warning to a file; replace if you like."""
    sw = showwarning
    if sw is not _showwarning_orig:
        if not callable(sw):
            raise TypeError("warnings.showwarning() must be set to a "
                            "function or method")
        sw(msg.message, msg.category, msg.filename, msg.lineno,
           msg.file, msg.line)
        return
    _showwarnmsg_impl(msg)


_formatwarning_orig = formatwarning


def _formatwarnmsg(msg):
    """Function to format a warning the standard way."""
    fw = formatwarning
    if fw is not _formatwarning_orig:
        return fw(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    return _formatwarnmsg_impl(msg)


# ---------------------------------------------------------------- filters

def filterwarnings(action, message="", category=Warning, module="", lineno=0,
                   append=False):
    """Insert an entry into the list of warnings filters (at the front).

    'action' -- one of "error", "ignore", "always", "default", "module",
                or "once"
    'message' -- a regex that the warning message must match
    'category' -- a class that the warning must be a subclass of
    'module' -- a regex that the module name must match
    'lineno' -- an integer line number, 0 matches all warnings
    'append' -- if true, append to the list of filters
    """
    assert action in ("error", "ignore", "always", "default", "module",
                      "once"), "invalid action: %r" % (action,)
    assert isinstance(message, str), "message must be a string"
    assert isinstance(category, type), "category must be a class"
    assert issubclass(category, Warning), "category must be a Warning subclass"
    assert isinstance(module, str), "module must be a string"
    assert isinstance(lineno, int) and lineno >= 0, \
        "lineno must be an int >= 0"
    message = _Pattern(message, _IGNORECASE) if message else None
    module = _Pattern(module) if module else None
    _add_filter(action, message, category, module, lineno, append=append)


def simplefilter(action, category=Warning, lineno=0, append=False):
    """Insert a simple entry into the list of warnings filters (at the front).

    A simple filter matches all modules and messages.
    """
    assert action in ("error", "ignore", "always", "default", "module",
                      "once"), "invalid action: %r" % (action,)
    assert isinstance(lineno, int) and lineno >= 0, \
        "lineno must be an int >= 0"
    _add_filter(action, None, category, None, lineno, append=append)


def _add_filter(*item, append):
    # Remove an equal entry first so that it moves to the front; when
    # appending, an existing entry stays where it is.
    if not append:
        try:
            filters.remove(item)
        except ValueError:
            pass
        filters.insert(0, item)
    elif item not in filters:
        filters.append(item)
    _filters_mutated()


def resetwarnings():
    """Clear the list of warning filters, so that no filters are active."""
    filters[:] = []
    _filters_mutated()


# ---------------------------------------------------------------- -W options

class _OptionError(Exception):
    """A -W option (or PYTHONWARNINGS entry) that cannot be applied."""


def _processoptions(args):
    for arg in args:
        try:
            _setoption(arg)
        except _OptionError as msg:
            print("Invalid -W option ignored:", msg, file=sys.stderr)


def _setoption(arg):
    # action:message:category:module:lineno, each part optional.
    parts = arg.split(":")
    if len(parts) > 5:
        raise _OptionError("too many fields (max 5): %r" % (arg,))
    parts = [p.strip() for p in parts] + [""] * (5 - len(parts))
    action = _getaction(parts[0])
    message = _escape(parts[1]) if parts[1] else ""
    category = _getcategory(parts[2])
    module = _escape(parts[3]) + "\\Z" if parts[3] else ""
    lineno = parts[4]
    if lineno:
        try:
            lineno = int(lineno)
        except (ValueError, OverflowError):
            raise _OptionError("invalid lineno %r" % (lineno,)) from None
        if lineno < 0:
            raise _OptionError("invalid lineno %r" % (lineno,))
    else:
        lineno = 0
    filterwarnings(action, message, category, module, lineno)


def _getaction(action):
    if not action:
        return "default"
    if action == "all":
        return "always"
    for name in ("default", "always", "ignore", "module", "once", "error"):
        if name.startswith(action):
            return name
    raise _OptionError("invalid action: %r" % (action,))


def _getcategory(category):
    if not category:
        return Warning
    if "." in category:
        modname, _, name = category.rpartition(".")
        try:
            owner = __import__(modname, None, None, [name])
        except ImportError:
            raise _OptionError("invalid module name: %r" % (modname,)) from None
    else:
        import builtins as owner
        name = category
    try:
        cat = getattr(owner, name)
    except AttributeError:
        raise _OptionError("unknown warning category: %r" % (category,)) from None
    if not issubclass(cat, Warning):
        raise _OptionError("invalid warning category: %r" % (category,))
    return cat


# ---------------------------------------------------------------- warning

def warn(message, category=None, stacklevel=1, source=None):
    """Issue a warning, or maybe ignore it or raise an exception."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, "
                        "not '{:s}'".format(type(category).__name__))
    if not isinstance(stacklevel, int):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(stacklevel).__name__)
    try:
        frame = sys._getframe(stacklevel if stacklevel > 0 else 1)
    except ValueError:
        globals = sys.__dict__
        filename = "sys"
        lineno = 1
    else:
        globals = frame.f_globals
        filename = frame.f_code.co_filename
        lineno = frame.f_lineno
        del frame
    if "__name__" in globals:
        module = globals["__name__"]
        if module is not None and not isinstance(module, str):
            module = "<string>"
    else:
        module = "<string>"
    registry = globals.get("__warningregistry__")
    if registry is None:
        registry = globals["__warningregistry__"] = {}
    warn_explicit(message, category, filename, lineno, module, registry,
                  globals, source)


def warn_explicit(message, category, filename, lineno,
                  module=None, registry=None, module_globals=None,
                  source=None):
    lineno = int(lineno)
    if module is None:
        module = filename or "<unknown>"
        if module[-3:].lower() == ".py":
            module = module[:-3]
    if registry is None:
        registry = {}
    if registry.get("version", 0) != _filters_version:
        registry.clear()
        registry["version"] = _filters_version
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    key = (text, category, lineno)
    if registry.get(key):
        return
    for item in filters:
        action, msg, cat, mod, ln = item
        if (_matches(msg, text) and issubclass(category, cat)
                and _matches(mod, module) and (ln == 0 or lineno == ln)):
            break
    else:
        action = defaultaction
    if action == "ignore":
        return
    if action == "error":
        raise message
    if action == "once":
        registry[key] = 1
        oncekey = (text, category)
        if onceregistry.get(oncekey):
            return
        onceregistry[oncekey] = 1
    elif action == "always":
        pass
    elif action == "module":
        registry[key] = 1
        altkey = (text, category, 0)
        if registry.get(altkey):
            return
        registry[altkey] = 1
    elif action == "default":
        registry[key] = 1
    else:
        raise RuntimeError(
            "Unrecognized action (%r) in warnings.filters:\n %s" %
            (action, item))
    msg = WarningMessage(message, category, filename, lineno, source=source)
    _showwarnmsg(msg)


class WarningMessage(object):

    _WARNING_DETAILS = ("message", "category", "filename", "lineno", "file",
                        "line", "source")

    def __init__(self, message, category, filename, lineno, file=None,
                 line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, "
                "line : %r}" % (self.message, self._category_name,
                                self.filename, self.lineno, self.line))


class catch_warnings(object):
    """A context manager that copies and restores the warnings filter upon
    exiting the context.

    The 'record' argument specifies whether warnings should be captured by a
    custom implementation of warnings.showwarning() and be appended to a list
    returned by the context manager. Otherwise None is returned by the context
    manager. The objects appended to the list are arguments whose attributes
    mirror the arguments to showwarning().

    The 'module' argument is to specify an alternative module to the module
    named 'warnings' and imported under that name.

    If the 'action' argument is not None, the remaining arguments are passed
    to warnings.simplefilter() as if it were called immediately on entering
    the context.
    """

    def __init__(self, *, record=False, module=None,
                 action=None, category=Warning, lineno=0, append=False):
        self._record = record
        self._module = sys.modules["warnings"] if module is None else module
        self._entered = False
        if action is None:
            self._filter = None
        else:
            self._filter = (action, category, lineno, append)

    def __repr__(self):
        args = []
        if self._record:
            args.append("record=True")
        if self._module is not sys.modules["warnings"]:
            args.append("module=%r" % self._module)
        name = type(self).__name__
        return "%s(%s)" % (name, ", ".join(args))

    def __enter__(self):
        if self._entered:
            raise RuntimeError("Cannot enter %r twice" % self)
        self._entered = True
        self._filters = self._module.filters
        self._module.filters = self._filters[:]
        self._module._filters_mutated()
        self._showwarning = self._module.showwarning
        self._showwarnmsg_impl = self._module._showwarnmsg_impl
        if self._filter is not None:
            simplefilter(*self._filter)
        if self._record:
            log = []
            self._module._showwarnmsg_impl = log.append
            # Reset showwarning() to the default implementation to make sure
            # that _showwarnmsg() calls _showwarnmsg_impl()
            self._module.showwarning = self._module._showwarning_orig
            return log
        else:
            return None

    def __exit__(self, *exc_info):
        if not self._entered:
            raise RuntimeError("Cannot exit %r without entering first" % self)
        self._module.filters = self._filters
        self._module._filters_mutated()
        self._module.showwarning = self._showwarning
        self._module._showwarnmsg_impl = self._showwarnmsg_impl


# ---------------------------------------------------------------- state

# CPython 3.11's default filters (release build): DeprecationWarning is
# shown only for code run as __main__ (the module field is a plain string,
# compared for equality); the others listed are ignored.
filters = [
    ("default", None, DeprecationWarning, "__main__", 0),
    ("ignore", None, DeprecationWarning, None, 0),
    ("ignore", None, PendingDeprecationWarning, None, 0),
    ("ignore", None, ImportWarning, None, 0),
    ("ignore", None, ResourceWarning, None, 0),
]
defaultaction = "default"
onceregistry = {}
_filters_version = 1


def _filters_mutated():
    global _filters_version
    _filters_version += 1


_processoptions(getattr(sys, "warnoptions", ()))

