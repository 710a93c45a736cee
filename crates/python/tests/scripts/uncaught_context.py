try:
    {}["k"]
except KeyError:
    print(undefined)
