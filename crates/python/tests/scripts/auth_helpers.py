# Password hashing and tokens as tutorials write them next to a User model.
import base64
import hashlib
import secrets


def hash_password(password, salt="static-salt"):
    digest = hashlib.sha256((salt + password).encode("utf-8")).hexdigest()
    return f"sha256${salt}${digest}"


def verify_password(password, stored):
    algo, salt, digest = stored.split("$")
    return hash_password(password, salt) == stored


stored = hash_password("s3cret")
print(stored)
print(verify_password("s3cret", stored), verify_password("wrong", stored))
print(hashlib.md5(b"gravatar@example.com").hexdigest())
print(hashlib.sha1("hello".encode()).hexdigest())
h = hashlib.sha256()
for chunk in [b"part one, ", b"part two"]:
    h.update(chunk)
print(h.hexdigest(), h.name, h.digest_size, len(h.digest()), type(h.digest()).__name__)
print(hashlib.new("md5", b"abc").hexdigest() == hashlib.md5(b"abc").hexdigest())
try:
    hashlib.sha256("not bytes")
except TypeError as exc:
    print("TypeError:", exc)

token = secrets.token_hex(16)
print(len(token), all(c in "0123456789abcdef" for c in token), token != secrets.token_hex(16))
print(len(secrets.token_urlsafe(32)), len(secrets.token_bytes(12)), secrets.choice(["only"]))

credentials = base64.b64encode(b"admin:password").decode("ascii")
print("Authorization: Basic " + credentials)
user, _, password = base64.b64decode(credentials).decode().partition(":")
print(user, password)
print(base64.urlsafe_b64encode(bytes(range(250, 256))), base64.b64encode(b""), base64.b64encode(b"a"))
