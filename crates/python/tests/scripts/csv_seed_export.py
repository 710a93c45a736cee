# Seeding rows from CSV text and exporting results, as data-loading tutorials do.
import csv
import io
import sys

SEED = """id,name,email,signup_date
1,Ann Lee,ann@example.com,2024-01-05
2,"Bob, Jr.",bob@example.com,2024-02-11
3,"Cid ""The Kid"" Moe",,2024-03-01
"""

reader = csv.DictReader(io.StringIO(SEED))
users = []
for row in reader:
    row["id"] = int(row["id"])
    row["email"] = row["email"] or None
    users.append(row)
for u in users:
    print(u)

rows = list(csv.reader(io.StringIO(SEED)))
header, *body = rows
print(header, len(body), body[1])
print(list(csv.reader(["a;b;c", "1;2;3"], delimiter=";")))
print(list(csv.reader(['x,"multi', 'line",y'])))

buf = io.StringIO()
writer = csv.writer(buf)
writer.writerow(["id", "name", "note"])
writer.writerows([(1, "ann", None), (2, "bob", 'says "hi"'), (3, "cid", "a,b")])
print(repr(buf.getvalue()))
print(buf.getvalue(), end="")

out = io.StringIO()
dw = csv.DictWriter(out, fieldnames=["name", "email"], lineterminator="\n")
dw.writeheader()
for u in users:
    dw.writerow({"name": u["name"], "email": u["email"]})
print(out.getvalue(), end="")
try:
    dw.writerow({"name": "x", "age": 3})
except ValueError as exc:
    print("ValueError:", exc)

csv.writer(sys.stdout, quoting=csv.QUOTE_ALL, lineterminator="\n").writerow(["all", "quoted", 3])

text = io.StringIO("first line\nsecond line\nthird")
print(repr(text.readline()), text.readlines(), repr(text.read()))
text.seek(0)
print([line.rstrip() for line in text], text.tell())
with io.StringIO() as s:
    s.write("hello ")
    s.write("world")
    print(s.getvalue())
