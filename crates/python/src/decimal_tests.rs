//! Tests of `decimal` (expected output from CPython 3.11.7).
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::parse(s).unwrap_or(Decimal::new(-999, 0))
}

// Expected strings from CPython 3.11.7's `decimal`.
#[test]
fn str_matches_cpython() {
    for (input, want) in [
        ("1e3", "1E+3"),
        ("-0", "-0"),
        ("0.00", "0.00"),
        ("1.50", "1.50"),
        ("0.0000001", "1E-7"),
        ("123.456e2", "12345.6"),
    ] {
        assert_eq!(d(input).to_string(), want, "{input}");
    }
}

#[test]
fn division_matches_cpython() {
    let q = |a: &str, b: &str| d(a).divide(d(b)).map(|x| x.to_string());
    assert_eq!(q("1", "4").as_deref(), Some("0.25"));
    assert_eq!(q("100", "8").as_deref(), Some("12.5"));
    assert_eq!(
        q("1", "3").as_deref(),
        Some("0.3333333333333333333333333333")
    );
    assert_eq!(q("10.50", "2").as_deref(), Some("5.25"));
    assert_eq!(q("6", "3").as_deref(), Some("2"));
}

#[test]
fn rounding_modes_and_normalize() {
    let (out, r) = crate::interp::run_for_test(concat!(
        "from decimal import Decimal, ROUND_HALF_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_UP, InvalidOperation\n",
        "q = Decimal('0.01')\n",
        "print(Decimal('19.995').quantize(q, rounding=ROUND_HALF_UP), Decimal('19.995').quantize(q), Decimal('-1.235').quantize(q, rounding=ROUND_DOWN), Decimal('1.231').quantize(q, rounding=ROUND_CEILING), Decimal('-1.231').quantize(q, rounding=ROUND_FLOOR), Decimal('2.5').quantize(Decimal('1'), rounding=ROUND_HALF_DOWN), Decimal('1.201').quantize(q, rounding=ROUND_UP), Decimal('1.500').normalize(), ROUND_HALF_UP, issubclass(InvalidOperation, ArithmeticError))\n",
    ));
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "20.00 20.00 -1.23 1.24 -1.24 2 1.21 1.5 ROUND_HALF_UP True\n"
    );
}
