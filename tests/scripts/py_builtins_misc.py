import math
from itertools import takewhile, dropwhile, count, islice, cycle, repeat, starmap, compress, pairwise
x = 5
print(1 < x < 10, x if x > 3 else 0, not x, -x, ~x, x << 2, x >> 1, x & 3, x | 8, x ^ 1)
print(math.sqrt(16), math.floor(2.7), math.ceil(2.1), math.pi, math.isclose(0.1 + 0.2, 0.3), math.gcd(12, 18), math.inf)
print(list(takewhile(lambda n: n < 3, count())), list(dropwhile(lambda n: n < 3, range(6))), list(islice(cycle("ab"), 5)))
print(list(repeat("x", 3)), list(starmap(pow, [(2, 3), (3, 2)])), list(compress("abc", [1, 0, 1])), list(pairwise([1, 2, 3])))
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(r) for r in zip(*matrix)], [x for row in matrix for x in row if x % 2], sum(map(sum, matrix)))
def gen_pipeline():
    nums = (n for n in range(1, 20))
    evens = (n for n in nums if n % 2 == 0)
    squares = (n * n for n in evens)
    return list(islice(squares, 4))
print(gen_pipeline())
total = 0
def bump():
    global total
    total += 1
bump(); bump()
print(total)
a, b = b, a = 1, 2
print(a, b)
*init, tail = "hello"
print(init, tail)
for i, (k, v) in enumerate({"x": 1, "y": 2}.items()):
    print(i, k, v)
print(sorted(["b10", "a2", "a10"], key=lambda s: (s[0], int(s[1:]))), max([], default="none"), min(3, 1, 2))
print(isinstance(True, int), type(1.0) is float, int is type(3), str(None), bool("False"), list(range(10, 0, -3)))
s = {1, 2, 3}
print(s | {4}, s & {2, 9}, s - {1}, s ^ {3, 4}, {1, 2} <= s)
print(round(1234.5678, -2), round(0.125, 2), 10 ** 12, 2 ** 40, -17 // 4, -17 % 4, 7.0 // 2, int("-0"), 1_000_000)
print("%.3f" % math.e, f"{math.pi:.4}", f"{1e-10:.2e}", f"{123456789:,d}", 0.1 * 3, 1.1 + 2.2, 3 * 1.1)
nums = [5, 3, 8]
nums.sort(reverse=True)
print(nums, nums.index(3), nums.count(5), nums[::-1], nums * 2, [0] * 3, nums.copy() == nums)
nums.insert(0, 1); nums.extend([9]); nums.remove(8); del nums[0]
print(nums, nums.pop(0), nums)
words = "the quick brown fox".split()
print({w: len(w) for w in words}, sorted(words, key=len), " ".join(w.capitalize() for w in words))
print(print is print, len({}), type(None).__name__, [None] * 2, (1,), (), tuple("ab"), list("ab"))
