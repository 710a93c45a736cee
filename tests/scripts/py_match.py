def describe(cmd):
    match cmd:
        case ["go", direction]:
            return f"going {direction}"
        case ["stop"]:
            return "stopping"
        case {"action": action, **rest}:
            return f"action {action} {rest}"
        case int(n) if n > 10:
            return "big int"
        case int() | float():
            return "number"
        case _:
            return "unknown"
for c in [["go", "north"], ["stop"], {"action": "x", "k": 1}, 42, 3.5, "?"]:
    print(describe(c))
from dataclasses import dataclass
from enum import Enum

class Kind(Enum):
    CREATE = "create"
    DELETE = "delete"

@dataclass
class Event:
    kind: Kind
    target: str
    payload: dict

def handle(ev):
    match ev:
        case Event(Kind.CREATE, target, {"name": name}):
            print(f"create {target} named {name}")
        case Event(kind=Kind.DELETE, target=t):
            print(f"delete {t}")
        case Event():
            print("unhandled", ev)

handle(Event(Kind.CREATE, "user", {"name": "ada", "x": 1}))
handle(Event(Kind.DELETE, "post", {}))
handle(Event(Kind.CREATE, "user", {}))
point = (3, 0)
match point:
    case (0, 0):
        print("origin")
    case (x, 0):
        print(f"on x axis at {x}")
    case (x, y):
        print(x, y)
match "hello":
    case str() as s if len(s) > 3:
        print("long string", s)
match [1, [2, 3]]:
    case [a, [b, *c]]:
        print(a, b, c)
status = 404
match status:
    case 200 | 201:
        print("ok")
    case 400 | 404 as code:
        print("client error", code)
