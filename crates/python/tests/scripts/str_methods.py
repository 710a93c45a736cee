s = "  Hello, World!  "
print(s.strip(), s.lstrip(), s.rstrip(), "xxhixx".strip("x"), s.upper(), s.lower())
t = "hello world"
print(t.title(), t.capitalize(), t.swapcase(), t.center(17, "*"), t.ljust(13, "."), t.rjust(13))
print(t.split(), "a,b,,c".split(","), "a b  c".split(" "), "a,b,c".split(",", 1), "a,b,c".rsplit(",", 1))
print("-".join(["x", "y", "z"]), "".join(reversed("abc")), ", ".join(str(n) for n in range(3)))
print(t.replace("o", "0"), t.replace("l", "L", 2), t.find("o"), t.find("z"), t.rfind("o"), t.index("w"))
print(t.startswith("he"), t.endswith("ld"), t.startswith(("x", "h")), t.count("l"), t.count("lo"))
print("42".isdigit(), "4a".isdigit(), "abc".isalpha(), "ab1".isalnum(), "   ".isspace(), "Hi".isupper(), "hi".islower())
print("42".zfill(5), "-42".zfill(5), "key=value=x".partition("="), "a.b.c".rpartition("."), "x".partition("y"))
print("line1\nline2\r\nline3".splitlines(), "tab\tsep".expandtabs(4), "Title Case".istitle())
print(t[0], t[-1], t[0:5], t[6:], t[:-6], t[::2], t[::-1], t[100:], t[-3:-1])
print("ab" * 3, 3 * "-", "a" + "b", len("héllo"), "é".upper(), ord("é"), chr(233), chr(0x1F600) == "\U0001F600")
print("Hello".casefold(), "a-b_c".replace("-", "_").split("_"), "CamelCase".lower())
print(str(12), str(1.5), str(None), str(True), str([1, "a"]), str((1,)), str({"a": [1]}))
print("%s" % "x", "{}".format("y"), "abc".removeprefix("a"), "abc".removesuffix("c"), "  x ".strip() == "x")
words = "the quick brown fox".split()
print(sorted(words), max(words, key=len), [w.upper() for w in words if len(w) > 3])
print("a" < "b", "apple" > "Apple", "é" > "z", min("hello"), max("hello"), sorted("cab"))
try:
    "abc".index("z")
except ValueError as e:
    print(e)
try:
    "abc"[10]
except IndexError as e:
    print(e)
try:
    "abc"[0] = "x"
except TypeError as e:
    print(e)
