# dict and list subclasses that helper code in blog posts defines next to its models.
import json


class AttrDict(dict):
    """Settings readable as attributes."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(f"no setting {key!r}") from None

    def __setattr__(self, key, value):
        self[key] = value


settings = AttrDict(url="sqlite://", echo=False)
settings.pool_size = 5
print(settings, settings.url, settings["echo"], len(settings), isinstance(settings, dict))
print(sorted(settings), list(settings.items()), settings.get("missing", "default"), "url" in settings)
print(json.dumps(settings, sort_keys=True), dict(settings) == settings, {**settings, "echo": True})
try:
    settings.timeout
except AttributeError as exc:
    print("AttributeError:", exc)


class Registry(dict):
    def __setitem__(self, key, value):
        if key in self:
            raise KeyError(f"{key} already registered")
        super().__setitem__(key, value)

    def register(self, cls):
        self[cls.__name__] = cls
        return cls


models = Registry()


@models.register
class User:
    pass


@models.register
class Post:
    pass


print(list(models), type(models).__name__, models.pop("Post").__name__, list(models.keys()))
try:
    models["User"] = object
except KeyError as exc:
    print("KeyError:", exc)


class Batch(list):
    def __init__(self, items=(), size=2):
        super().__init__(items)
        self.size = size

    def chunks(self):
        return [self[i:i + self.size] for i in range(0, len(self), self.size)]

    def total(self):
        return sum(self)


b = Batch([3, 1, 4, 1, 5], size=2)
b.append(9)
b += [2, 6]
print(b, len(b), b.chunks(), b.total(), sorted(b)[:3], b[-1], b.size, type(b).__name__, b.count(1))
b.sort(reverse=True)
print(b, b == [9, 6, 5, 4, 3, 2, 1, 1], json.dumps(b), [x * 2 for x in b if x > 4], bool(Batch()))
