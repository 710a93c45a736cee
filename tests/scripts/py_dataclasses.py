from dataclasses import dataclass, field, asdict
from typing import List, Optional

@dataclass
class Item:
    name: str
    price: float
    qty: int = 1
    tags: List[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return self.price * self.qty

@dataclass(frozen=True)
class Point:
    x: int
    y: int

@dataclass(order=True)
class Version:
    major: int
    minor: int = 0

i = Item("pen", 1.5, 4)
print(i, i.total, i == Item("pen", 1.5, 4, []), asdict(i))
p = Point(1, 2)
print(p, hash(p) == hash(Point(1, 2)), {p})
try:
    p.x = 5
except Exception as e:
    print(type(e).__name__, e)
print(sorted([Version(2, 1), Version(1, 5), Version(2)]), Version(1) < Version(1, 1))
from dataclasses import dataclass, field, fields, astuple, replace, FrozenInstanceError
from typing import ClassVar, Optional

@dataclass
class Base:
    id: int
    kind: ClassVar[str] = "base"

@dataclass
class User(Base):
    name: str
    email: Optional[str] = None
    roles: list = field(default_factory=list, repr=False)
    secret: str = field(default="x", compare=False)

    def __post_init__(self):
        self.name = self.name.title()

u = User(1, "ada lovelace", roles=["admin"])
print(u, u.roles, User.kind, [f.name for f in fields(u)], astuple(u))
print(replace(u, email="a@b.c"), u == User(1, "Ada Lovelace", roles=["admin"], secret="y"))
try:
    User(1)
except TypeError as e:
    print(e)
try:
    User(1, "x", foo=2)
except TypeError as e:
    print(e)
try:
    hash(u)
except TypeError as e:
    print(e)
@dataclass(frozen=True)
class Money:
    amount: int
    currency: str = "EUR"
m = Money(5)
try:
    m.amount = 6
except FrozenInstanceError as e:
    print(repr(e), isinstance(e, AttributeError))
print(m, {m: 1}[Money(5, "EUR")])
