import sys
from abc import ABC, abstractmethod
from typing import Generic, TypeVar, Protocol, Iterator, Iterable, Any, Callable, Dict, Union

T = TypeVar("T")

class Repository(ABC, Generic[T]):
    @abstractmethod
    def get(self, id: int) -> T: ...

    @abstractmethod
    def list(self) -> list: ...

    def describe(self) -> str:
        return f"{type(self).__name__} with {len(self.list())} items"

class MemoryRepo(Repository[str]):
    def __init__(self):
        self.data = {1: "a", 2: "b"}
    def get(self, id):
        return self.data[id]
    def list(self):
        return list(self.data.values())

repo = MemoryRepo()
print(repo.get(1), repo.describe(), isinstance(repo, Repository))
try:
    Repository()
except TypeError as e:
    print(e)

class Half(Repository):
    def get(self, id):
        return id
try:
    Half()
except TypeError as e:
    print(e)

print("a", "b", sep="-", end="!\n")
print("to stderr", file=sys.stderr)
sys.stdout.write("written\n")
print(*[1, 2, 3], sep=", ")
def apply(fn: Callable[[int], int], xs: Iterable[int]) -> Iterator[int]:
    for x in xs:
        yield fn(x)
print(list(apply(lambda v: v * 10, [1, 2])))
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __bool__(self):
        return self.cents != 0
    def __len__(self):
        return 3
    def __str__(self):
        return f"${self.cents / 100:.2f}"
    def __repr__(self):
        return f"Money({self.cents})"
    def __format__(self, spec):
        return format(str(self), spec)
print(bool(Money(0)), [Money(150)], str(Money(150)), f"{Money(5):>8}|", "yes" if Money(1) else "no")
vals: Dict[str, Union[int, str]] = {"a": 1}
print(vals, isinstance(3, int))
class Meta(type):
    pass
print(type(repo).__mro__[1].__name__, MemoryRepo.__base__.__name__ if hasattr(MemoryRepo, "__base__") else "")
print(getattr(repo, "data")[2], callable(repo.get), id(repo) == id(repo))
print("{:<6}|{:^6}|{:>6}".format("a", "b", "c"), "{0:.1f}%".format(12.345), "%-6s|" % "x", "%6.2f" % 3.14159)
