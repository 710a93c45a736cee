# repr() of func.* expressions: generic functions by their own class and name, others as Function.
from sqlalchemy import func, column
for f in [func.now(), func.foo(), func.lower(column('x')), func.max(column('x')), func.coalesce(1,2), func.current_timestamp(), func.count(), func.sum(column('x')), func.Count(column('x'))]:
    print(repr(f).split(' at ')[0], repr(f).split('; ')[1], type(f).__name__)
