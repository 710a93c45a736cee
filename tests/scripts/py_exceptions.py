class AppError(Exception):
    """Base error."""

class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"{key!r} not found")
        self.key = key

class ValidationError(AppError):
    def __init__(self, field, message):
        self.field = field
        self.message = message
    def __str__(self):
        return f"{self.field}: {self.message}"

try:
    raise NotFound("user:1")
except AppError as e:
    print(type(e).__name__, e, repr(e), e.args, e.key)

try:
    raise ValidationError("email", "invalid")
except ValidationError as e:
    print(e, repr(e), e.args)

e = ValueError("a", 2)
print(str(e), repr(e), e.args, repr(ValueError()), str(KeyError("k")), repr(KeyError("k")))

def lookup(d, k):
    try:
        return d[k]
    except KeyError as exc:
        raise NotFound(k) from exc

try:
    lookup({}, "x")
except NotFound as e:
    print("cause:", repr(e.__cause__), e.__suppress_context__)

def order():
    try:
        print("try")
        return "from try"
    except Exception:
        print("except")
    else:
        print("else")
    finally:
        print("finally")
print(order())

for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("while handling")
except RuntimeError as e:
    print(repr(e), repr(e.__context__))

try:
    int("abc")
except (TypeError, ValueError) as e:
    print("multi:", e)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    {}.pop("x")
except KeyError as e:
    print(e, repr(e))
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
print(issubclass(NotFound, Exception), NotFound.__mro__[1].__name__, AppError.__doc__)
try:
    raise AppError
except AppError as e:
    print(repr(e), e.args)
class Retry(Exception):
    pass
attempts = 0
while True:
    try:
        attempts += 1
        if attempts < 3:
            raise Retry(attempts)
        break
    except Retry as r:
        print("retry", r)
print("attempts", attempts)
try:
    raise ExceptionGroup if False else LookupError("lk")
except LookupError as e:
    print(type(e).__name__)

def fail():
    raise NotFound(42)
try:
    fail()
except Exception as e:
    print(f"{e.__class__.__name__}: {e}")
fail()
