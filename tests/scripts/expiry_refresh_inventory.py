# Expire and refresh in a small inventory app: a Core UPDATE changes a row behind the session's
# back; the stale value stays until expire()/refresh(); expire_all(); refresh() of selected
# attributes; is_modified(); and expire_on_commit reloading after commit.
from sqlalchemy import Integer, String, create_engine, inspect, select, update, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(20), unique=True)
    stock: Mapped[int] = mapped_column(Integer, default=0)
    price_cents: Mapped[int]

    def __repr__(self):
        return f"<Product {self.sku} stock={self.stock} price={self.price_cents / 100:.2f}>"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

session = Session(engine)
widget = Product(sku="WID-001", stock=10, price_cents=1250)
gadget = Product(sku="GAD-042", stock=3, price_cents=9900)
session.add_all([widget, gadget])
session.commit()
print(widget, gadget)

with engine.begin() as conn:
    conn.execute(text("UPDATE products SET stock = stock - 4 WHERE sku = 'WID-001'"))

print("before expire:", widget.stock)
session.expire(widget)
print(inspect(widget).expired, sorted(inspect(widget).unloaded))
print("after expire:", widget.stock)
session.commit()

with engine.begin() as conn:
    conn.execute(update(Product.__table__).values(price_cents=Product.__table__.c.price_cents + 100))

print(session.scalars(select(Product).order_by(Product.id)).all())
session.commit()
print(session.scalars(select(Product).order_by(Product.id)).all())

widget.stock = 100
print(session.is_modified(widget), widget in session.dirty)
session.refresh(widget)
print(widget.stock, session.is_modified(widget))

with engine.begin() as conn:
    conn.execute(text("UPDATE products SET stock = 0, price_cents = 1 WHERE sku = 'GAD-042'"))
print(gadget)
session.refresh(gadget, ["stock"])
print(gadget)
session.expire(gadget, ["price_cents"])
print(sorted(inspect(gadget).unloaded))
print(gadget)

gadget.stock = 7
widget.stock = 8
session.expire_all()
print(gadget.stock, widget.stock)
print(session.dirty)

engine.echo = True
session.commit()
print(widget.sku)
engine.echo = False
session.close()
