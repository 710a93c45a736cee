# Decorators and functools helpers that blog posts wrap around session code.
import functools
from functools import lru_cache, partial, reduce, total_ordering, wraps, cached_property
import operator

calls = []


def log_calls(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        calls.append(func.__name__)
        print(f"-> {func.__name__}({', '.join(map(repr, args))}{', ' if args and kwargs else ''}{', '.join(f'{k}={v!r}' for k, v in kwargs.items())})")
        result = func(*args, **kwargs)
        print(f"<- {func.__name__} returned {result!r}")
        return result
    return wrapper


def retry(times=3, exceptions=(ValueError,)):
    def decorator(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return func(*args, **kwargs)
                except exceptions as exc:
                    print(f"attempt {attempt} failed: {exc}")
            raise RuntimeError(f"{func.__name__} failed after {times} attempts")
        return wrapper
    return decorator


@log_calls
def add_user(name, *, admin=False):
    """Create a user."""
    return {"name": name, "admin": admin}


add_user("ann")
add_user("bob", admin=True)
print(add_user.__name__, add_user.__doc__, calls)

attempts = iter([ValueError("locked"), ValueError("busy"), "ok"])


@retry(times=3)
def flaky():
    result = next(attempts)
    if isinstance(result, Exception):
        raise result
    return result


print(flaky())


@retry(times=2)
def always_fails():
    raise ValueError("nope")


try:
    always_fails()
except RuntimeError as exc:
    print(exc)


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), [fib(i) for i in range(10)])

power = lambda base, exp: base ** exp
square = partial(power, exp=2)
cube = partial(power, exp=3)
print(square(7), cube(3), list(map(square, range(5))))
print(reduce(operator.add, [1, 2, 3, 4]), reduce(lambda acc, x: acc * x, range(1, 6), 1), reduce(max, [3, 9, 2]))
print(operator.itemgetter(0, 2)("abc"), operator.attrgetter("real")(5), operator.mul(6, 7), operator.neg(3))


@total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return "Version(" + ".".join(map(str, self.parts)) + ")"


vs = [Version("2.0.1"), Version("1.4.52"), Version("2.0.0"), Version("1.4.6")]
print(sorted(vs), max(vs), Version("1.4") <= Version("1.4"), Version("2.0") > Version("1.9"), Version("1") >= Version("2"))


class Report:
    def __init__(self, rows):
        self.rows = rows

    @cached_property
    def total(self):
        print("computing total")
        return sum(self.rows)


r = Report([1, 2, 3])
print(r.total, r.total)

counter = 0


def bump():
    global counter
    counter += 1
    return counter


bump()
bump()
print(counter)


def make_counter():
    count = 0

    def inc(step=1):
        nonlocal count
        count += step
        return count

    return inc


c = make_counter()
print(c(), c(), c(5))


def describe(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw


print(describe(1, c=3), describe(1, 2, 3, 4, c=5, e=6), describe(*[1, 2], **{"c": 0}))


def positional_only(a, b, /, c=0):
    return a + b + c


print(positional_only(1, 2), positional_only(1, 2, c=3))
print(sorted(["banana", "Apple", "cherry"], key=str.lower), sorted([3, 1, 2], reverse=True))
print(list(map(lambda x: x * 2, filter(lambda x: x % 2, range(10)))))
print(any(x > 3 for x in [1, 5]), all([]), sum(x * x for x in range(5)), min([], default="empty"))
