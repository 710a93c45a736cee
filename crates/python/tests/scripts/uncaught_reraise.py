def parse(text):
    return int(text)

def load(values):
    out = []
    for v in values:
        try:
            out.append(parse(v))
        except ValueError:
            print("bad value", repr(v))
            raise
    return out

load(["1", "x"])
