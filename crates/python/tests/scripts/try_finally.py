def attempt(x):
    try:
        print("try", x)
        result = 10 / x
    except ZeroDivisionError:
        print("except")
        return "failed"
    else:
        print("else", result)
        return "ok"
    finally:
        print("finally", x)
print(attempt(2))
print(attempt(0))
def finally_overrides():
    try:
        return "try"
    finally:
        print("cleanup runs before return")
print(finally_overrides())
def loop_with_finally():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
        finally:
            print("finally", i)
loop_with_finally()
def reraise():
    try:
        int("x")
    except ValueError:
        print("logging")
        raise
try:
    reraise()
except ValueError as e:
    print("reraised:", e)
try:
    try:
        raise KeyError("a")
    finally:
        print("inner finally")
except KeyError as e:
    print("outer caught", e)
def nested():
    try:
        try:
            [][1]
        except KeyError:
            print("wrong handler")
    except IndexError as e:
        print("right handler:", e)
nested()
try:
    pass
except Exception:
    print("no")
else:
    print("else without error")
finally:
    print("finally without error")
e = None
try:
    raise ValueError("v")
except ValueError as e:
    pass
try:
    print(e)
except NameError as ne:
    print(ne)
def cleanup_order():
    log = []
    try:
        try:
            log.append("inner try")
            raise RuntimeError("x")
        finally:
            log.append("inner finally")
    except RuntimeError:
        log.append("handler")
    finally:
        log.append("outer finally")
    return log
print(cleanup_order())
