# augmented assignment evaluates the target's container and key only once
calls = []
data = {"a": [1, 2, 3]}
def get_data():
    calls.append("get_data")
    return data
def get_key():
    calls.append("get_key")
    return "a"
def get_index():
    calls.append("get_index")
    return 1
get_data()[get_key()][get_index()] += 100
print(data, calls)
calls.clear()
class Obj:
    def __init__(self):
        self.count = 0
o = Obj()
def get_obj():
    calls.append("get_obj")
    return o
get_obj().count += 1
get_obj().count *= 5
print(o.count, calls)
lst = [0, 0, 0]
i = 0
lst[i] += (i := 2) if False else 1
print(lst)
counter = iter(range(100))
arr = [0] * 5
arr[next(counter)] += 10
arr[next(counter)] += 20
print(arr)
