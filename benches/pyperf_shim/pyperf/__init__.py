"""A small stand-in for the `pyperf` module, used by benches/pyperformance.py.

It provides the part of pyperf's API that pyperformance's benchmark scripts
use (Runner with bench_func, bench_time_func, bench_async_func and
bench_command; metadata; argparser; perf_counter; python_implementation), and
runs every benchmark in the current process: no worker processes, so that both
interpreters are measured the same simple way.

For each benchmark the loop count is calibrated by doubling (as pyperf does)
until one value takes at least MIN_TIME seconds; the calibration runs double as
warm-up. Then VALUES values are taken at that loop count. Each value is the
time per inner iteration (elapsed / (loops * inner_loops)). The median is
printed, and when the environment variable PYPERF_SHIM_OUTPUT names a file, one
JSON line per benchmark is appended to it:
    {"name": ..., "median": seconds, "values": [...], "loops": n, "inner_loops": k}

Environment (all optional): PYPERF_SHIM_MIN_TIME (seconds, default 0.1),
PYPERF_SHIM_VALUES (default 3), PYPERF_SHIM_MAX_LOOPS (default 2**20),
PYPERF_SHIM_OUTPUT (file for the JSON lines).

Command-line options that pyperf's Runner accepts (--inherit-environ, --fast,
--rigorous, -p, -n, -l, -w, -o, ...) are accepted and ignored, so the scripts
run unchanged.
"""

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import time

__version__ = "2.10.0+protopy-shim"
VERSION = (2, 10, 0)

perf_counter = time.perf_counter


def python_implementation():
    """The implementation's name in lower case ('cpython', 'protopy', ...)."""
    return sys.implementation.name.lower()


def python_has_jit():
    return False


def _env_float(name, default):
    text = os.environ.get(name)
    return float(text) if text else default


def _env_int(name, default):
    text = os.environ.get(name)
    return int(text) if text else default


def _format_seconds(seconds):
    for unit, scale in (("sec", 1.0), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return "%.3g %s" % (seconds / scale, unit)
    return "%.3g ns" % (seconds / 1e-9)


def _build_argparser():
    parser = argparse.ArgumentParser(description="Benchmark (pyperf shim)")
    # Options of pyperf's Runner: accepted so that scripts and command lines
    # written for pyperf work; their values are not used.
    for flag in ("--rigorous", "--fast", "--debug-single-value", "--quiet", "--verbose",
                 "--append", "--worker", "--calibrate-loops", "--recalibrate-loops",
                 "--calibrate-warmups", "--recalibrate-warmups", "--no-locale", "--track-memory",
                 "--tracemalloc", "--copy-env", "--affinity-is-set", "--timeout-is-set"):
        parser.add_argument(flag, action="store_true")
    for option in ("-p", "--processes", "-n", "--values", "-l", "--loops", "-w", "--warmups",
                   "--min-time", "--max-time", "-o", "--output", "--inherit-environ",
                   "--affinity", "--pipe", "--worker-task", "--python", "--compare-to",
                   "--python-names", "--profile", "--hook", "--timeout", "--bench"):
        parser.add_argument(option, action="append" if option == "--hook" else "store")
    parser.add_argument("-v", dest="v_flag", action="store_true")
    parser.add_argument("-q", dest="q_flag", action="store_true")
    return parser


class Runner:
    """Runs benchmarks in this process and reports their median time per loop."""

    def __init__(self, values=None, processes=None, loops=0, min_time=0.1, metadata=None,
                 show_name=True, program_args=None, add_cmdline_args=None, _argparser=None,
                 warmups=1):
        self.metadata = dict(metadata or {})
        self.argparser = _argparser if _argparser is not None else _build_argparser()
        self.args = None
        self._show_name = show_name
        # The script's own settings are ignored on purpose: the runner decides
        # how long to measure, the same way for both interpreters.
        self._min_time = _env_float("PYPERF_SHIM_MIN_TIME", 0.1)
        self._values = max(1, _env_int("PYPERF_SHIM_VALUES", 3))
        self._max_loops = max(1, _env_int("PYPERF_SHIM_MAX_LOOPS", 2 ** 20))
        self._output = os.environ.get("PYPERF_SHIM_OUTPUT") or None
        self._names = set()

    def parse_args(self, args=None):
        if self.args is None:
            self.args = self.argparser.parse_args(args)
        return self.args

    # ---------------------------------------------------------------- measuring

    def _measure(self, name, time_func, inner_loops):
        """time_func(loops) -> elapsed seconds for `loops` loops."""
        self.parse_args()
        if name in self._names:
            raise ValueError("duplicated benchmark name: %r" % (name,))
        self._names.add(name)
        inner = inner_loops if inner_loops else 1
        loops = 1
        calibration = []
        while True:
            elapsed = time_func(loops)
            calibration.append(elapsed)
            if elapsed >= self._min_time or loops >= self._max_loops:
                break
            loops *= 2
        values = []
        for _ in range(self._values):
            elapsed = time_func(loops)
            values.append(elapsed / (loops * inner))
        median = statistics.median(values)
        if self._show_name:
            print("%s: Median %s (%d values, %d loops)"
                  % (name, _format_seconds(median), len(values), loops))
        else:
            print("Median %s" % _format_seconds(median))
        sys.stdout.flush()
        if self._output:
            record = {"name": name, "median": median, "values": values, "loops": loops,
                      "inner_loops": inner}
            with open(self._output, "a") as fh:
                fh.write(json.dumps(record) + "\n")
        return median

    def bench_time_func(self, name, time_func, *args, inner_loops=None, metadata=None):
        """Benchmark time_func(loops, *args), which returns the elapsed seconds."""
        return self._measure(name, lambda loops: time_func(loops, *args), inner_loops)

    def bench_func(self, name, func, *args, inner_loops=None, metadata=None):
        """Benchmark func(*args)."""

        def time_func(loops):
            local_func = func
            range_it = range(loops)
            t0 = perf_counter()
            for _ in range_it:
                local_func(*args)
            return perf_counter() - t0

        return self._measure(name, time_func, inner_loops)

    def bench_async_func(self, name, func, *args, inner_loops=None, metadata=None,
                         loop_factory=None):
        """Benchmark `await func(*args)`, each value in a new event loop."""
        import asyncio

        if args:
            func = functools.partial(func, *args)

        def time_func(loops):
            async def main():
                local_func = func
                range_it = range(loops)
                t0 = perf_counter()
                for _ in range_it:
                    await local_func()
                return perf_counter() - t0

            loop = loop_factory() if loop_factory is not None else asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                return loop.run_until_complete(main())
            finally:
                asyncio.set_event_loop(None)
                loop.close()

        return self._measure(name, time_func, inner_loops)

    def bench_command(self, name, command):
        """Benchmark running `command` (a list) as a child process to its end."""

        def time_func(loops):
            t0 = perf_counter()
            for _ in range(loops):
                proc = subprocess.run(command, stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL)
                if proc.returncode:
                    raise RuntimeError("%s failed with exit code %d"
                                       % (" ".join(command), proc.returncode))
            return perf_counter() - t0

        return self._measure(name, time_func, None)
