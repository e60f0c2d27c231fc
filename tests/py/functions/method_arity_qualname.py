# Argument errors of builtin methods name the type by its qualname, without
# its module ("Decimal.as_tuple()", not "decimal.Decimal.as_tuple()").
import decimal


def t(label, f):
    try:
        f()
        print(label, "no error")
    except TypeError as e:
        print(label, e)


d = decimal.Decimal(1)
t("as_tuple", lambda: d.as_tuple(1))
t("adjusted", lambda: d.adjusted(1))
t("as_tuple kw", lambda: d.as_tuple(x=1))
m = d.as_tuple
t("bound as_tuple", lambda: m(1))
t("context copy", lambda: decimal.getcontext().copy(1) and None)
t("append none", lambda: [].append())
t("append kw", lambda: [].append(x=1))
t("copy", lambda: [].copy(1))
t("upper", lambda: "x".upper(1))
t("keys", lambda: {}.keys(1))
t("pop", lambda: {}.pop())


class MyList(list):
    pass


t("subclass copy", lambda: MyList().copy(1))
t("subclass append", lambda: MyList().append())
