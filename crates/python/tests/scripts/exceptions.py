def risky(n):
    if n == 0:
        raise ValueError("zero is not allowed")
    return 10 / n

for n in [2, 0]:
    try:
        result = risky(n)
    except ValueError as exc:
        print("caught:", exc, repr(exc), exc.args)
    else:
        print("result:", result)
    finally:
        print("finally", n)

try:
    {}["missing"]
except KeyError as e:
    print("KeyError", e, repr(e))

try:
    [1][5]
except (IndexError, TypeError) as e:
    print(type(e).__name__, e)

try:
    undefined_name
except NameError as e:
    print(e)

try:
    None.foo
except AttributeError as e:
    print(e)

try:
    1 + "a"
except TypeError as e:
    print(e)

try:
    int("abc")
except ValueError as e:
    print(e)

class AppError(Exception):
    pass

class NotFound(AppError):
    def __init__(self, what):
        super().__init__(f"{what} not found")
        self.what = what

try:
    raise NotFound("user")
except AppError as e:
    print(type(e).__name__, e, e.what, isinstance(e, Exception), e.args)

try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print(e, repr(e.__cause__))

def cleanup():
    try:
        return "from try"
    finally:
        print("cleanup runs")

print(cleanup())

class Resource:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return exc_type is KeyError

with Resource("a") as r, Resource("b"):
    print("inside", r.name)

with Resource("c"):
    raise KeyError("suppressed")
print("after suppressed")

try:
    with Resource("d"):
        raise ValueError("propagates")
except ValueError as e:
    print("outer caught", e)

print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError), str(Exception()), repr(Exception("a", 1)))
try:
    raise Exception("a", 1)
except Exception as e:
    print(e)
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("assert:", e)
