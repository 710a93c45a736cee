//! Tests of the interpreter: the step budget, recursion limits, native stack use,
//! unsupported syntax, overflow, persistent globals and native modules.
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

fn run(src: &str) -> (String, Result<(), Error>) {
    let mut py = Interpreter::new();
    let r = py.run(src);
    (py.take_output(), r)
}

#[test]
fn endless_loop_stops_at_the_budget() {
    let mut py = Interpreter::with_config(Config {
        budget: 10_000,
        ..Config::default()
    });
    let r = py.run("x = 0\nwhile True:\n    x += 1\n");
    assert!(
        matches!(
            r,
            Err(Error::BudgetExhausted {
                steps: 10_000,
                line: 3
            })
        ),
        "{r:?}"
    );
}

#[test]
fn deep_recursion_raises_recursion_error() {
    let mut py = Interpreter::with_config(Config {
        recursion_limit: 50,
        ..Config::default()
    });
    let r = py.run("def f(n):\n    return f(n + 1)\nf(0)\n");
    match r {
        Err(Error::Uncaught {
            class_name,
            message,
            ..
        }) => {
            assert_eq!(class_name, "RecursionError");
            assert_eq!(message, "maximum recursion depth exceeded");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn native_stack_per_python_frame_is_measured_and_bounded() {
    // 40 nested Python calls: report the native stack each one costs on this build.
    let mut py = Interpreter::new();
    let r = py.run("def f(n):\n    return 0 if n == 0 else f(n - 1) + 1\nf(40)\n");
    assert!(r.is_ok(), "{r:?} after {} bytes of stack", py.stack_peak());
    let per_frame = py.stack_peak() / 40;
    eprintln!("native stack per Python frame: {per_frame} bytes");
    assert!(
        per_frame > 0 && per_frame < 64 * 1024,
        "{per_frame} bytes per Python frame"
    );
    // Deep recursion under a small stack budget ends as RecursionError, not a crash.
    let mut py = Interpreter::with_config(Config {
        max_stack_bytes: 64 * 1024,
        ..Config::default()
    });
    match py.run("def f(n):\n    return f(n + 1)\nf(0)\n") {
        Err(Error::Uncaught { class_name, .. }) => assert_eq!(class_name, "RecursionError"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn deeply_nested_expressions_raise_recursion_error() {
    let src = format!("x = {}1{}\n", "[".repeat(500), "]".repeat(500));
    let mut py = Interpreter::with_config(Config {
        max_stack_bytes: 256 * 1024,
        ..Config::default()
    });
    let r = py.run(&src);
    assert!(r.is_err());
}

#[test]
fn recursion_error_can_be_caught() {
    let src = "def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    print('caught', e)\n";
    let mut py = Interpreter::with_config(Config {
        recursion_limit: 40,
        ..Config::default()
    });
    assert!(py.run(src).is_ok());
    assert_eq!(
        py.take_output(),
        "caught maximum recursion depth exceeded\n"
    );
}

#[test]
fn unsupported_syntax_names_construct_and_line() {
    let (_, r) = run("x = 1\nasync def f():\n    pass\n");
    match r {
        Err(Error::Uncaught {
            class_name,
            message,
            ..
        }) => {
            assert_eq!(class_name, "NotImplementedError");
            assert_eq!(message, "async def (line 2) is not supported by Retort");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn int_overflow_raises_instead_of_wrapping() {
    let (_, r) = run("x = 2 ** 62\ny = x * 4\n");
    assert!(
        matches!(r, Err(Error::Uncaught { ref class_name, .. }) if class_name == "OverflowError"),
        "{r:?}"
    );
}

#[test]
fn globals_persist_between_runs() {
    let mut py = Interpreter::new();
    assert!(py.run("x = 41").is_ok());
    assert!(py.run("print(x + 1)").is_ok());
    assert_eq!(py.take_output(), "42\n");
}

#[test]
fn native_modules_plug_into_the_registry() {
    let mut py = Interpreter::new();
    py.registry().register("greeting", |_| {
        let m = Module::new("greeting");
        m.set(
            "hello",
            crate::NativeFunction::value("hello", |_, args| {
                Ok(args.pos.first().cloned().unwrap_or(Value::None))
            }),
        );
        Ok(Rc::new(m))
    });
    assert!(
        py.run("from greeting import hello\nimport greeting as g\nprint(hello(3), g.hello('x'))")
            .is_ok()
    );
    assert_eq!(py.take_output(), "3 x\n");
}

// Expected output from CPython 3.11.7.
#[test]
fn sequence_operator_errors_and_bool_repeats() {
    let (out, r) = run(concat!(
        "for f in [lambda: 'x' + None, lambda: 'a' * 'b', lambda: (1,) + [2], lambda: [1] * 2.0]:\n",
        "    try:\n        f()\n    except TypeError as e:\n        print(e)\n",
        "print([1] * True, 'ab' * False, 2 * (1,), int('-9223372036854775808'))\n",
        "try:\n    int('99999999999999999999')\nexcept OverflowError:\n    print('overflow')\n",
    ));
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        concat!(
            "can only concatenate str (not \"NoneType\") to str\n",
            "can't multiply sequence by non-int of type 'str'\n",
            "can only concatenate tuple (not \"list\") to tuple\n",
            "can't multiply sequence by non-int of type 'float'\n",
            "[1]  (1, 1) -9223372036854775808\n",
            "overflow\n",
        )
    );
}
