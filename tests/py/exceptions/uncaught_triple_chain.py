# Three linked exceptions mixing cause and context.
def step1():
    raise KeyError("step1 failed")

def step2():
    try:
        step1()
    except KeyError as e:
        raise RuntimeError("step2 failed") from e

def step3():
    try:
        step2()
    except RuntimeError:
        raise ValueError("step3 failed")

print("starting")
step3()
