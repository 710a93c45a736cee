total = 0
for n in [1, 2, 'three']:
    total += n
print(total)
