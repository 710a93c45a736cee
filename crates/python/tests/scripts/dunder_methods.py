class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return f"Money({self.cents})"
    def __str__(self):
        return f"${self.cents / 100:.2f}"
    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents
    def __lt__(self, other):
        return self.cents < other.cents
    def __add__(self, other):
        return Money(self.cents + other.cents)
    def __hash__(self):
        return hash(self.cents)
    def __bool__(self):
        return self.cents != 0
a, b = Money(150), Money(99)
print(a, repr(a), [a, b], str(a), f"{a}", f"{a!r}", a + b, a == Money(150), a != b, a == 1)
print(sorted([a, b, Money(5)]), min(a, b), b < a, a > b, bool(Money(0)), len({a, Money(150)}))
class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __contains__(self, x):
        return x in self.items
    def __iter__(self):
        return iter(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __call__(self, x):
        return x * 2
bag = Bag(1, 2, 3)
bag[0] = 10
print(len(bag), 2 in bag, 9 in bag, list(bag), bag[0], bag[-1], [x for x in bag], bag(21), bool(Bag()), sum(bag))
class Temp:
    def __init__(self, c):
        self._c = c
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273:
            raise ValueError("too cold")
        self._c = v
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)
    @staticmethod
    def describe():
        return "temperature"
t = Temp(100)
print(t.celsius, t.fahrenheit, Temp.from_f(212).celsius, Temp.describe(), t.describe())
t.celsius = 0
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print(e)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print(e)
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return (self.x, self.y) == (other.x, other.y)
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)
print(Point(1, 2) == Point(1, 2), Point(1, 2) == (1, 2), Point(1, 2) in [Point(1, 2)], [Point(0, "a")])
