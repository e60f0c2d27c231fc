# NameError and UnboundLocalError messages as str(e) (no suggestions in str).
def attempt(label, fn):
    try:
        fn()
    except NameError as e:
        print(f"{label}: {type(e).__name__}: {e} | name={e.name!r}")

attempt("global", lambda: missing_global_name)
attempt("misspelled builtin", lambda: lenn([]))

def local_case():
    print(later)
    later = 1
attempt("local before assignment", local_case)

def free_case():
    def inner():
        return captured
    inner_result = None
    try:
        inner()
    finally:
        pass
    captured = 1
attempt("free variable", free_case)

def deleted_case():
    gone = 1
    del gone
    return gone
attempt("deleted local", deleted_case)

class Body:
    pass
def class_body_case():
    class K:
        value = undefined_in_class_body
attempt("class body", class_body_case)

attempt("in eval", lambda: eval("not_defined_in_eval"))
attempt("in exec", lambda: exec("y = undefined_in_exec + 1"))
attempt("comprehension", lambda: [zz_unknown for _ in range(1)])

def del_global():
    global never_created_global
    del never_created_global
attempt("del undefined global", del_global)

try:
    del totally_absent
except NameError as e:
    print("module-level del:", e)

e = NameError("manual message")
print(repr(e), e.name)
e2 = NameError("with name", name="thing")
print(e2.name, str(e2))
print(issubclass(UnboundLocalError, NameError), UnboundLocalError.__mro__[1].__name__)
