print("a", "b", 3, sep="-")
print("no newline", end="")
print(" continued", end="!\n")
print()
print(*[1, 2, 3], sep=", ")
print("x", sep="", end="\n")
print(len("abc"), len([1]), len({}), len(range(10)), len((1, 2)), len({1, 2, 2}))
print(list(enumerate(["a", "b"])), list(enumerate("xy", start=5)), list(zip("ab", [1, 2], (True, False))), list(zip([1, 2, 3], "ab")))
print(sorted([3, 1, 2]), sorted("bca", reverse=True), sorted([-3, 2, -1], key=abs), sorted({"b": 1, "a": 2}))
print(list(reversed([1, 2, 3])), list(reversed("ab")), min([4, 2, 8]), max("apple", "pear", key=len), min([], default=0), max(3, 7))
print(sum([1, 2, 3]), sum([], 10), sum([[1], [2]], []), any([0, 0, 1]), all([1, 1, 0]), abs(-7.5), abs(3))
print(round(3.14159, 3), round(2.5), round(3.5), round(-1.5), round(0.125, 2), round(5))
print(str(42), int("7") + 1, float("1.5"), bool(0), bool("x"), list("ab"), dict(a=1), set([1, 1]), tuple([1, 2]))
print(repr("x"), repr(1.0), repr([1, "a"]), repr(None), type(3), type("s").__name__, type(None), type([]) is list)
print(isinstance(3, int), isinstance(True, int), isinstance(3.0, (int, float)), isinstance("s", list), issubclass(int, object))
class Obj:
    pass
o = Obj()
setattr(o, "color", "red")
print(getattr(o, "color"), getattr(o, "size", None), hasattr(o, "color"), hasattr(o, "size"))
delattr(o, "color")
print(hasattr(o, "color"))
it = iter([10, 20])
print(next(it), next(it), next(it, "exhausted"))
print(list(map(str, [1, 2])), list(map(lambda a, b: a + b, [1, 2], [10, 20])), list(filter(lambda v: v > 1, [0, 1, 2, 3])))
print(chr(97), ord("A"), divmod(7, 2), pow(2, 8), hex(16), callable(len), callable(1), id(o) == id(o))
print(type(print), type(len).__name__, str.upper("abc"), int.__name__, list.__name__)
print(list(range(3)), tuple(range(2)), set(range(2)), dict(enumerate("ab")))
print(max([1, 5, 3], key=lambda x: -x), min("b", "a"), sorted([(2, "b"), (1, "z"), (2, "a")]))
print(isinstance(o, Obj), type(o) is Obj, type(o) == Obj, Obj.__name__, hash("a") == hash("a"))
try:
    next(iter([]))
except StopIteration:
    print("StopIteration")
try:
    len(5)
except TypeError as e:
    print(e)
try:
    max([])
except ValueError as e:
    print(e)
try:
    getattr(o, "missing")
except AttributeError as e:
    print(e)
try:
    sum(["a", "b"])
except TypeError as e:
    print(e)
try:
    abs("x")
except TypeError as e:
    print(e)
