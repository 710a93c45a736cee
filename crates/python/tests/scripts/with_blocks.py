class Managed:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc, tb is None)
        return self.suppress
with Managed("a") as m:
    print("inside", m.name)
with Managed("outer") as o, Managed("inner") as i:
    print("both", o.name, i.name)
with Managed("s", suppress=True):
    raise ValueError("swallowed")
print("after suppressed")
try:
    with Managed("p"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught", repr(e))
def use():
    with Managed("r"):
        return "returned"
print(use())
for n in range(2):
    with Managed(f"loop{n}"):
        if n == 0:
            continue
        print("body", n)
class Session:
    def __enter__(self):
        return "session-object"
    def __exit__(self, *args):
        print("closing", len(args))
with Session() as s:
    print(s)
with Session():
    pass
