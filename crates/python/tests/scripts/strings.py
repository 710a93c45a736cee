s = "  Hello, World  "
print(s.strip(), s.lower(), s.upper(), s.lstrip() + "|", "|" + s.rstrip())
print("a,b,,c".split(","), "a b  c".split(), "x=1=2".split("=", 1), "a.b.c".rsplit(".", 1))
print("-".join(["x", "y", "z"]), "abc".replace("b", "B"), "hello".startswith("he"), "hello".endswith(("lo", "x")))
print("hello".find("l"), "hello".rfind("l"), "hello".find("z"), "hello".count("l"), "hello".index("e"))
print("hello world".title(), "hello".capitalize(), "42".isdigit(), "abc".isalpha(), " ".isspace())
print("ab".center(6, "*"), "ab".ljust(5, "."), "ab".rjust(5), "7".zfill(3))
print("key: value".partition(": "), "abc"[1], "abcdef"[1:4], "abcdef"[::-1], "abcdef"[-2:])
name = "Ed"
age = 30
print(f"{name} is {age} years old", f"{name!r}", f"{age:5d}|", f"{age:<5}|", f"{3.14159:.2f}", f"{1234567:,}")
print(f"{name=}", f"{age * 2 = }", f"{'nested'}", f"{0.5:.1%}", f"{255:x}", f"{255:#x}", f"{42:08.3f}")
print("%s is %d years" % (name, age), "%5.1f|%-4s|%r" % (2.345, "x", "y"), "%(a)s-%(b)s" % {"a": 1, "b": 2}, "100%%" % ())
print("{} and {}".format("a", "b"), "{1}{0}".format("x", "y"), "{name}: {0:>4}".format(7, name="n"), "{:.3f}".format(2.0))
print("{!r} {{literal}}".format("q"), "{0[1]}".format([5, 6]))
print(len("héllo"), "é" in "héllo", "x" * 3, "abc" < "abd", str(None), str([1, "a"]))
print("line1\nline2".splitlines(), "Hello".swapcase(), "prefix_name".removeprefix("prefix_"))
