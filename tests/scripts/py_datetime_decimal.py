from datetime import datetime, date, timedelta
from decimal import Decimal

d = date(2024, 1, 31)
print(d, repr(d), d + timedelta(days=1), d.isoformat(), d.strftime("%d/%m/%Y %A %B %j"), d.weekday(), d.year)
dt = datetime(2024, 3, 5, 14, 30, 15)
print(dt, repr(dt), dt.date(), dt.isoformat(), dt.strftime("%Y-%m-%d %H:%M:%S %p %I %a %b"))
print(dt - datetime(2024, 1, 1), (dt - datetime(2024, 1, 1)).days, timedelta(hours=36), timedelta(minutes=90).total_seconds())
print(dt.replace(year=2020), datetime.fromisoformat("2024-02-29T10:00:00"), date.fromisoformat("2023-12-25"))
print(dt > datetime(2024, 1, 1), sorted([date(2024, 5, 1), date(2023, 1, 1)]), f"{dt:%H:%M}", f"{d:%b %d, %Y}")
print(timedelta(days=1, seconds=3661), -timedelta(hours=1), timedelta(0))
price = Decimal("19.99")
qty = 3
total = price * qty
print(total, repr(total), total + Decimal("0.01"), total.quantize(Decimal("0.1")))
print(Decimal("1.10") + Decimal("2.20"), Decimal(10) / Decimal(3), Decimal("2.50") * 2, sum([Decimal("1.5"), Decimal("2.25")]))
print(f"{total:.2f}", f"{total:>10}", f"{Decimal('1234.5'):,.2f}", str(Decimal("0.000")), Decimal("3.0") == 3, Decimal("1e3"))
print(round(Decimal("2.675"), 2), int(Decimal("7.9")), float(Decimal("0.5")), Decimal("-0"), max(Decimal("1"), Decimal("1.5")))
print(datetime.strptime("2024-03-05 14:30", "%Y-%m-%d %H:%M"), datetime.strptime("05/Mar/2024 02:05:09 PM", "%d/%b/%Y %I:%M:%S %p"))
print(d.isoweekday(), dt.strftime("%c | %x | %X | %j"), d.replace(day=1), dt.replace(hour=0, minute=0))
try:
    datetime.strptime("2024-13-01", "%Y-%m-%d")
except ValueError as e:
    print(e)
try:
    datetime.strptime("2024-01-01 extra", "%Y-%m-%d")
except ValueError as e:
    print(e)
from datetime import datetime, date, time, timedelta
t = time(14, 30)
print(t, repr(t), repr(time(9, 5, 7)), repr(time(1, 2, 3, 4)), time(), t.hour, t.minute, t.isoformat(), t.strftime("%I:%M %p"))
dt = datetime(2024, 3, 5, 14, 30, 15)
print(dt.time(), repr(dt.time()), datetime.combine(date(2024, 1, 2), time(8, 0)), t < time(15), t == time(14, 30), f"{t:%H.%M}")
print(sorted([time(12), time(9, 30)]), {time(1): "one"}[time(1, 0)])
