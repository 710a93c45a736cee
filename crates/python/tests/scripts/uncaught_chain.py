try:
    1 / 0
except ZeroDivisionError as e:
    raise ValueError("bad value") from e
