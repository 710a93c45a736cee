# Plain-Python model classes next to the ORM: ABCs, dunder protocols, MRO mixins, slots.
from abc import ABC, abstractmethod


class Repository(ABC):
    @abstractmethod
    def get(self, key): ...

    @abstractmethod
    def add(self, item): ...

    def get_or_add(self, key, factory):
        item = self.get(key)
        if item is None:
            item = factory()
            self.add(item)
        return item


class InMemoryRepository(Repository):
    def __init__(self):
        self._items = {}

    def get(self, key):
        return self._items.get(key)

    def add(self, item):
        self._items[item.id] = item

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items.values())

    def __contains__(self, key):
        return key in self._items

    def __getitem__(self, key):
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no item with id {key}") from None


try:
    Repository()
except TypeError as exc:
    print("TypeError:", exc)


class TimestampMixin:
    def touch(self):
        self.updated = "now"
        return super().touch() if hasattr(super(), "touch") else None

    def describe(self):
        return "timestamped " + super().describe()


class SerializeMixin:
    def to_dict(self):
        return {k: v for k, v in vars(self).items() if not k.startswith("_")}

    def describe(self):
        return "serializable " + super().describe()


class Base:
    def describe(self):
        return f"{type(self).__name__}#{self.id}"


class User(TimestampMixin, SerializeMixin, Base):
    def __init__(self, id, name):
        self.id = id
        self.name = name
        self._secret = "x"

    def __repr__(self):
        return f"User(id={self.id!r}, name={self.name!r})"

    def __eq__(self, other):
        return isinstance(other, User) and self.id == other.id

    def __hash__(self):
        return hash(self.id)

    def __lt__(self, other):
        return self.name < other.name


print([c.__name__ for c in User.__mro__])
u = User(1, "ann")
print(u.describe(), u.to_dict(), u.touch(), u.to_dict())
repo = InMemoryRepository()
repo.add(u)
repo.add(User(2, "bob"))
print(len(repo), 1 in repo, 3 in repo, list(repo), repo[2], repo.get(3))
print(repo.get_or_add(3, lambda: User(3, "cid")), len(repo))
try:
    repo[9]
except KeyError as exc:
    print("KeyError:", exc)
print(sorted(repo), {User(1, "x"), User(1, "y")}, User(1, "a") == User(1, "b"), u != User(2, "ann"))


class Money:
    __slots__ = ("amount", "currency")

    def __init__(self, amount, currency="USD"):
        self.amount = amount
        self.currency = currency

    def __add__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.amount + other.amount, self.currency)

    def __radd__(self, other):
        return self if other == 0 else NotImplemented

    def __mul__(self, n):
        return Money(self.amount * n, self.currency)

    __rmul__ = __mul__

    def __bool__(self):
        return self.amount != 0

    def __repr__(self):
        return f"Money({self.amount}, {self.currency!r})"

    def __format__(self, spec):
        return f"{self.amount:{spec or '.2f'}} {self.currency}"


m = Money(5)
print(m + Money(7), sum([Money(1), Money(2)]), 3 * m, m * 2, bool(Money(0)), f"{m}", f"{m:>8.1f}")
try:
    m.note = "x"
except AttributeError as exc:
    print("AttributeError:", exc)
try:
    m + 1
except TypeError as exc:
    print("TypeError:", exc)


class Config:
    def __init__(self, **values):
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"config has no {name!r}") from None

    def __setattr__(self, name, value):
        print(f"set {name} = {value!r}")
        self._values[name] = value


cfg = Config(echo=True)
cfg.url = "sqlite://"
print(cfg.echo, cfg.url, getattr(cfg, "pool", "default"), hasattr(cfg, "missing"))


class Temperature:
    def __init__(self, celsius=0.0):
        self.celsius = celsius

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32


t = Temperature(25)
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as exc:
    print("ValueError:", exc)
try:
    t.fahrenheit = 1
except AttributeError as exc:
    print("AttributeError:", exc)

registry = {}


def register(cls):
    registry[cls.__name__.lower()] = cls
    return cls


@register
class Admin(User):
    pass


print(registry, isinstance(Admin(5, "e"), User), issubclass(Admin, Base), Admin.__bases__)


class Paginator:
    def __init__(self, items, size):
        self.items, self.size, self.page = items, size, 0

    def __iter__(self):
        return self

    def __next__(self):
        start = self.page * self.size
        if start >= len(self.items):
            raise StopIteration
        self.page += 1
        return self.items[start:start + self.size]


print(list(Paginator(list(range(7)), 3)))


class Plugin:
    plugins = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.plugins.append(cls.__name__)


class CsvExport(Plugin):
    pass


class JsonExport(Plugin):
    pass


print(Plugin.plugins)
