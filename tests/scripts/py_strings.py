name = "  Alice Smith  "
print(repr(name.strip()), name.lstrip(), name.rstrip() + "|")
s = "hello, world"
print(s.title(), s.capitalize(), s.upper(), s.swapcase(), s.casefold())
print(s.split(","), s.split(), "a,b,,c".split(","), "a b  c".split(" "), "k=v=w".split("=", 1))
print(s.partition(", "), s.rpartition("o"), s.rsplit("o", 1))
print(s.startswith("hel"), s.endswith(("x", "ld")), s.find("o"), s.rfind("o"), s.index("w"), s.count("l"))
print(s.replace("l", "L", 2), "-".join(["a", "b", "c"]), "x".join("abc"))
print("abc".ljust(6, ".") + "|", "abc".rjust(6) + "|", "abc".center(9, "*"), "42".zfill(5), "-42".zfill(5))
print("Hello".isupper(), "123".isdigit(), "abc".isalnum(), " ".isspace(), "Title Case".istitle())
print("line1\nline2\r\nline3".splitlines(), "tab\there".expandtabs(4))
print("%s is %d years and %.1f m" % ("Bob", 30, 1.8), "%5s|%-5s|" % ("a", "b"), "%05d" % 42, "%x %o %e" % (255, 8, 12345.678))
print("%(name)s=%(val)r" % {"name": "x", "val": "y"}, "100%%" % ())
x = 1234567.891
print(f"{x:,.2f} {x:>15,.1f} {x:<12.0f}| {x:e} {x:.3g} {42:08.3f} {0.256:.1%}")
print(f"{'left':<10}|{'right':>10}|{'mid':^10}|{'fill':*^10}")
print(f"{42:b} {42:o} {42:x} {42:X} {42:#x} {42:+d} {-42: d} {1000000:_}")
width, prec = 12, 3
print(f"{x:{width}.{prec}f}|")
d = {"a": 1}
print(f"{d!r} {d['a']} {'quoted'!r} {3.0!s} {x=} {width + prec = }")
print("{} and {}".format("a", "b"), "{1} {0}".format("x", "y"), "{name:>6}".format(name="z"), "{0[0]} {1.real}".format([9], 3))
print("{:,}".format(10**6), "{:.2%}".format(0.5), "{!r}".format("s"))
print(str(3.0), str(1e20), str(1e-5), repr(0.1 + 0.2), 1/3, 2.5e-7, float("inf"), -0.0, 1e16, 123456789012345678.0)
print(round(2.675, 2), round(2.5), round(3.5), round(-0.5), int("  42 "), float("3.5"), int(3.9), int("ff", 16))
print(len("naïve"), ord("A"), chr(97))
print("a" * 3, "ab" in "cab", "abc"[::-1], "abcdef"[1:4], "abc" < "abd", min("bca"))
print(str.upper("x"), "Hello World".swapcase())
print(f"{'Name':<8}{'Qty':>5}")
for item, qty in [("apple", 3), ("kiwi", 12)]:
    print(f"{item:<8}{qty:>5}")
