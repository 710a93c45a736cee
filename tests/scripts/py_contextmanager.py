from contextlib import contextmanager

@contextmanager
def tag(name):
    print(f"<{name}>")
    yield name.upper()
    print(f"</{name}>")

with tag("h1") as t:
    print("inside", t)

@contextmanager
def session_scope():
    print("begin")
    try:
        yield "session"
        print("commit")
    except Exception as e:
        print("rollback because", repr(e))
        raise
    finally:
        print("close")

with session_scope() as s:
    print("using", s)

try:
    with session_scope() as s:
        raise ValueError("boom")
except ValueError as e:
    print("outer caught", e)

@contextmanager
def suppressing():
    try:
        yield
    except KeyError as e:
        print("suppressed", e)

with suppressing():
    {}["missing"]
print("continued")

class Timer:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", exc_type.__name__ if exc_type else None)
        return False

with Timer() as t, tag("p"):
    print("both")
from contextlib import contextmanager

class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, t, e, tb):
        print("exit", self.name, t.__name__ if t else None)
        return self.suppress

@contextmanager
def both():
    with CM("outer") as a, CM("inner") as b:
        yield a + b

with both() as ab:
    print("body", ab)

def gen():
    with CM("o", suppress=True), CM("i"):
        yield 1
        raise ValueError("x")
    yield "after"

print(list(gen()))
from contextlib import suppress, nullcontext, closing
with suppress(KeyError, IndexError):
    {}["x"]
print("after suppress")
try:
    with suppress(KeyError):
        [][1]
except IndexError as e:
    print("not suppressed:", e)
with nullcontext(5) as v:
    print("null", v)
class Res:
    def close(self):
        print("closed")
with closing(Res()) as r:
    print("using", type(r).__name__)
