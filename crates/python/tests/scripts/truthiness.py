values = [0, 1, -1, 0.0, 0.5, "", "a", [], [0], (), (0,), {}, {"k": 1}, set(), None, True, False, range(0), range(3)]
for v in values:
    print(repr(v), bool(v), "yes" if v else "no")
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or [] or "last", "" and 5, not 0, not "x")
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, None is None, a != c)
print(1 < 2 < 3, 3 > 2 > 2, 1 < 3 > 2, 1 == 1.0 == True, 1 < 2 <= 2 < 3 != 4)
print(2 in [1, 2, 3], 4 not in [1, 2], "ell" in "hello", "k" in {"k": 1}, 1 in {1: "a"}, 3 in range(5))
print([1, 2] < [1, 3], (1, 2) < (1, 2, 0), "abc" < "abd", "Z" < "a", [] < [0])
x = None
print(x is None, x == None, type(x).__name__)
def check(v):
    if v:
        return "truthy"
    elif v is None:
        return "none"
    else:
        return "falsy"
print(check(0), check(None), check("s"), check([]))
print(all([]), any([]), all([1, 2]), any([0, ""]), all(x > 0 for x in [1, 2, 3]), any(x > 2 for x in [1, 2]))
