# Chunking inserts and grouping results with itertools.
from itertools import (accumulate, chain, combinations, count, cycle, groupby, islice,
                       permutations, product, repeat, starmap, takewhile, dropwhile, zip_longest,
                       pairwise, compress, filterfalse, tee)
import itertools


def batched(iterable, size):
    it = iter(iterable)
    while batch := list(islice(it, size)):
        yield batch


for batch in batched(range(1, 11), 4):
    print("INSERT batch", batch)

rows = [("sales", "ann", 10), ("sales", "bob", 7), ("eng", "cid", 12), ("eng", "dee", 9), ("hr", "eve", 3)]
for dept, members in groupby(sorted(rows, key=lambda r: r[0]), key=lambda r: r[0]):
    members = list(members)
    print(dept, [m[1] for m in members], sum(m[2] for m in members))

print([(k, len(list(g))) for k, g in groupby("aaabccdd")])
print(list(chain([1, 2], (3,), "ab")), list(chain.from_iterable([[1], [2, 3], []])))
print(list(islice(count(100, 5), 3)), list(islice(cycle("xy"), 5)), list(repeat("-", 3)))
print(list(product("ab", [1, 2])), list(product([0, 1], repeat=2)))
print(list(combinations("abcd", 2)), list(permutations([1, 2, 3], 2))[:4])
print(list(accumulate([1, 2, 3, 4])), list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1, 2, 3], lambda a, b: a * b)))
print(list(starmap(pow, [(2, 3), (3, 2)])), list(takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(zip_longest("abc", [1], fillvalue=None)), list(pairwise([1, 2, 3, 4])), list(compress("abcdef", [1, 0, 1, 0, 1, 1])))
print(list(filterfalse(lambda x: x % 2, range(7))))
ids = (n for n in count(1))
print(next(ids), next(ids), [next(ids) for _ in range(3)])
print(list(zip(range(3), "abc", [True, False, None])), list(enumerate(["x", "y"], start=1)))
print(list(itertools.combinations_with_replacement("ab", 2)))
a, b = tee(x * 10 for x in [1, 2, 3])
print(list(a), list(b))
print(sorted(set(chain.from_iterable(["ab", "bc", "cd"]))))
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(zip(*matrix)), [list(col) for col in zip(*matrix)], [x for row in matrix for x in row])
print(list(reversed(range(5))), list(range(10, 0, -3)), sum(range(101)), len(range(0, 100, 7)))


def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"


def relay():
    result = yield from countdown(3)
    print("inner returned", result)
    yield 0


print(list(relay()))
gen = countdown(2)
print(next(gen), next(gen), next(gen, "done"))
squares = (x * x for x in range(5))
print(sum(squares), sum(squares))
