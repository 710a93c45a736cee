# Cascades with echo=True, 2.0 typed style: Playlist -> Track with cascade="all, delete-orphan".
# Removing a track from the list, clearing the list, and deleting the playlist; then a
# passive_deletes relationship with ON DELETE CASCADE left to the database (PRAGMA foreign_keys).
from sqlalchemy import ForeignKey, String, create_engine, event, select, func
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Playlist(Base):
    __tablename__ = "playlist"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    tracks: Mapped[list["Track"]] = relationship(
        back_populates="playlist", cascade="all, delete-orphan", order_by="Track.position"
    )

    def __repr__(self):
        return f"<Playlist {self.name!r} with {len(self.tracks)} tracks>"


class Track(Base):
    __tablename__ = "track"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    position: Mapped[int]
    playlist_id: Mapped[int] = mapped_column(ForeignKey("playlist.id"))
    playlist: Mapped[Playlist] = relationship(back_populates="tracks")

    def __repr__(self):
        return f"<Track {self.position}. {self.title}>"


class Folder(Base):
    __tablename__ = "folder"
    id: Mapped[int] = mapped_column(primary_key=True)
    files: Mapped[list["File"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class File(Base):
    __tablename__ = "file"
    id: Mapped[int] = mapped_column(primary_key=True)
    folder_id: Mapped[int] = mapped_column(ForeignKey("folder.id", ondelete="CASCADE"))


engine = create_engine("sqlite://")


@event.listens_for(engine, "connect")
def set_sqlite_pragma(dbapi_connection, connection_record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


Base.metadata.create_all(engine)

with Session(engine) as session:
    mix = Playlist(name="Road trip")
    for i, title in enumerate(["Africa", "Hotel California", "Take On Me", "Roxanne"], start=1):
        mix.tracks.append(Track(title=title, position=i))
    session.add(mix)
    session.commit()
    print(mix)

    engine.echo = True
    del mix.tracks[1]
    session.commit()
    print(mix.tracks)
    mix.tracks.clear()
    session.flush()
    print(session.scalar(select(func.count(Track.id))))
    mix.tracks.append(Track(title="Wonderwall", position=1))
    session.commit()
    session.delete(mix)
    session.commit()
    engine.echo = False
    print(session.scalars(select(Track)).all(), session.scalars(select(Playlist)).all())

    folder = Folder(files=[File(), File(), File()])
    session.add(folder)
    session.commit()
    engine.echo = True
    session.delete(folder)
    session.commit()
    engine.echo = False
    print(session.scalar(select(func.count()).select_from(File)))
