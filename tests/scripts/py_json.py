import json
data = {"name": "alice", "tags": ["a", "b"], "active": True, "score": None, "n": 1.5}
print(json.dumps(data))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.loads('{"x": [1, 2, {"y": null}], "z": true}'))
from decimal import Decimal
from datetime import date
row = {"id": 1, "price": Decimal("9.99"), "when": date(2024, 1, 2), "tags": (), "meta": {}}
print(json.dumps(row, default=str))
print(json.dumps({"b": [1, {"c": None}], "a": "é\n\"q\""}, indent=4))
print(json.dumps("café", ensure_ascii=False), json.dumps([1.0, 2.5e-10, float("inf")]), json.dumps({1: "x", None: 2, True: 3}))
print(json.dumps({"a": 1, "b": 2}, separators=(",", ":")), json.dumps([]), json.dumps({}, indent=2))
parsed = json.loads('[1, -2.5e3, "x\\u00e9", {"k": [true, false, null]}]')
print(parsed, type(parsed[1]).__name__)
try:
    json.dumps({"d": Decimal("1")})
except TypeError as e:
    print(e)
try:
    json.loads("{'bad': 1}")
except json.JSONDecodeError as e:
    print(type(e).__name__, e)
try:
    json.loads("[1, 2")
except ValueError as e:
    print(e)
