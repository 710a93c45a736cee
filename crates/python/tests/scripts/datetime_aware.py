# Audit timestamps as modern SQLAlchemy posts write them: aware UTC datetimes.
from datetime import date, datetime, time, timedelta, timezone


def utcnow():
    return datetime.now(timezone.utc)


created = datetime(2024, 3, 15, 14, 30, tzinfo=timezone.utc)
print(created)
print(repr(created))
print(created.isoformat(), created.tzinfo, created.utcoffset(), created.tzname())

ist = timezone(timedelta(hours=5, minutes=30))
est = timezone(timedelta(hours=-5), "EST")
print(created.astimezone(ist), created.astimezone(est))
print(repr(ist), repr(est), str(ist), str(est), repr(timezone.utc))

local = datetime(2024, 3, 15, 9, 30, tzinfo=est)
print(local == created, local - created, created - timedelta(days=1, hours=2))
print(sorted([local, created - timedelta(hours=1), created + timedelta(minutes=5)]))

naive = datetime(2024, 3, 15, 14, 30)
print(naive == created, created.replace(tzinfo=None) == naive)
try:
    naive < created
except TypeError as exc:
    print("TypeError:", exc)
try:
    created - naive
except TypeError as exc:
    print("TypeError:", exc)

print(datetime.fromisoformat("2024-03-15T10:00:00+00:00"))
print(datetime.fromisoformat("2024-03-15T10:00:00-08:00").astimezone(timezone.utc))
print(datetime.fromisoformat("2024-03-15 10:00:00"))
print(datetime.fromtimestamp(1_700_000_000, tz=timezone.utc))
print(created.timestamp(), created.strftime("%Y-%m-%d %H:%M:%S %z (%Z)"))
print(created.isoformat(timespec="minutes"), created.isoformat(sep=" "))
print(datetime(2024, 1, 1, 12, 30, 15, 250000).isoformat(timespec="milliseconds"))

now = utcnow()
print(type(now).__name__, now.tzinfo is timezone.utc, now > created)

# Durations as tutorials print them.
span = timedelta(days=2, hours=3, minutes=4, seconds=5)
print(span, repr(span), span.total_seconds(), span.days, span.seconds)
print(span * 2, span / 2, span // 3, span / timedelta(hours=1), span // timedelta(hours=1))
print(timedelta(minutes=90) * 1.5, -timedelta(minutes=5), abs(timedelta(hours=-3)))


def humanize(delta):
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return f"{seconds}s ago"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m {seconds}s ago"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes}m ago"


for d in [timedelta(seconds=42), timedelta(minutes=7, seconds=3), timedelta(hours=5, minutes=1)]:
    print(humanize(d))

print(date(2024, 2, 28) + timedelta(days=1), date(2024, 12, 25) - date(2024, 1, 1))
print(f"{created:%A, %B %d %Y at %I:%M %p}", "{:%H:%M}".format(created))
print(datetime.strptime("15/03/2024 14:30", "%d/%m/%Y %H:%M").replace(tzinfo=timezone.utc))
