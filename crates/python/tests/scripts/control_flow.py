for i in range(3):
    print("i", i)
else:
    print("for finished")
for i in range(10):
    if i == 2:
        continue
    if i == 4:
        break
    print("loop", i)
else:
    print("not printed")
n = 0
while n < 3:
    n += 1
else:
    print("while done", n)
while True:
    n -= 1
    if n == 0:
        break
print("n", n)
for i, ch in enumerate("ab"):
    for j in range(2):
        if j == 1:
            break
        print(i, ch, j)
print(list(range(10, 0, -3)), list(range(-2, 2)), list(range(0)), range(1, 10, 2), len(range(0, 100, 7)))
r = range(5)
print(r[2], r[-1], r[1:3], 4 in r, list(reversed(r)), sum(r), r.start, r.stop, r.step)
total = 0
for x in [1, 2, 3]:
    total += x
print(total)
grade = 85
if grade >= 90:
    print("A")
elif grade >= 80:
    print("B")
else:
    print("C")
value = 0 if total > 5 else 1
print(value)
pairs = [(1, "one"), (2, "two")]
for num, word in pairs:
    print(num, word)
for k in {"x": 1, "y": 2}:
    print(k)
result = []
i = 0
while i < 5:
    i += 1
    if i % 2 == 0:
        continue
    result.append(i)
print(result)
def find(items, target):
    for idx, item in enumerate(items):
        if item == target:
            return idx
    return -1
print(find([4, 5, 6], 5), find([], 1))
