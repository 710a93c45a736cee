class Node:
    def __init__(self, value):
        self.value = value

n = Node(1)
print(n.value)
print(n.missing)
