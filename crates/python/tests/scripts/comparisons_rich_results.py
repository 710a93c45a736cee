# Rich comparisons that return objects (as SQL expression libraries do): a single comparison
# returns the object untouched, only a chain asks its truth between links.
class Expr:
    def __init__(self, text):
        self.text = text

    def __eq__(self, other):
        return Expr(f"{self.text} = {other!r}")

    def __lt__(self, other):
        return Expr(f"{self.text} < {other!r}")

    def __gt__(self, other):
        return Expr(f"{self.text} > {other!r}")

    def __bool__(self):
        raise TypeError("Boolean value of this clause is not defined")

    def __repr__(self):
        return f"Expr({self.text!r})"


x = Expr("x")
print(x == 1)
print(x < 5)
print([x == 2, 3 < x])
try:
    print(0 < x < 5)
except TypeError as e:
    print("chain:", e)
try:
    if x == 1:
        pass
except TypeError as e:
    print("if:", e)


class Truthy:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        print("compare", self.v, other)
        return self.v < other


print(Truthy(1) < 2 < 3, Truthy(5) < 2 < 3)
print(1 < 2 < 3 < 2, 1 == 1.0 == True)
