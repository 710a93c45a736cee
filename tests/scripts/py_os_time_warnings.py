import os
import time
import warnings

DATABASE_URL = os.getenv("RETORT_TEST_DB_URL", "sqlite:///:memory:")
print(DATABASE_URL, os.environ.get("RETORT_TEST_NOPE", "unset"), os.path.join("data", "app.db"), os.path.splitext("notes.tar.gz"), os.path.basename("/a/b.txt"))
start = time.perf_counter()
elapsed = time.perf_counter() - start
print(elapsed >= 0, type(time.time()).__name__)

def old_api():
    warnings.warn("old_api() is deprecated", DeprecationWarning)
    warnings.warn("careful")
    return 1

for _ in range(2):
    old_api()
warnings.simplefilter("ignore")
warnings.warn("hidden")
print("done")
