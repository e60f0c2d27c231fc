# The global statement in various contexts.
counter = 0

def inc():
    global counter
    counter += 1

for _ in range(3):
    inc()
print(counter)

def create():
    global created_var
    created_var = "new global"
create()
print(created_var)

def read_only():
    return counter * 10
print(read_only())

def global_in_loop():
    global loop_var
    for loop_var in range(4):
        pass
global_in_loop()
print(loop_var)

def global_def():
    global dynamic_func
    def dynamic_func():
        return "defined globally from function"
global_def()
print(dynamic_func())

def global_class():
    global DynClass
    class DynClass:
        tag = "global class"
global_class()
print(DynClass.tag, DynClass.__qualname__)

def global_import():
    global imported_mod
    import functools as imported_mod
global_import()
print(imported_mod.__name__)

class C:
    global class_global
    class_global = "set in class body"
    normal = "class attr"
print(class_global, hasattr(C, "class_global"), C.normal)

def nested():
    def inner():
        global counter
        counter = 1000
    inner()
nested()
print(counter)

def global_shadows_enclosing():
    counter = "enclosing"
    def inner():
        global counter
        return counter
    return inner()
print(global_shadows_enclosing())

def global_with_exec():
    global via_exec
    exec("via_exec = 'from exec'", globals())
global_with_exec()
print(via_exec)

def global_unpack():
    global ga, gb
    ga, gb = "A", "B"
global_unpack()
print(ga, gb)

def global_aug():
    global text
    text = "a"
    text += "b"
    text *= 2
global_aug()
print(text)

def global_del_recreate():
    global temp
    temp = 1
    del temp
    temp = 2
global_del_recreate()
print(temp)
print(sorted(k for k in globals() if k in ("ga", "gb", "temp", "text", "counter")))
