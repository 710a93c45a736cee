from typing import List, Optional, Dict, Any, Union
print(List[int], Optional[str], Dict[str, int], Any, Union[int, str], List)
def f(x: Optional[int] = None) -> List[str]:
    return [str(x)]
print(f(), f(3), f.__name__)
class Node:
    children: List["Node"]
    parent: Optional["Node"] = None
print(Node.__annotations__)
