# Printing query results as a table, the way blog posts format rows.
rows = [
    (1, "spongebob", "Spongebob Squarepants", 3.5, True),
    (2, "sandy", "Sandy Cheeks", 12.25, False),
    (3, "patrick", "Patrick Star", 1234.5, True),
]
header = ("id", "name", "fullname", "balance", "active")
widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
print(" | ".join(h.upper().ljust(w) for h, w in zip(header, widths)))
print("-+-".join("-" * w for w in widths))
for row in rows:
    id_, name, fullname, balance, active = row
    print(f"{id_:>{widths[0]}} | {name:<{widths[1]}} | {fullname:^{widths[2]}} | {balance:>{widths[3]},.2f} | {'yes' if active else 'no':<{widths[4]}}")

total = sum(r[3] for r in rows)
print(f"{'Total':>20}: {total:12,.2f}")
print(f"{total=}", f"{len(rows) = }", f"{total/len(rows)=:.3f}", f"{rows[0][1]!r:>12}")
name, count = "users", 3
print(f"{name.title()} ({count} row{'s' if count != 1 else ''})")
print(f"{'nested ' + f'{count:03d}'}", f"{{literal braces}}", f"{3.14159:.{count}f}")
print("%-10s|%5d|%8.3f|%r|%%|%x|%o|%e" % ("left", 42, 3.14159, "repr", 255, 8, 12345.678))
print("%(name)s has %(n)03d items" % {"name": "cart", "n": 7})
print("{:<8}|{:^8}|{:>8}|".format("a", "b", "c"), "{0}{1}{0}".format("-", "+"), "{:08.3f}".format(-3.14159))
print("{name!r} {val:+.2%} {big:_}".format(name="x", val=0.1234, big=1234567))
print(format(1234567.891, ",.1f"), format(0.5, ".0%"), format(255, "#06x"), format(5, "b"), format(-42, "+05d"))
print(format(1e-7, "g"), format(123456789, "e"), format(1.0, "g"), format(100.0, ".3g"), format(0.0001234, ".2e"))
print(round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(0.375, 2), round(1234.5678, -2), round(7, -1))
print(1e16, 1e15, 123456789.123456789, 0.1 + 0.2, 1 / 3, 2 / 3, 10 / 2, 1e-4, 0.00001, -0.0, float("inf"))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), pow(2, 10), pow(3, 4, 5), pow(3, -1, 7), 2 ** -2)
print(int("0x1f", 16), int("ff", 16), int("0b101", 0), int("0o17", 0), int(" 42 "), int("-7"), int(3.99), int(-3.99))
print(str(12).zfill(5), "-12".zfill(5), "abc".center(9, "*"), "|" + "x".ljust(4) + "|", "7".rjust(3, "0"))
print("Tab\tseparated".expandtabs(12), "a\tb".expandtabs(), "x".join("abc"))
table = str.maketrans({"a": "4", "e": "3", "o": "0"})
print("hello sqlalchemy orm".translate(table), "remove vowels".translate(str.maketrans("", "", "aeiou")))
print("key=value=more".partition("="), "no-sep".partition("="), "a.b.c".rpartition("."))
print("line1\nline2\r\nline3\n".splitlines(), "x\ny\n".splitlines(keepends=True), "".splitlines())
print("Straße".casefold() == "STRASSE".casefold(), "ǅ".casefold(), "Hello World".swapcase())
print("{name} is {age}".format_map({"name": "Bob", "age": 30}))
print("test_users".removeprefix("test_"), "models.py".removesuffix(".py"), "x".removeprefix("y"))
print("Title Case Words".istitle(), "lower".islower(), "UPPER".isupper(), "123".isdecimal(), "a1".isalnum(), "snake_case".isidentifier())
print(" padded ".strip(), "xxhixx".strip("x"), "  left".lstrip(), "right  ".rstrip(), "a,b,,c".split(","), "a b  c".split(), "a,b,c".rsplit(",", 1))
print("hello".find("l"), "hello".rfind("l"), "hello".index("e"), "hello".count("l"), "hello".replace("l", "L", 1))
