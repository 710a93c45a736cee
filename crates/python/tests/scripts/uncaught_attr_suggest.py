class User:
    def __init__(self, name):
        self.name = name

u = User("ed")
print(u.name)
print(u.nmae)
