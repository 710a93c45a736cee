//! Tests of generator functions, generator expressions and `contextlib.contextmanager`.
//! Expected outputs are what CPython 3.11.7 prints for the same source.
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

fn ok(src: &str) -> String {
    let (out, r) = run_for_test(src);
    assert!(r.is_ok(), "{r:?}\n{out}");
    out
}

#[test]
fn a_generator_runs_lazily_between_the_loop_body() {
    let out = ok(
        "def g(n):\n    print('start')\n    while n:\n        yield n\n        n -= 1\n    print('end')\nfor x in g(2):\n    print('got', x)\nprint(type(g(1)).__name__)\n",
    );
    assert_eq!(out, "start\ngot 2\ngot 1\nend\ngenerator\n");
}

#[test]
fn return_value_reaches_stop_iteration_and_yield_from() {
    let out = ok(
        "def inner():\n    yield 1\n    return 'r'\ndef outer():\n    got = yield from inner()\n    print('got', got)\n    yield 2\nprint(list(outer()))\ng = inner()\nnext(g)\ntry:\n    next(g)\nexcept StopIteration as e:\n    print(repr(e), e.value)\n",
    );
    assert_eq!(out, "got r\n[1, 2]\nStopIteration('r') r\n");
}

#[test]
fn send_throw_and_close_resume_at_the_yield() {
    let out = ok(
        "def acc():\n    total = 0\n    while True:\n        try:\n            v = yield total\n        except ValueError as e:\n            print('caught', e)\n            continue\n        finally:\n            print('fin')\n        total += v\na = acc()\nprint(next(a))\nprint(a.send(5))\nprint(a.throw(ValueError('x')))\na.close()\nprint('closed')\n",
    );
    assert_eq!(out, "0\nfin\n5\ncaught x\nfin\n5\nfin\nclosed\n");
}

#[test]
fn break_out_of_a_for_closes_the_generator() {
    let out = ok(
        "def g():\n    try:\n        yield 1\n        yield 2\n    finally:\n        print('cleanup')\nfor v in g():\n    print(v)\n    break\nprint('after')\n",
    );
    assert_eq!(out, "1\ncleanup\nafter\n");
}

#[test]
fn generator_expressions_are_lazy_and_any_short_circuits() {
    let out = ok(
        "def noisy(xs):\n    for x in xs:\n        print('check', x)\n        yield x\nprint(any(x == 2 for x in noisy([1, 2, 3])))\nsq = (n * n for n in range(3))\nprint(list(sq), list(sq))\nprint(sum(x for x in range(4) if x % 2), [p for p in ((a, b) for a in 'ab' for b in range(2))])\n",
    );
    assert_eq!(
        out,
        "check 1\ncheck 2\nTrue\n[0, 1, 4] []\n4 [('a', 0), ('a', 1), ('b', 0), ('b', 1)]\n"
    );
}

#[test]
fn contextmanager_runs_the_generator_around_the_block() {
    let out = ok(
        "from contextlib import contextmanager\n@contextmanager\ndef scope():\n    print('begin')\n    try:\n        yield 's'\n        print('commit')\n    except Exception as e:\n        print('rollback', repr(e))\n        raise\n    finally:\n        print('close')\nwith scope() as s:\n    print('using', s)\ntry:\n    with scope():\n        raise KeyError('k')\nexcept KeyError as e:\n    print('outer', repr(e))\n",
    );
    assert_eq!(
        out,
        "begin\nusing s\ncommit\nclose\nbegin\nrollback KeyError('k')\nclose\nouter KeyError('k')\n"
    );
}

#[test]
fn yield_inside_an_expression_is_not_supported() {
    let (_, r) = run_for_test("def g():\n    print((yield 1))\nlist(g())\n");
    let msg = format!("{r:?}");
    assert!(msg.contains("NotImplementedError"), "{msg}");
    assert!(msg.contains("yield inside an expression (line 2)"), "{msg}");
}

#[test]
fn zip_map_filter_and_enumerate_are_lazy() {
    let out = ok(
        "from itertools import count\nm = map(print, [1])\nprint('first')\nprint(list(zip(count(1), 'ab')), list(filter(None, [0, 2])), next(enumerate('x', 5)))\nlist(m)\n",
    );
    assert_eq!(out, "first\n[(1, 'a'), (2, 'b')] [2] (5, 'x')\n1\n");
}

#[test]
fn with_several_managers_around_a_yield() {
    let out = ok(
        "class CM:\n    def __init__(self, n, s=False):\n        self.n, self.s = n, s\n    def __enter__(self):\n        print('enter', self.n)\n    def __exit__(self, t, e, tb):\n        print('exit', self.n, t.__name__ if t else None)\n        return self.s\ndef gen():\n    with CM('o', True), CM('i'):\n        yield 1\n        raise ValueError('x')\n    yield 'after'\nprint(list(gen()))\n",
    );
    assert_eq!(
        out,
        "enter o\nenter i\nexit i ValueError\nexit o ValueError\n[1, 'after']\n"
    );
}

#[test]
fn contextlib_suppress_nullcontext_and_closing() {
    let out = ok(
        "from contextlib import suppress, nullcontext, closing\nwith suppress(KeyError):\n    {}['x']\nwith nullcontext(5) as v:\n    print(v)\nclass R:\n    def close(self):\n        print('closed')\nwith closing(R()):\n    pass\n",
    );
    assert_eq!(out, "5\nclosed\n");
}

#[test]
fn iter_with_a_sentinel() {
    let out = ok("d = iter([3, 1, 0, 5])\nprint(list(iter(lambda: next(d), 0)), list(d))\n");
    assert_eq!(out, "[3, 1] [5]\n");
}

#[test]
fn rebinding_the_last_reference_closes_a_suspended_generator() {
    let out = ok(
        "def g():\n    try:\n        yield 1\n    finally:\n        print('closed')\nx = g()\nnext(x)\nx = None\nprint('after')\ny = g()\nnext(y)\ndel y\nprint('end')\n",
    );
    assert_eq!(out, "closed\nafter\nclosed\nend\n");
}
