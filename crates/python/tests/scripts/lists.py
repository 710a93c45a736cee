nums = [5, 3, 8, 1]
nums.append(9)
nums.insert(0, 7)
nums.extend([2, 2])
print(nums, len(nums), nums.count(2), nums.index(8))
nums.remove(2)
print(nums.pop(), nums.pop(0), nums)
nums.sort()
print(nums, nums[::-1], nums[1:3], nums[-2:], nums[::2], nums[5:1:-1], nums[-100:100])
nums.sort(reverse=True)
print(nums)
nums.reverse()
print(nums, sorted(nums, reverse=True), list(reversed(nums)))
copy = nums.copy()
copy[0] = 100
print(nums[0], copy[0], nums == copy, [1, 2] + [3], [0] * 3, [[]] * 2)
nums[1:3] = ["a", "b", "c"]
print(nums)
del nums[0]
del nums[-2:]
print(nums)
nums[::2] = [0, 0]
print(nums)
matrix = [[1, 2, 3], [4, 5, 6]]
print(matrix[1][2], [row[0] for row in matrix], list(zip(*matrix)), len(matrix[0]))
people = [("bob", 25), ("alice", 30), ("carol", 25)]
print(sorted(people, key=lambda p: p[1]), sorted(people, key=lambda p: (p[1], p[0])), sorted(people)[0])
print(min(people, key=lambda p: p[1]), max(people, key=lambda p: p[1]), [p for p, _ in people])
x = [3, 1, 2]
print(x.sort(), x, sorted(x) is x, list("abc"), list(range(3)), list((1, 2)), list({"a": 1}))
stack = []
stack.append(1)
stack.append(2)
print(stack.pop(), stack, [1, 2, 3].index(3), [1, [2, [3]]], [None, True, 1.5, "s"])
e = []
print(e, bool(e), e * 5, e + e)
try:
    [].pop()
except IndexError as err:
    print(err)
try:
    [1, 2][5]
except IndexError as err:
    print(err)
try:
    [1].remove(5)
except ValueError as err:
    print(err)
try:
    [1, 2].index(9)
except ValueError as err:
    print(err)
a = [1, 2, 3]
a.clear()
print(a, [1, 2, 3][-1], [i * i for i in [1, 2, 3]][1:])
