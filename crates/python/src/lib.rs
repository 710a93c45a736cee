//! The Python subset Retort runs: a parser adapter over `ruff_python_parser`, an evaluator with
//! CPython's semantics, the builtins, and the `sqlalchemy` modules over the `retort` ORM core.
//!
//! Nothing is here yet: the evaluator arrives with the "Python as the tutorials write it" issue.
//! Until then the playground runs SQL scripts only, through the `retort` engine directly.
