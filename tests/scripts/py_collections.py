from collections import defaultdict, Counter, namedtuple, OrderedDict
d = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    d[k].append(v)
print(d, dict(d), d["zzz"])
c = Counter("mississippi")
print(c, c.most_common(2), c["s"], c["q"])
Row = namedtuple("Row", ["id", "name"])
r = Row(1, "alice")
print(r, r.id, r[1], r._asdict(), r._replace(name="bob"), tuple(r))
o = OrderedDict(a=1)
o["b"] = 2
print(o, list(o.keys()))
words = "the cat and the hat and the bat".split()
counts = Counter(words)
print(counts.most_common(1), counts.total(), sorted(counts.elements())[:3], "the" in counts, len(counts))
counts.update(["cat", "cat"])
counts["dog"] += 1
print(counts, dict(counts), list(counts.keys())[:2])
for word, n in counts.most_common(3):
    print(f"{word:>5} {n}")
groups = defaultdict(int)
for w in words:
    groups[len(w)] += 1
print(groups, sorted(groups.items()), groups.get(9), 9 in groups)
nested = defaultdict(lambda: defaultdict(list))
nested["a"]["b"].append(1)
print(nested["a"]["b"], len(nested))
Point = namedtuple("Point", "x y")
p = Point(3, y=4)
x, y = p
print(p, x + y, p == (3, 4), p._fields, len(p), p[-1], sorted([Point(2, 1), Point(1, 2)]), {p: 1}[Point(3, 4)])
Emp = namedtuple("Emp", ["name", "dept", "salary"], defaults=[0])
e = Emp("ann", "eng")
print(e, e.salary, e._replace(salary=10), max([Emp("a", "x", 5), Emp("b", "y", 9)], key=lambda r: r.salary).name)
try:
    Point(1)
except TypeError as err:
    print(err)
od = OrderedDict()
od["z"] = 1
od["a"] = 2
od.move_to_end("z")
print(od, list(od), OrderedDict())
