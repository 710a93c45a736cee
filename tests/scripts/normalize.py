#!/usr/bin/env python3
"""Reference implementation of the golden corpus' normalization rules.

The rules (README.md, "Normalization") are applied, in this order, to both the expected
text (NAME.out / NAME.err, as CPython printed it) and the actual text before comparing.
regen.sh uses this file to verify that two CPython runs of every script agree.

Usage: normalize.py FILE...   prints each FILE normalized, concatenated, to stdout.
"""
import re
import sys

RULES = [
    # N1. echo/logging line prefix: "2026-11-23 08:40:12,345 INFO sqlalchemy.engine.Engine ..."
    (re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} ", re.M), "YYYY-MM-DD HH:MM:SS,mmm "),
    # N2. elapsed-time figures in echo parameter lines:
    #     [generated in 0.00015s]  [cached since 0.001234s ago]  [no key 0.00007s]
    (re.compile(r"\[(generated in|cached since|no key) \d+\.\d+s"), r"[\1 X.XXXXXs"),
    # N3. memory addresses in default reprs: "<User object at 0x7f3a...>", "<User at 0x7f...>"
    (re.compile(r" at 0x[0-9a-f]+"), " at 0x..."),
]

# N4. traceback frames outside the script: a line '  File "PATH", line N, in NAME' whose PATH is
#     not "script.py", plus the lines under it that start with four spaces (source line and
#     the ~~~^^^ markers), are removed. Frames of the script itself are kept.
FRAME = re.compile(r'^  File "(?P<path>[^"]*)", line \d+(, in .*)?$')


def drop_library_frames(text):
    out = []
    skipping = False
    for line in text.split("\n"):
        m = FRAME.match(line)
        if m:
            skipping = m.group("path") != "script.py"
            if skipping:
                continue
        elif skipping and line.startswith("    "):
            continue
        else:
            skipping = False
        out.append(line)
    return "\n".join(out)


def normalize(text):
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return drop_library_frames(text)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            sys.stdout.write(normalize(f.read()))
