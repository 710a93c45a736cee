from decimal import Decimal
a = Decimal("10.50")
b = Decimal("2.25")
print(a, repr(a), a + b, a - b, a * b, a + 1, 2 * b, -a, abs(Decimal("-3.1")))
print(a > b, a == Decimal("10.5"), Decimal("1.0") == 1, Decimal(5), Decimal("0.1") + Decimal("0.2"))
print(sum([Decimal("1.10"), Decimal("2.20")]), sum([Decimal("1.5")], Decimal("0")), str(Decimal("3.000")))
print([Decimal("1.5"), Decimal("0.25")], max(Decimal("1"), Decimal("2.5")), sorted([b, a]))
print(f"{a}", f"{a:.1f}", f"{b:>8}", Decimal("100") / Decimal("8"), Decimal("7") // Decimal("2"), Decimal("7") % Decimal("3"))
print(float(a), int(a), bool(Decimal("0")), bool(b), isinstance(a, Decimal), type(a).__name__)
price = Decimal("19.99")
qty = 3
total = price * qty
print(f"Total: {total}", total.quantize(Decimal("0.1")), round(total, 1), Decimal("1.25").quantize(Decimal("0.1")))
print(Decimal("1e3"), Decimal("-0"), Decimal("0.00"), Decimal("1") / Decimal("4"), Decimal("2.50") * Decimal("2"))
