nums = [3, 1, 4, 1, 5, 9, 2, 6]
nums.append(5)
nums.extend([3, 5])
nums.insert(0, 0)
print(nums, len(nums), nums.count(5), nums.index(9))
nums.remove(1)
print(nums.pop(), nums.pop(0), nums)
print(sorted(nums), sorted(nums, reverse=True), nums[2:5], nums[::2], nums[-1])
nums.sort(key=lambda v: -v)
print(nums)
words = ["banana", "Apple", "cherry"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
t = (1, "two", 3.0)
print(t, (1,), (), t[1], t + (4,), len(t), t.index(3.0))
d = {"a": 1, "b": 2}
d["c"] = 3
print(d, d["a"], d.get("z"), d.get("z", 0), "a" in d, len(d))
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items())
d.update({"a": 10}, d=4)
print(d, d.pop("b"), d, d.setdefault("e", 5), d)
del d["a"]
print(d, {**d, "z": 0}, dict(x=1, y=2), dict([("k", "v")]))
s = {3, 1, 2}
s.add(4)
s.discard(10)
print(s, len(s), 2 in s, s | {5}, s & {1, 2, 9}, s - {1}, set(), {1, 2} <= {1, 2, 3} if False else {1, 2}.issubset({1, 2, 3}))
print([x * x for x in range(5)], [x for x in range(10) if x % 3 == 0], {x: x * 2 for x in "ab"}, {len(w) for w in words})
print([(i, j) for i in range(2) for j in range(3) if i != j])
print(list(range(3)), list(range(1, 10, 3)), list(range(5, 0, -2)), range(0, 5), list(reversed([1, 2, 3])))
print(list(enumerate("ab")), list(enumerate("ab", 1)), list(zip([1, 2, 3], "ab")), list(map(str, [1, 2])), list(filter(None, [0, 1, "", "x"])))
print(any([0, 0, 1]), all([]), all([1, 0]), sum(x for x in range(4)), max("abc", key=ord), min([], default="empty"))
nested = [[1, 2], [3, [4, 5]]]
print(nested, nested[1][1][0], [[0] * 2] * 2)
it = iter([1, 2, 3])
print(next(it), next(it), list(it), next(it, "done"))
print([1, 2] == [1, 2], (1, 2) < (1, 3), [1, 2] < [1, 2, 0], {"a": 1} == {"a": 1}, [] is [], None is None)
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(row) for row in zip(*matrix)])
lst = [1, 2, 3, 4, 5]
lst[1:3] = [20, 30, 35]
del lst[0]
print(lst, lst.copy(), lst.reverse(), lst)
