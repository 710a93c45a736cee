import traceback

def inner(x):
    return 10 / x

def outer():
    return inner(0)

try:
    outer()
except ZeroDivisionError:
    print("caught")
    print(traceback.format_exc())
    traceback.print_exc()
try:
    raise KeyError("k")
except KeyError as e:
    print(traceback.format_exception_only(e), "".join(traceback.format_exception(e)).splitlines()[-1])
print(repr(traceback.format_exc()))
