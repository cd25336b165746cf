#!/usr/bin/env python3
"""Build a corpus of clean, well-edited English prose from Debian packages.

The corpus is the clean side of unspin's evaluation: documents that no
spinner has touched, so that no document may be judged `spun` and the
default mode may make no edit on them.

Usage:
    clean-corpus.py OUT.jsonl [--archaic ARCHAIC.jsonl]
    clean-corpus.py --originals SAMPLES_DIR OUT.jsonl

The first form reads the files of the Debian packages listed in SOURCES
(they must be installed: `--packages` prints the list), keeps the
running prose (paragraphs of sentences; no code, tables, option lists,
headings, navigation, licence texts), and cuts it into documents of 150 to
1,000 words at paragraph boundaries. It writes one JSON object per line:

    {"source": "<package>:<relative file>", "id": N, "words": W, "text": "..."}

Paragraphs within `text` are separated by a blank line. `words` counts
whitespace-separated tokens. `id` counts from 1 within each output file.

Modern manuals and books go to OUT.jsonl. Two archaic sources, the King
James Bible (1611) and Jane Austen's six novels (1811-1818), are a separate
hard case: they are written only with --archaic ARCHAIC.jsonl.

The second form writes the original (unspun) text of each story folder
below SAMPLES_DIR/dev*/ (the folder holds original.txt) as one document,
with `source` = `dev:<set>/<folder>`, for example
`dev:dev2/05-some-story`.

The output depends only on the installed files: files are read in sorted
order, nothing is random (document lengths vary by a hash of the file name
and document number), and the keys are written in a fixed order. A summary
per package goes to stderr. Python 3.7 or later, standard library only; the
King James Bible is read through the `bible` program of package bible-kjv.
"""

import argparse
import glob
import gzip
import hashlib
import html.parser
import json
import os
import re
import struct
import subprocess
import sys
import zlib

MIN_WORDS = 150  # shortest document
MAX_WORDS = 1000  # longest document
MIN_PARAGRAPH_WORDS = 12  # shorter paragraphs are headings, captions, fragments

# --------------------------------------------------------------------------
# The sources: (package, kind, group, root, patterns, exclude).
#   kind    which extractor reads the files (see EXTRACTORS)
#   group   "modern" (OUT.jsonl) or "archaic" (--archaic)
#   root    directory the patterns are relative to; `source` names the file
#           relative to it
#   patterns  glob patterns below root (sorted, duplicates removed)
#   exclude   regular expression of relative paths to leave out
# --------------------------------------------------------------------------
SOURCES = [
    # Debian Administrator's Handbook: a book written as running text.
    ("debian-handbook", "html", "modern",
     "/usr/share/doc/debian-handbook/html/en-US", ["*.html"],
     r"^(index|pr01|ix01)\.html$"),
    # Debian Reference: a user's guide (much of it is tables; those go).
    ("debian-reference-en", "html", "modern",
     "/usr/share/debian-reference", ["*.en.html"], r"^index\."),
    # Debian Developer's Reference (the chapters, not the one-page copy).
    ("developers-reference", "html", "modern",
     "/usr/share/developers-reference", ["*.html"],
     r"^(index|search|developers-reference)\.html$"),
    # Debian New Maintainers' Guide.
    ("maint-guide", "html", "modern",
     "/usr/share/doc/maint-guide/html", ["*.en.html"], r"^index\."),
    # The Debian GNU/Linux FAQ.
    ("debian-faq", "html", "modern",
     "/usr/share/doc/debian/FAQ", ["*.en.html"], r"^index\."),
    # Debian Policy Manual (normative prose).
    ("debian-policy", "html", "modern",
     "/usr/share/doc/debian-policy",
     ["policy.html/*.html", "menu-policy.html/*.html",
      "perl-policy.html/*.html"],
     r"(^|/)(index|search|genindex|upgrading-checklist)\.html$"),
    # A Short History of the Debian Project (narrative, closest to news).
    ("debian-history", "html", "modern",
     "/usr/share/doc/debian-history/docs", ["*.en.html"], r"^index\."),
    # Securing Debian Manual.
    ("harden-doc", "html", "modern",
     "/usr/share/doc/harden-doc/html/en-US", ["*.html"],
     r"^(index|ix01)\.html$"),
    # Debian Linux Kernel Handbook.
    ("debian-kernel-handbook", "html", "modern",
     "/usr/share/doc/debian-kernel-handbook/kernel-handbook.html",
     ["*.html"], r"^index\.html$"),
    # GNU Coding Standards and Information for GNU Maintainers.
    ("gnu-standards", "html", "modern",
     "/usr/share/doc/gnu-standards", ["standards.html", "maintain.html"],
     None),
    # Bash Reference Manual (the texinfo manual; bash.html is the man page).
    ("bash-doc", "html", "modern",
     "/usr/share/doc/bash", ["bashref.html"], None),
    # Python 3.11 documentation: tutorial, HOWTOs, FAQs, What's New essays,
    # language reference, set-up guides (library reference API entries are
    # definition lists and drop out; their introductions stay).
    ("python3.11-doc", "html", "modern",
     "/usr/share/doc/python3.11/html",
     ["tutorial/*.html", "howto/*.html", "faq/*.html", "whatsnew/*.html",
      "reference/*.html", "using/*.html", "installing/*.html",
      "distributing/*.html", "extending/*.html", "library/*.html"],
     r"(^|/)(index|changelog)\.html$"),
    # Perl documentation in POD: tutorials, FAQs, manuals. Not the perl*delta
    # release notes (changelogs), nor the licence texts or API listings.
    ("perl-doc", "pod", "modern",
     "/usr/share/perl/5.36.0/pod", ["*.pod"],
     r"^(perl\d+delta|perldelta|perlartistic|perlgpl|perlapi|perlintern|"
     r"perltoc|perlhist|perlmodlib|perlutil|perlclib|perl|perlvms|"
     r"perlfunc|perlvar|perldiag|perlexperiment|perlport|perlaix|"
     r"perlamiga|perlandroid|perlbs2000|perlcygwin|perlfreebsd|perlhaiku|"
     r"perlhpux|perlhurd|perlirix|perllinux|perlmacosx|perlopenbsd|"
     r"perlos2|perlos390|perlos400|perlplan9|perlqnx|perlriscos|"
     r"perlsolaris|perlsynology|perltru64|perlwin32|perlcn|perljp|perlko|"
     r"perltw|perlvos|perlce|perldos|perlsource)\.pod$"),
    # Git documentation: the user manual, tutorials, HOWTOs, design notes.
    ("git-doc", "html", "modern",
     "/usr/share/doc/git-doc", ["*.html", "howto/*.html", "technical/*.html"],
     r"(^|/)(index|git-[a-z0-9-]+|RelNotes.*|howto-index)\.html$"),
    # King James Bible, through the bible-kjv program (the text package
    # keeps it in its own compressed format).
    ("bible-kjv-text", "kjv", "archaic", "/usr/lib", ["bible.data"], None),
    # Jane Austen's six novels, kept as R data by r-cran-janeaustenr.
    ("r-cran-janeaustenr", "rdata", "archaic",
     "/usr/lib/R/site-library/janeaustenr", ["data/Rdata.rdb"], None),
]

# Packages that are needed besides those named in SOURCES.
EXTRA_PACKAGES = {"bible-kjv-text": ["bible-kjv"]}


def packages(groups=("modern", "archaic")):
    """Every package the build of `groups` needs, in the order of SOURCES."""
    names = []
    for source in SOURCES:
        if source[2] not in groups:
            continue
        for name in [source[0]] + EXTRA_PACKAGES.get(source[0], []):
            if name not in names:
                names.append(name)
    return names


# --------------------------------------------------------------------------
# Installed packages
# --------------------------------------------------------------------------
def installed_versions():
    """Map each installed package to its version, from dpkg's status file."""
    versions = {}
    try:
        with open("/var/lib/dpkg/status", encoding="utf-8",
                  errors="replace") as f:
            stanzas = f.read().split("\n\n")
    except OSError as e:
        sys.exit("clean-corpus: cannot read dpkg's status file: %s "
                 "(this needs a Debian system)" % e)
    for stanza in stanzas:
        fields = {}
        for line in stanza.splitlines():
            if line[:1] not in (" ", "\t") and ":" in line:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        name = fields.get("Package")
        if name and fields.get("Status", "").endswith(" installed"):
            arch = fields.get("Architecture", "")
            versions[name] = fields.get("Version", "")
            versions[name + ":" + arch] = fields.get("Version", "")
    return versions


def check_installed(groups):
    versions = installed_versions()
    missing = [p for p in packages(groups) if p not in versions]
    if missing:
        sys.exit("clean-corpus: package%s not installed: %s\n"
                 "install with: apt-get install --no-install-recommends %s"
                 % ("s" if len(missing) > 1 else "", " ".join(missing),
                    " ".join(packages(groups))))
    return versions


# --------------------------------------------------------------------------
# Paragraph filters: what counts as running prose
# --------------------------------------------------------------------------
# Common English function words: running prose has many, lists and code few.
FUNCTION_WORDS = set("""
a an the and or but if of to in on at by for with from as into onto than
that this these those it its is are was were be been being has have had do
does did not no can could will would shall should may might must which who
whom whose what when where while how why there their they them he she his
her we our you your i me my so such also only all any each some more most
other about after before over under between through then because although
""".split())

# A token that looks like code, a path, an option, a URL or markup.
CODEISH = re.compile(
    r"[_=<>{}\[\]|\\$#@`~^*%]"  # operators, sigils, markup
    r"|^\(?-{1,2}[A-Za-z]"  # command-line options
    r"|/"  # paths and URLs
    r"|\w\("  # calls: f() or f(x
    r"|[A-Za-z]\.[A-Za-z]{2,}"  # dotted names: os.path, sources.list
    r"|::|->|=>"
)
ABBREVIATION = re.compile(r"^\(?([A-Za-z]\.){2,}[,;:)]?$")  # e.g. i.e. U.S.

# Words that mark licence texts, copyright notices and boilerplate.
BOILERPLATE = re.compile(
    r"copyright|licen[cs]e[ds]? |free software foundation|without any "
    r"warranty|permission is granted|all rights reserved|this program is "
    r"free software|gnu general public|creative commons|\bGFDL\b|"
    r"produced by|project gutenberg|last updated|generated by|"
    r"sphinx|docutils|table of contents",
    re.IGNORECASE)


def normalise(text):
    """Collapse every run of whitespace (Unicode included) to one space and
    drop invisible characters."""
    text = text.replace("\u00ad", "").replace("\u200b", "")
    text = text.replace("\ufeff", "").replace("\u2060", "")
    return " ".join(text.split())


def is_prose(paragraph):
    """True when a normalised paragraph reads as running English prose."""
    words = paragraph.split()
    n = len(words)
    if n < MIN_PARAGRAPH_WORDS:
        return False
    # A sentence starts with a capital, a digit or an opening quote/bracket,
    # and ends with sentence punctuation (before closing quotes/brackets).
    if not re.match(r"[\"'(\u201c\u2018]?[A-Z0-9]", paragraph):
        return False
    # (Not a colon: such a paragraph introduces an example, list or table,
    # which has been dropped.)
    if not re.search(r"[.!?][\"')\u201d\u2019]*$", paragraph):
        return False
    letters = sum(c.isalpha() for c in paragraph)
    visible = sum(not c.isspace() for c in paragraph)
    if letters < 0.75 * visible:
        return False
    upper = sum(c.isupper() for c in paragraph)
    if upper > 0.2 * letters:
        return False
    codeish = 0
    for w in words:
        if ABBREVIATION.match(w):
            continue
        core = w.strip(".,;:!?\"'()\u201c\u201d\u2018\u2019")
        if CODEISH.search(core) or CODEISH.search(w):
            codeish += 1
    if codeish > 0.06 * n:
        return False
    function = sum(w.lower().strip(".,;:!?\"'()") in FUNCTION_WORDS
                   for w in words)
    if function < 0.25 * n:
        return False
    return not BOILERPLATE.search(paragraph)


# --------------------------------------------------------------------------
# Extractors: each returns the paragraphs of a file, in order
# --------------------------------------------------------------------------
class ProseHTML(html.parser.HTMLParser):
    """Collects the text of <p> elements that are not inside code, tables,
    lists, navigation, tables of contents or licence notices.

    A <p> that contains a block (a code example, a list) is split there into
    two paragraphs, so prose on each side of the block stays and the block
    goes."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "param", "source", "track", "wbr"}
    # Elements whose whole content is left out.
    SKIP = {"pre", "script", "style", "table", "dl", "ul", "ol", "nav",
            "head", "title", "header", "footer", "aside", "figure",
            "figcaption", "math", "svg", "form", "button", "select",
            "textarea", "sup", "h1", "h2", "h3", "h4", "h5", "h6",
            "caption", "object", "noscript", "iframe"}
    # Any element with one of these classes is left out (DocBook, Sphinx,
    # texinfo and asciidoc navigation, code and boilerplate).
    SKIP_CLASSES = {
        "navheader", "navfooter", "toc", "toc-backref", "contents",
        "sphinxsidebar", "sphinxsidebarwrapper", "related", "footer",
        "headerlink", "highlight", "literal-block", "screen",
        "programlisting", "synopsis", "cmdsynopsis", "funcsynopsis",
        "legalnotice", "copyright", "titlepage", "authorgroup", "author",
        "revhistory", "example", "informalexample", "listingblock",
        "literalblock", "verseblock", "example-contents", "header",
        "nav-panel", "navigation", "doc-footer", "docs-version",
        "admonition-title", "rubric", "footnote", "footnotes", "versionmodified",
        "sig", "sig-object", "highlight-python3", "highlight-default",
        "highlight-c", "highlight-sh", "highlight-pycon", "highlight-none",
        "doctest", "index", "menu", "mini-toc", "contents-title",
        "bibliography", "glossary", "table", "segmentedlist", "calloutlist",
        "productionlist", "line-block", "printhistory", "edition",
        "pubdate", "releaseinfo", "abstract"}
    # Classes that make an element a paragraph, like <p>.
    PARA_CLASSES = {"para", "simpara"}
    # Blocks that end the paragraph they appear in.
    BLOCK = {"p", "div", "pre", "table", "ul", "ol", "dl", "blockquote",
             "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
             "figure", "hr", "br", "center"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # open elements: (tag, skips, is a paragraph)
        self.skipping = 0  # open elements that skip their content
        self.in_p = 0  # open <p> elements
        self.buffer = []
        self.paragraphs = []

    def flush(self):
        if self.buffer:
            self.paragraphs.append("".join(self.buffer))
            self.buffer = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK and tag != "br":
            self.flush()
        if tag == "br":
            self.buffer.append(" ")
        if tag in self.VOID:
            return
        if tag == "p":
            # A <p> inside an open <p> closes it (HTML's implied end).
            self.close_tag("p")
        classes = set()
        for name, value in attrs:
            if name == "class" and value:
                classes.update(value.split())
        skips = tag in self.SKIP or bool(classes & self.SKIP_CLASSES)
        # A paragraph: <p>, or Publican's <div class="para">.
        para = tag == "p" or bool(classes & self.PARA_CLASSES)
        self.stack.append((tag, skips, para))
        self.skipping += skips
        self.in_p += para

    def close_tag(self, tag):
        """Close the innermost open `tag` and everything opened inside it."""
        if not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            t, skips, para = self.stack.pop()
            self.skipping -= skips
            self.in_p -= para
            if t == tag:
                break

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self.flush()
        if tag not in self.VOID:
            self.close_tag(tag)

    def handle_data(self, data):
        if self.in_p and not self.skipping:
            self.buffer.append(data)


def read_bytes(path):
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    return data


def extract_html(path):
    parser = ProseHTML()
    parser.feed(read_bytes(path).decode("utf-8", errors="replace"))
    parser.close()
    parser.flush()
    return parser.paragraphs


POD_CODE = re.compile(r"([A-Z])(<+)(\s?)")
POD_ESCAPES = {"lt": "<", "gt": ">", "verbar": "|", "sol": "/", "quot": '"',
               "amp": "&", "apos": "'", "nbsp": " "}


def pod_inline(text):
    """Strip POD formatting codes: B<x> I<x> C<x> F<x> S<x> -> x,
    L<text|target> -> text, L<name> -> name, E<lt> -> <, X<..> and Z<> ->
    nothing. Codes nest; C<< x >> (two or more brackets) closes at a space
    and as many brackets."""
    out = []
    stack = []  # open codes: (letter, closing delimiter, start in out)
    i = 0
    while i < len(text):
        m = POD_CODE.match(text, i)
        if m and (len(m.group(2)) == 1 or m.group(3)):
            letter, brackets = m.group(1), len(m.group(2))
            closing = ">" if brackets == 1 else " " + ">" * brackets
            stack.append((letter, closing, len(out)))
            i = m.end() if brackets > 1 else m.start(3)
            continue
        if stack:
            closing = stack[-1][1]
            # "  >>" also closes a double-bracket code
            if closing != ">" and text.startswith(closing.strip(), i) and \
                    i > 0 and text[i - 1].isspace():
                closing = closing.strip()
            if text.startswith(closing, i):
                letter, _, start = stack.pop()
                inner = "".join(out[start:]).strip() if len(closing) > 1 \
                    else "".join(out[start:])
                del out[start:]
                if letter in "XZ":
                    inner = ""
                elif letter == "E":
                    inner = POD_ESCAPES.get(inner, "")
                elif letter == "L":
                    inner = inner.split("|", 1)[0]
                    if inner.startswith("/"):
                        inner = inner[1:]
                    inner = inner.replace('/"', " ").replace('"', "")
                out.append(inner)
                i += len(closing)
                continue
        out.append(text[i])
        i += 1
    return "".join(out)


def extract_pod(path):
    """Ordinary paragraphs of a POD file, outside =over lists, =begin blocks
    and verbatim (indented) paragraphs."""
    text = read_bytes(path).decode("utf-8", errors="replace")
    paragraphs = []
    depth = 0  # =over nesting
    begin = 0  # =begin nesting
    in_pod = True
    for block in re.split(r"\n[ \t]*\n", text):
        if not block.strip():
            continue
        if block.startswith("="):
            command = block.split(None, 1)[0]
            if command == "=cut":
                in_pod = False
            elif command == "=over":
                depth += 1
            elif command == "=back":
                depth = max(0, depth - 1)
            elif command == "=begin":
                begin += 1
            elif command == "=end":
                begin = max(0, begin - 1)
            if command != "=cut":
                in_pod = True
            continue
        if not in_pod or depth or begin or block[0] in " \t":
            continue
        paragraphs.append(pod_inline(block))
    return paragraphs


def extract_kjv(path):
    """The King James Bible, one paragraph per chapter, through the `bible`
    program of package bible-kjv (the text is in its own compressed
    format). Verse numbers are dropped. Returns (book, paragraphs) pairs."""
    try:
        output = subprocess.run(
            ["bible", "-p", os.path.dirname(path), "-l10000", "Gen1:1-Rev22:21"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                 "LC_ALL": "C.UTF-8"}).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit("clean-corpus: cannot run bible (package bible-kjv): "
                 "%s" % e)
    books = []  # (book, chapters)
    verses = []
    for line in output.decode("utf-8", errors="replace").splitlines():
        m = re.match(r"^\s+\d+ (.*)$", line)
        if m:
            verses.append(m.group(1))
        elif line.strip():  # a chapter heading such as "Genesis 1"
            if verses:
                books[-1][1].append(" ".join(verses))
            verses = []
            book = re.sub(r"\s+\d+$", "", line.strip())
            if not books or books[-1][0] != book:
                books.append((book, []))
    if verses:
        books[-1][1].append(" ".join(verses))
    return books


class RUnserializer:
    """Just enough of R's XDR serialization format to read character
    vectors (and the lists and attributes around them)."""

    def __init__(self, data):
        if data[:2] != b"X\n":
            raise ValueError("not an XDR R serialization")
        self.data = data
        self.pos = 2
        version = self.int()
        self.int()  # R version that wrote it
        self.int()  # minimal R version to read it
        if version == 3:
            length = self.int()  # native encoding name
            self.pos += length
        self.refs = []

    def int(self):
        value = struct.unpack_from(">i", self.data, self.pos)[0]
        self.pos += 4
        return value

    def read(self):
        flags = self.int()
        kind = flags & 0xFF
        has_attr = flags & (1 << 9)
        has_tag = flags & (1 << 10)
        if kind in (254, 242, 251, 252, 253):  # NULL, empty env, markers
            return None
        if kind == 255:  # reference to an earlier symbol
            return self.refs[(flags >> 8) - 1]
        if kind == 1:  # symbol
            name = self.read()
            self.refs.append(name)
            return name
        if kind == 9:  # CHARSXP: one string
            n = self.int()
            if n == -1:
                return None
            raw = self.data[self.pos:self.pos + n]
            self.pos += n
            latin1 = flags & (1 << 14)
            return raw.decode("latin-1" if latin1 else "utf-8",
                              errors="replace")
        if kind in (2, 3, 4, 5, 6, 17):  # pairlists, closures, promises
            attr = self.read() if has_attr else None
            tag = self.read() if has_tag else None
            head = self.read()
            tail = self.read()
            return ("pairlist", tag, head, tail, attr)
        if kind in (10, 13, 14, 16, 19, 20, 24):  # vectors
            n = self.int()
            if n == -1:  # long vector
                n = (self.int() << 32) + self.int()
            if kind in (16, 19, 20):
                items = [self.read() for _ in range(n)]
            elif kind in (10, 13):
                items = list(struct.unpack_from(">%di" % n, self.data,
                                                self.pos))
                self.pos += 4 * n
            elif kind == 14:
                items = list(struct.unpack_from(">%dd" % n, self.data,
                                                self.pos))
                self.pos += 8 * n
            else:
                items = self.data[self.pos:self.pos + n]
                self.pos += n
            attr = self.read() if has_attr else None
            return ("vector", kind, items, attr)
        raise ValueError("unsupported R object type %d" % kind)


def r_names(obj):
    """The `names` attribute of an R object read by RUnserializer."""
    attr = obj[3]
    while attr:
        _, tag, head, tail, _ = attr
        if tag == "names":
            return head[2]
        attr = tail
    return []


def r_block(data):
    """Decompress one object of an R lazy-load database (.rdb)."""
    kind = data[4:5]
    if kind == b"2":
        import bz2
        return bz2.decompress(data[5:])
    if kind == b"X":
        import lzma
        return lzma.decompress(data[5:])
    if kind == b"0":
        return data[5:]
    return zlib.decompress(data[4:])


def extract_rdata(path):
    """Jane Austen's novels from janeaustenr's lazy-load database: each
    novel is a character vector of lines. Paragraphs are the runs of
    non-empty lines; chapter titles and the like are dropped by is_prose.
    Returns (novel, paragraphs) pairs, the novels by their R names."""
    index = read_bytes(path[:-len(".rdb")] + ".rdx")
    if index[:2] == b"\x1f\x8b":  # the index is gzip-compressed
        index = gzip.decompress(index)
    index = RUnserializer(index).read()
    names = r_names(index)
    variables = index[2][names.index("variables")]
    with open(path, "rb") as f:
        database = f.read()
    novels = []  # (name, paragraphs)
    for name, where in sorted(zip(r_names(variables), variables[2])):
        offset, length = where[2]
        novel = RUnserializer(r_block(database[offset:offset + length])).read()
        paragraphs = []
        lines = []
        for line in novel[2] + [""]:
            if line and line.strip():
                lines.append(line)
            elif lines:
                # _word_ is the transcription's italics: keep the words.
                paragraphs.append(re.sub(r"_([^_]+)_", r"\1", " ".join(lines)))
                lines = []
        novels.append((name, paragraphs))
    return novels


EXTRACTORS = {"html": extract_html, "pod": extract_pod, "kjv": extract_kjv,
              "rdata": extract_rdata}


# --------------------------------------------------------------------------
# Cutting paragraphs into documents
# --------------------------------------------------------------------------
def target_length(source, number):
    """A length between MIN_WORDS and MAX_WORDS for the number-th document
    of a source: varied, but the same on every run."""
    digest = hashlib.sha256(("%s#%d" % (source, number)).encode()).digest()
    spread = int.from_bytes(digest[:4], "big") / 2 ** 32
    # Skewed towards shorter documents, like news stories: 150 to 1,000,
    # median about 400.
    return int(MIN_WORDS + (MAX_WORDS - MIN_WORDS) * spread ** 1.6)


def split_sentences(paragraph, limit):
    """Split a paragraph longer than `limit` words at sentence ends."""
    marked = re.sub(r"([.!?][\"'\u201d\u2019)]*) (?=[\"'\u201c\u2018(]?[A-Z])",
                    "\\1\0", paragraph)
    sentences = marked.split("\0")
    parts, current = [], []
    for sentence in sentences:
        if current and len(" ".join(current + [sentence]).split()) > limit:
            parts.append(" ".join(current))
            current = []
        current.append(sentence)
    if current:
        parts.append(" ".join(current))
    return [p for p in parts if len(p.split()) <= limit]


def cut(source, paragraphs):
    """Group a source's prose paragraphs, in order, into documents of
    MIN_WORDS to MAX_WORDS words. An empty paragraph is a hard break (a gap
    in the prose: the end of a chapter or a dropped block): documents do
    not run across more than one such gap in a row."""
    documents = []
    current, count = [], 0
    target = target_length(source, 0)

    def emit():
        nonlocal current, count, target
        if count >= MIN_WORDS:
            documents.append("\n\n".join(current))
        elif documents and current and \
                len(documents[-1].split()) + count <= MAX_WORDS:
            # A short tail joins the document before it.
            documents[-1] += "\n\n" + "\n\n".join(current)
        current, count = [], 0
        target = target_length(source, len(documents))

    for paragraph in paragraphs:
        if not paragraph:
            if count >= MIN_WORDS:
                emit()
            continue
        n = len(paragraph.split())
        pieces = [paragraph] if n <= MAX_WORDS else \
            split_sentences(paragraph, MAX_WORDS // 2)
        for piece in pieces:
            n = len(piece.split())
            if count + n > MAX_WORDS:
                emit()
            current.append(piece)
            count += n
            if count >= target:
                emit()
    emit()
    return documents


def build(groups, out_paths):
    versions = check_installed(groups)
    seen = set()  # paragraphs already used: repeated boilerplate goes
    outputs = {g: [] for g in groups}
    summary = []
    for package, kind, group, root, patterns, exclude in SOURCES:
        if group not in groups:
            continue
        files = set()
        for pattern in patterns:
            for path in glob.glob(os.path.join(root, pattern)):
                rel = os.path.relpath(path, root)
                if exclude and re.search(exclude, rel):
                    continue
                if os.path.isfile(path):
                    files.add(rel)
        if not files:
            sys.exit("clean-corpus: package %s is installed but has no "
                     "files matching %s under %s (another version?)"
                     % (package, " ".join(patterns), root))
        docs = words = 0
        parts = []  # (source, paragraphs)
        for rel in sorted(files):
            source = "%s:%s" % (package, rel)
            extracted = EXTRACTORS[kind](os.path.join(root, rel))
            if extracted and isinstance(extracted[0], tuple):
                # A file that holds several texts (books, novels): each is a
                # source of its own, "<package>:<file>#<part>".
                parts += [("%s#%s" % (source, part), paragraphs)
                          for part, paragraphs in extracted]
            else:
                parts.append((source, extracted))
        for source, paragraphs in parts:
            kept = []
            for paragraph in paragraphs:
                paragraph = normalise(paragraph)
                if not paragraph or not is_prose(paragraph) \
                        or paragraph in seen:
                    if kept and kept[-1]:
                        kept.append("")  # a gap where something was dropped
                    continue
                seen.add(paragraph)
                kept.append(paragraph)
            for text in cut(source, kept):
                outputs[group].append({"source": source,
                                       "words": len(text.split()),
                                       "text": text})
                docs += 1
                words += outputs[group][-1]["words"]
        summary.append((package, versions.get(package, "?"), group, docs,
                        words))
    for group in groups:
        write(outputs[group], out_paths[group])
    print("%-26s %-28s %-8s %6s %9s" % ("package", "version", "set", "docs",
                                        "words"), file=sys.stderr)
    for row in summary:
        print("%-26s %-28s %-8s %6d %9d" % row, file=sys.stderr)
    for group in groups:
        print("%s: %d documents, %d words -> %s" % (
            group, len(outputs[group]),
            sum(d["words"] for d in outputs[group]), out_paths[group]),
            file=sys.stderr)


def write(documents, path):
    """Write documents as JSON lines, numbered from 1, atomically."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for n, doc in enumerate(documents, 1):
            record = {"source": doc["source"], "id": n, "words": doc["words"],
                      "text": doc["text"]}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def build_originals(samples, out_path):
    """One document per story: the original.txt of each folder below
    samples/dev*/, its lines as paragraphs."""
    documents = []
    counts = {}
    for folder in sorted(glob.glob(os.path.join(samples, "dev*", "*",
                                                "original.txt"))):
        story = os.path.dirname(folder)
        dev = os.path.basename(os.path.dirname(story))
        with open(folder, encoding="utf-8") as f:
            lines = [normalise(line) for line in f]
        text = "\n\n".join(line for line in lines if line)
        documents.append({"source": "dev:%s/%s" % (dev, os.path.basename(story)),
                          "words": len(text.split()), "text": text})
        counts[dev] = counts.get(dev, 0) + 1
    if not documents:
        sys.exit("clean-corpus: no %s/dev*/*/original.txt" % samples)
    write(documents, out_path)
    for dev in sorted(counts):
        print("%-6s %4d stories" % (dev, counts[dev]), file=sys.stderr)
    print("originals: %d documents, %d words -> %s" % (
        len(documents), sum(d["words"] for d in documents), out_path),
        file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(
        description="Build a JSON-lines corpus of clean English prose from "
                    "installed Debian documentation packages.")
    parser.add_argument("output", nargs="?",
                        help="where to write the modern-prose documents")
    parser.add_argument("--archaic", metavar="PATH",
                        help="also write the archaic hard case (King James "
                             "Bible, Jane Austen) to PATH")
    parser.add_argument("--originals", metavar="SAMPLES_DIR",
                        help="instead, write SAMPLES_DIR/dev*/*/original.txt "
                             "as one document per story to OUTPUT")
    parser.add_argument("--packages", action="store_true",
                        help="print the packages to install and exit")
    args = parser.parse_args()
    if args.packages:
        print(" ".join(packages()))
        return
    if not args.output:
        parser.error("OUTPUT is required")
    if args.originals:
        build_originals(args.originals, args.output)
        return
    groups = ["modern"] + (["archaic"] if args.archaic else [])
    build(groups, {"modern": args.output, "archaic": args.archaic})


if __name__ == "__main__":
    main()
