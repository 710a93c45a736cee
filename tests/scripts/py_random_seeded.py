import random
random.seed(42)
print(random.random(), random.randint(1, 100), random.choice(["a", "b", "c"]), random.randrange(10), random.randrange(5, 50, 5))
names = ["ann", "bob", "cy", "dee", "eve", "fay", "gus"]
random.shuffle(names)
print(names, random.sample(range(100), 5), random.uniform(1.5, 2.5))
print(random.choices("abc", k=5), random.choices(["x", "y"], weights=[1, 9], k=4), random.getrandbits(8))
random.seed(0)
ages = [random.randint(18, 80) for _ in range(10)]
print(ages, sum(ages))
random.seed(12345678901)
print(random.random(), random.sample(range(1000), 30)[:5])
