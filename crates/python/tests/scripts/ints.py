print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 2 ** 10, 2 ** -2, 10 / 4, 9 / 3)
print(divmod(-7, 2), abs(-12), -(-5), +3, ~5, 5 & 3, 5 | 3, 5 ^ 3, 1 << 10, 1024 >> 3)
print(int("  12 "), int("-7"), int("ff", 16), int("0b101", 0), int(True), int(-3.99), int("1_000"))
print(9223372036854775807, -9223372036854775807 - 1, 10 ** 18)
print(True + True, True * 10, False - 1, 3 * False)
print(max(1, 2.5), min(-1, -1.5), 3 == 3.0, 1 == True, hash(1) == hash(1.0))
print(round(7), round(7.5), round(8.5), round(-2.5), round(1234, -2), round(2.675, 2))
print(int.__name__, (5).bit_length(), (255).bit_length(), 0 == -0)
x = 5
x //= 2
print(x)
x **= 3
print(x)
x %= 5
print(x)
x <<= 4
print(x)
print(bin(10), hex(255), oct(8), bin(-3), hex(-255))
print(pow(3, 4), pow(2, 10, 1000), pow(2.0, 3), 17 % 5.0)
for bad in ["abc", "1.5", ""]:
    try:
        int(bad)
    except ValueError as e:
        print(e)
try:
    print(1 // 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(1 % 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(1.0 / 0)
except ZeroDivisionError as e:
    print(e)
