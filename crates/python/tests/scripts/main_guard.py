import sys
def main():
    print("running main", __name__)
    return 0
print(__name__)
if __name__ == "__main__":
    main()
else:
    print("imported")
print(type(sys.argv).__name__)
