def make_counter():
    count = 0
    def increment():
        nonlocal count
        count += 1
        return count
    return increment
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())
def make_multiplier(n):
    return lambda x: x * n
double, triple = make_multiplier(2), make_multiplier(3)
print(double(5), triple(5))
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])
total = 0
def add_total(n):
    global total
    total += n
add_total(5)
add_total(7)
print(total)
x = "global"
def shadow():
    x = "local"
    return x
def read_global():
    return x
print(shadow(), read_global(), x)
def outer():
    msg = "outer"
    def inner():
        return msg + " seen from inner"
    msg = "changed"
    return inner()
print(outer())
def broken():
    print(y_value)
    y_value = 1
try:
    broken()
except UnboundLocalError as e:
    print(type(e).__name__, e)
try:
    print(undefined_name)
except NameError as e:
    print(e)
def accumulator():
    items = []
    def add(v):
        items.append(v)
        return list(items)
    return add
acc = accumulator()
acc(1)
print(acc(2))
def level1():
    a = 1
    def level2():
        b = 2
        def level3():
            nonlocal a
            a += b
            return a
        return level3()
    return level2(), a
print(level1())
class Config:
    debug = False
    values = [debug]
print(Config.values)
