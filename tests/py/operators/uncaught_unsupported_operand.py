# An uncaught TypeError from an unsupported operand combination
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        return NotImplemented
    def __repr__(self):
        return f"Money({self.cents})"
total = Money(100) + Money(250)
print(total)
total = total + 5
print(total)
