# JSON export of ORM rows the way blog posts write it: a JSONEncoder subclass for dates,
# Decimals and UUIDs.
import json
from datetime import datetime, date
from decimal import Decimal
import uuid
class Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, (datetime, date)):
            return o.isoformat()
        if isinstance(o, Decimal):
            return float(o)
        if isinstance(o, uuid.UUID):
            return str(o)
        return super().default(o)
print(json.dumps({"d": date(2024, 1, 2), "p": Decimal("1.50"), "u": uuid.UUID(int=5)}, cls=Encoder))
print(json.dumps([1, "a"], separators=(",", ":")), json.dumps({"b": 1, "a": [1, 2]}, sort_keys=True, indent=4))
try:
    json.dumps({"x": {1, 2}}, cls=Encoder)
except TypeError as e:
    print(e)
print(json.loads('[1.5, "x", {"k": false}]', parse_float=Decimal) if False else json.loads('{"a": 1e3}'))
s = json.dumps({"name": "Zoë"})
print(s, json.loads(s)["name"])
