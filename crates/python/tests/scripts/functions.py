def greet(name, greeting="Hello", *args, punct="!", **kwargs):
    return f"{greeting}, {name}{punct} {args} {kwargs}"

print(greet("ed"))
print(greet("ed", "Hi", 1, 2, punct="?", extra=True))
print(greet(greeting="Yo", name="wendy"))

def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc

c = make_counter()
print(c(), c(), c())

total = 0
def add(n):
    global total
    total += n

add(5)
add(6)
print(total)

square = lambda x: x * x
print(square(7), (lambda *a, **k: (a, k))(1, b=2))
adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

print(fact(20))

def apply(f, *args, **kwargs):
    return f(*args, **kwargs)

print(apply(greet, "al", punct="."))
print(apply(max, 3, 8, 1))

def kwonly(a, *, b, c=3):
    return a + b + c

print(kwonly(1, b=2), kwonly(1, b=2, c=0))

def deco(func):
    def wrapper(*args):
        print("calling", func.__name__)
        return func(*args)
    return wrapper

@deco
def hello(x):
    return x * 2

print(hello(21))
print(sorted([("b", 2), ("a", 2), ("c", 1)], key=lambda p: (p[1], p[0])))

def gen_squares(n):
    return [i * i for i in range(n)]

print(gen_squares(4), sum(gen_squares(4)))

if __name__ == "__main__":
    print("main block")
