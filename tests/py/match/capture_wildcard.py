# Capture patterns, wildcard and irrefutable patterns.
def cap(v):
    match v:
        case x:
            return ("captured", x)
print(cap(5), cap("s"), cap(None))

def wild(v):
    match v:
        case _:
            return "anything"
print(wild(1), wild([]))

def binding_survives():
    match [1, 2]:
        case [a, b]:
            pass
    return a + b
print(binding_survives())

def failed_match_partial_bind(v):
    y = "unset"
    match v:
        case [y, 0]:
            return "first"
        case _:
            return "failed, y is " + repr(y)
print(failed_match_partial_bind([1, 0]))
print(failed_match_partial_bind([7, 1]))

def no_case_matches(v):
    result = "default"
    match v:
        case 1:
            result = "one"
        case 2:
            result = "two"
    return result
print(no_case_matches(3), no_case_matches(2))

x = "global before"
match 42:
    case x:
        pass
print(x)

def underscore_not_bound():
    _ = "original underscore"
    match 99:
        case _:
            pass
    return _
print(underscore_not_bound())

def nested_capture(v):
    match v:
        case (a, (b, c)):
            return a, b, c
print(nested_capture((1, (2, 3))), nested_capture([1, [2, 3]]))

def subject_expression():
    items = [3, 4]
    match items[0] * 10, items[1]:
        case (30, y):
            return "tuple subject, y=" + str(y)
print(subject_expression())

def match_is_soft_keyword():
    match = "match is a name"
    case = "case is a name"
    return match + " / " + case
print(match_is_soft_keyword())

def match_call(match):
    match match:
        case {"case": case}:
            return case
print(match_call({"case": "soft keywords everywhere"}))

print([(lambda v: (lambda: v)())(i) for i in range(2)])
