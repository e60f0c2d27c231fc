# Running-loop and current-task bookkeeping: get_running_loop/_get_running_loop/
# _set_running_loop, get_event_loop inside a coroutine, _enter_task/_leave_task
# (and their error messages), current_task in callbacks and tasks, all_tasks,
# nested run_until_complete / asyncio.run errors.
import asyncio
import re
from asyncio import events, tasks


def attempt(label, fn, *args, **kwargs):
    try:
        r = fn(*args, **kwargs)
    except BaseException as e:
        # drop the run_until_complete callback (its stdlib path and line)
        print(label, "->", type(e).__name__, re.sub(r" cb=\[_run_until.*?\]", "", str(e)))
    else:
        print(label, "=", r)


class FakeTask:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<FakeTask {self.name}>"


attempt("get_running_loop()", asyncio.get_running_loop)
attempt("_get_running_loop()", asyncio._get_running_loop)
attempt("current_task()", asyncio.current_task)
print("same function:", asyncio.get_running_loop is events.get_running_loop,
      asyncio._get_running_loop is events._get_running_loop)

loop = asyncio.new_event_loop()
a, b = FakeTask("a"), FakeTask("b")
attempt("current_task(loop) idle", asyncio.current_task, loop)
tasks._enter_task(loop, a)
attempt("current_task(loop)", asyncio.current_task, loop)
attempt("enter b while a", tasks._enter_task, loop, b)
attempt("leave b", tasks._leave_task, loop, b)
tasks._leave_task(loop, a)
attempt("leave a twice", tasks._leave_task, loop, a)
attempt("current_task(loop) after", asyncio.current_task, loop)

# _set_running_loop makes a loop "running" for this thread without running it
events._set_running_loop(loop)
attempt("get_running_loop() is loop", lambda: asyncio.get_running_loop() is loop)
attempt("_get_running_loop() is loop", lambda: asyncio._get_running_loop() is loop)
attempt("get_event_loop() is loop", lambda: asyncio.get_event_loop() is loop)
attempt("current_task()", asyncio.current_task)
attempt("all_tasks()", asyncio.all_tasks)
c = asyncio.sleep(0)
attempt("run_until_complete", loop.run_until_complete, c)
attempt("asyncio.run", asyncio.run, c)
c.close()
events._set_running_loop(None)
attempt("after reset", asyncio.get_running_loop)
marker = object()
events._set_running_loop(marker)
attempt("any object", lambda: asyncio.get_running_loop() is marker)
events._set_running_loop(None)


def in_callback(label):
    print(label, "current_task:", asyncio.current_task(),
          "running:", asyncio.get_running_loop() is loop)


async def child(n):
    me = asyncio.current_task()
    await asyncio.sleep(0)
    return me.get_name(), asyncio.current_task() is me, n


async def main():
    here = asyncio.get_running_loop()
    print("loops agree:", here is loop, asyncio.get_event_loop() is here,
          asyncio._get_running_loop() is here, events.get_event_loop() is here)
    me = asyncio.current_task()
    print("main task:", me.get_name(), me in asyncio.all_tasks(), asyncio.current_task(here) is me)
    here.call_soon(in_callback, "call_soon")
    await asyncio.sleep(0)
    kids = [asyncio.create_task(child(i), name=f"kid{i}") for i in range(3)]
    print("all_tasks:", sorted(t.get_name() for t in asyncio.all_tasks()))
    print(await asyncio.gather(*kids))
    print("all_tasks after:", sorted(t.get_name() for t in asyncio.all_tasks()))
    print("all_tasks(loop):", [t.get_name() for t in asyncio.all_tasks(here)])
    attempt("enter while main runs", tasks._enter_task, here, a)
    c = asyncio.sleep(0)
    attempt("nested run_until_complete", here.run_until_complete, c)
    other = asyncio.new_event_loop()
    attempt("other loop run_until_complete", other.run_until_complete, c)
    c.close()
    other.close()
    done = asyncio.get_running_loop().create_future()
    here.call_soon(in_callback, "before done")
    here.call_soon(done.set_result, None)
    await done
    return asyncio.current_task() is me


print("main:", loop.run_until_complete(main()))
loop.call_soon(lambda: print("plain callback task:", asyncio.current_task()))
loop.run_until_complete(asyncio.sleep(0))
attempt("all_tasks(loop) idle", asyncio.all_tasks, loop)
loop.close()
attempt("get_running_loop() at end", asyncio.get_running_loop)
