class Animal:
    kingdom = "animalia"
    count = 0
    def __init__(self, name):
        self.name = name
        Animal.count += 1
    def speak(self):
        return f"{self.name} makes {self.sound()}"
    def sound(self):
        return "..."
class Dog(Animal):
    def sound(self):
        return "woof"
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + f" (age {self.age})"
a = Animal("generic")
d = Dog("rex")
p = Puppy("bit", 1)
print(a.speak(), d.speak(), p.speak(), sep=" | ")
print(Animal.count, p.kingdom, Puppy.kingdom, isinstance(p, Animal), isinstance(a, Dog), issubclass(Puppy, Dog))
print([c.__name__ for c in Puppy.__mro__], Puppy.__bases__[0].__name__, type(p).__name__, p.__class__ is Puppy)
d.kingdom = "changed"
print(d.kingdom, Animal.kingdom, Dog.kingdom, vars(p), p.__dict__)
class JsonMixin:
    def to_dict(self):
        return {k: v for k, v in vars(self).items() if not k.startswith("_")}
class ReprMixin:
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in self.to_dict().items())
        return f"{type(self).__name__}({fields})"
class User(ReprMixin, JsonMixin):
    def __init__(self, name, email):
        self.name = name
        self.email = email
        self._secret = 1
u = User("ed", "ed@example.com")
print(u, [u], u.to_dict(), [c.__name__ for c in User.__mro__])
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B" + super().who()
class C(A):
    def who(self):
        return "C" + super().who()
class D(B, C):
    def who(self):
        return "D" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
print(hasattr(d, "name"), hasattr(d, "nope"), getattr(d, "nope", "default"), getattr(Dog, "sound")(d))
setattr(d, "tricks", ["sit"])
print(d.tricks, Dog.__name__, Dog.__qualname__, Dog.__module__, User.to_dict(u))
class Empty:
    pass
e = Empty()
e.x = 1
print(e.x, vars(e), type(Empty).__name__, Empty.__name__)
class Counter:
    instances = []
    def __init__(self):
        Counter.instances.append(self)
        self.n = len(Counter.instances)
Counter()
Counter()
print(len(Counter.instances), [c.n for c in Counter.instances])
