# Error handling around a data layer: custom hierarchy, chaining, traceback text.
import sys
import traceback
import warnings


class DataError(Exception):
    """Base class for data-layer errors."""


class NotFoundError(DataError):
    def __init__(self, model, key):
        super().__init__(f"{model} with id={key!r} not found")
        self.model = model
        self.key = key


class ValidationError(DataError):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


USERS = {1: "ann"}


def load_user(key):
    try:
        return USERS[key]
    except KeyError as exc:
        raise NotFoundError("User", key) from exc


try:
    load_user(2)
except DataError as exc:
    print(type(exc).__name__, exc, exc.args, exc.model, repr(exc.__cause__), exc.__suppress_context__)

try:
    raise ValidationError({"email": "required", "age": "must be positive"})
except ValidationError as exc:
    print(exc, exc.errors)

try:
    try:
        int("abc")
    except ValueError:
        raise TypeError("conversion failed")
except TypeError as exc:
    print(repr(exc), repr(exc.__context__), exc.__cause__)

try:
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("hidden context") from None
except RuntimeError as exc:
    print(exc.__context__ is not None, exc.__suppress_context__, exc.__cause__)


def risky(n):
    if n == 0:
        raise ZeroDivisionError("n must not be zero")
    return 10 / n


for n in (5, 0):
    try:
        result = risky(n)
    except ZeroDivisionError as exc:
        print("error:", exc)
    else:
        print("result:", result)
    finally:
        print("checked", n)

try:
    load_user(3)
except NotFoundError:
    traceback.print_exc()

print(traceback.format_exception_only(ValueError("bad value"))[-1].strip() if hasattr(traceback, "format_exception_only") else "")
warnings.warn("Session.query() is legacy; use select()", DeprecationWarning)
warnings.warn("plain user warning")


def deprecated_helper():
    warnings.warn("deprecated_helper() will be removed", UserWarning, stacklevel=2)
    return 1


deprecated_helper()
print("to stderr", file=sys.stderr)
print("still running", sys.argv[0].endswith(".py"), sys.version_info[0], sys.platform)

try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as exc:
    print("AssertionError:", exc)

try:
    raise ExceptionGroup if False else KeyError("missing")
except LookupError as exc:
    print("LookupError caught:", repr(exc))


def save(record):
    try:
        record["id"]
    except KeyError as exc:
        raise DataError("could not save record") from exc


def handler():
    try:
        save({})
    except DataError:
        raise ValidationError({"record": "invalid"})


handler()
