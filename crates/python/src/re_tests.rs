//! Tests of the `re` module (expected output from CPython 3.11.7).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn run(src: &str) -> String {
    let (out, r) = crate::interp::run_for_test(src);
    assert!(r.is_ok(), "{r:?}");
    out
}

#[test]
fn match_search_and_groups() {
    let out = run(concat!(
        "import re\n",
        "m = re.match(r'(\\w+)@(?P<host>[\\w.]+)', 'bob@example.com rest')\n",
        "print(m, m.group(), m.group(1), m['host'], m.groups(), m.groupdict(), m.span(2), m.start(), m.end())\n",
        "print(re.match('x', 'ax'), re.search('x', 'ax'), re.fullmatch('a+', 'aaa') is not None, re.fullmatch('a', 'ab'))\n",
        "print(bool(re.search('HELLO', 'say hello', re.IGNORECASE)), re.compile(r'\\d+', re.I | re.M))\n",
    ));
    assert_eq!(
        out,
        concat!(
            "<re.Match object; span=(0, 15), match='bob@example.com'> bob@example.com bob example.com ('bob', 'example.com') {'host': 'example.com'} (4, 15) 0 15\n",
            "None <re.Match object; span=(1, 2), match='x'> True None\n",
            "True re.compile('\\\\d+', re.IGNORECASE|re.MULTILINE)\n",
        )
    );
}

#[test]
fn findall_sub_split() {
    let out = run(concat!(
        "import re\n",
        "print(re.findall(r'\\d+', 'a1 b22 c333'), re.findall(r'(\\w)=(\\d)', 'a=1, b=2'), re.findall(r'#(\\w+)', '#x #yz'))\n",
        "print(re.sub(r'\\s+', ' ', 'a   b \\t c'), re.sub(r'(\\w+)@(\\w+)', r'\\2 at \\1', 'me@home'), re.sub('a', lambda m: m.group().upper(), 'banana', count=2))\n",
        "print(re.split(r'[,;]\\s*', 'a, b;c'), re.split(r'(-)', 'x-y'), re.subn('o', '0', 'foo'), re.escape('a.b*c'))\n",
        "print([m.span() for m in re.finditer('o', 'foo')], re.compile('(?P<y>\\d{4})-(\\d\\d)').sub(r'\\g<2>/\\g<y>', '2024-03'))\n",
    ));
    assert_eq!(
        out,
        concat!(
            "['1', '22', '333'] [('a', '1'), ('b', '2')] ['x', 'yz']\n",
            "a b c home at me bAnAna\n",
            "['a', 'b', 'c'] ['x', '-', 'y'] ('f00', 2) a\\.b\\*c\n",
            "[(1, 2), (2, 3)] 03/2024\n",
        )
    );
}

#[test]
fn unsupported_and_invalid_patterns() {
    let (_, r) = crate::interp::run_for_test("import re\nre.search(r'a(?=b)', 'ab')\n");
    let err = r.err().map(|e| e.render()).unwrap_or_default();
    assert!(
        err.contains("NotImplementedError: regular expression lookahead"),
        "{err}"
    );
    let out = run(
        "import re\ntry:\n    re.compile('(a')\nexcept re.error as e:\n    print(type(e).__name__)\n",
    );
    assert_eq!(out, "error\n");
}
