#!/usr/bin/env python3
"""Build the Book-Crossing (BX) sample data shipped in samples/.

Usage (from the project root):

    python3 samples/make_samples.py [SHARED_DIR] [--out DIR] [--check]

SHARED_DIR defaults to ../shared/data/book-crossing (relative to the project
root). It must hold BX-Users.csv.gz and partial/ as described in its SOURCE.md.

Without options the script (re)writes every file under samples/ except itself:
the day-1 landing drop (samples/landing/...), the synthetic day-2 drop
(samples/drops/day-2/...), drops/day-2/CHANGES.md and SOURCE.md. It then
parses every data file again and prints the checks it ran.

--check builds everything into a temporary folder and compares it byte for
byte with the files in samples/ (exit status 1 on any difference).

Python 3 standard library only. The output is deterministic: same input, same
bytes (gzip is written with mtime=0 and no file name in its header).
"""

import argparse
import collections
import csv
import filecmp
import gzip
import hashlib
import io
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT_ROOT = os.path.dirname(HERE)
DEFAULT_SHARED = os.path.join(PROJECT_ROOT, "..", "shared", "data", "book-crossing")

CRLF = b"\r\n"

BOOKS_HEADER = (b'"ISBN";"Book-Title";"Book-Author";"Year-Of-Publication";"Publisher";'
                b'"Image-URL-S";"Image-URL-M";"Image-URL-L"')
USERS_HEADER = b'"User-ID";"Location";"Age"'
RATINGS_HEADER = b'"User-ID";"ISBN";"Book-Rating"'
DELETED_HEADER = b'"User-ID";"ISBN"'

# Upstream files (relative to SHARED_DIR) and their sha256 as given in its SOURCE.md
# (of the decompressed content).
UPSTREAM = {
    "users": ("BX-Users.csv.gz",
              "33cfe23088cb9f857861f240553425f87372888c22edce59c94fd17fb97b1c82"),
    "books99": ("partial/BX-Books.head-99.csv.gz",
                "dee13a979334542555774876834458889a35ed70684ba3ff62d070b61d89f69e"),
    "books999": ("partial/BX-Books.head-999.lf-utf8-variant.csv.gz",
                 "05f2c8d2af647c0bd3d5efd6ac2e36abf073015ee5955b1abe13d21be916a77b"),
    "ratings99": ("partial/BX-Book-Ratings.head-99.csv.gz",
                  "7e51fd44f3751c0d0f347fe82b43d3fd0b92de767fe5ffeaf35e8f6f4d801257"),
    "ratings999": ("partial/BX-Book-Ratings.head-999.lf-variant.csv.gz",
                   "0a516124fda4c651dd58f35aff546043ced4fc0f5bc1058583c85f760cc70a22"),
    "chunk": ("partial/BX-Book-Ratings.chunk-u43842-u55178.csv.gz",
              "cc5452845681b6c2ac400506bb27e7d4cfa2a35713297d992ca2d1093e169d74"),
}

# Output files, relative to the output folder (samples/).
F_BOOKS = "landing/books/BX-Books.head-999.csv"
F_SHIFTED = "landing/books/BX-Books.shifted-rows.csv"
F_USERS = "landing/users/BX-Users.sample.csv.gz"
F_RATINGS = "landing/ratings/BX-Book-Ratings.head-999.csv"
F_CHUNK = "landing/ratings/BX-Book-Ratings.chunk-u43842.sample.csv"
F_DELETED = "landing/ratings-deleted/BX-Ratings-Deleted.day-1.csv"
F2_BOOKS = "drops/day-2/books/BX-Books.update-day-2.csv"
F2_USERS = "drops/day-2/users/BX-Users.update-day-2.csv"
F2_RATINGS = "drops/day-2/ratings/BX-Book-Ratings.update-day-2.csv"
F2_DELETED = "drops/day-2/ratings-deleted/BX-Ratings-Deleted.update-day-2.csv"
F2_CHANGES = "drops/day-2/CHANGES.md"
F_SOURCE = "SOURCE.md"

DATA_FILES = [F_BOOKS, F_SHIFTED, F_USERS, F_RATINGS, F_CHUNK, F_DELETED,
              F2_BOOKS, F2_USERS, F2_RATINGS, F2_DELETED]
ALL_FILES = DATA_FILES + [F2_CHANGES, F_SOURCE]

CHUNK_MIN_RECORDS = 1500      # first records of the middle ratings chunk, extended to a user boundary
CHUNK_EXTRA_USER = "48821"    # the user with the escaped-quote ISBN "\"8804501367\""


# --------------------------------------------------------------------------------------
# The three column-shifting rows of BX-Books.csv (RECONSTRUCTED, see SOURCE.md).
#
# They lie at records 209,539 / 220,732 / 221,679 of the original (0-based pandas index
# 209538 / 220731 / 221678), far beyond any partial copy that could be retrieved, so the
# raw bytes are rebuilt from published evidence:
#  * Many notebooks read the ORIGINAL file with pandas' default RFC-4180 parser,
#    pd.read_csv('BX-Books.csv', sep=';', encoding='latin-1') (no escapechar), and print
#    Book-Title = 'DK Readers: ... (Level 4: Proficient Readers)\";James Buckley"',
#    Book-Author = '2000', Year = 'DK Publishing Inc', Publisher = the small image URL,
#    ..., Image-URL-L = NaN (the Kaggle "Books.csv" re-save keeps exactly these values).
#  * The dump is MySQL SELECT ... INTO OUTFILE output (fields enclosed by ", escaped by \):
#    BX-Users.csv has \" for quotes, \\ for a backslash (User 93070) and fields that END in
#    an escaped quote, e.g. "kraljevica, kvarner, \"n/a\"";NULL (User 236460).
#  The only byte sequence consistent with both is a title that ends in a literal quote,
#  written as \" followed by the closing quote:  ...Readers)\"";"James Buckley";"2000";...
#  Checked below: the RFC parser yields exactly the published 7 values; a backslash-escape
#  aware parser yields 8 fields with Book-Title ending in a stray '"' (not shifted).
# Image URLs follow the dump's fixed pattern (they also appear in the published values).
# The author of 2070426769 carries the dump's usual mojibake bytes: e-acute -> C3 3F C2 A9.
# --------------------------------------------------------------------------------------
def _amazon(isbn):
    return [("http://images.amazon.com/images/P/%s.01.%s.jpg" % (isbn, size)).encode("ascii")
            for size in ("THUMBZZZ", "MZZZZZZZ", "LZZZZZZZ")]


def _shifted(isbn, title_ending_in_quote, author, year, publisher):
    fields = [b'"' + isbn + b'"',
              b'"' + title_ending_in_quote + b'\\""',   # escaped quote, then closing quote
              b'"' + author + b'"', b'"' + year + b'"', b'"' + publisher + b'"']
    fields += [b'"' + u + b'"' for u in _amazon(isbn.decode("ascii"))]
    return b";".join(fields)


SHIFTED_ROWS = [  # original order
    _shifted(b"078946697X",
             b"DK Readers: Creating the X-Men, How It All Began (Level 4: Proficient Readers)",
             b"Michael Teitelbaum", b"2000", b"DK Publishing Inc"),
    _shifted(b"2070426769", b"Peuple du ciel, suivi de 'Les Bergers",
             b"Jean-Marie Gustave Le Cl\xc3?\xc2\xa9zio", b"2003", b"Gallimard"),
    _shifted(b"0789466953",
             b"DK Readers: Creating the X-Men, How Comic Books Come to Life (Level 4: Proficient Readers)",
             b"James Buckley", b"2000", b"DK Publishing Inc"),
]

# What pandas' default parser shows for these rows (published in many notebooks and in the
# Kaggle re-save): (Book-Title, Book-Author, Year-Of-Publication, Publisher), 7 fields.
SHIFTED_PUBLISHED = {
    "078946697X": ('DK Readers: Creating the X-Men, How It All Began (Level 4: Proficient Readers)'
                   '\\";Michael Teitelbaum"', "2000", "DK Publishing Inc",
                   "http://images.amazon.com/images/P/078946697X.01.THUMBZZZ.jpg"),
    "2070426769": ("Peuple du ciel, suivi de 'Les Bergers\\\";Jean-Marie Gustave Le Cl\u00c3?\u00c2\u00a9zio\"",
                   "2003", "Gallimard",
                   "http://images.amazon.com/images/P/2070426769.01.THUMBZZZ.jpg"),
    "0789466953": ('DK Readers: Creating the X-Men, How Comic Books Come to Life (Level 4: Proficient '
                   'Readers)\\";James Buckley"', "2000", "DK Publishing Inc",
                   "http://images.amazon.com/images/P/0789466953.01.THUMBZZZ.jpg"),
}


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------
class Fail(Exception):
    pass


def fail(msg):
    raise Fail(msg)


def read_gz(path):
    with open(path, "rb") as f:
        return gzip.decompress(f.read())


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def gzip_bytes(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as g:
        g.write(data)
    return buf.getvalue()


def bx_dialect_reader(text):
    """The BX dialect: ; delimiter, " quotes, backslash escapes, no doubled quotes."""
    return csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"',
                      escapechar="\\", doublequote=False, strict=False)


def rfc_dialect_reader(text):
    """RFC-4180 style (pandas/Excel default): doubled quotes, no escape character."""
    return csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"',
                      doublequote=True, strict=False)


def parse_record(raw):
    rows = list(bx_dialect_reader(raw.decode("latin-1")))
    if len(rows) != 1:
        fail("record does not parse to exactly one row: %r" % raw[:120])
    return rows[0]


def split_records(data, what, expect_final_terminator=True):
    """Split a BX file on CRLF (fields never contain CRLF; a bare LF may occur)."""
    recs = data.split(CRLF)
    if expect_final_terminator:
        if recs[-1] != b"":
            fail("%s: no CRLF after the last record" % what)
        recs = recs[:-1]
    return recs


def q(value):
    """Serialise one field the way the dump does (None -> bare NULL)."""
    if value is None:
        return b"NULL"
    if isinstance(value, str):
        value = value.encode("latin-1")
    return b'"' + value.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


def row(*fields):
    return b";".join(q(f) for f in fields)


def bx_file(header, records):
    return b"".join(r + CRLF for r in [header] + list(records))


def isbn10(first9):
    s = sum((10 - i) * int(d) for i, d in enumerate(first9))
    c = (11 - s % 11) % 11
    return first9 + ("X" if c == 10 else str(c))


def isbn13(first12):
    s = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return first12 + str((10 - s % 10) % 10)


def book(isbn, title, author, year, publisher, url_isbn=None):
    u = url_isbn or re.sub(r"[^0-9Xx]", "", isbn).upper()
    return row(isbn, title, author, year, publisher, *_amazon(u))


ISBN_OK = re.compile(r"^[0-9]{9}[0-9Xx]$")


# --------------------------------------------------------------------------------------
# Day 1
# --------------------------------------------------------------------------------------
def load_upstream(shared):
    data = {}
    for key, (rel, digest) in UPSTREAM.items():
        path = os.path.join(shared, rel)
        if not os.path.exists(path):
            fail("missing upstream file %s" % path)
        raw = read_gz(path)
        if sha256(raw) != digest:
            fail("%s: sha256 %s differs from the one in SOURCE.md (%s)" % (rel, sha256(raw), digest))
        data[key] = raw
    return data


def make_books(up):
    try:
        latin1 = up["books999"].decode("utf-8").encode("latin-1")
    except (UnicodeDecodeError, UnicodeEncodeError) as e:
        fail("books head-999: UTF-8 -> Latin-1 reversal failed: %s" % e)
    if b"\r" in latin1:
        fail("books head-999: unexpected CR in the LF variant")
    lines = latin1.split(b"\n")
    if lines[0] != BOOKS_HEADER or len(lines) != 1000:
        fail("books head-999: expected header + 999 records, got %d lines" % len(lines))
    out = bx_file(lines[0], lines[1:])
    crab = up["books99"]
    if not (out.startswith(crab) and len(crab.split(CRLF)) == 101):
        fail("books: the first 100 converted lines are NOT byte-identical to the crab head-99 file")
    return out, lines[1:]


def make_ratings(up):
    lines = up["ratings999"].split(b"\n")
    if b"\r" in up["ratings999"] or lines[0] != RATINGS_HEADER or len(lines) != 1000:
        fail("ratings head-999: expected LF variant with header + 999 records")
    out = bx_file(lines[0], lines[1:])
    if not out.startswith(up["ratings99"]):
        fail("ratings: the first 100 converted lines are NOT byte-identical to the crab head-99 file")
    return out, lines[1:]


def make_chunk(up):
    recs = split_records(up["chunk"], "ratings chunk", expect_final_terminator=False)
    if len(recs) != 39268:
        fail("ratings chunk: expected 39,268 records, got %d" % len(recs))
    users = [parse_record(r)[0] for r in recs]
    n = CHUNK_MIN_RECORDS
    while n < len(recs) and users[n] == users[n - 1]:
        n += 1                                  # end on a user boundary
    picked = list(recs[:n])
    extra = [r for r, u in zip(recs, users) if u == CHUNK_EXTRA_USER]
    if not any(b'"\\"8804501367\\""' in r for r in extra):
        fail("ratings chunk: escaped-quote ISBN record of user 48821 not found")
    if users.index(CHUNK_EXTRA_USER) >= n:
        picked += extra
    return bx_file(RATINGS_HEADER, picked), picked, n, len(extra)


def location_parts(loc):
    return [p.strip() for p in loc.split(",")]


def select_users(up, rater_ids):
    recs = split_records(up["users"], "users")
    if recs[0] != USERS_HEADER or len(recs) != 278859:
        fail("users: expected header + 278,858 records")
    recs = recs[1:]
    parsed = [parse_record(r) for r in recs]
    for r, f in zip(recs, parsed):
        if len(f) != 3:
            fail("users: record with %d fields: %r" % (len(f), r[:80]))
    reasons = collections.OrderedDict()
    rule_order = []

    def add(i, why):
        if why not in rule_order:
            rule_order.append(why)
        reasons.setdefault(i, [])
        if why not in reasons[i]:
            reasons[i].append(why)

    def first(pred, k, why):
        for i, f in enumerate(parsed):
            if k <= 0:
                break
            if pred(recs[i], f):
                add(i, why)
                k -= 1

    def every(pred, step, why):
        hits = [i for i, f in enumerate(parsed) if pred(recs[i], f)]
        for i in hits[::step]:
            add(i, why)
        return len(hits)

    for i, f in enumerate(parsed):
        if f[0] in rater_ids:
            add(i, "rater")
    first(lambda r, f: b"\n" in r, 1, "bare LF in Location")
    every(lambda r, f: b"&#" in r, 3, "`&#NNN;` reference (every 3rd)")
    every(lambda r, f: b'\\"' in r, 14, 'escaped quote `\\"` (every 14th)')
    first(lambda r, f: b'\\"";' in r, 99, 'field ends in an escaped quote `\\""`')
    first(lambda r, f: b"\\\\" in r, 99, "escaped backslash `\\\\`")
    first(lambda r, f: ";" in re.sub(r"&#[0-9]+;", "", f[1]), 99, "literal `;` in Location")
    for age in ("0", "1", "2", "3", "4"):
        first(lambda r, f, a=age: f[2] == a, 2, "age < 5")
    for age in ("101", "103", "104", "123", "199"):
        first(lambda r, f, a=age: f[2] == a, 1, "age 101-199")
    first(lambda r, f: f[2].isdigit() and int(f[2]) >= 200, 99, "age >= 200")
    for n, k in ((1, 99), (2, 99), (4, 5), (5, 5), (6, 1), (7, 1), (8, 1), (9, 1)):
        first(lambda r, f, n=n: len(f[1].split(",")) == n, k, "Location with %d comma-separated part%s" % (n, "" if n == 1 else "s"))
    first(lambda r, f: location_parts(f[1])[0] == "n/a", 2, "`n/a` part")
    first(lambda r, f: len(location_parts(f[1])) == 3 and location_parts(f[1])[1] == "n/a", 2, "`n/a` part")
    first(lambda r, f: location_parts(f[1])[-1] == "n/a", 2, "`n/a` part")
    first(lambda r, f: "" in location_parts(f[1]), 3, "empty part")
    every(lambda r, f: re.search(rb"[\x80-\xff]", r) is not None, 1000, "non-ASCII bytes (every 1000th)")

    missing = set(rater_ids) - {parsed[i][0] for i in reasons}
    if missing:
        fail("users: raters not found in BX-Users: %s" % sorted(missing)[:10])
    order = sorted(reasons)
    picked = [recs[i] for i in order]
    if not any(b"\n" in r and r.startswith(b'"275081";') for r in picked):
        fail("users: record 275081 (bare LF) not picked")
    why = collections.OrderedDict((w, 0) for w in rule_order)
    for i in order:
        for w in reasons[i]:
            why[w] += 1
    return bx_file(USERS_HEADER, picked), picked, why


# --------------------------------------------------------------------------------------
# Day 2 (synthetic). Every row carries its CHANGES.md line.
# --------------------------------------------------------------------------------------
def first_isbn_with_x(start):
    n = start
    while not isbn10("9999%05d" % n).endswith("X"):
        n += 1
    return isbn10("9999%05d" % n)


def day2(day1_books, day1_users, day1_ratings):
    """Returns {file: [(raw_row, key, before, after, why)]}."""
    B = {parse_record(r)[0]: parse_record(r) for r in day1_books}
    B_RAW = {parse_record(r)[0]: r for r in day1_books}
    U = {parse_record(r)[0]: parse_record(r) for r in day1_users}
    R = {}
    for r in day1_ratings:
        f = parse_record(r)
        R[(f[0], f[1])] = f[2]

    def need_book(i):
        if i not in B:
            fail("day-2 design: book %s not in the day-1 sample" % i)
        return B[i]

    def need_user(u):
        if u not in U:
            fail("day-2 design: user %s not in the day-1 sample" % u)
        return U[u]

    def need_rating(u, i):
        if (u, i) not in R:
            fail("day-2 design: rating %s/%s not in the day-1 sample" % (u, i))
        return R[(u, i)]

    n1, n2, n4x, n5, n6, n7, n8, nu = (isbn10("999900001"), isbn10("999900002"),
                                       first_isbn_with_x(40), isbn10("999900005"),
                                       isbn10("999900006"), isbn10("999900007"),
                                       isbn10("999900008"), isbn10("999900099"))
    n3 = isbn13("978999900003")
    n4_written = "%s-%s-%s-%s" % (n4x[0], n4x[1:5], n4x[5:9], n4x[9].lower())
    synthetic = (n1, n2, n3, n4x, n5, n6, n7, n8, nu)
    if len(set(synthetic)) != len(synthetic):
        fail("synthetic ISBNs are not distinct: %s" % (synthetic,))
    for i in synthetic:
        if i in B:
            fail("synthetic ISBN %s collides with a day-1 book" % i)

    books, users, ratings, deleted = [], [], [], []

    # ---- books
    b = need_book("3596214629")
    same_author = [x for x in B.values() if x[2].strip().lower() in ("golding", "william golding")]
    if len(same_author) != 1:
        fail("day-2 design: expected exactly one day-1 book by golding / william golding")
    books.append((book(b[0], b[1], "William Golding", b[3], b[4]), b[0],
                  "author `%s`" % b[2], "author `William Golding`",
                  "author spelling fixed: author_key `golding` -> `william golding`; the book (and its "
                  "explicit rating 8 by 276994) leaves the old author's stats and joins the new one"))
    b = need_book("0002005018")
    books.append((book(b[0], b[1], b[2], b[3], "HarperCollins Canada"), b[0],
                  "publisher `%s`" % b[4], "publisher `HarperCollins Canada`",
                  "publisher changes: (HarperFlamingo Canada, 2001) loses a book in gold_publisher_year_stats, "
                  "(HarperCollins Canada, 2001) gains one"))
    b = need_book("0571197639")
    books.append((book(b[0], b[1], b[2], "1999", b[4]), b[0],
                  "year `%s` (cleansed NULL)" % b[3], "year `1999`",
                  "year 0 (NULL in silver) becomes a valid year"))
    b = need_book("0195153448")
    books.append((B_RAW[b[0]], b[0], "unchanged", "unchanged (byte-identical re-send)",
                  "re-sent identical row: no new version, gold unchanged"))
    books.append((book("0789466953",
                       "DK Readers: Creating the X-Men, How Comic Books Come to Life (Level 4: Proficient Readers)",
                       "James Buckley", "2000", "DK Publishing Inc"), "0789466953",
                  "day-1 row of BX-Books.shifted-rows.csv (title ends in a stray quote / shifted)",
                  "clean 8-field row: author `James Buckley`, year 2000, publisher `DK Publishing Inc`",
                  "upstream repair of a shifted row; must replace whatever day 1 stored or quarantined"))
    books.append((book(n1, "Sample Book One", "Ada Testwriter", "2004", "Sample Press"), n1,
                  "absent", "new book `Sample Book One` by Ada Testwriter, 2004",
                  "new book; rated 9 by 43910 and 7 by 276953 in this drop (avg 8.0)"))
    books.append((book(n2, "Sample Book Two: Caf&#233; Stories &amp; More", "Ren\u00e9e Exemple", "2003",
                       "Sample Press"), n2,
                  "absent", "title `Sample Book Two: Caf\u00e9 Stories & More`, author `Ren\u00e9e Exemple`",
                  "new book with `&#233;` and `&amp;` (decoded in silver) and a Latin-1 byte 0xE9 in the author"))
    books.append((book(n3, "Sample Book Three (ISBN-13)", "Ada Testwriter", "2002", "Other Sample Press"), n3,
                  "absent", "new book, 13-digit ISBN",
                  "13-digit ISBN is valid (`^[0-9]{13}$`)"))
    books.append((book(n4_written, "Sample Book Four (hyphenated ISBN)", "Ada Testwriter", "2001",
                       "Sample Press", url_isbn=n4x), n4x,
                  "absent", "new book, written `%s`" % n4_written,
                  "ISBN with hyphens and lower-case x: key after cleansing is `%s`" % n4x))
    books.append((book(n5, "Sample Book Five (draft title)", "A. Draft", "2000", "Draft Press"), n5,
                  "absent", "(superseded by the next row of the same file)",
                  "same key twice in one file: this earlier row must lose"))
    books.append((book(n5, "Sample Book Five", "Ada Testwriter", "2000", "Sample Press"), n5,
                  "absent", "new book `Sample Book Five` by Ada Testwriter, Sample Press",
                  "same key twice in one file: this later row wins (title, author and publisher differ)"))
    books.append((book(n6, 'The "Quoted" Sample', "Ada Testwriter", "2004", "Sample Press"), n6,
                  "absent", 'title `The "Quoted" Sample`',
                  'new book whose title holds escaped quotes `\\"`'))
    books.append((book(n7, "Sample Book From The Future", "Ada Testwriter", "2999", "Sample Press"), n7,
                  "absent", "new book, year `2999` -> NULL",
                  "bad year: the row stays, Year-Of-Publication becomes NULL"))
    books.append((book("12345", "Sample Book With A Bad ISBN", "Ada Testwriter", "2004", "Sample Press",
                       url_isbn="12345"), "12345",
                  "absent", "quarantined", "bad ISBN `12345` (5 digits): quarantined"))
    shifted = b";".join([q(n8), b'"Sample Shifted Title\\";"Sample Author"', q("2001"), q("Sample Press")]
                        + [q(u) for u in _amazon(n8)])
    books.append((shifted, n8, "absent",
                  "7 fields with the BX dialect: repaired (title `Sample Shifted Title`, author `Sample Author`, "
                  "2001, Sample Press) or quarantined",
                  'synthetic shifted row in the brief\'s model: title ends in `\\";` with NO closing quote, so a '
                  "backslash-aware parser merges title and author and gets 7 fields (the real rows, see "
                  "SOURCE.md, only shift under an RFC-4180 parser)"))

    # ---- users
    def user_row(uid, loc, age):
        return row(uid, loc, age)

    users.append((user_row("278859", "testville, sample state, usa", "30"), "278859", "absent",
                  "new user: city testville, state sample state, country usa, age 30 (21-30)",
                  "new user (the highest BX User-ID is 278858); rates `Sample Book Two` 8"))
    users.append((user_row("278860", "bonn, nrw, germany", "40"), "278860", "absent",
                  "(superseded by the next row of the same file)",
                  "same key twice in one file: this earlier row must lose"))
    users.append((user_row("278860", "k&#246;ln, nrw, germany", "41"), "278860", "absent",
                  "new user: city `k\u00f6ln`, state nrw, country germany, age 41 (41-50)",
                  "same key twice: later row wins (location and age differ); `&#246;` decodes to \u00f6"))
    users.append((user_row("278861", "nowhere, n/a, canada", "-3"), "278861", "absent",
                  "new user: state NULL (`n/a`), country canada, age NULL",
                  "bad age `-3`: the row stays, age becomes NULL"))
    users.append((user_row("278862", "paris, france", None), "278862", "absent",
                  "new user: city paris, state france, country NULL, age NULL",
                  "two-part location: parts are city, state in order, country stays NULL"))
    u = need_user("276953")
    users.append((user_row(u[0], "london, england, united kingdom", u[2]), u[0],
                  "location `%s`, age %s" % (u[1], u[2]),
                  "location `london, england, united kingdom`, age %s" % u[2],
                  "user moves country: leaves malaysia's gold_country_stats (with the explicit rating 10 of "
                  "0446310786) and joins united kingdom's"))
    u = need_user("44252")
    users.append((user_row(u[0], u[1], "31"), u[0], "age %s (21-30)" % u[2], "age 31 (31-40)",
                  "age change across an age group: the user's explicit ratings move from 21-30 to 31-40"))
    users.append((user_row("abc", "springfield, illinois, usa", "35"), "abc", "absent", "quarantined",
                  "bad User-ID `abc`: quarantined"))

    # ---- ratings
    def rating_row(uid, isbn, value):
        return row(uid, isbn, value)

    ratings.append((rating_row("43910", n1, "9"), "43910/" + n1, "absent", "9",
                    "explicit rating of a book that arrives in this drop"))
    ratings.append((rating_row("276953", n1, "7"), "276953/" + n1, "absent", "7",
                    "second rating of the same new book (avg_rating 8.0, explicit count 2)"))
    ratings.append((rating_row("278859", n2, "8"), "278859/" + n2, "absent", "8",
                    "new user rates new book; both arrive in this drop"))
    ratings.append((rating_row("44252", n3, "0"), "44252/" + n3, "absent", "0",
                    "implicit rating (0) of the 13-digit-ISBN book"))
    ratings.append((rating_row("278860", n4_written, "6"), "278860/" + n4x, "absent", "6",
                    "ISBN written `%s`: must match book `%s` after cleansing" % (n4_written, n4x)))
    ratings.append((rating_row("43910", nu, "10"), "43910/" + nu, "absent", "10",
                    "book unknown anywhere (no day-1 or day-2 row): kept in silver, counts for the reader only"))
    ratings.append((rating_row("999999", "0446672211", "10"), "999999/0446672211", "absent", "10",
                    "user unknown anywhere: kept, counts in book/author stats of 0446672211, not in reader stats"))
    ratings.append((rating_row("43910", "0446672211", "3"), "43910/0446672211",
                    need_rating("43910", "0446672211"), "3", "existing explicit rating changes value"))
    ratings.append((rating_row("276755", "0451166892", "0"), "276755/0451166892",
                    need_rating("276755", "0451166892"), "0",
                    "explicit rating becomes implicit (leaves explicit counts and averages)"))
    ratings.append((rating_row("44113", "0446672211", "6"), "44113/0446672211",
                    need_rating("44113", "0446672211"), "(superseded by the next row of the same file)",
                    "same key twice in one file: this earlier row must lose"))
    ratings.append((rating_row("44113", "0446672211", "9"), "44113/0446672211",
                    need_rating("44113", "0446672211"), "9", "same key twice: later row wins"))
    ratings.append((rating_row("43910", "0316776963", "11"), "43910/0316776963",
                    need_rating("43910", "0316776963"), "quarantined (day-1 value stays)",
                    "bad rating `11`: quarantined, must not overwrite the current value"))
    ratings.append((rating_row("abc", "0446672211", "5"), "abc/0446672211", "absent", "quarantined",
                    "bad User-ID `abc`: quarantined"))
    ratings.append((rating_row("43910", "12345", "5"), "43910/12345", "absent", "quarantined",
                    "bad ISBN `12345`: quarantined"))

    # ---- deletions. The day-1 sample is a dump without deletions: a deletion in the same drop as
    # the rating it deletes would depend on the order of the two files, i.e. on modification times
    # that a checkout sets. The first three delete real day-1 ratings.
    for uid, isbn in (("276725", "034545104X"), ("276726", "0155061224"), ("43910", "1573225487")):
        deleted.append((row(uid, isbn), uid + "/" + isbn, need_rating(uid, isbn), "deleted",
                        "deletion of a real day-1 rating"))
    deleted.append((row("44252", "0316666343"), "44252/0316666343", need_rating("44252", "0316666343"),
                    "deleted", "deletion of a day-1 explicit rating (0316666343 loses its 10)"))
    deleted.append((row("276725", "0195153448"), "276725/0195153448", "absent", "absent (no-op)",
                    "deletion of a rating that never existed: nothing changes, nothing fails"))

    return {"books": books, "users": users, "ratings": ratings, "deleted": deleted}


VALID_ISBN = re.compile(r"^[0-9]{9}[0-9X]$|^[0-9]{13}$")


def clean_isbn(s):
    return re.sub(r'[-\s."\\]', "", s.strip()).upper()


def apply_ratings(state, recs, delete=False):
    """Upserts (or deletions) of valid rating rows, in order, into {(user, isbn): value}."""
    for r in recs:
        f = parse_record(r)
        uid, isbn = f[0].strip(), clean_isbn(f[1])
        if not (uid.isdigit() and int(uid) > 0 and VALID_ISBN.match(isbn)):
            continue
        key = (int(uid), isbn)
        if delete:
            state.pop(key, None)
        elif f[2].strip().isdigit() and int(f[2]) <= 10:
            state[key] = int(f[2])


def rating_figures(state, pick):
    """(explicit count, mean explicit, implicit count) over the ratings selected by pick(key)."""
    vals = [v for k, v in state.items() if pick(k)]
    exp = [v for v in vals if v > 0]
    mean = "%.4g" % (sum(exp) / len(exp)) if exp else "NULL"
    return "%d / %s / %d" % (len(exp), mean, len(vals) - len(exp))


def expected_numbers(day1_ratings, d2):
    state = {}
    apply_ratings(state, day1_ratings)
    before = dict(state)
    apply_ratings(state, [x[0] for x in d2["ratings"]])
    apply_ratings(state, [x[0] for x in d2["deleted"]], delete=True)
    books = ["0446672211", "0316666343", "0451166892", "0316776963", "1573225487", "3596214629",
             isbn10("999900001"), first_isbn_with_x(40), isbn10("999900099")]
    users = ["43910", "44113", "44252", "276755", "276953", "278859", "999999"]
    rows_b = [(i, rating_figures(before, lambda k, i=i: k[1] == i), rating_figures(state, lambda k, i=i: k[1] == i))
              for i in books]
    rows_u = [(u, rating_figures(before, lambda k, u=u: k[0] == int(u)),
               rating_figures(state, lambda k, u=u: k[0] == int(u))) for u in users]
    return rows_b, rows_u


# --------------------------------------------------------------------------------------
# Checks and statistics
# --------------------------------------------------------------------------------------
def file_records(data):
    """(header, records) of a BX file; CRLF terminated, the last record too."""
    if not data.endswith(CRLF):
        fail("file does not end with CRLF")
    recs = data.split(CRLF)[:-1]
    return recs[0], recs[1:]


def check_terminators(data):
    bare_lf = len(re.findall(rb"(?<!\r)\n", data))
    bare_cr = len(re.findall(rb"\r(?!\n)", data))
    return bare_lf, bare_cr


def field_counts(data, reader):
    text = data.decode("latin-1")
    return collections.Counter(len(r) for r in list(reader(text))[1:])


def stats(out):
    s = collections.OrderedDict()
    for rel in DATA_FILES:
        raw = out[rel]
        data = gzip.decompress(raw) if rel.endswith(".gz") else raw
        header, recs = file_records(data)
        bare_lf, bare_cr = check_terminators(data)
        parsed = list(bx_dialect_reader(data.decode("latin-1")))
        st = collections.OrderedDict()
        st["bytes"] = len(raw)
        st["records"] = len(recs)
        st["parsed_rows"] = len(parsed) - 1
        st["fields_bx"] = dict(field_counts(data, bx_dialect_reader))
        st["fields_rfc"] = dict(field_counts(data, rfc_dialect_reader))
        st["bare_lf"] = bare_lf
        st["bare_cr"] = bare_cr
        st["escaped_quote_rows"] = sum(1 for r in recs if b'\\"' in r)
        st["escaped_backslash_rows"] = sum(1 for r in recs if b"\\\\" in r)
        st["null_fields"] = sum(len(re.findall(rb"(?:^|;)NULL(?=;|$)", r)) for r in recs)
        st["numeric_ref_rows"] = sum(1 for r in recs if re.search(rb"&#[0-9]+;", r))
        st["numeric_refs"] = sum(len(re.findall(rb"&#[0-9]+;", r)) for r in recs)
        st["amp_rows"] = sum(1 for r in recs if b"&amp;" in r)
        st["non_ascii_rows"] = sum(1 for r in recs if re.search(rb"[\x80-\xff]", r))
        rows = parsed[1:]
        if header in (BOOKS_HEADER, RATINGS_HEADER, DELETED_HEADER):
            col = 0 if header == BOOKS_HEADER else 1
            st["odd_isbn_rows"] = sum(1 for f in rows if len(f) > col and not ISBN_OK.match(f[col]))
        if header == BOOKS_HEADER:
            st["year_0"] = sum(1 for f in rows if len(f) == 8 and f[3] == "0")
            st["year_gt_2004"] = sum(1 for f in rows if len(f) == 8 and f[3].isdigit() and int(f[3]) > 2004)
        if header == USERS_HEADER:
            ages = [f[2] for f in rows]
            st["age_null"] = sum(1 for a in ages if a == "NULL")
            st["age_lt_5"] = sum(1 for a in ages if a.lstrip("-").isdigit() and int(a) < 5)
            st["age_gt_100"] = sum(1 for a in ages if a.isdigit() and int(a) > 100)
            st["age_ge_200"] = sum(1 for a in ages if a.isdigit() and int(a) >= 200)
            st["location_parts"] = dict(sorted(collections.Counter(len(f[1].split(",")) for f in rows).items()))
            st["n_a_rows"] = sum(1 for f in rows if "n/a" in location_parts(f[1]))
            st["literal_semicolon_rows"] = sum(1 for f in rows if ";" in re.sub(r"&#[0-9]+;", "", f[1]))
            st["bare_lf_rows"] = sum(1 for r in recs if b"\n" in r)
            st["users"] = len(rows)
        if header == RATINGS_HEADER:
            st["users"] = len({f[0] for f in rows})
            st["rating_values"] = dict(sorted(collections.Counter(f[2] for f in rows).items(),
                                              key=lambda kv: (len(kv[0]), kv[0])))
        if header == BOOKS_HEADER:
            st["duplicate_keys"] = len(rows) - len({f[0] for f in rows})
        elif header in (RATINGS_HEADER, DELETED_HEADER):
            st["duplicate_keys"] = len(rows) - len({(f[0], f[1]) for f in rows})
        elif header == USERS_HEADER:
            st["duplicate_keys"] = len(rows) - len({f[0] for f in rows})
        s[rel] = st
    return s


def verify(out, books_shifted_isbns):
    """Hard checks; raises Fail."""
    expect = {BOOKS_HEADER: 8, USERS_HEADER: 3, RATINGS_HEADER: 3, DELETED_HEADER: 2}
    for rel in DATA_FILES:
        raw = out[rel]
        data = gzip.decompress(raw) if rel.endswith(".gz") else raw
        header, recs = file_records(data)
        if header not in expect:
            fail("%s: unexpected header %r" % (rel, header))
        n = expect[header]
        bare_lf, bare_cr = check_terminators(data)
        if bare_cr:
            fail("%s: %d bare CR" % (rel, bare_cr))
        allowed_lf = 1 if rel == F_USERS else 0
        if bare_lf != allowed_lf:
            fail("%s: %d bare LF (expected %d)" % (rel, bare_lf, allowed_lf))
        rows = list(bx_dialect_reader(data.decode("latin-1")))
        if len(rows) != len(recs) + 1:
            fail("%s: csv module sees %d rows, file has %d records" % (rel, len(rows) - 1, len(recs)))
        for f in rows[1:]:
            if len(f) != n and not (rel == F2_BOOKS and f[0] == isbn10("999900008") and len(f) == 7):
                fail("%s: row with %d fields: %r" % (rel, len(f), f[:3]))
    # bare LF of user 275081 survives, inside the Location field
    users = gzip.decompress(out[F_USERS]).decode("latin-1")
    hit = [f for f in bx_dialect_reader(users) if f[0] == "275081"]
    if len(hit) != 1 or "\n" not in hit[0][1]:
        fail("users: record 275081 lost its bare LF")
    # the reconstructed shifted rows
    text = out[F_SHIFTED].decode("latin-1")
    rfc = {f[0]: f for f in list(rfc_dialect_reader(text))[1:]}
    bx = {f[0]: f for f in list(bx_dialect_reader(text))[1:]}
    for isbn, published in SHIFTED_PUBLISHED.items():
        f = rfc.get(isbn)   # (Book-Title, Book-Author, Year-Of-Publication, Publisher) as published
        if f is None or len(f) != 7 or tuple(f[1:5]) != published:
            fail("shifted row %s does not reproduce the published RFC-parser values: %r" % (isbn, f))
        g = bx[isbn]        # BX dialect: 8 fields, the year where it belongs, title ends in '"'
        if len(g) != 8 or not g[1].endswith('"') or g[3] != published[1] or g[4] != published[2]:
            fail("shifted row %s: unexpected BX-dialect parse %r" % (isbn, g))
    if sorted(bx) != sorted(books_shifted_isbns):
        fail("shifted rows: unexpected ISBNs")


# --------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------
def md_escape(s):
    return s.replace("|", "\\|")


def render_changes(d2, files, expected):
    lines = []
    w = lines.append
    w("# Day-2 drop: intended changes")
    w("")
    w("Synthetic second-day drop for the Book-Crossing (BX) sample. Generated by `samples/make_samples.py`")
    w("(do not edit by hand). Same format as the day-1 landing: `;`-delimited, fields in double quotes")
    w("(bare `NULL` excepted), `\\\"` for a quote inside a field, ISO-8859-1, CRLF, header row.")
    w("")
    w("Land these files **after** the day-1 files (later modification time). Their names also sort after")
    w("the day-1 names of the same folder (`...update-day-2...`). No row of this drop depends on the order")
    w("of its own files: the deletions delete ratings of day 1 or none, never a rating of this drop.")
    w("")
    w("Rows appear below in file order; *key* is the key after cleansing. *Before* is the state after day 1")
    w("(the day-1 sample: a dump, without deletions), *after* the expected state after day 2.")
    w("")
    titles = {"books": ("Books", F2_BOOKS), "users": ("Users", F2_USERS),
              "ratings": ("Ratings", F2_RATINGS), "deleted": ("Rating deletions", F2_DELETED)}
    for key in ("books", "users", "ratings", "deleted"):
        title, rel = titles[key]
        w("## %s: `%s` (%d rows)" % (title, os.path.basename(rel), len(d2[key])))
        w("")
        w("| # | key | before | after | why it is interesting |")
        w("|---|---|---|---|---|")
        for i, (_, k, before, after, why) in enumerate(d2[key], 1):
            w("| %d | `%s` | %s | %s | %s |" % (i, k, md_escape(before), md_escape(after), md_escape(why)))
        w("")
    w("## Expected effects, in short")
    w("")
    w("- Quarantined (5 rows in all): books `12345`; users `abc`; ratings `43910/0316776963` (value 11),")
    w("  `abc/0446672211`, `43910/12345`. Plus the synthetic shifted book `%s` if the pipeline" % isbn10("999900008"))
    w("  quarantines rather than repairs it.")
    w("- Kept with a NULL: book `%s` (year 2999), user `278861` (age -3)." % isbn10("999900007"))
    w("- Same key twice in one file, later row wins: book `%s`, user `278860`," % isbn10("999900005"))
    w("  rating `44113/0446672211` (final value 9).")
    w("- Author move: `golding` loses 3596214629, `william golding` gains it. Country move: user 276953")
    w("  from malaysia to united kingdom. Age-group move: user 44252 from 21-30 to 31-40.")
    w("- Late or missing dimensions: rating `43910/%s` (book unknown anywhere) and" % isbn10("999900099"))
    w("  `999999/0446672211` (user unknown anywhere) are kept in silver_ratings.")
    w("- Re-send: book 0195153448 arrives again unchanged; no gold row changes because of it.")
    w("- Author `ada testwriter` after day 2: 6 books (%s)." % ", ".join(
        "`%s`" % i for i in (isbn10("999900001"), isbn13("978999900003"), first_isbn_with_x(40),
                             isbn10("999900005"), isbn10("999900006"), isbn10("999900007"))))
    w("")
    w("## Expected rating figures (computed by the script from the sample)")
    w("")
    w("Ratings only (valid rows, later row wins, deletions applied), before any join with books or")
    w("users: *explicit count / mean explicit rating / implicit count*. For a known book these are the")
    w("gold_book_stats figures; for a known user the gold_reader_stats figures.")
    w("")
    rows_b, rows_u = expected
    w("| ISBN | after day 1 | after day 2 |")
    w("|---|---|---|")
    notes = {"1573225487": " (its day-1 explicit 9 is deleted on day 2)",
             isbn10("999900099"): " (unknown book: no gold_book_stats row)",
             "999999": " (unknown user: no gold_reader_stats row)"}
    for k, a, b in rows_b:
        w("| `%s`%s | %s | %s |" % (k, notes.get(k, ""), a, b))
    w("")
    w("| User-ID | after day 1 | after day 2 |")
    w("|---|---|---|")
    for k, a, b in rows_u:
        w("| `%s`%s | %s | %s |" % (k, notes.get(k, ""), a, b))
    w("")
    return "\n".join(lines)


def fmt_counter(d):
    return ", ".join("%s: %s" % (k, v) for k, v in d.items())


def render_source(st, meta, d2):
    b, sh, u, r, c = (st[F_BOOKS], st[F_SHIFTED], st[F_USERS], st[F_RATINGS], st[F_CHUNK])
    total = sum(v["bytes"] for v in st.values())
    L = []
    w = L.append
    w("# samples/: provenance, attribution and contents")
    w("")
    w("Generated by `samples/make_samples.py` (Python 3, standard library only); do not edit by hand.")
    w("Regenerate from the shared data with `python3 samples/make_samples.py [../shared/data/book-crossing]`,")
    w("or check that this folder is exactly what the script makes with `--check`.")
    w("")
    w("## Origin and attribution")
    w("")
    w("The real rows come from the **Book-Crossing (BX) dataset**, collected by Cai-Nicolas Ziegler in a")
    w("four-week crawl (August/September 2004) of the Book-Crossing community, with permission from Ron")
    w("Hornbaker, CTO of Humankind Systems, and published by DBIS, Institut f\u00fcr Informatik,")
    w("Albert-Ludwigs-Universit\u00e4t Freiburg (formerly http://www2.informatik.uni-freiburg.de/~cziegler/BX/,")
    w("now offline) as `BX-CSV-Dump.zip`.")
    w("")
    w("Reference: Cai-Nicolas Ziegler, Sean M. McNee, Joseph A. Konstan, Georg Lausen. *Improving")
    w("Recommendation Lists Through Topic Diversification.* Proceedings of the 14th International World")
    w("Wide Web Conference (WWW '05), May 10-14, 2005, Chiba, Japan. DOI 10.1145/1060745.1060754.")
    w("")
    w("Terms, as stated on the original page:")
    w("")
    w('> "Freely available for research use when acknowledged with the following reference (further')
    w("> details on the dataset are given in this publication): Improving Recommendation Lists Through")
    w("> Topic Diversification, Cai-Nicolas Ziegler, Sean M. McNee, Joseph A. Konstan, Georg Lausen;")
    w("> Proceedings of the 14th International World Wide Web Conference (WWW '05), May 10-14, 2005,")
    w('> Chiba, Japan."')
    w("")
    w("The page names no other licence. Treat these samples as research-use only, with the attribution")
    w("above, like the full dataset. The synthetic rows (listed below) were written for this project.")
    w("")
    w("## Files")
    w("")
    w("Sizes are bytes on disk; records exclude the header. Total: %s bytes." % format(total, ","))
    w("")
    w("| file | records | bytes | sha256 (as stored) | made from |")
    w("|---|---|---|---|---|")
    src = {
        F_BOOKS: "real: all 999 records of `partial/BX-Books.head-999.lf-utf8-variant.csv.gz` (giso360/mg-grpj-part-a), "
                 "UTF-8 decoded, Latin-1 encoded, LF -> CRLF, CRLF added after the last record",
        F_SHIFTED: "**reconstructed** (not cut from a file): the 3 column-shifting rows, see below",
        F_USERS: "real: %d whole records cut byte-for-byte from `BX-Users.csv.gz` (the verified original), "
                 "original order, gzip -9 with mtime 0" % u["records"],
        F_RATINGS: "real: all 999 records of `partial/BX-Book-Ratings.head-999.lf-variant.csv.gz` "
                   "(giso360/mg-grpj-part-a), LF -> CRLF, CRLF added after the last record",
        F_CHUNK: "real: the first %d records of `partial/BX-Book-Ratings.chunk-u43842-u55178.csv.gz` "
                 "(LaxmiVanam/Book-recommendation-system-using-Pyspark; %d, extended to the end of user %s), "
                 "then the %d record(s) of user %s (same chunk); header added" % (
                     meta["chunk_n"], CHUNK_MIN_RECORDS, meta["chunk_last_user"], meta["chunk_extra"],
                     CHUNK_EXTRA_USER),
        F_DELETED: "synthetic: header only (a dump has no deletions; see below)",
        F2_BOOKS: "synthetic day-2 drop, see `drops/day-2/CHANGES.md`",
        F2_USERS: "synthetic day-2 drop",
        F2_RATINGS: "synthetic day-2 drop",
        F2_DELETED: "synthetic day-2 drop",
    }
    for rel in DATA_FILES:
        v = st[rel]
        w("| `%s` | %s | %s | `%s` | %s |" % (rel, format(v["records"], ","), format(v["bytes"], ","),
                                             meta["sha"][rel], src[rel]))
    w("")
    w("Checks the script runs on the upstream files (it stops with an error if one fails): every upstream")
    w("file has the sha256 given in `../shared/data/book-crossing/SOURCE.md`; the first 100 lines of the")
    w("converted Books file are byte-identical to the crab fixture `partial/BX-Books.head-99.csv.gz`")
    w("(muricoca/crab), and the first 100 lines of the converted Ratings file to")
    w("`partial/BX-Book-Ratings.head-99.csv.gz`. So the day-1 Books and Ratings files are the original")
    w("bytes for their first 100 lines and the faithful reversal of the LF/UTF-8 variant for the rest.")
    w("")
    w("### Users: which records were cut, and why")
    w("")
    w("Each record is kept if at least one rule picks it (counts overlap):")
    w("")
    for why, n in meta["user_reasons"].items():
        label = "every user that appears in the day-1 ratings sample" if why == "rater" else why
        w("- %s: %d" % (label, n))
    w("")
    w("### The three column-shifting Books rows (reconstructed)")
    w("")
    w("ISBNs 078946697X, 2070426769 and 0789466953 are records 209,539, 220,732 and 221,679 of the")
    w("original BX-Books.csv. No retrievable copy holds their raw bytes: the complete copies are 29-78 MB")
    w("and unreachable, the searchable copies stop after the first 10,000 rows, and the one")
    w("original-format subset found (Miguelro/publishing-databricks-demo `data/BX-Books.csv`, about 48,000")
    w("rows, filtered to the books of a random ratings sample) is only searchable in its first 100,000")
    w("characters and may not hold these rows at all. The rows in `BX-Books.shifted-rows.csv` are therefore")
    w("**rebuilt** from two kinds of evidence:")
    w("")
    w("1. Published parses of the original. Notebooks that read the original with pandas' default parser")
    w("   (`pd.read_csv('BX-Books.csv', sep=';', encoding='latin-1')`: doubled quotes, no escape character)")
    w("   print 7 values for each row, e.g. Book-Title")
    w("   `DK Readers: Creating the X-Men, How Comic Books Come to Life (Level 4: Proficient Readers)\\\";James Buckley\"`,")
    w("   Book-Author `2000`, Year-Of-Publication `DK Publishing Inc`, Publisher = the small image URL,")
    w("   Image-URL-L missing. The Kaggle re-save (`Books.csv`) keeps exactly these values. Public scripts")
    w("   that load the original with `sep=';'` hard-code that title string when they patch the row, and")
    w("   many more carry the `books.loc[books.yearOfPublication == 'DK Publishing Inc']` fix.")
    w("2. The dump's own escaping. It is MySQL `SELECT ... INTO OUTFILE` output (fields enclosed by `\"`,")
    w("   escaped by `\\`): BX-Users.csv writes `\\\"` for a quote, `\\\\` for a backslash (User 93070) and")
    w("   fields that end in an escaped quote, e.g. `\"236460\";\"kraljevica, kvarner, \\\"n/a\\\"\";NULL`.")
    w("")
    w("The only bytes consistent with both: each title ends in a literal `\"`, written `\\\"` right before")
    w("the closing quote, i.e. `...Readers)\\\"\";\"James Buckley\";\"2000\";\"DK Publishing Inc\";...`. The script")
    w("asserts that an RFC-4180 parser turns the rebuilt rows into exactly the published 7 values. Image")
    w("URLs follow the dump's fixed pattern (also visible in the published values); the author of 2070426769")
    w("carries the dump's usual mojibake bytes (`Cl\\xC3?\\xC2\\xA9zio`, published as `Cl\u00c3?\u00c2\u00a9zio`).")
    w("")
    w("**Consequence for parsers.** With the BX dialect (`;`, `\"`, escape `\\`, no doubled quotes: Python")
    w("`csv` with `escapechar='\\\\', doublequote=False`, or Spark's default `escape=\"\\\\\"`) these rows give")
    w("**8 fields**, not 7: they are not shifted, but Book-Title ends in a stray `\"`. They shift (7 fields,")
    w("title swallows author) only under an RFC-4180 parser (pandas default, Spark with `escape='\"'`). The")
    w("brief's model (title ends in `\\\";` with no closing quote, 7 fields under the BX dialect) does not")
    w("match the published evidence, so the real rows are kept as reconstructed, and one clearly synthetic")
    w("row of that model (ISBN %s) is in the day-2 Books file to exercise repair/quarantine." % isbn10("999900008"))
    w("")
    w("Field counts per file (header excluded): BX dialect / RFC-4180 dialect")
    w("")
    w("| file | BX dialect | RFC-4180 |")
    w("|---|---|---|")
    for rel in DATA_FILES:
        w("| `%s` | %s | %s |" % (os.path.basename(rel), fmt_counter(st[rel]["fields_bx"]),
                                 fmt_counter(st[rel]["fields_rfc"])))
    w("")
    w("## Synthetic rows")
    w("")
    w("- `landing/ratings-deleted/%s` is a header only. The day-1 landing has no deletions (a" % os.path.basename(F_DELETED))
    w("  dump): a deletion in the same drop as the rating it deletes would depend on the order of the")
    w("  two files, i.e. on modification times a checkout sets. The deletions of real day-1 ratings")
    w("  (%s) are in the day-2 drop." % ", ".join(
        "`%s` (was %s)" % (k, before) for _, k, before, _, why in d2["deleted"]
        if why == "deletion of a real day-1 rating"))
    w("- Everything under `drops/day-2/` (%d books, %d users, %d ratings, %d deletion rows); each row is" % (
        len(d2["books"]), len(d2["users"]), len(d2["ratings"]), len(d2["deleted"])))
    w("  listed with its intent in `drops/day-2/CHANGES.md`. New synthetic ISBNs use the unassigned")
    w("  `9999...` range (with valid check digits) and new User-IDs start at 278859 (BX ends at 278858).")
    w("- `landing/books/BX-Books.shifted-rows.csv` is reconstructed (real content, rebuilt bytes), see above.")
    w("")
    w("Everything else is real, byte-identical to the original dump (Users, the first 100 lines of Books")
    w("and Ratings, the Ratings chunk) or its faithful reversal (Books and Ratings lines 101-1000).")
    w("")
    w("## Quirks in the day-1 sample")
    w("")
    w("Counted by the script on the written files (rows = records containing the quirk).")
    w("")
    w("| quirk | books head-999 | shifted rows | users | ratings head-999 | ratings chunk |")
    w("|---|---|---|---|---|---|")

    def g(v, k):
        return format(v.get(k, 0), ",") if k in v else "-"
    for label, k in (("records", "records"),
                     ("rows with escaped quote `\\\"`", "escaped_quote_rows"),
                     ("rows with escaped backslash `\\\\`", "escaped_backslash_rows"),
                     ("bare `NULL` fields", "null_fields"),
                     ("rows with `&#NNN;` references", "numeric_ref_rows"),
                     ("`&#NNN;` references", "numeric_refs"),
                     ("rows with `&amp;`", "amp_rows"),
                     ("bare LF inside a field", "bare_lf"),
                     ("rows with non-ASCII bytes", "non_ascii_rows"),
                     ("ISBNs not matching `^[0-9]{9}[0-9Xx]$`", "odd_isbn_rows"),
                     ("year 0", "year_0"),
                     ("year > 2004", "year_gt_2004"),
                     ("duplicate keys", "duplicate_keys")):
        w("| %s | %s | %s | %s | %s | %s |" % (label, g(b, k), g(sh, k), g(u, k), g(r, k), g(c, k)))
    w("")
    w("Users in detail: %d records; Age NULL %d, Age < 5 %d, Age > 100 %d (of which >= 200: %d); Location" % (
        u["records"], u["age_null"], u["age_lt_5"], u["age_gt_100"], u["age_ge_200"]))
    w("comma parts (count of `,`-separated parts: records) %s; records with an `n/a` part %d; with a literal" % (
        fmt_counter(u["location_parts"]), u["n_a_rows"]))
    w("`;` (not from an `&#NNN;` reference) %d; record 275081 holds the file's only bare LF (inside Location)." % (
        u["literal_semicolon_rows"]))
    w("")
    w("Ratings: head-999 has %d users, values %s; the chunk sample has %d users, values %s." % (
        r["users"], fmt_counter(r["rating_values"]), c["users"], fmt_counter(c["rating_values"])))
    w("The chunk sample holds the original's escaped-quote ISBN `\"48821\";\"\\\"8804501367\\\"\";\"0\"`.")
    w("")
    return "\n".join(L)


# --------------------------------------------------------------------------------------
def build(shared):
    up = load_upstream(shared)
    out = collections.OrderedDict()
    books_file, book_recs = make_books(up)
    out[F_BOOKS] = books_file
    out[F_SHIFTED] = bx_file(BOOKS_HEADER, SHIFTED_ROWS)
    ratings_file, rating_recs = make_ratings(up)
    chunk_file, chunk_recs, chunk_n, chunk_extra = make_chunk(up)
    out[F_RATINGS] = ratings_file
    out[F_CHUNK] = chunk_file
    all_ratings = rating_recs + chunk_recs
    raters = {parse_record(x)[0] for x in all_ratings}
    users_file, user_recs, user_reasons = select_users(up, raters)
    out[F_USERS] = gzip_bytes(users_file)
    d2 = day2(book_recs, user_recs, all_ratings)
    out[F_DELETED] = bx_file(DELETED_HEADER, [])
    out[F2_BOOKS] = bx_file(BOOKS_HEADER, [x[0] for x in d2["books"]])
    out[F2_USERS] = bx_file(USERS_HEADER, [x[0] for x in d2["users"]])
    out[F2_RATINGS] = bx_file(RATINGS_HEADER, [x[0] for x in d2["ratings"]])
    out[F2_DELETED] = bx_file(DELETED_HEADER, [x[0] for x in d2["deleted"]])
    out = collections.OrderedDict((k, out[k]) for k in DATA_FILES)
    verify(out, ["078946697X", "2070426769", "0789466953"])
    st = stats(out)
    meta = {"chunk_n": chunk_n, "chunk_extra": chunk_extra,
            "chunk_last_user": parse_record(chunk_recs[chunk_n - 1])[0],
            "user_reasons": user_reasons, "sha": {k: sha256(v) for k, v in out.items()}}
    expected = expected_numbers(all_ratings, d2)
    out[F2_CHANGES] = (render_changes(d2, out, expected) + "\n").encode("utf-8")
    out[F_SOURCE] = (render_source(st, meta, d2) + "\n").encode("utf-8")
    return out, st


def write_all(out, dest):
    for rel, data in out.items():
        path = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


def report(st):
    print("file | records | bytes | fields (BX dialect) | fields (RFC) | bare LF")
    for rel, v in st.items():
        print("%s | %d | %d | %s | %s | %d" % (rel, v["records"], v["bytes"], fmt_counter(v["fields_bx"]),
                                             fmt_counter(v["fields_rfc"]), v["bare_lf"]))
    print("total bytes (data files): %d" % sum(v["bytes"] for v in st.values()))
    print("checks passed: headers, CRLF after every record, no bare CR, bare LF only in user 275081,")
    print("  csv-module field counts 8/3/3/2 (one synthetic 7-field day-2 book), crab head-99 identity,")
    print("  reconstructed shifted rows reproduce the published RFC-parser values")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shared", nargs="?", default=DEFAULT_SHARED,
                    help="folder with BX-Users.csv.gz and partial/ (default: ../shared/data/book-crossing "
                         "relative to the project root)")
    ap.add_argument("--out", default=HERE, help="output folder (default: this script's folder, samples/)")
    ap.add_argument("--check", action="store_true",
                    help="build into a temporary folder and compare with --out; write nothing")
    a = ap.parse_args(argv)
    try:
        out, st = build(os.path.abspath(a.shared))
    except Fail as e:
        print("make_samples: FAILED: %s" % e, file=sys.stderr)
        return 2
    if a.check:
        with tempfile.TemporaryDirectory() as tmp:
            write_all(out, tmp)
            bad = [rel for rel in out
                   if not os.path.exists(os.path.join(a.out, rel))
                   or not filecmp.cmp(os.path.join(tmp, rel), os.path.join(a.out, rel), shallow=False)]
        report(st)
        if bad:
            print("DIFFERENT from %s: %s" % (a.out, ", ".join(bad)), file=sys.stderr)
            return 1
        print("all %d files in %s are byte-identical to a fresh build" % (len(out), a.out))
        return 0
    write_all(out, a.out)
    report(st)
    return 0


if __name__ == "__main__":
    sys.exit(main())
