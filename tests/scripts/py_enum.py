from enum import StrEnum, unique
import enum
from enum import Enum, IntEnum, auto

class Status(enum.Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"

class Priority(IntEnum):
    LOW = 1
    HIGH = 2

class Color(Enum):
    RED = auto()
    GREEN = auto()

print(Status.ACTIVE, repr(Status.ACTIVE), Status.ACTIVE.value, Status.ACTIVE.name, Status("inactive"))
print(list(Status), [s.value for s in Status], Status["ACTIVE"] is Status.ACTIVE, Priority.HIGH > Priority.LOW, Color.GREEN.value)
print(Priority.LOW + 1, f"{Status.ACTIVE}", f"{Priority.HIGH}", isinstance(Status.ACTIVE, Status), len(Status))

@unique
class Role(str, Enum):
    ADMIN = "admin"
    USER = "user"

class Shape(Enum):
    CIRCLE = 1
    SQUARE = 2
    ROUND = 1

    def describe(self):
        return f"{self.name.lower()} #{self.value}"

    @classmethod
    def default(cls):
        return cls.SQUARE

class Level(StrEnum):
    DEBUG = auto()
    INFO = auto()

print(Shape.ROUND is Shape.CIRCLE, list(Shape), Shape.CIRCLE.describe(), Shape.default())
print(Shape.CIRCLE == Shape.CIRCLE, Shape.CIRCLE == 1, Shape.CIRCLE in Shape, {Shape.CIRCLE: "c"}[Shape.ROUND])
print([m.name for m in Shape], Shape.__members__.keys() if False else len(Shape), type(Shape.SQUARE).__name__)
print(Level.DEBUG, repr(Level.INFO), Level.INFO == "info", f"{Level.DEBUG:>8}|", Level("info"))
print(sorted(Shape, key=lambda s: s.value), max(Shape, key=lambda s: s.value))
try:
    Shape(5)
except ValueError as e:
    print("ValueError:", e)
try:
    Shape["NOPE"]
except KeyError as e:
    print("KeyError:", e)
print(Role.ADMIN.value, Role("user").name, Shape, repr(Shape.SQUARE), str(Shape.SQUARE))
status = Shape.SQUARE
if status is Shape.SQUARE:
    print("square!")
for name, member in Shape.__members__.items():
    print(name, member)
class Role2(str, Enum):
    ADMIN = "admin"
class N(int, Enum):
    ONE = 1
print(Role2.ADMIN, f"{Role2.ADMIN}", "{}".format(Role2.ADMIN), Role2.ADMIN == "admin", Role2.ADMIN.upper(), len(Role2.ADMIN))
print(N.ONE, f"{N.ONE}", N.ONE + 1, N.ONE == 1, str(N.ONE), repr(N.ONE), Role2.__members__)
