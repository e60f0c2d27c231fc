# Setting f_lineno checks the kinds of the values on the stack at both
# ends: a jump into an `async for` body is refused as a jump into a for
# loop's body (its iterator stays below each awaited step), and a jump out
# of a call's arguments to where an operator expects two objects is refused
# (the method slot may hold NULL). Jumps between compatible places still
# move the frame.
import asyncio
import sys

class Countdown:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        self.n -= 1
        if self.n < 0:
            raise StopAsyncIteration
        return self.n

def run(func, from_line, to_line, is_async=False, arg=None):
    base = func.__code__.co_firstlineno
    out = []
    done = []
    def tracer(frame, event, a):
        if frame.f_code is not func.__code__:
            return None
        if event == "line" and frame.f_lineno == base + from_line and not done:
            done.append(1)
            try:
                frame.f_lineno = base + to_line
                out.append("jumped")
            except ValueError as e:
                out.append("ValueError: " + str(e))
        return tracer
    sys.settrace(tracer)
    try:
        if is_async:
            asyncio.run(func(out))
        else:
            func(out)
    except Exception as e:
        out.append("raised " + type(e).__name__)
    finally:
        sys.settrace(None)
    print(func.__name__, from_line, "->", to_line, out)

async def into_async_for_forwards(out):
    out.append(1)
    async for i in Countdown(2):
        out.append(3)
    out.append(4)

async def into_async_for_backwards(out):
    async for i in Countdown(2):
        out.append(2)
    out.append(3)

async def within_async_for(out):
    async for i in Countdown(2):
        out.append(2)
        out.append(3)
    out.append(4)

async def out_of_async_for(out):
    async for i in Countdown(3):
        out.append(2)
    out.append(3)

def from_call_args(out):
    a = 1
    list.append(
        out, 4
    )
    out.append(6)
    (
        (
            a
            +
            10
        )
        +
        14
    )
    out.append(16)

def method_call_lines(out):
    out.append(
        2)
    out.append(3)
    x = [1, 2].index(
        2)
    out.append(x)

def into_for(out):
    out.append(1)
    for i in 1, 2:
        out.append(3)
    out.append(4)

run(into_async_for_forwards, 1, 3, True)
run(into_async_for_backwards, 3, 2, True)
run(within_async_for, 3, 2, True)
run(out_of_async_for, 2, 3, True)
run(from_call_args, 3, 7)
run(from_call_args, 4, 9)
run(from_call_args, 2, 6)
run(method_call_lines, 2, 3)
run(method_call_lines, 3, 5)
run(into_for, 1, 3)
