import datetime
from datetime import date, timedelta
d = datetime.date(2024, 1, 15)
print(d, repr(d), d.year, d.month, d.day, d.isoformat(), str(d))
dt = datetime.datetime(2024, 3, 5, 14, 30)
print(dt, repr(dt), dt.isoformat(), dt.hour, dt.minute, dt.date())
dt2 = datetime.datetime(2024, 3, 5, 14, 30, 15, 250)
print(dt2, repr(dt2))
print(date(2024, 1, 1) < date(2024, 1, 2), d == date(2024, 1, 15), d + timedelta(days=20), date(2024, 3, 1) - date(2024, 2, 1))
print(timedelta(days=1, hours=2), repr(timedelta(days=1)), timedelta(hours=36), timedelta(minutes=5) * 2)
print(dt + timedelta(hours=12), f"{d}", [d], {"when": dt})
print(d.strftime("%Y/%m/%d"), dt.strftime("%H:%M"), d.weekday(), type(d).__name__)
