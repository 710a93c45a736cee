from __future__ import annotations
from typing import List, Optional, Dict
import typing
class Address:
    street: str
    city: Optional[str] = None
    def __init__(self, street: str, city: Optional[str] = None) -> None:
        self.street = street
        self.city = city
class Person:
    name: str
    tags: List[str]
    addresses: List[Address]
    meta: Dict[str, int] = {}
    def add(self, a: Address) -> Person:
        self.addresses.append(a)
        return self
print(Address.__annotations__, Person.__annotations__, Address.city, Person.meta)
def greet(name: str, times: int = 1) -> str:
    return " ".join([f"hi {name}"] * times)
print(greet("ed", times=2), greet.__name__)
x: int = 5
y: List[int]
print(x, __annotations__)
def first(items: List[int]) -> Optional[int]:
    return items[0] if items else None
print(first([3]), first([]), typing.TYPE_CHECKING)
