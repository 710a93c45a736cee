# Python's enum module as tutorials use it beside SQLAlchemy: members by name and value,
# aliases, auto(), iteration, methods on members, IntEnum and StrEnum printing their value.
import enum
from enum import Enum, IntEnum, StrEnum, auto, unique


class Status(enum.Enum):
    active = "active"
    banned = "banned"
    on = "active"


@unique
class Color(Enum):
    RED = auto()
    GREEN = auto()

    def describe(self):
        return f"{self.name.lower()}={self.value}"


class Priority(IntEnum):
    LOW = 1
    HIGH = 5


class Role(StrEnum):
    ADMIN = auto()
    USER = "user"


print(Status.active, repr(Status.banned), Status("banned"), Status["active"], Status.on is Status.active)
print(list(Status), len(Status), [c.describe() for c in Color])
print(Color.RED.value, Color.GREEN.name, type(Color.RED).__name__, isinstance(Color.RED, Color))
print(Color.RED == Color.RED, Color.RED != Color.GREEN, Color.RED is Color(1))
print({Status.active: 1}[Status("active")])
print(str(Priority.HIGH), repr(Priority.LOW), Priority(5).name, str(Role.ADMIN), Role.USER.value)
try:
    Status("nope")
except ValueError as e:
    print(e)
try:
    Status["nope"]
except KeyError as e:
    print(repr(e))
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print(e)
print(f"{Status.active}", "%s" % Color.GREEN)
print(sorted(Color, key=lambda c: -c.value))
for member in Status:
    print(member.name, member.value)
