d = {"b": 2, "a": 1}
d["c"] = 3
print(d, d["a"], len(d), list(d), "b" in d, 2 in d)
print(d.get("x"), d.get("x", 0), d.setdefault("e", 5), d.setdefault("a", 99), d)
print(d.pop("e"), d.pop("zz", "none"), d)
print(list(d.keys()), list(d.values()), list(d.items()), d.keys(), d.items())
for k, v in d.items():
    print(k, v, end="; ")
print()
d.update(z=26)
d.update([("y", 25)])
print(d, d.popitem(), d)
del d["z"]
print(d, dict(a=1, b=2), dict([("x", 1)]), dict(zip("ab", [1, 2])), dict.fromkeys("ab", 0))
print({k: v * 2 for k, v in d.items()}, {n: n * n for n in range(4) if n % 2}, {**d, "new": 0})
print(d | {"a": 100}, {1: "int", 1.0: "float"}, {(1, 2): "tuple"}, {None: 1, True: 2})
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, max(counts, key=counts.get), sorted(counts.items(), key=lambda kv: -kv[1]))
nested = {"user": {"name": "ed", "tags": ["a", "b"]}}
print(nested["user"]["tags"][1], nested, str(nested) == repr(nested))
e = d.copy()
e["a"] = -1
print(d["a"], e["a"], d == e, {} == {}, {"a": 1} == {"a": 1.0})
d.clear()
print(d, bool(d))
try:
    print({}["missing"])
except KeyError as err:
    print(repr(err), err, err.args)
try:
    {}.pop("x")
except KeyError as err:
    print(repr(err))
try:
    {[]: 1}
except TypeError as err:
    print(err)
groups = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(word[0], []).append(word)
print(groups)
