class Repo:
    def __init__(self):
        self.rows = {"a": 1}

    def get(self, key):
        return self.rows[key]

repo = Repo()
print(repo.get("a"))
print(repo.get("b"))
