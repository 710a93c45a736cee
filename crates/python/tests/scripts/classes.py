class Animal:
    kingdom = "animalia"
    count = 0

    def __init__(self, name: str, sound: str = "..."):
        self.name = name
        self.sound = sound
        Animal.count += 1

    def speak(self):
        return f"{self.name} says {self.sound}"

    def __repr__(self):
        return f"<{type(self).__name__}(name={self.name!r})>"


class Dog(Animal):
    def __init__(self, name):
        super().__init__(name, "woof")
        self.tricks = []

    def speak(self):
        return super().speak() + "!"

    @property
    def trick_count(self):
        return len(self.tricks)

    @classmethod
    def create(cls, name):
        return cls(name)

    @staticmethod
    def species():
        return "canis"


d = Dog.create("rex")
d.tricks.append("sit")
print(d, d.speak(), d.trick_count, Dog.species(), d.kingdom, Animal.count)
print(isinstance(d, Animal), issubclass(Dog, Animal), type(d).__name__, Dog.__mro__)
print([Animal("cat", "meow"), d])
print(getattr(d, "name"), getattr(d, "missing", None), hasattr(d, "tricks"), hasattr(d, "nope"))
setattr(d, "age", 3)
print(d.age, d.__dict__)


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    def __str__(self):
        return f"({self.x}, {self.y})"

    def __len__(self):
        return 2


p = Point(1, 2) + Point(3, 4)
print(p, str(p), p == Point(4, 6), p != Point(0, 0), len(p), bool(p))
print([str(q) for q in sorted([Point(2, 1), Point(1, 5), Point(1, 2)])])


class Base1:
    def who(self):
        return "Base1"


class Base2:
    def who(self):
        return "Base2"

    def extra(self):
        return "extra2"


class Mixed(Base1, Base2):
    pass


class A:
    def hi(self):
        return "A"


class B(A):
    def hi(self):
        return "B" + super().hi()


class C(A):
    def hi(self):
        return "C" + super().hi()


class D(B, C):
    def hi(self):
        return "D" + super().hi()


print(Mixed().who(), Mixed().extra(), [k.__name__ for k in D.__mro__], D().hi())


class Temperature:
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273:
            raise ValueError("too cold")
        self._c = value


t = Temperature()
t.celsius = 25
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print("error:", e)


class Config:
    debug: bool = False
    name: str
    retries: int = 3


print(Config.__annotations__, Config.debug, Config.retries)


class Plain:
    pass


print(repr(Plain()).startswith("<__main__.Plain object at 0x"), Plain.__name__, Plain.__qualname__)
