def outer():
    return inner(3)

def inner(n):
    values = {"a": 1}
    return values["b"] + n

print("start")
outer()
