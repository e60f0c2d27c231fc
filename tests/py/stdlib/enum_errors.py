# enum: errors raised while defining, extending, modifying and looking up enums.
from enum import Enum, IntEnum, Flag, StrEnum, auto, unique, verify, UNIQUE, CONTINUOUS, NAMED_FLAGS, member, nonmember


def show(label, f):
    try:
        r = f()
        print(label, 'ok', repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


class Color(Enum):
    RED = 1
    GREEN = 2


def reassign():
    Color.RED = 3


def delete():
    del Color.GREEN


def set_name():
    Color.RED.name = 'BLUE'


def set_value():
    Color.RED.value = 9


def extend():
    class More(Color):
        BLUE = 3
    return More


def duplicate_name():
    class Twice(Enum):
        A = 1
        A = 2
    return Twice


def method_then_member():
    class Clash(Enum):
        A = 1

        def A(self):
            return 0
    return Clash


def reserved_sunder():
    class Bad(Enum):
        _secret_ = 1
    return Bad


def late_generate():
    class Late(Enum):
        A = auto()

        def _generate_next_value_(name, start, count, last_values):
            return 0
    return Late


def bad_mixin_order():
    class Wrong(Enum, int):
        A = 1
    return Wrong


def invalid_name():
    class Bad(Enum):
        mro = 1
    return Bad


def wrong_order():
    class Ordered(Enum):
        _order_ = 'B A'
        A = 1
        B = 2
    return Ordered


def not_unique():
    @unique
    class Dup(Enum):
        A = 1
        B = 1
        C = 2
        D = 2
    return Dup


def verify_unique():
    @verify(UNIQUE)
    class Dup(Enum):
        A = 1
        B = 1
    return Dup


def verify_continuous():
    @verify(CONTINUOUS)
    class Gap(IntEnum):
        A = 1
        B = 2
        C = 5
    return Gap


def verify_continuous_ok():
    @verify(CONTINUOUS, UNIQUE)
    class NoGap(IntEnum):
        A = 1
        B = 2
        C = 3
    return list(NoGap)


def verify_named_flags():
    @verify(NAMED_FLAGS)
    class Partial(Flag):
        A = 1
        B = 2
        ABC = 7
    return Partial


def int_bad_value():
    class Bad(IntEnum):
        A = 'not a number'
    return Bad


def flag_bad_value():
    class Bad(Flag):
        A = 'x'
    return Bad


def call_with_names_not_name():
    return Color(1, 2)


def members_and_nonmembers():
    class Mixed(Enum):
        A = 1
        helper = nonmember(10)
        fn = member(len)
    return list(Mixed), Mixed.helper


def base_without_members():
    class Base(Enum):
        def hello(self):
            return 'hi'

    class Child(Base):
        X = 1
    return Child.X.hello(), list(Base), len(Base)


show("reassign member:", reassign)
show("delete member:", delete)
show("set name:", set_name)
show("set value:", set_value)
show("extend:", extend)
show("duplicate name:", duplicate_name)
show("member then method:", method_then_member)
show("reserved sunder:", reserved_sunder)
show("late _generate_next_value_:", late_generate)
show("mixin order:", bad_mixin_order)
show("invalid member name:", invalid_name)
show("wrong _order_:", wrong_order)
show("unique:", not_unique)
show("verify UNIQUE:", verify_unique)
show("verify CONTINUOUS:", verify_continuous)
show("verify ok:", verify_continuous_ok)
show("verify NAMED_FLAGS:", verify_named_flags)
show("IntEnum bad value:", int_bad_value)
show("Flag bad value:", flag_bad_value)
show("call with two args:", call_with_names_not_name)
show("member/nonmember:", members_and_nonmembers)
show("base without members:", base_without_members)
show("lookup by value:", lambda: Color(3))
show("lookup None:", lambda: Color(None))
show("lookup by name:", lambda: Color['BLUE'])
show("attribute:", lambda: Color.BLUE)
show("member in class:", lambda: (Color.RED in Color, Color(2) in Color))
show("compare:", lambda: Color.RED > Color.GREEN)
show("call no args:", lambda: Color())
show("empty enum call:", lambda: Enum('E', '')(1))
show("new attribute ok:", lambda: (setattr(Color, 'extra', 5), Color.extra, list(Color))[1:])
show("instance attribute ok:", lambda: (setattr(Color.RED, 'note', 'x'), Color.RED.note)[1])
show("add int:", lambda: Color.RED + 1)
show("StrEnum non-str auto-ish:", lambda: StrEnum('S', [('A', 5)]))
