print([x * x for x in range(6)], [x for x in range(10) if x % 3 == 0], [c.upper() for c in "abc"])
print([(x, y) for x in range(3) for y in range(x)], [[j for j in range(i)] for i in range(4)])
print({x: len(x) for x in ["a", "bb", "ccc"]}, {x % 4 for x in range(10)}, [y for x in [[1, 2], [3]] for y in x])
gen = (n * 2 for n in range(4))
print(type(gen).__name__, next(gen), next(gen), list(gen), list(gen))
print(sum(x for x in range(101)), max(len(w) for w in ["a", "abcd", "ab"]), tuple(x for x in "hi"))
print(sorted((v, k) for k, v in {"a": 3, "b": 1}.items()), any(c.isdigit() for c in "ab1"), ", ".join(str(i) for i in [1, 2]))
x = "outer"
squares = [x for x in range(3)]
print(x, squares, [x if x % 2 else -x for x in range(5)], [a + b for a, b in zip([1, 2], [10, 20])])
print([i for i in range(20) if i % 2 if i % 3], [[0] * 2 for _ in range(2)], list(map(lambda v: v + 1, [1, 2])))
names = ["ed", "wendy", "mary"]
print({i: n for i, n in enumerate(names)}, [n for n in names if "e" in n], dict((n, len(n)) for n in names))
matrix = [[1, 2], [3, 4], [5, 6]]
print([[row[i] for row in matrix] for i in range(2)], [v for row in matrix for v in row if v > 2])
it = iter([1, 2, 3])
print(next(it), list(it), next(it, "done"), list(filter(None, [0, 1, "", "a"])), list(enumerate("ab", 1)))
