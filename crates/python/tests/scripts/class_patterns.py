# Class patterns from blog posts next to ORM models: registries, alternate constructors,
# singletons with __new__, iterator protocols, operator overloading, closures.
class Base:
    registry = {}
    def __init_subclass__(cls, key=None, **kw):
        super().__init_subclass__(**kw)
        if key:
            Base.registry[key] = cls
    @classmethod
    def from_dict(cls, d):
        obj = cls.__new__(cls)
        for k, v in d.items():
            setattr(obj, k, v)
        return obj
    def __repr__(self):
        attrs = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{self.__class__.__name__}({attrs})"
class User(Base, key="user"):
    ROLES = ("admin", "user")
    DEFAULT = ROLES[1]
    ALL = [r.upper() for r in ROLES]
    @classmethod
    def create(cls, name):
        obj = super().from_dict({"name": name, "role": cls.DEFAULT})
        return obj
    @staticmethod
    def valid(name):
        return name.isalnum()
print(User.create("ann"), User.ALL, Base.registry, User.valid("a b"), User.from_dict({"x": 1}))
class Node:
    def __init__(self, v, nxt=None):
        self.v, self.nxt = v, nxt
    def __iter__(self):
        node = self
        while node:
            yield node.v
            node = node.nxt
    def size(self):
        return sum(1 for _ in self)
    def __reversed__(self):
        return reversed(list(self))
lst = Node(1, Node(2, Node(3)))
print(list(lst), list(reversed(lst)), 2 in lst, max(lst), sorted(lst, reverse=True), dict.fromkeys(lst))
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __getitem__(self, idx):
        r, c = idx
        return self.rows[r][c]
    def __setitem__(self, idx, v):
        r, c = idx
        self.rows[r][c] = v
    def __matmul__(self, o):
        return "matmul"
    def __eq__(self, o):
        if not isinstance(o, Matrix):
            return NotImplemented
        return self.rows == o.rows
m = Matrix([[1, 2], [3, 4]])
m[0, 1] = 9
print(m[0, 1], m @ m, m == Matrix([[1, 9], [3, 4]]), m == 5, m != 5)
class Lazy:
    def __init__(self):
        self._cache = None
    @property
    def value(self):
        if self._cache is None:
            print("load")
            self._cache = 42
        return self._cache
l = Lazy()
print(l.value, l.value)
class Meta(type):
    def __repr__(cls):
        return f"<model {cls.__name__}>"
print(type(User).__name__, isinstance(User, type))
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1, c2 = counter(), counter()
print(c1(), c1(), c2())
fns = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in fns])
class Account:
    interest = 0.02
    def __init__(self, balance):
        self.balance = balance
    def __str__(self):
        return f"Account(balance={self.balance:.2f})"
    def __format__(self, spec):
        return format(self.balance, spec)
    def __lt__(self, other):
        return self.balance < other.balance
    def __add__(self, other):
        return Account(self.balance + (other.balance if isinstance(other, Account) else other))
    __radd__ = __add__
accts = [Account(10), Account(5.5), Account(100)]
print(min(accts), max(accts), sum(accts, Account(0)), f"{accts[0]:>8.2f}", sorted(accts)[0], str(sum(accts)))
class Database:
    _instance = None
    def __new__(cls, *args, **kwargs):
        if cls._instance is None:
            print("creating")
            cls._instance = super().__new__(cls)
        return cls._instance
    def __init__(self, url="sqlite://"):
        self.url = url
a = Database()
b = Database("x")
print(a is b, a.url, type(a).__name__)
class P:
    def __new__(cls, v):
        inst = object.__new__(cls)
        inst.v = v * 2
        return inst
print(P(3).v)
