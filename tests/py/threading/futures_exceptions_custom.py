# Exceptions raised in pool workers reach the caller with their type, args and attributes.
from concurrent.futures import ThreadPoolExecutor, as_completed

class JobError(Exception):
    def __init__(self, job, reason):
        super().__init__(f"job {job}: {reason}")
        self.job = job
        self.reason = reason

def run(job):
    if job % 3 == 0:
        raise JobError(job, "divisible by three")
    if job == 4:
        return 1 // 0
    return job

with ThreadPoolExecutor(max_workers=3) as ex:
    futs = [ex.submit(run, j) for j in range(8)]
    report = []
    for f in as_completed(futs):
        try:
            report.append(("ok", f.result()))
        except JobError as e:
            report.append(("JobError", e.job, e.reason, str(e)))
        except ZeroDivisionError as e:
            report.append(("ZeroDivisionError", str(e)))
    for r in sorted(report, key=repr):
        print(r)

    # the exception keeps a traceback that mentions the worker function
    exc = futs[0].exception()
    tb = exc.__traceback__
    names = []
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print("raised in run:", "run" in names)

    # exceptions raised by a nested submit come back through both futures
    def outer():
        return ex.submit(run, 3).result()
    try:
        ex.submit(outer).result()
    except JobError as e:
        print("nested:", e)

    # BaseException subclasses other than Exception are carried too
    class Stop(BaseException):
        pass
    def stopper():
        raise Stop("halt")
    try:
        ex.submit(stopper).result()
    except Stop as e:
        print("BaseException carried:", repr(e))
