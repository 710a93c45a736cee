import itertools
import math
from functools import reduce
print(list(itertools.chain([1, 2], (3,), "ab")), list(itertools.islice(itertools.count(5), 3)))
print(list(itertools.product("ab", [1, 2])), list(itertools.combinations([1, 2, 3], 2)), list(itertools.permutations("abc", 2))[:3])
print(list(itertools.accumulate([1, 2, 3, 4])), [(k, list(g)) for k, g in itertools.groupby("aabbbc")])
print(list(itertools.repeat("x", 3)), list(itertools.zip_longest([1, 2], "a", fillvalue="-")))
print(math.sqrt(16), math.floor(2.7), math.ceil(2.1), math.pi, reduce(lambda a, b: a * b, [1, 2, 3, 4]))
from itertools import count, cycle
c = cycle("ab")
print(next(c), next(c), next(c), next(count(10)))
import typing as t
from typing import Optional as Opt
print(t.Optional[int], Opt[str])
try:
    import nonexistent_module
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    from sys import nothing_here
except ImportError as e:
    print(e)
