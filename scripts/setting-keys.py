#!/usr/bin/env python3
"""Setting keys: regenerate the Key:: constants of app/model/SettingKeys.h from the schema table, and replace
setting-key string literals in the sources with those constants (run it after adding a field to the table).

Usage (from the root of a Saltant Deploy tree, any branch, any merge state):

    scripts/setting-keys.py [--check] [FILE ...]

* The list of keys is read from the schema table (app/model/SchemaTable*.cpp, or app/model/Schema.cpp on an
  older tree): the first argument of each `text(...)`, `integer(...)`, ... factory call, or an already
  replaced `Key::Name` argument together with app/model/SettingKeys.h.
* It first (re)writes app/model/SettingKeys.h's constant block between the markers `// BEGIN GENERATED KEYS` and
  `// END GENERATED KEYS` from the table (the SettingKey class around it is hand-written and must exist), so a
  key added to the table on another branch gets its constant. Run it before the table's literals are replaced,
  or with the header already holding every constant the table names.
* Without FILE it rewrites every .cpp/.h under app/, ui/, tests/ and bench/; with FILE only those.
* --check rewrites nothing and exits 1 when something would change (CI, or after a merge).
* Idempotent: a replaced literal is no longer a literal, so a second run changes nothing.

What it replaces (KEY is a setting key of the schema, e.g. "tls.enabled"):
    QStringLiteral("KEY")  QLatin1String("KEY")  QLatin1StringView("KEY")  u"KEY"_s  "KEY"_L1  QString("KEY")
    and a bare "KEY" that is a function argument or an initialiser element
into Key::ConstantName (ConstantName: each dotted part capitalised, "rabbitmqTls.enabled" -> RabbitmqTlsEnabled).
It leaves alone: comments, QTest::newRow("...")/addRow, string concatenations ("KEY" "more"), literals that
only contain a key ("tls.enabled=false"), and secret names (they are not in the schema's field list).
"""
import os
import re
import sys

ROOTS = ("app", "ui", "tests", "bench")
HEADER = "app/model/SettingKeys.h"
BEGIN, END = "// BEGIN GENERATED KEYS", "// END GENERATED KEYS"
KEY_RE = r"[A-Za-z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9]*"


def constant(key):
    return "".join(p[0].upper() + p[1:] for p in key.split("."))


def schema_keys():
    """Keys in schema order, from the table (literal or already Key::-typed) and the header."""
    table_files = sorted(
        os.path.join("app/model", f) for f in os.listdir("app/model")
        if f.startswith("SchemaTable") and f.endswith(".cpp"))
    if not table_files:
        table_files = ["app/model/Schema.cpp"]
    by_constant = {}
    if os.path.exists(HEADER):
        for m in re.finditer(r'inline constexpr SettingKey (\w+)\{"(' + KEY_RE + r')"\}', open(HEADER).read()):
            by_constant[m.group(1)] = m.group(2)
    keys = []
    # The first argument of a factory call (not a Project accessor such as p.text(...)).
    entry = re.compile(r'(?<![.\w])(?:text|integer|boolean|choice|list|field)\(\s*'
                       r'(?:"(' + KEY_RE + r')"|Key::(\w+))')
    for path in table_files:
        for m in entry.finditer(open(path).read()):
            key = m.group(1) or by_constant.get(m.group(2))
            if key is None:
                sys.exit("typed_keys: %s names Key::%s, which %s lacks" % (path, m.group(2), HEADER))
            if key not in keys:
                keys.append(key)
    if not keys:
        sys.exit("typed_keys: found no schema keys; run it from the root of the tree")
    return keys


def write_header(keys):
    block = [BEGIN]
    for key in keys:
        block.append('inline constexpr SettingKey %s{"%s"};' % (constant(key), key))
    block.append("// Every key, in schema order (SettingKey::parse() and the schema test read it).")
    block.append("inline constexpr SettingKey All[] = {")
    for key in keys:
        block.append("    %s," % constant(key))
    block.append("};")
    block.append(END)
    text = open(HEADER).read()
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < 0:
        sys.exit("typed_keys: %s lacks the %s / %s markers" % (HEADER, BEGIN, END))
    new = text[:start] + "\n".join(block) + text[end + len(END):]
    if new != text:
        open(HEADER, "w").write(new)
        return True
    return False


def split_code_comments(text):
    """Yields (is_code, chunk); string literals stay in code chunks, comments are separate chunks."""
    pattern = re.compile(r'//[^\n]*|/\*.*?\*/|R"(?P<d>[^(]*)\(.*?\)(?P=d)"|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                         re.S)
    pos = 0
    for m in pattern.finditer(text):
        tok = m.group(0)
        if tok.startswith("//") or tok.startswith("/*"):
            yield True, text[pos:m.start()]
            yield False, tok
            pos = m.end()
    yield True, text[pos:]


def rewrite(text, keys):
    keyset = set(keys)
    alt = "|".join(re.escape(k) for k in sorted(keyset, key=len, reverse=True))
    wrapped = re.compile(r'\b(?:QStringLiteral|QLatin1String|QLatin1StringView|QString|QStringView)\(\s*"(' + alt +
                         r')"\s*\)|\bu"(' + alt + r')"_s\b|"(' + alt + r')"_L1\b')
    # A bare literal: preceded by ( , { = (not ==) or "return" and followed by , ) } or ; (so never one half of a
    # concatenation "a" "b").
    bare = re.compile(r'(?P<pre>(?:[(,{]|(?<![=!<>])=)\s*|\breturn\s+)"(?P<key>' + alt + r')"(?=\s*[,)};])')
    newrow = re.compile(r'(?:newRow|addRow)\(\s*$')

    def wrapped_sub(m):
        return "Key::" + constant(m.group(1) or m.group(2) or m.group(3))

    def bare_sub(m):
        before = m.string[max(0, m.start() - 40):m.start() + len(m.group("pre"))]
        if newrow.search(before):
            return m.group(0)
        return m.group("pre") + "Key::" + constant(m.group("key"))

    out = []
    for is_code, chunk in split_code_comments(text):
        if is_code:
            chunk = wrapped.sub(wrapped_sub, chunk)
            chunk = bare.sub(bare_sub, chunk)
        out.append(chunk)
    return "".join(out)


def ensure_include(text, path):
    if "Key::" not in text or '#include "model/SettingKeys.h"' in text:
        return text
    if path.startswith("app/model/") and os.path.basename(path) in ("SettingKeys.h",):
        return text
    # Project.h includes SettingKeys.h; add the include only to files that do not include Project.h or Schema.h.
    if re.search(r'#include "model/(Project|Schema|SchemaTable|FieldSpec)\.h"', text):
        return text
    lines = text.split("\n")
    last = max((i for i, l in enumerate(lines) if l.startswith('#include "')), default=-1)
    if last < 0:
        return text
    lines.insert(last + 1, '#include "model/SettingKeys.h"')
    return "\n".join(lines)


def files(args):
    if args:
        return args
    found = []
    for root in ROOTS:
        for dirpath, _, names in os.walk(root):
            for name in names:
                if name.endswith((".cpp", ".h")):
                    found.append(os.path.join(dirpath, name))
    return sorted(found)


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if not a.startswith("--")]
    keys = schema_keys()
    changed = []
    if not os.path.exists(HEADER):
        sys.exit("typed_keys: %s is missing; it holds the SettingKey class and the generated constants" % HEADER)
    if not check and write_header(keys):
        changed.append(HEADER)
    for path in files(args):
        if os.path.normpath(path) == os.path.normpath(HEADER):
            continue
        text = open(path, encoding="utf-8").read()
        new = ensure_include(rewrite(text, keys), path)
        if new != text:
            changed.append(path)
            if not check:
                open(path, "w", encoding="utf-8").write(new)
    for path in changed:
        print(("would change " if check else "changed ") + path)
    print("typed_keys: %d keys, %d files %s" % (len(keys), len(changed), "to change" if check else "changed"))
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
