print("{} + {} = {}".format(1, 2, 3), "{0}{1}{0}".format("a", "b"), "{name}!".format(name="hi"))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"), "{:.3f}".format(2 / 3), "{:,}".format(10 ** 6))
print("{0!r} {0!s}".format("x"), "{:08.3f}".format(-3.14159), "{:+}".format(3), "{{}} {}".format(1))
class P:
    def __init__(self):
        self.x = 1
        self.items = [10, 20]
p = P()
print("{0.x} {0.items[1]}".format(p), "{d[key]}".format(d={"key": "val"}), "{:x}".format(255))
print("{:%}".format(0.25), "{:e}".format(0.000123), "{:g}".format(1234567.0), "{:10.4}|".format("abcdefgh"))
print("{:*>10}".format(12), "{:#b}".format(5), "{:,.1f}".format(1234.56), "{:d}".format(True))
try:
    "{} {}".format(1)
except IndexError as e:
    print(e)
try:
    "{missing}".format()
except KeyError as e:
    print(repr(e))
