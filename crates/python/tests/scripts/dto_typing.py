# DTOs and schemas around ORM models: dataclasses, enums, typing forms, JSON, UUIDs, bytes.
import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from enum import Enum, IntEnum, auto
from typing import Annotated, Any, Dict, List, Literal, NamedTuple, Optional, TypedDict, Union


class Status(str, Enum):
    ACTIVE = "active"
    BANNED = "banned"


class Priority(IntEnum):
    LOW = 1
    HIGH = 2


class Color(Enum):
    RED = auto()
    GREEN = auto()


print(Status.ACTIVE, repr(Status.BANNED), Status("active"), Status.ACTIVE == "active", Status.ACTIVE.value)
print(Priority.HIGH > Priority.LOW, Priority(1).name, [c.name for c in Color], Color.GREEN.value, Color["RED"])


class UserDict(TypedDict):
    id: int
    name: str
    email: Optional[str]


class Point(NamedTuple):
    x: float
    y: float = 0.0

    def dist(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5


row: UserDict = UserDict(id=1, name="ann", email=None)
print(row, type(row).__name__, Point(3, 4), Point(3, 4).dist(), Point(1), Point._fields)


@dataclass
class UserDTO:
    id: int
    name: str
    status: Status = Status.ACTIVE
    tags: List[str] = field(default_factory=list)
    nickname: Optional[str] = None


@dataclass(frozen=True, order=True)
class Tag:
    name: str
    weight: int = 0


dto = UserDTO(1, "ann", tags=["admin"])
print(dto, asdict(dto))
print(sorted([Tag("b", 2), Tag("a", 5), Tag("a", 1)]), Tag("x") == Tag("x"), hash(Tag("x")) == hash(Tag("x")))
try:
    Tag("x").name = "y"
except Exception as exc:
    print(type(exc).__name__, exc)


def find(ids: List[int], mode: Literal["any", "all"] = "any", limit: Annotated[int, "max rows"] = 10) -> Dict[str, Any]:
    return {"ids": ids, "mode": mode, "limit": limit}


print(find([1, 2]), Optional[int], Union[int, str], List[Dict[str, int]], Optional[UserDTO], int | None, list[int], dict[str, list[int]])
print(isinstance(3, int | str), isinstance("x", (int, float)), Literal["a", "b"], Annotated[int, "meta"])


def default(o):
    if isinstance(o, (datetime, date)):
        return o.isoformat()
    if isinstance(o, uuid.UUID):
        return str(o)
    if isinstance(o, Enum):
        return o.value
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


uid = uuid.UUID("12345678-1234-5678-1234-567812345678")
payload = {
    "id": uid,
    "status": Status.BANNED,
    "created": datetime(2024, 3, 15, 12, 0, tzinfo=timezone.utc),
    "birthday": date(1990, 1, 2),
    "scores": [1, 2.5, None, True],
}
text = json.dumps(payload, default=default)
print(text)
print(json.dumps(json.loads(text), indent=2, sort_keys=True))
try:
    json.dumps({"x": object()})
except TypeError as exc:
    print("TypeError:", str(exc)[:40])

print(uid, repr(uid), uid.hex, uid.urn, uid.version, uuid.UUID(uid.hex) == uid, uuid.UUID(str(uid).upper()) == uid)
new_id = uuid.uuid4()
print(type(new_id).__name__, new_id.version, len(str(new_id)), len(new_id.hex), str(new_id).count("-"), new_id != uuid.uuid4())
try:
    uuid.UUID("not-a-uuid")
except ValueError as exc:
    print("ValueError:", exc)

data = "héllo wörld".encode("utf-8")
print(data, len(data), data.decode("utf-8"), data[:5], data[0], list(data[:3]), data.hex()[:10])
print(b"abc" + b"def", b"ab" * 3, b"a,b".split(b","), bytes([72, 105]), bytes.fromhex("48 69"), bytearray(b"xy"))
print(repr(b"it's"), repr(b'say "hi"'), b"\x00\xff\n\t", b"abc" == b"abc", b"a" < b"b", b"b" in b"abc")
try:
    b"\xff\xfe".decode("utf-8")
except UnicodeDecodeError as exc:
    print("UnicodeDecodeError:", exc)
try:
    "naïve".encode("ascii")
except UnicodeEncodeError as exc:
    print("UnicodeEncodeError:", exc)
