from itertools import groupby, chain, islice, count, product, combinations, permutations, accumulate, zip_longest
from functools import reduce, wraps, partial, lru_cache
import operator

rows = [("eng", "alice", 100), ("eng", "bob", 90), ("ops", "carol", 80), ("eng", "dan", 70), ("ops", "erin", 60)]
rows.sort(key=lambda r: (r[0], -r[2]))
for dept, members in groupby(rows, key=lambda r: r[0]):
    members = list(members)
    print(dept, [m[1] for m in members], sum(m[2] for m in members))
print(list(chain([1, 2], (3,), "ab")))
print(list(islice(count(10, 5), 3)), list(product("ab", [1, 2])), list(combinations([1, 2, 3], 2)))
print(list(permutations("abc", 2))[:3], list(accumulate([1, 2, 3, 4])), list(zip_longest("ab", "xyz", fillvalue="-")))
print(reduce(operator.add, [1, 2, 3], 10), reduce(lambda a, b: a * b, range(1, 6)))
by_name = sorted(rows, key=operator.itemgetter(1), reverse=True)
print([r[1] for r in by_name])
print(sorted(["banana", "Apple", "cherry"], key=str.lower), sorted({"b": 2, "a": 1}.items(), key=lambda kv: kv[1]))

def log_calls(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print(f"calling {func.__name__} with {args} {kwargs}")
        result = func(*args, **kwargs)
        print(f"{func.__name__} returned {result!r}")
        return result
    return wrapper

@log_calls
def add(a, b=2):
    """Add numbers."""
    return a + b

add(1, b=5)
print(add.__name__, add.__doc__)
double = partial(operator.mul, 2)
print(double(21), list(map(double, [1, 2])))

@lru_cache(maxsize=None)
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(10))

def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = make_counter()
c(); c()
print(c())

def repeat(times):
    def deco(fn):
        def inner(*a):
            return [fn(*a) for _ in range(times)]
        return inner
    return deco

@repeat(3)
def hi(n):
    return f"hi {n}"
print(hi("x"))
first, *middle, last = [1, 2, 3, 4, 5]
print(first, middle, last)
(a, b), c = (1, 2), 3
print(a, b, c)
defaults = {"host": "localhost", "port": 5432}
overrides = {"port": 6543, "user": "admin"}
print({**defaults, **overrides}, defaults | overrides)
print(dict(defaults, debug=True), dict([("a", 1), ("b", 2)]), dict(zip("xy", (1, 2))), dict(a=1, b=2), dict(defaults.items()))
print({k: v for k, v in sorted(overrides.items())}, {n % 3 for n in range(10)}, [(i, j) for i in range(3) for j in range(i)])
if (n := len(rows)) > 3:
    print(f"{n} rows")
data = [3, 1, 2]
while (item := data.pop()) != 1:
    print("popped", item)
print(list(enumerate("ab", start=1)), list(zip([1, 2], "ab", [True, False])), list(reversed([1, 2, 3])))
print(list(map(str, [1, 2])), list(filter(None, [0, 1, "", "x"])), list(map(lambda x, y: x + y, [1, 2], [10, 20])))
d = {}
d.setdefault("k", []).append(1)
print(d, d.get("z"), d.pop("k"), d, {"a": 1}.get("a", 0))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, max(counts, key=counts.get), sorted(counts, key=lambda k: (-counts[k], k)))
print(divmod(17, 5), abs(-3), pow(2, 10), pow(2, 10, 100), 7 // 2, -7 // 2, 7 % -3, 2 ** -1, 10 / 4, True + True)
print(isinstance(3, (int, float)), callable(len), id(None) == id(None), hash(1) == hash(1.0), bool([]), any([]), all([]))
from functools import total_ordering, cached_property

@total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor
    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)
    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)
    def __repr__(self):
        return f"v{self.major}.{self.minor}"

a, b = Version(1, 2), Version(1, 3)
print(a < b, a <= b, a > b, a >= b, a >= Version(1, 2), max(a, b), sorted([b, a]))

class Report:
    def __init__(self, rows):
        self.rows = rows
    @cached_property
    def total(self):
        print("computing")
        return sum(self.rows)

r = Report([1, 2, 3])
print(r.total, r.total, "total" in vars(r))
