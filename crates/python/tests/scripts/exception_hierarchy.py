for exc_type, expr in [(ArithmeticError, lambda: 1 / 0), (LookupError, lambda: {}["k"]), (LookupError, lambda: [][0]), (Exception, lambda: int("x"))]:
    try:
        expr()
    except exc_type as e:
        print(exc_type.__name__, "caught", type(e).__name__, repr(e), e.args)
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, LookupError), issubclass(ValueError, Exception))
print(issubclass(Exception, BaseException), issubclass(KeyboardInterrupt, Exception), issubclass(bool, int))
print(issubclass(NotImplementedError, RuntimeError), issubclass(ModuleNotFoundError, ImportError), issubclass(RecursionError, RuntimeError))
print([c.__name__ for c in KeyError.__mro__], OverflowError.__bases__)
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"not found: {key}")
        self.key = key
class Invalid(AppError):
    def __str__(self):
        return "invalid!"
for err in [NotFound("x"), Invalid(1, 2), AppError(), AppError("a", "b"), ValueError(3)]:
    try:
        raise err
    except (NotFound, Invalid) as e:
        print("specific", type(e).__name__, e, e.args)
    except AppError as e:
        print("app", repr(e), str(e), e.args)
    except Exception as e:
        print("other", repr(e))
try:
    raise NotFound("k")
except AppError as e:
    print(e.key, isinstance(e, Exception), isinstance(e, NotFound))
print(repr(ValueError("x")), str(KeyError("k")), repr(KeyError("k")), str(Exception()), repr(Exception()))
print(repr(TypeError("a", 1)), str(TypeError("a", 1)), str(IndexError()), RuntimeError("r").args)
e = ValueError("boom")
print(e.__cause__, e.__context__, type(e) is ValueError, e.__class__.__name__)
try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise ValueError("outer")
except ValueError as ve:
    print(repr(ve.__context__), ve.__cause__, ve.__suppress_context__)
try:
    try:
        raise KeyError("inner")
    except KeyError as ke:
        raise ValueError("outer") from ke
except ValueError as ve:
    print(repr(ve.__cause__), ve.__suppress_context__)
try:
    raise TypeError
except TypeError as te:
    print(repr(te), te.args)
