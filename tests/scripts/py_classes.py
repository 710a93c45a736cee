class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"
    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

p = Point(1, 2)
print(p, p + Point(3, 4), p == Point(1, 2), p != Point(2, 1), p == 3)
print({p, Point(1, 2)})
print(sorted([Point(3, 1), Point(1, 5), Point(1, 2)]))

class Account:
    interest = 0.02
    count = 0
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        Account.count += 1
    @property
    def balance(self):
        return self._balance
    @balance.setter
    def balance(self, value):
        if value < 0:
            raise ValueError("balance cannot be negative")
        self._balance = value
    @classmethod
    def from_string(cls, s):
        owner, bal = s.split(":")
        return cls(owner, int(bal))
    @staticmethod
    def validate(name):
        return name.isalpha()
    def __str__(self):
        return f"{self.owner}: {self._balance:,.2f}"
    def __repr__(self):
        return f"<Account owner={self.owner!r} balance={self._balance}>"

class Savings(Account):
    interest = 0.05
    def __init__(self, owner, balance=0, limit=100):
        super().__init__(owner, balance)
        self.limit = limit
    def __repr__(self):
        return "Savings" + super().__repr__()

a = Account.from_string("alice:1500")
s = Savings("bob", 20)
print(a, repr(a), s, repr(s))
print(Account.count, Savings.interest, a.interest, Account.validate("bob1"))
a.balance = 10
print(a.balance)
try:
    a.balance = -5
except ValueError as e:
    print("error:", e)
print(isinstance(s, Account), issubclass(Savings, Account), type(s).__name__, Savings.__mro__)
print([c.__name__ for c in Savings.__mro__])
print(Savings.__bases__, Savings.__name__, Savings.__qualname__)
print(hasattr(a, "owner"), getattr(a, "missing", "default"), vars(s))
print(str(a), format(3.14159, ".2f"), a.__class__.__name__, a.__dict__)
class Base:
    def greet(self):
        return "base"
class Mixin:
    def greet(self):
        return "mixin+" + super().greet()
class Child(Mixin, Base):
    pass
print(Child().greet(), [k.__name__ for k in Child.mro()])
