from pprint import pprint, pformat
import pprint as pp_mod
data = {"users": [{"name": "alice", "email": "alice@example.com", "roles": ["admin", "editor"], "active": True},
                  {"name": "bob", "email": "bob@example.com", "roles": [], "active": False}],
        "count": 2, "meta": {"page": 1, "per_page": 50, "generated": "2024-01-01T00:00:00"}}
pprint(data)
pprint({"b": 1, "a": 2})
pprint([("row", i, "x" * 10) for i in range(8)])
print(pformat({"z": [1, 2], "a": (3,)}))
pprint(data, width=40)
pp_mod.pp({"b": 1, "a": [1] * 30})
pprint(list(range(40)))
