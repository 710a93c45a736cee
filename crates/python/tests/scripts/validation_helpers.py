# Validation helpers of the kind blog posts put next to an ORM model (@validates bodies).
import re

EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+\.[\w.-]+$")
PHONE_RE = re.compile(r"(\d{3})[-. ]?(\d{3})[-. ]?(\d{4})")
USERNAME_RE = re.compile(r"^[a-z0-9_]{3,16}$", re.IGNORECASE)


def validate_email(address):
    if not EMAIL_RE.match(address):
        raise ValueError(f"invalid email address: {address!r}")
    return address.lower()


def normalize_phone(raw):
    m = PHONE_RE.search(raw)
    if m is None:
        return None
    return "({}) {}-{}".format(*m.groups())


def slugify(title):
    slug = re.sub(r"[^\w\s-]", "", title.lower())
    return re.sub(r"[\s_-]+", "-", slug).strip("-")


def snake_case(name):
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


for address in ["Ann@Example.com", "bob@mail.co.uk", "not-an-email", "x@y"]:
    try:
        print("ok:", validate_email(address))
    except ValueError as exc:
        print("error:", exc)

print([normalize_phone(p) for p in ["555-123-4567", "call 555.987.6543 now", "12"]])
print(slugify("Hello, World! SQLAlchemy 2.0 ORM Tutorial"))
print([snake_case(n) for n in ["UserAccount", "HTTPResponse", "orderItem", "ID"]])
print([bool(USERNAME_RE.match(u)) for u in ["Ann_1", "x", "averyveryverylongname", "béa"]])

m = re.match(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})", "2024-03-15T10:00")
print(m)
print(m.group("year"), m["month"], m.groupdict(), m.span("day"), m.start(), m.end())
print(re.findall(r"#(\w+)", "New post #python #sqlalchemy #orm"))
print(re.findall(r"(\w+)=(\d+)", "a=1, b=22, c=333"))
print(re.split(r"\s*[,;]\s*", "red, green ;blue,  yellow"))
print(re.sub(r"\d", "#", "card 4111-1111", count=4))
print(re.subn(r"\s+", " ", "too    many   spaces"))
print(re.sub(r"(?P<word>\w+)@", r"<\g<word>> at ", "ann@home bob@work"))
print(re.sub(r"\w+", lambda mo: mo.group().capitalize(), "the quick brown fox"))
print([mo.span() for mo in re.finditer(r"o", "foo boo")])
print(re.fullmatch(r"\d+", "123"), re.fullmatch(r"\d+", "123a"))
print(re.search(r"^b\w+", "alpha\nbeta", re.MULTILINE).group())
print(re.escape("price: $5.00 (approx)"))
print(EMAIL_RE.pattern, EMAIL_RE.flags, USERNAME_RE, re.compile(r"a.b", re.I | re.S))
try:
    re.compile(r"(unclosed")
except re.error:
    print("re.error raised")
