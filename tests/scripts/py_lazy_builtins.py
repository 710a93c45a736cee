from itertools import count
names = ["a", "b", "c"]
print(list(zip(count(1), names)), dict(zip(names, count())))
m = map(print, [1, 2])
print("not yet")
print(list(m))
def noisy():
    for x in range(3):
        print("gen", x)
        yield x
for a, b in zip(noisy(), "xy"):
    print(a, b)
print(list(filter(lambda v: v % 2, count(0)).__next__() for _ in range(1)), type(zip()).__name__, type(map(str, [])).__name__)
e = enumerate(noisy(), 1)
print(next(e))
print(list(map(lambda x, y: x * y, count(1), [5, 6, 7])))
print(list(zip()), list(zip([1, 2])), sorted(map(len, ["aaa", "b"])), sum(map(int, "123")))
