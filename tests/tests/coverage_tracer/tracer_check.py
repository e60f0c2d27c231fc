# Drives coverage.tracer's CTracer as coverage.py's collector does, and
# prints what it recorded (lines, then packed arcs unpacked), the plug-in
# path (dynamic file names, line ranges, a plug-in that fails), and the
# members' defaults and errors.
import os, sys, threading
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import coverage.tracer as ct
import cov_target

print(ct.CTracer.__name__, ct.CTracer.__module__, ct.CFileDisposition.__name__)
print(os.path.basename(ct.__file__).split(".")[0], type(ct.__spec__.loader).__name__)
t0 = ct.CTracer()
print([getattr(t0, m) for m in ("data", "trace_arcs", "should_trace", "concur_id_func")])
print(t0.activity(), t0.get_stats())
try:
    t0.nonmember = 1
except AttributeError as e:
    print("AttributeError", e)
d0 = ct.CFileDisposition()
print(d0.trace, d0.source_filename)
try:
    t0(1, "call", None)
except TypeError as e:
    print("TypeError", e)

def make_disp(filename, plugin=None):
    d = ct.CFileDisposition()
    d.original_filename = d.canonical_filename = filename
    d.source_filename = filename
    d.trace = os.path.basename(filename) == "cov_target.py"
    d.reason = ""
    d.file_tracer = plugin
    d.has_dynamic_filename = plugin is not None
    return d

def unpack(packed):
    l1, l2 = packed & 0xFFFFF, (packed >> 20) & 0xFFFFF
    return (-l1 if packed & (1 << 40) else l1, -l2 if packed & (1 << 41) else l2)

def run(arcs, plugin=None, threads=False, contexts=False):
    data, cache, tracers, events = {}, {}, {}, []
    disabled = []
    def should_trace(filename, frame):
        return make_disp(filename, plugin)
    def check_include(filename, frame):
        return True
    def disable(disp):
        disabled.append(os.path.basename(disp.source_filename))
        disp.trace = False
    def start_context(frame):
        name = frame.f_code.co_name
        return name if name.startswith("ctx_") else None
    def new_tracer():
        t = ct.CTracer()
        t.data = data
        t.trace_arcs = arcs
        t.should_trace = should_trace
        t.should_trace_cache = cache
        t.warn = print
        t.concur_id_func = None
        t.file_tracers = tracers
        t.check_include = check_include
        t.should_start_context = start_context if contexts else None
        t.switch_context = events.append
        t.disable_plugin = disable
        return t, t.start()
    t, fn = new_tracer()
    assert fn is t and sys.gettrace() is t
    if threads:
        def installer(frame, event, arg):
            sys.settrace(None)
            tt, f = new_tracer()
            return f(frame, event, arg)
        threading.settrace(installer)
        th = threading.Thread(target=cov_target.raiser, args=(1,))
        th.start(); th.join()
        threading.settrace(None)
    cov_target.run()
    t.stop()
    after = sys.gettrace()
    for name, recorded in sorted(data.items()):
        got = sorted(unpack(p) for p in recorded) if arcs else sorted(recorded)
        print(os.path.basename(name), got)
    print("file tracers", sorted((os.path.basename(k), v) for k, v in tracers.items()))
    print("contexts", events, "disabled", disabled, "after stop", after, "activity", t.activity())

class Plugin:
    _coverage_plugin_name = "test.Plugin"
class FileTracer:
    _coverage_plugin = Plugin()
    def __init__(self, fail_at=None):
        self.fail_at = fail_at
    def dynamic_source_filename(self, filename, frame):
        return filename.replace("cov_target.py", "cov_target.tmpl")
    def line_number_range(self, frame):
        if frame.f_lineno == self.fail_at:
            raise RuntimeError("plug-in failed")
        return (frame.f_lineno * 10, frame.f_lineno * 10 + 1)

run(False)
run(True)
run(False, threads=True)
run(True, contexts=True)
run(False, plugin=FileTracer())
saved = sys.stderr
sys.stderr = sys.stdout
run(False, plugin=FileTracer(fail_at=3))
sys.stderr = saved
