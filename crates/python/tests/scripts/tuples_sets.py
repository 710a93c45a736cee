t = (1, 2, 3)
a, b, c = t
print(a, b, c, t[0], t[-1], t[1:], t * 2, t + (4,), len(t), 2 in t, t.count(2), t.index(3))
first, *middle, last = range(6)
print(first, middle, last)
*init, tail = "abc"
print(init, tail)
x, y = 1, 2
x, y = y, x
print(x, y, (1, 2) == (1, 2), (1, 2) < (1, 3), tuple([1, 2]), tuple("ab"), (), (1,), ((1, 2), (3,)))
point = 3, 4
print(point, type(point).__name__, hash((1, 2)) == hash((1, 2)))
s = {3, 1, 2}
s.add(4)
s.add(1)
print(s, len(s), 1 in s, 9 not in s)
s.discard(9)
s.remove(4)
print(s, sorted(s))
o = {2, 3, 5}
print(s | o, s & o, s - o, s ^ o, s.union([9]), s.intersection(o), s.difference(o), s.issubset({1, 2, 3, 4}))
print(set(), set([1, 1, 2]), {1, 2} == {2, 1}, {1, 2} <= {1, 2, 3}, {1} < {1})
print(set(range(5)), {x % 3 for x in range(10)}, len({(1, 2), (1, 2)}), {True, 1, 1.0})
u = set()
u.update([1, 2], (3,))
print(u, u.pop(), u, u.isdisjoint({9}))
try:
    {1}.remove(2)
except KeyError as e:
    print(repr(e))
try:
    t[0] = 5
except TypeError as e:
    print(e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print(e)
try:
    {[1]}
except TypeError as e:
    print(e)
