class Positive:
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.name[1:]} must be positive")
        setattr(obj, self.name, value)

class Product:
    price = Positive()
    qty = Positive()
    def __init__(self, price, qty):
        self.price = price
        self.qty = qty
    def __call__(self, factor):
        return self.price * self.qty * factor

p = Product(3, 4)
print(p.price, p.qty, p(2), isinstance(Product.price, Positive))
try:
    p.qty = -1
except ValueError as e:
    print(e)

class Registry:
    plugins = []
    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        cls.plugin_name = name or cls.__name__.lower()
        Registry.plugins.append(cls)

class CsvExport(Registry, name="csv"):
    pass
class JsonExport(Registry):
    pass
print([c.plugin_name for c in Registry.plugins])

class Base:
    def __repr__(self):
        return "Base:" + super().__repr__().split(" object")[0]
class Frozen(Base):
    def __init__(self, v):
        super().__setattr__("v", v)
    def __setattr__(self, k, v):
        raise AttributeError(f"{type(self).__name__} is frozen")
f = Frozen(3)
print(f.v, repr(f))
try:
    f.v = 4
except AttributeError as e:
    print(e)
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def c(self):
        "The temperature."
        return self._c
    @c.setter
    def c(self, v):
        self._c = v
    @c.deleter
    def c(self):
        print("deleting")
        self._c = None
t = Temp()
t.c = 5
print(t.c)
del t.c
print(t.c)
class RO:
    x = property(lambda self: 1)
try:
    del RO().x
except AttributeError as e:
    print(e)
try:
    RO().x = 3
except AttributeError as e:
    print(e)
