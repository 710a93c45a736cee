x = 7
y = 2
print(x + y, x - y, x * y, x / y, x // y, x % y, x ** y)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2)
print(0.1, 0.1 + 0.2, 1e-05, 3.0, 1e16, 123456789.123, 2.5e-7, 1/3, 100.0, -0.0)
print(True + 1, True and 0, None or "default", not [])
print(1 < 2 < 3, 1 < 2 > 5, 3 == 3.0, "a" != "b")
print(type(1), type(1.0), type("s"), type(None), type([]), type(True))
print(int("42"), int(3.9), float("2.5"), str(12), bool(""), round(2.5), round(3.5), round(3.14159, 2))
print(abs(-3), min(3, 1, 2), max([4, 9, 2]), sum([1, 2, 3]), sum([0.5, 0.25], 10))
print(divmod(17, 5), pow(2, 10), chr(65), ord("a"))
a, b, *rest = [1, 2, 3, 4, 5]
print(a, b, rest)
(p, q), r = (1, 2), 3
print(p, q, r)
n = 10
n += 5
n *= 2
print(n)
print(1 if n > 20 else 0)
print(repr("it's"), repr('say "hi"'), repr("tab\tnew\nline"))
print(isinstance(True, int), isinstance(3, (str, int)), issubclass(bool, int))
big = 2 ** 62
print(big)
