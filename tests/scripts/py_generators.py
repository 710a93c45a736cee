def countdown(n):
    print("starting countdown from", n)
    while n > 0:
        yield n
        n -= 1
    print("done")

for x in countdown(3):
    print("got", x)

gen = countdown(2)
print(type(gen).__name__)
print(next(gen))
print(next(gen))
try:
    next(gen)
except StopIteration as e:
    print("StopIteration", repr(e), e.value)

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

from itertools import islice
print(list(islice(fib(), 10)))

def chunks(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]

print(list(chunks(list(range(7)), 3)))
print(sum(x * x for x in range(5)))

def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item

print(list(flatten([1, [2, [3, 4]], 5])))

def with_return():
    yield 1
    return "result"

g = with_return()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("returned", e.value)

def delegator():
    r = yield from with_return()
    print("delegate got", r)
    yield 2

print(list(delegator()))

def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value

acc = accumulator()
print(next(acc))
print(acc.send(10))
print(acc.send(5))
try:
    acc.send(None)
except StopIteration:
    print("accumulator finished")

def guarded():
    try:
        yield "a"
        yield "b"
    finally:
        print("cleanup")

g = guarded()
print(next(g))
g.close()
print("closed")

for v in guarded():
    print(v)
    break
print("after break")

print(any(x > 2 for x in [1, 2, 3, 4]))
print(all(x < 3 for x in [1, 2, 3, 4]))
def noisy(items):
    for i in items:
        print("checking", i)
        yield i
print(any(i == 2 for i in noisy([1, 2, 3])))
print(next((i for i in range(10) if i > 6), None))
print(next(iter([]), "empty"))
squares = (n * n for n in range(4))
print(list(squares), list(squares))
gen = (c.upper() for c in "abc")
print(", ".join(gen))
print(dict((k, len(k)) for k in ["x", "yy"]))
print(sorted(countdown(3)))
print(max(x % 3 for x in range(10)))
print(list(zip(countdown(2), "ab")))
print(list(enumerate(x for x in "hi")))
class Tree:
    def __init__(self, name, children=()):
        self.name = name
        self.children = list(children)
    def __iter__(self):
        yield self.name
        for c in self.children:
            yield from c

t = Tree("root", [Tree("a", [Tree("a1")]), Tree("b")])
print(list(t))
print("a1" in t)
def gen_exc():
    try:
        yield 1
    except ValueError as e:
        print("caught inside", e)
        yield 99
g = gen_exc()
next(g)
print(g.throw(ValueError("bad")))
