def main():
    print("main running", __name__)
s = "prefix_value_suffix"
print(s.removeprefix("prefix_"), s.removesuffix("_suffix"), "{a}-{b}".format_map({"a": 1, "b": 2}), "x".isidentifier(), "Ab".isascii())
print(f"{'é'!a}", ascii("ü"), "tab\tsep".split("\t"), "a,b".rsplit(",", 1), "  x  ".strip(" x"), "x".ljust(3, "-"))
print(int.from_bytes if False else 0, (255).bit_length(), (3.5).is_integer(), (10).to_bytes if False else 1, 7 .real, abs(-2.5), int(True))
print(sum([[1], [2]], []), min([(2, "b"), (1, "z")]), max("abc", key=ord), sorted({3: 1, 1: 2}), list(reversed("abc")), list(reversed(range(3))))
print(isinstance([], (list, tuple)), type([]) is list, str(type(3)), repr(type("x")), type(None))
nums = [1, 2, 3, 4]
print(nums[1:-1], nums[::2], nums[-2:], nums[:0], nums[10:], nums[-10:2])
nums[1:3] = [9]
print(nums, nums.index(9))
del nums[0]
print(nums)
matrix = [[0] * 3 for _ in range(2)]
matrix[0][0] = 5
print(matrix, [row[:] for row in matrix] == matrix, [[1, 2], [3]] < [[1, 2], [4]])
x = y = 0
x += 1
print(x, y, 1 if x else 2, (lambda *a, **k: (a, k))(1, b=2))
def kw_only(a, *, b=2, **rest):
    return a, b, rest
def pos_only(a, b, /, c=3):
    return a + b + c
print(kw_only(1, b=3, z=4), pos_only(1, 2), pos_only(1, 2, c=10))
try:
    pos_only(a=1, b=2)
except TypeError as e:
    print(e)
try:
    kw_only(1, 2)
except TypeError as e:
    print(e)
if __name__ == "__main__":
    main()
