def greet(name, greeting="Hello", *, punct="!"):
    return f"{greeting}, {name}{punct}"
print(greet("ed"), greet("ed", "Hi"), greet(name="wendy", punct="?"), greet("x", greeting="Yo"))
def total(*args, **kwargs):
    return args, kwargs
print(total(), total(1, 2), total(a=1), total(1, b=2, c=3))
def combine(a, b=2, *rest, key=None, **extra):
    return a, b, rest, key, extra
print(combine(1), combine(1, 3, 5, 7, key="k", z=0))
args = [1, 2]
kw = {"key": "v"}
print(combine(*args), combine(*args, **kw), combine(*[9], **{"b": 8}), greet(*["ann"], **{"punct": "."}))
def posonly(a, b, /, c):
    return a + b + c
print(posonly(1, 2, 3), posonly(1, 2, c=3))
def append_to(item, target=[]):
    target.append(item)
    return target
print(append_to(1), append_to(2))
def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target
print(safe_append(1), safe_append(2))
square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(4), add(1), add(1, 2), (lambda: "no args")(), sorted([3, -4, 1], key=lambda v: abs(v)), square.__name__)
def apply(fn, *values):
    return [fn(v) for v in values]
print(apply(str.upper, "a", "b"), apply(len, "ab", [1]), list(map(square, range(4))))
def doc():
    """Docstring here."""
    return None
print(doc(), greet.__name__)
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fact(10), fib(15), [fib(i) for i in range(10)])
def kwonly(*, a, b=2):
    return a, b
print(kwonly(a=1), kwonly(b=3, a=4))
for call in [lambda: greet(), lambda: greet("a", "b", "c"), lambda: greet("a", nope=1), lambda: kwonly(1), lambda: kwonly(), lambda: greet("a", name="b"), lambda: posonly(1, b=2, c=3)]:
    try:
        call()
    except TypeError as e:
        print(e)
def outer_fn(a, b):
    pass
try:
    outer_fn()
except TypeError as e:
    print(e)
try:
    outer_fn(1, 2, 3, 4)
except TypeError as e:
    print(e)
def three(a, b, c):
    pass
try:
    three()
except TypeError as e:
    print(e)
