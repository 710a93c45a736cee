import copy
import string
import textwrap

sql = """
    SELECT id, name
      FROM users
     WHERE active = 1
"""
print(textwrap.dedent(sql))
print(textwrap.indent("a\nb\n\nc", "> "))
para = "SQLAlchemy is the Python SQL toolkit and Object Relational Mapper that gives application developers the full power and flexibility of SQL."
print(textwrap.fill(para, width=40))
print(textwrap.wrap(para, 30)[:2], textwrap.shorten(para, width=50), textwrap.shorten("short text", 50))
print(string.ascii_uppercase[:5], string.digits, string.capwords("hello   big world"), len(string.punctuation))
class Node:
    def __init__(self, name, children=None):
        self.name = name
        self.children = children or []
    def __repr__(self):
        return f"Node({self.name!r}, {self.children!r})"
tree = Node("root", [Node("a"), Node("b", [Node("c")])])
clone = copy.deepcopy(tree)
clone.children[1].children[0].name = "changed"
shallow = copy.copy(tree)
shallow.children.append(Node("d"))
print(tree)
print(clone)
data = {"k": [1, 2], "t": (1, [3])}
d2 = copy.deepcopy(data)
d2["k"].append(3)
d2["t"][1].append(4)
print(data, d2, copy.copy([1, [2]]))
