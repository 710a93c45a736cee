def get_db():
    print("open")
    try:
        yield "db"
    finally:
        print("db closed")
def other():
    try:
        yield 1
    finally:
        print("other closed")
gen = get_db()
db = next(gen)
o = other()
next(o)
o = None
print("using", db)
gen.close()
print(repr(next(gen, "exhausted")))
