"""Runs one CPython regression-test module and records each test id's outcome.

Run BY the interpreter under test (ProtoPy or /usr/bin/python3), one process
per module, started by tests/cpython/run.py:

    INTERPRETER driver.py MODULE RESULTS_FILE [--ignore-file FILE] [--stdlib DIR]

It builds and runs the suite the way CPython 3.11's regrtest does
(test/libregrtest/runtest.py): import test.MODULE, call its test_main() if it
has one, else load it with unittest.TestLoader (which honours the load_tests
protocol, so packages such as test_importlib work) and hand the suite to
test.support.run_unittest, which drops the ids matched by the ignore patterns
(regrtest's --ignore semantics, test.support.set_match_tests). The one change
is test.support._run_suite: it runs the suite with a result class that appends
one JSON object per line to RESULTS_FILE, flushed after every test, so a crash
or a timeout keeps what finished. Record shapes (run.py parses them):

    {"event": "begin", "impl": NAME}
    {"event": "start", "id": ID}                      a test began
    {"id": ID, "outcome": OUTCOME, "reason": TEXT}    a test, or a class/module
        fixture (its id is unittest's "setUpClass (module.Class)"), ended;
        OUTCOME is pass, fail, error, skip, expected_failure or
        unexpected_success; reason: the skip reason or the exception's line
    {"event": "module_skip", "reason": TEXT}         unittest.SkipTest at import
    {"event": "import_error", "reason": TEXT}        import of the module failed
    {"event": "end"}                                 the driver finished

Resources (test.support.use_resources) are none, as in `python -m test`
without -u; support.verbose is off. The driver depends on nothing but the
builtins until it imports unittest, so an interpreter that lacks most of the
standard library still gets its import failure recorded. The JSON is written
by hand (ASCII only) because the json module needs re. Where the builtin open
is missing the records go to the original stderr, each line prefixed with
MARKER, and run.py picks them out of the log.
"""

import sys

MARKER = "@@cpyrunner@@ "

# Outcome precedence when one test reports several (its subtests): the worst wins.
_RANK = {
    "skip": 0,
    "pass": 1,
    "expected_failure": 2,
    "unexpected_success": 3,
    "fail": 4,
    "error": 5,
}


def _json_str(text):
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        elif code > 0xFFFF:
            code -= 0x10000
            out.append("\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
        else:
            out.append("\\u%04x" % code)
    out.append('"')
    return "".join(out)


class Recorder:
    """Appends one JSON object per line; flushes each line."""

    def __init__(self, path):
        self.stream = None
        self.prefix = ""
        try:
            self.stream = open(path, "a", encoding="ascii")
        except NameError:
            # No builtin open: fall back to marked lines on the original stderr.
            self.stream = sys.__stderr__
            self.prefix = MARKER

    def write(self, **fields):
        parts = []
        for key in sorted(fields):
            parts.append(_json_str(key) + ": " + _json_str(str(fields[key])))
        self.stream.write(self.prefix + "{" + ", ".join(parts) + "}\n")
        self.stream.flush()


def _last_line(text, limit=300):
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    line = lines[-1].strip() if lines else ""
    return line[:limit]


def _exc_line(exc_type, exc_value):
    name = getattr(exc_type, "__name__", str(exc_type))
    text = _last_line(exc_value)
    return name + ": " + text if text else name


def make_result_class(unittest, recorder):
    """A TextTestResult that also records each test id's outcome."""

    _SubTest = getattr(unittest.case, "_SubTest", None)

    class JsonResult(unittest.TextTestResult):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._current = None
            self._outcomes = []

        def _owner(self, test):
            if _SubTest is not None and isinstance(test, _SubTest):
                return test.test_case.id()
            return test.id()

        def _note(self, test, outcome, reason=""):
            test_id = self._owner(test)
            if test_id == self._current:
                self._outcomes.append((outcome, reason))
            else:
                # A class or module fixture (unittest's _ErrorHolder), or a
                # report outside startTest/stopTest: its own id.
                recorder.write(id=test_id, outcome=outcome, reason=reason)

        def startTest(self, test):
            self._current = test.id()
            self._outcomes = []
            recorder.write(event="start", id=self._current)
            super().startTest(test)

        def stopTest(self, test):
            super().stopTest(test)
            if self._outcomes:
                outcome, reason = self._outcomes[0]
                for other, why in self._outcomes[1:]:
                    if _RANK[other] > _RANK[outcome]:
                        outcome, reason = other, why
            else:
                outcome, reason = "error", "no outcome reported"
            recorder.write(id=test.id(), outcome=outcome, reason=reason)
            self._current = None
            self._outcomes = []

        def addSuccess(self, test):
            super().addSuccess(test)
            self._note(test, "pass")

        def addFailure(self, test, err):
            super().addFailure(test, err)
            self._note(test, "fail", _exc_line(err[0], err[1]))

        def addError(self, test, err):
            super().addError(test, err)
            self._note(test, "error", _exc_line(err[0], err[1]))

        def addSkip(self, test, reason):
            super().addSkip(test, reason)
            self._note(test, "skip", _last_line(reason))

        def addExpectedFailure(self, test, err):
            super().addExpectedFailure(test, err)
            self._note(test, "expected_failure")

        def addUnexpectedSuccess(self, test):
            super().addUnexpectedSuccess(test)
            self._note(test, "unexpected_success")

        def addSubTest(self, test, subtest, err):
            super().addSubTest(test, subtest, err)
            if err is not None:
                if issubclass(err[0], test.failureException):
                    self._note(test, "fail", _exc_line(err[0], err[1]))
                else:
                    self._note(test, "error", _exc_line(err[0], err[1]))

    return JsonResult


def read_patterns(path):
    """Test-id patterns from an ignore file: the first word of each line."""
    patterns = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                patterns.append(line.split()[0])
    return patterns


def main(argv):
    args = list(argv[1:])
    ignore_file = None
    stdlib = "/usr/lib/python3.11"
    while len(args) > 2 and args[-2] in ("--ignore-file", "--stdlib"):
        if args[-2] == "--ignore-file":
            ignore_file = args[-1]
        else:
            stdlib = args[-1]
        del args[-2:]
    if len(args) != 2:
        sys.stderr.write("usage: driver.py MODULE RESULTS_FILE [--ignore-file F] [--stdlib DIR]\n")
        return 2
    module, results = args

    # This file's folder must not shadow standard modules; CPython's library
    # (which holds the test package) must be importable.
    if sys.path and sys.path[0] and sys.path[0].replace("\\", "/").endswith("tests/cpython"):
        del sys.path[0]
    if stdlib not in sys.path:
        sys.path.append(stdlib)

    recorder = Recorder(results)
    recorder.write(event="begin", impl=sys.implementation.name)

    try:
        import unittest
        from test import support
    except BaseException as exc:
        recorder.write(event="import_error", reason=_exc_line(type(exc), exc))
        return 0

    try:
        support.use_resources = []
        support.verbose = False
        support.record_original_stdout(sys.stdout)
        ignore = read_patterns(ignore_file) if ignore_file else []
        support.set_match_tests(None, ignore)
        result_class = make_result_class(unittest, recorder)

        def run_suite(suite):
            runner = unittest.TextTestRunner(
                stream=sys.stderr, verbosity=0, resultclass=result_class
            )
            return runner.run(suite)

        support._run_suite = run_suite
        sys.modules.pop("test." + module, None)
        __import__("test." + module)
        the_module = sys.modules["test." + module]
    except unittest.SkipTest as exc:
        recorder.write(event="module_skip", reason=_last_line(exc))
        recorder.write(event="end")
        return 0
    except BaseException as exc:
        recorder.write(event="import_error", reason=_exc_line(type(exc), exc))
        return 0

    test_main = getattr(the_module, "test_main", None)
    try:
        if test_main is not None:
            test_main()
        else:
            loader = unittest.TestLoader()
            tests = loader.loadTestsFromModule(the_module)
            for error in loader.errors:
                # Each error is also a _FailedTest in the suite, which records
                # an error under its own id when run; the log keeps the text.
                sys.stderr.write(str(error) + "\n")
            support.run_unittest(tests)
    except unittest.SkipTest as exc:
        recorder.write(event="module_skip", reason=_last_line(exc))
    except BaseException as exc:
        # regrtest reports the module as failed; the ids already recorded stay.
        recorder.write(event="run_error", reason=_exc_line(type(exc), exc))
    recorder.write(event="end")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
