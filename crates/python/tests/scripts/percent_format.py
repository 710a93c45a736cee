print("%s and %s" % ("a", "b"), "%d items" % 3, "%r" % "q", "%5.2f|" % 3.14159, "%-6s|" % "ab", "%06.2f" % 3.14159)
print("%x %X %o %e %g %%" % (255, 255, 8, 12345.678, 0.0001), "%i" % 7.9, "%s" % [1, 2], "%s" % (1,))
print("%(name)s is %(age)d" % {"name": "Bob", "age": 30}, "%c" % 65, "%+d" % 5, "% d" % 5, "%.3s" % "abcdef")
print("%5d|%-5d|%05d" % (42, 42, 42), "%.1f%%" % 99.5, "%s" % None, "%s %s" % (True, 1.0))
try:
    print("%d" % "x")
except TypeError as e:
    print(e)
try:
    print("%s %s" % ("a",))
except TypeError as e:
    print(e)
try:
    print("%s" % ("a", "b"))
except TypeError as e:
    print(e)
