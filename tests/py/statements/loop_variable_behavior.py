# loop variables: rebinding inside loop, leaking after loop, closures
for i in range(3):
    print("before", i, end=" ")
    i = 100
    print("after", i)
print("final i", i)
funcs = []
for k in range(3):
    funcs.append(lambda: k)
print([f() for f in funcs])
funcs2 = []
for k in range(3):
    funcs2.append(lambda k=k: k)
print([f() for f in funcs2])
total = 0
for total in range(5):
    pass
print("total", total)
nums = [1, 2, 3]
for n in nums:
    n *= 10
print(nums)
for idx in range(len(nums)):
    nums[idx] *= 10
print(nums)
def loop_never_runs():
    for item in []:
        pass
    try:
        return item
    except UnboundLocalError as e:
        return type(e).__name__
print(loop_never_runs())
for a, b in zip("abc", range(10)):
    pass
print(a, b)
for _ in range(3):
    pass
print(_)
