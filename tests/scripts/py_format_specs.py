rows = [("Widget", 3, 2.5), ("Gadget", 12, 10.0), ("Thingamajig", 1, 99.999)]
w = max(len(r[0]) for r in rows)
print(f"{'Item':<{w}} | {'Qty':>4} | {'Price':>8}")
print("-" * (w + 18))
for name, qty, price in rows:
    print(f"{name:<{w}} | {qty:>4d} | {price:>8.2f}")
print("{:^{}}|".format("mid", 9), "{:{fill}>{width}}".format(7, fill="0", width=4), "%*d|%-*s|" % (5, 42, 4, "ab"))
print(f"{3.14159:.{2}f}", f"{'x'!r:>5}", f"{1234567:,}", f"{0.5:%}", f"{12:#06x}", f"{-3.5:+.1f}", f"{1e6:g}", f"{123.456:e}")
print(f"{True}", f"{None!s}", f"{[1, 2]}", f"{ {'a': 1} }", f"{(1, 2)!r}", f"{'tab'}\t|")
total = sum(q * p for _, q, p in rows)
print(f"Total: {total:,.2f} ({len(rows)} items, avg {total / len(rows):.3f})")
print("%s|%r|%5.1f%%|%c|%i" % ("s", "r", 12.345, 65, 3.9))
print("{0}{1}{0}".format("ab", "-"), "{:,.0f}".format(1e7), "{!s:>6}".format(None), format(255, "08b"), format(0.25, ".0%"))
name = "ada"
print(f"{name=}", f"{name.upper()=}", f"{len(name) * 2 = }", f"{name!r:^9}")
print(format(-255, "#x"), format(-255, "x"), f"{255:#010b}", f"{0xdeadbeef:_x}", f"{-5:#06x}", f"{10:o}")
