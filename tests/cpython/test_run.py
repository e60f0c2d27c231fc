"""Unit tests of run.py's list parsing, record parsing, comparison and scoring.

    /usr/bin/python3 -m unittest discover -s tests/cpython -p 'test_*.py'
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

MR = run.ModuleRun


def rec(**fields):
    return json.dumps(fields) + "\n"


class ParseRecordsTests(unittest.TestCase):
    def test_outcomes_events_and_last_started(self):
        lines = [
            rec(event="begin", impl="protopy"),
            rec(event="start", id="t.A.a"),
            rec(id="t.A.a", outcome="pass", reason=""),
            rec(event="start", id="t.A.b"),
        ]
        events, outcomes, started = run.parse_records(lines)
        self.assertEqual(outcomes, {"t.A.a": ("pass", "")})
        self.assertEqual(started, "t.A.b")
        self.assertEqual([e["event"] for e in events], ["begin"])

    def test_marker_prefix_cut_line_and_noise(self):
        lines = [
            run.MARKER + rec(id="t.x", outcome="skip", reason="no"),
            "test output that is not a record\n",
            '{"id": "t.y", "outc',  # cut short by a kill
            rec(id="t.z", outcome="bogus"),
        ]
        _, outcomes, _ = run.parse_records(lines)
        self.assertEqual(outcomes, {"t.x": ("skip", "no")})

    def test_pid_in_reason_is_replaced(self):
        _, outcomes, _ = run.parse_records([rec(id="t.x", outcome="skip", reason="can't encode '@test_4242_tmp\u00e6'")])
        self.assertEqual(outcomes["t.x"][1], "can't encode '@test_PID_tmp\u00e6'")

    def test_duplicate_id_keeps_worse(self):
        lines = [rec(id="t.x", outcome="pass"), rec(id="t.x", outcome="fail", reason="r"),
                 rec(id="t.x", outcome="skip")]
        _, outcomes, _ = run.parse_records(lines)
        self.assertEqual(outcomes["t.x"], ("fail", "r"))


class StatusTests(unittest.TestCase):
    def ev(self, *names, **reasons):
        return [{"event": n, "reason": reasons.get(n, "")} for n in names]

    def test_ok(self):
        self.assertEqual(run.module_status(self.ev("begin", "end"), 0, False), ("ok", ""))

    def test_import_error_wins(self):
        events = self.ev("begin", "import_error", import_error="ImportError: x")
        self.assertEqual(run.module_status(events, 0, False), ("import_error", "ImportError: x"))

    def test_timeout(self):
        self.assertEqual(run.module_status(self.ev("begin"), None, True)[0], "timeout")

    def test_crash_without_end(self):
        status, reason = run.module_status(self.ev("begin"), 0, False)
        self.assertEqual(status, "crash")
        self.assertIn("no end record", reason)

    def test_crash_by_signal(self):
        status, reason = run.module_status(self.ev("begin"), -6, False)
        self.assertEqual((status, reason), ("crash", "killed by SIGABRT, no end record"))

    def test_nonzero_exit_after_end(self):
        self.assertEqual(run.module_status(self.ev("begin", "end"), 3, False), ("crash", "exit status 3"))

    def test_module_skip_and_run_error(self):
        events = self.ev("begin", "module_skip", "end", module_skip="requires x")
        self.assertEqual(run.module_status(events, 0, False), ("module_skip", "requires x"))
        events = self.ev("begin", "run_error", "end", run_error="E: y")
        self.assertEqual(run.module_status(events, 0, False), ("run_error", "E: y"))


class CompareTests(unittest.TestCase):
    CP = {
        "t.A.pass": ("pass", ""),
        "t.A.xfail": ("expected_failure", ""),
        "t.A.skip": ("skip", "windows only"),
        "t.A.fails": ("fail", ""),
        "t.B.one": ("pass", ""),
        "t.B.two": ("pass", ""),
    }

    def cp(self):
        return MR("test_t", "ok", "", dict(self.CP))

    def test_perfect_match(self):
        row = run.compare(self.cp(), MR("test_t", "ok", "", dict(self.CP)))
        # Denominator: everything CPython passes or skips (not its failure).
        self.assertEqual((row["both"], row["denom"]), (5, 5))
        self.assertEqual((row["strict_both"], row["strict_denom"]), (4, 4))
        self.assertEqual(row["skips_counted"], {"cpython_skips": 1})

    def test_failures_missing_and_extra_ids(self):
        pp = MR("test_t", "ok", "", {
            "t.A.pass": ("fail", "AssertionError"),
            "t.A.xfail": ("unexpected_success", ""),
            "t.A.fails": ("pass", ""),  # passes where CPython fails: not scored
            "t.B.one": ("error", "E"),
            "t.C.new": ("pass", ""),
        })
        row = run.compare(self.cp(), pp)
        self.assertEqual((row["both"], row["denom"]), (0, 5))
        self.assertEqual(row["pp_fail"], 2)
        self.assertEqual(row["pp_error"], 1)
        self.assertEqual(row["pp_only"], 1)

    def test_skip_needs_a_reason(self):
        pp = MR("test_t", "ok", "", {
            "t.A.pass": ("skip", "implementation detail specific to cpython"),
            "t.A.skip": ("skip", "other reason"),
            "t.B.one": ("skip", "No module named '_testcapi'"),
        })
        row = run.compare(self.cp(), pp)
        self.assertEqual(row["both"], 1)  # only the id CPython skips too
        skip_ok = [("cpython_only", "t.A.pass", None, "r"), ("capi", "t.B", None, "r")]
        row = run.compare(self.cp(), pp, skip_ok)
        self.assertEqual(row["both"], 3)
        self.assertEqual(row["skips_counted"], {"cpython_skips": 1, "cpython_only": 1, "capi": 1})
        # Strict leaves skips out on both sides.
        self.assertEqual(row["strict_both"], 0)

    def test_prefix_is_dotted(self):
        skip_ok = [("capi", "t.B.on", None, "r")]
        pp = MR("test_t", "ok", "", {"t.B.one": ("skip", "")})
        self.assertEqual(run.compare(self.cp(), pp, skip_ok)["both"], 0)

    def test_accelerator_needs_passing_twin(self):
        cp = MR("test_h", "ok", "", {"t.C.x": ("pass", ""), "t.C.y": ("pass", ""),
                                     "t.Py.x": ("pass", ""), "t.Py.y": ("pass", "")})
        pp = MR("test_h", "ok", "", {"t.C.x": ("skip", "no _h"), "t.C.y": ("skip", "no _h"),
                                     "t.Py.x": ("pass", ""), "t.Py.y": ("fail", "")})
        skip_ok = [("accelerator", "t.C", "t.Py", "no _h")]
        row = run.compare(cp, pp, skip_ok)
        # t.Py.x passes (1), t.C.x counts through its twin (1); t.C.y's twin fails.
        self.assertEqual((row["both"], row["denom"]), (2, 4))
        self.assertEqual(row["skips_counted"], {"accelerator": 1})

    def test_fatal_statuses_pass_nothing(self):
        for status in run.FATAL:
            pp = MR("test_t", status, "why", {"t.A.pass": ("pass", "")})
            row = run.compare(self.cp(), pp)
            self.assertEqual((row["both"], row["denom"]), (0, 5), status)
            row = run.compare(self.cp(), pp, count_partial=True)
            self.assertEqual(row["both"], 1, status)

    def test_run_error_keeps_finished_ids(self):
        pp = MR("test_t", "run_error", "E", {"t.A.pass": ("pass", "")})
        self.assertEqual(run.compare(self.cp(), pp)["both"], 1)

    def test_module_skip_is_a_skip_of_every_id(self):
        pp = MR("test_t", "module_skip", "No module named '_testcapi'", {})
        row = run.compare(self.cp(), pp)
        self.assertEqual((row["both"], row["pp_skip"]), (1, 6))
        row = run.compare(self.cp(), pp, [("capi", "t", None, "r")])
        self.assertEqual(row["both"], 5)

    def test_ignored_ids_leave_both_sides(self):
        ignored = run.ignore_matcher(["B"])
        row = run.compare(self.cp(), MR("test_t", "ok", "", dict(self.CP)), ignored=ignored)
        self.assertEqual((row["denom"], row["cp_run"], row["pp_run"]), (3, 4, 4))

    def test_totals_and_score(self):
        rows = [run.compare(self.cp(), MR("test_t", "ok", "", dict(self.CP))),
                run.compare(self.cp(), MR("test_t", "crash", "", {}))]
        t = run.totals(rows)
        self.assertEqual((t["both"], t["denom"]), (5, 10))
        self.assertTrue(run.score_lines(rows)[0].startswith("score: 5/10 = 50.00%"))
        table = run.format_table(rows)
        self.assertIn("TOTAL", table.splitlines()[-1])
        self.assertIn("50.0%", table.splitlines()[-1])
        md = run.format_table(rows, markdown=True)
        self.assertTrue(md.startswith("| module |"))


class SuggestTests(unittest.TestCase):
    def test_reasons_map_to_categories(self):
        cp = MR("test_t", "ok", "", {"t.a": ("pass", ""), "t.b": ("pass", ""), "t.c": ("pass", ""),
                                     "t.d": ("pass", ""), "t.e": ("skip", "x")})
        pp = MR("test_t", "ok", "", {
            "t.a": ("skip", "implementation detail specific to cpython"),
            "t.b": ("skip", "No module named '_testcapi'"),
            "t.c": ("skip", "some other reason"),
            "t.d": ("pass", ""),
            "t.e": ("skip", "implementation detail specific to cpython"),  # CPython skips too
        })
        self.assertEqual(run.suggest_skip_ok(cp, pp), [
            "cpython_only t.a  # implementation detail specific to cpython",
            "capi t.b  # No module named '_testcapi'",
        ])

    def test_module_skip(self):
        cp = MR("test_capi", "ok", "", {"t.a": ("pass", "")})
        pp = MR("test_capi", "module_skip", "No module named '_testinternalcapi'", {})
        self.assertEqual(run.suggest_skip_ok(cp, pp),
                         ["capi test.test_capi  # No module named '_testinternalcapi'"])


class MatcherTests(unittest.TestCase):
    def test_full_ids_are_exact(self):
        m = run.ignore_matcher(["t.A.x", "t.B.y"])
        self.assertTrue(m("t.A.x"))
        self.assertFalse(m("t.A.x2"))
        self.assertFalse(m("t.A"))

    def test_wildcards_and_parts(self):
        m = run.ignore_matcher(["ThreadedVSOCK*", "t.C.*"])
        self.assertTrue(m("test.test_socket.ThreadedVSOCKSocketStreamTest.testStream"))
        self.assertTrue(m("t.C.z"))
        self.assertFalse(m("t.D.z"))

    def test_empty(self):
        self.assertFalse(run.ignore_matcher([])("anything"))


class ListFileTests(unittest.TestCase):
    def write(self, text):
        fd, path = tempfile.mkstemp(suffix=".txt")
        with os.fdopen(fd, "w") as f:
            f.write(text)
        self.addCleanup(os.unlink, path)
        return path

    def test_modules_groups_and_timeouts(self):
        path = self.write("# c\n[a]\ntest_x\ntest_y timeout=30\n[b]\ntest_x\ntest_z\n")
        groups, timeouts = run.read_modules(path)
        self.assertEqual(groups, {"a": ["test_x", "test_y"], "b": ["test_x", "test_z"]})
        self.assertEqual(timeouts, {"test_x": None, "test_y": 30, "test_z": None})
        self.assertEqual(run.select_modules(["b", "a"], groups), ["test_x", "test_z", "test_y"])
        self.assertEqual(run.select_modules(["test_q"], groups), ["test_q"])
        with self.assertRaises(run.RunnerError):
            run.select_modules(["nope"], groups)
        with self.assertRaises(run.RunnerError):
            run.read_modules(self.write("test_x\n"))
        with self.assertRaises(run.RunnerError):
            run.read_modules(self.write("[a]\ntest_x bogus=1\n"))

    def test_skip_ok_file(self):
        path = self.write("capi t.A  # needs _testcapi\naccelerator t.C twin=t.P  # no _c\n")
        self.assertEqual(run.read_skip_ok(path), [("capi", "t.A", None, "needs _testcapi"),
                                                  ("accelerator", "t.C", "t.P", "no _c")])
        for bad in ("capi t.A\n", "other t.A  # r\n", "accelerator t.C  # r\n", "capi t.A x=y  # r\n"):
            with self.assertRaises(run.RunnerError, msg=bad):
                run.read_skip_ok(self.write(bad))

    def test_ignore_file_needs_reasons(self):
        self.assertEqual(run.read_ignore(self.write("# head\nt.A.x  # hangs\n")), [("t.A.x", "hangs")])
        with self.assertRaises(run.RunnerError):
            run.read_ignore(self.write("t.A.x\n"))


class BaselineTests(unittest.TestCase):
    def test_round_trip_is_sorted_and_stable(self):
        r = MR("test_t", "ok", "", {"t.b": ("pass", ""), "t.a": ("skip", "why"), "t.c": ("fail", "msg")},
               seconds=1.5)
        lines = run.baseline_lines(r)
        self.assertEqual(json.loads(lines[0]), {"module": "test_t", "status": "ok", "reason": ""})
        self.assertEqual([json.loads(x)["id"] for x in lines[1:]], ["t.a", "t.b", "t.c"])
        self.assertNotIn("reason", json.loads(lines[3]))  # failure text is not stable: left out
        with tempfile.TemporaryDirectory() as d:
            run.write_baseline(r, d)
            back = run.read_baseline("test_t", d)
            self.assertEqual(back.outcomes, {"t.a": ("skip", "why"), "t.b": ("pass", ""), "t.c": ("fail", "")})
            with self.assertRaises(run.RunnerError):
                run.read_baseline("test_missing", d)


class DriverJsonTests(unittest.TestCase):
    def test_hand_written_json_round_trips(self):
        import driver
        for text in ["", "plain", 'q"uote\\back', "nl\n\ttab\x00", "\u00e9\U0001f600", "\udcff lone"]:
            encoded = driver._json_str(text)
            self.assertTrue(encoded.isascii())
            self.assertEqual(json.loads(encoded), text)


class DriverTests(unittest.TestCase):
    """driver.py end to end under this interpreter, on a tiny generated test package."""

    def test_driver_records(self):
        with tempfile.TemporaryDirectory() as d:
            pkg = os.path.join(d, "test")
            os.mkdir(pkg)
            open(os.path.join(pkg, "__init__.py"), "w").close()
            with open(os.path.join(pkg, "test_tiny.py"), "w") as f:
                f.write(
                    "import unittest\n"
                    "class T(unittest.TestCase):\n"
                    "    def test_ok(self): pass\n"
                    "    def test_fail(self): self.assertEqual(1, 2)\n"
                    "    def test_err(self): raise KeyError('k')\n"
                    "    @unittest.skip('because')\n"
                    "    def test_skip(self): pass\n"
                    "    @unittest.expectedFailure\n"
                    "    def test_xf(self): self.fail()\n"
                    "    def test_sub(self):\n"
                    "        for i in range(3):\n"
                    "            with self.subTest(i=i):\n"
                    "                self.assertLess(i, 2)\n"
                    "    def test_ignored(self): pass\n"
                    "class S(unittest.TestCase):\n"
                    "    @classmethod\n"
                    "    def setUpClass(cls): raise RuntimeError('boom')\n"
                    "    def test_never(self): pass\n"
                )
            with open(os.path.join(pkg, "test_broken.py"), "w") as f:
                f.write("import no_such_module_here\n")
            # test.support must come from CPython's library, next to the fake package.
            os.symlink(os.path.join(run.TESTDIR, "support"), os.path.join(pkg, "support"))
            ignore = os.path.join(d, "ignore.txt")
            with open(ignore, "w") as f:
                f.write("test.test_tiny.T.test_ignored  # r\n")
            out = os.path.join(d, "out.jsonl")
            subprocess.run([sys.executable, run.DRIVER, "test_tiny", out, "--ignore-file", ignore,
                            "--stdlib", d], cwd=d, check=True, capture_output=True,
                           env=dict(os.environ, PYTHONPATH=d))
            with open(out) as f:
                events, outcomes, started = run.parse_records(f)
            got = {k: v[0] for k, v in outcomes.items()}
            self.assertEqual(got, {
                "test.test_tiny.T.test_ok": "pass",
                "test.test_tiny.T.test_fail": "fail",
                "test.test_tiny.T.test_err": "error",
                "test.test_tiny.T.test_skip": "skip",
                "test.test_tiny.T.test_xf": "expected_failure",
                "test.test_tiny.T.test_sub": "fail",
                "setUpClass (test.test_tiny.S)": "error",
            })
            self.assertEqual(outcomes["test.test_tiny.T.test_skip"][1], "because")
            self.assertEqual(outcomes["test.test_tiny.T.test_err"][1], "KeyError: 'k'")
            self.assertIsNone(started)
            self.assertEqual(run.module_status(events, 0, False), ("ok", ""))

            out2 = os.path.join(d, "out2.jsonl")
            subprocess.run([sys.executable, run.DRIVER, "test_broken", out2, "--stdlib", d],
                           cwd=d, check=True, capture_output=True, env=dict(os.environ, PYTHONPATH=d))
            with open(out2) as f:
                events, outcomes, _ = run.parse_records(f)
            self.assertEqual(run.module_status(events, 0, False),
                             ("import_error", "ModuleNotFoundError: No module named 'no_such_module_here'"))


if __name__ == "__main__":
    unittest.main()
