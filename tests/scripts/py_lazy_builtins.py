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
data = iter([3, 1, 0, 5])
print(list(iter(lambda: next(data), 0)))
print(min((x for x in []), default="none"), max((len(w) for w in ["ab", "c"])), sum((x for x in range(4)), 10))
it = iter(range(3))
print(next(it), list(it), list(it))
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)), [x * 2 for x in Countdown(2)], sorted(Countdown(3)))
def take(n, iterable):
    it = iter(iterable)
    return [next(it) for _ in range(n)]
print(take(2, "hello"), list(zip(*[iter(range(6))] * 2)))
