name = "Ada"
n = 42
pi = 3.14159265
items = [1, 2]
print(f"{name} has {n} items", f"{name!r}", f"{name!s}", f"{items!r}", f"{{braces}}")
print(f"[{n:5}]", f"[{n:<5}]", f"[{n:^5}]", f"[{n:>5}]", f"[{n:05}]", f"[{n:*^9}]", f"[{name:>6}]", f"[{name:.2}]")
print(f"{pi:.2f}", f"{pi:8.3f}", f"{pi:e}", f"{pi:.3e}", f"{pi:g}", f"{1e-7:g}", f"{pi:.0f}", f"{2.5:.0f}")
print(f"{1234567:,}", f"{1234567.891:,.2f}", f"{1234567:_}", f"{0.256:.1%}", f"{0.5:%}")
print(f"{255:x}", f"{255:X}", f"{255:#x}", f"{8:o}", f"{5:b}", f"{5:08b}", f"{65:c}", f"{-42:d}", f"{42:+d}", f"{42: d}")
width = 10
prec = 3
print(f"[{pi:{width}.{prec}f}]", f"[{name:{width}}]", f"{n * 2}", f"{'nested'}", f"{items[0] + items[1]}")
print(f"{n=}", f"{pi = :.2f}", f"{name=!s}")
print(f"{3.0}", f"{1e16}", f"{None}", f"{True}", f"{[1.5, 'a']}", f"{(1,)}")
print(f"{n:10d}|", f"{-pi:.2f}", f"{pi:+.1f}", f"{1.0:g}", f"{100000000.0:g}", f"{123.456:.4g}")
d = {"k": "v"}
print(f"{d['k']}", f"{d}", f"{'a' if n > 1 else 'b'}", f"{len(name)}")
print(f"{'left':<8}|{'right':>8}|", f"{12.5:>8.2f}|", f"{'x':=^7}")
print(format(3.14159, ".2f"), format(42, "05d"), format("s", ">3"), format(1234.5, ","), format(0.1))
