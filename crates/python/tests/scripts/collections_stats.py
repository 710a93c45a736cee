# Aggregating rows in Python after a query: Counter, defaultdict, namedtuple, deque-free.
from collections import Counter, OrderedDict, defaultdict, namedtuple
from operator import attrgetter, itemgetter

Order = namedtuple("Order", ["id", "customer", "product", "qty", "price"])
orders = [
    Order(1, "ann", "book", 2, 12.5),
    Order(2, "bob", "pen", 10, 1.2),
    Order(3, "ann", "pen", 1, 1.2),
    Order(4, "cid", "book", 1, 12.5),
    Order(5, "bob", "lamp", 1, 30.0),
    Order(6, "ann", "lamp", 2, 30.0),
]
print(orders[0], orders[0]._asdict(), orders[0]._replace(qty=3), Order._fields)

by_customer = defaultdict(list)
for o in orders:
    by_customer[o.customer].append(o.id)
print(by_customer)
print(dict(by_customer), sorted(by_customer.items(), key=lambda kv: -len(kv[1])))

totals = defaultdict(float)
for o in orders:
    totals[o.customer] += o.qty * o.price
print({k: round(v, 2) for k, v in totals.items()})

product_counts = Counter(o.product for o in orders)
print(product_counts, product_counts.most_common(2), product_counts["pen"], product_counts["kite"])
qty = Counter()
for o in orders:
    qty[o.product] += o.qty
print(qty, qty.total(), sorted(qty.elements())[:4])
print(Counter(a=3, b=1) + Counter(a=1, c=2), Counter(a=3, b=1) - Counter(a=1, b=5))
words = "the orm maps the rows to the objects".split()
print(Counter(words).most_common(1), len(set(words)), sorted(set(words), key=words.index))

print(sorted(orders, key=attrgetter("price", "id"))[:3])
print(sorted(orders, key=itemgetter(3), reverse=True)[0])
print(max(orders, key=lambda o: o.qty * o.price).id, min(orders, key=attrgetter("price")).product)
print([o.id for o in sorted(orders, key=lambda o: (o.customer, -o.qty))])

od = OrderedDict()
for o in orders:
    od.setdefault(o.customer, 0)
    od[o.customer] += 1
od.move_to_end("ann")
print(od, od.popitem(last=False), list(od))

grid = {(x, y): x * y for x in range(3) for y in range(3) if x <= y}
print(grid, {v for v in grid.values()}, {k: v for k, v in grid.items() if v})
inverted = {v: k for k, v in {"a": 1, "b": 2}.items()}
print(inverted, dict(zip("abc", range(3))), dict.fromkeys(["x", "y"], 0))
merged = {**{"a": 1, "b": 2}, **{"b": 3}}
print(merged, merged | {"c": 4}, {"a": 1} == {"a": 1.0})
first, *middle, last = [o.id for o in orders]
print(first, middle, last)
(a, b), c = (1, 2), 3
print(a, b, c)
print(*[o.product for o in orders[:3]], sep=" / ")
if (n := len(orders)) > 5:
    print(f"{n} orders")
print([y for o in orders if (y := o.qty * 2) > 2])
