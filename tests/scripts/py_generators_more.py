class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def __iter__(self):
        for it in self.items:
            yield it
    def pairs(self):
        it = iter(self.items)
        for a in it:
            b = next(it, None)
            yield a, b

b = Bag(1, 2, 3)
print(list(b), sorted(b, reverse=True), 2 in b, list(b.pairs()), dict(zip(b, b)))
def counter():
    n = 0
    def gen():
        nonlocal n
        while n < 3:
            n += 1
            yield n
    return gen
print(list(counter()()))
def loop_with_finally():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            yield i
        finally:
            print("fin", i)
    else:
        print("no break")
    yield "end"
print(list(loop_with_finally()))
def nested():
    try:
        try:
            yield 1
            raise KeyError("k")
        except KeyError as e:
            yield f"inner {e!r}"
            raise ValueError("v") from e
    except ValueError as e:
        yield f"outer {e!r} cause={e.__cause__!r}"
print(list(nested()))
g = (x * 2 for x in range(3))
print(next(g), list(g), repr(g).startswith("<generator object <genexpr> at"))
def gen_fn():
    yield 1
print(repr(gen_fn()).startswith("<generator object gen_fn at"), gen_fn.__name__)
def bad():
    yield 1
    raise ValueError("inside")
for v in bad():
    print(v)
