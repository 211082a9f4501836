# Checks shared by the verify.py of tests/fixtures/hostile/<case>/: each
# reads back a built site (public and internal trees) with independent
# parsers — html.parser, xml.etree, feedparser, icalendar, csv, json — and
# collects problems instead of stopping at the first.
import csv, html, html.parser, json, pathlib, re, sys, xml.etree.ElementTree as ET

import feedparser, icalendar

# Attributes a browser follows or runs as a URL.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "srcset"}
# Elements no content may bring into a page; the theme uses none of them
# (a theme's own <script src=...> of its static files is allowed).
ACTIVE_ELEMENTS = {"iframe", "object", "embed", "frame", "frameset", "applet", "base", "form"}
# The scheme as a browser reads it: TAB, LF and CR dropped anywhere, leading
# spaces and controls dropped, any case.
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):")


def url_scheme_is_bad(value):
    v = re.sub(r"[\t\n\r]", "", html.unescape(value)).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                               "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
                                                               "\x1c\x1d\x1e\x1f ").lower()
    return bool(BAD_SCHEME.match(v))


class Site:
    def __init__(self, public):
        self.public = pathlib.Path(public)
        self.internal = self.public.parent / "internal"
        self.problems = []
        self.files = [p for tree in (self.public, self.internal) for p in sorted(tree.rglob("*")) if p.is_file()]
        self.theme = pathlib.Path(__file__).resolve().parents[2] / "themes" / "default"

    def fail(self, path, what):
        self.problems.append(f"{self.name(path)}: {what}")

    def name(self, path):
        for tree in (self.public, self.internal):
            if tree in path.parents:
                return f"{tree.name}/{path.relative_to(tree)}"
        return str(path)

    def of_kind(self, *suffixes):
        return [p for p in self.files if p.suffix in suffixes]

    def text(self, path):
        return path.read_text(encoding="utf-8")

    # -- markup -----------------------------------------------------------
    def theme_element_count(self, tag):
        """How many <tag elements the theme's own templates write."""
        return sum(t.read_text(encoding="utf-8").lower().count("<" + tag)
                   for t in (self.theme / "templates").glob("*.mustache"))

    def theme_script(self, src):
        """A <script src> of one of the theme's static files, when the
        theme's templates write any <script> at all."""
        if not src or not self.theme_element_count("script"):
            return False
        stem = pathlib.PurePosixPath(src).name.split(".")[0]
        return any(p.name.split(".")[0] == stem for p in (self.theme / "static").rglob("*"))

    def check_markup(self, path, text):
        site = self

        class Scan(html.parser.HTMLParser):
            def handle_starttag(self, tag, attrs):
                if tag in ACTIVE_ELEMENTS:
                    site.fail(path, f"a <{tag}> element at line {self.getpos()[0]}")
                if tag == "script" and not site.theme_script(dict(attrs).get("src")):
                    site.fail(path, f"a <script> the theme does not write at line {self.getpos()[0]}")
                if tag == "img" and dict(attrs).get("src") == "x":
                    site.fail(path, f"content's <img src=x> became an element at line {self.getpos()[0]}")
                for name, value in attrs:
                    if name.startswith("on"):
                        site.fail(path, f"<{tag} {name}=...> at line {self.getpos()[0]}")
                    if name in URL_ATTRIBUTES and value and url_scheme_is_bad(value):
                        site.fail(path, f"<{tag} {name}={value!r}> at line {self.getpos()[0]}")

            handle_startendtag = handle_starttag

        Scan(convert_charrefs=True).feed(text)

    def check_all_markup(self):
        """Every page, SVG and feed body (public and internal): no element
        or attribute that runs code, no javascript:/data:/vbscript: URL."""
        for path in self.of_kind(".html", ".svg"):
            self.check_markup(path, self.text(path))
        for path in self.of_kind(".atom", ".rss", ".xml", ".svg"):
            try:
                root = ET.fromstring(path.read_bytes())
            except ET.ParseError as e:
                self.fail(path, f"not well-formed XML: {e}")
                continue
            if path.suffix in (".atom", ".rss"):
                # The HTML a feed reader renders: RSS's description, and any
                # Atom text construct of type html (type text is shown as text).
                for el in root.iter():
                    tag = el.tag.split("}")[-1]
                    is_html = tag == "description" if path.suffix == ".rss" else el.get("type") == "html"
                    if is_html and el.text:
                        self.check_markup(path, el.text)
                    if path.suffix == ".atom" and tag in ("title", "subtitle", "summary", "content", "rights") \
                            and el.get("type", "text") not in ("text", "html"):
                        self.fail(path, f"<{tag} type={el.get('type')!r}>")

    def check_feeds(self):
        for path in self.of_kind(".atom", ".rss"):
            # feedparser sanitises entries by default: read them unsanitised.
            feed = feedparser.parse(path.read_bytes(), sanitize_html=False)
            if feed.bozo:
                self.fail(path, f"feedparser: {feed.bozo_exception}")
            for e in feed.entries:
                for c in list(e.get("content", [])) + [e.get("summary_detail", {})]:
                    if c and c.get("value"):
                        self.check_markup(path, c["value"])

    def check_json(self):
        for path in self.of_kind(".json"):
            try:
                json.loads(self.text(path))
            except ValueError as e:
                self.fail(path, f"JSON: {e}")

    # -- calendar -----------------------------------------------------------
    def calendar_events(self):
        path = self.public / "maintenance.ics"
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        return [c for c in cal.walk() if c.name == "VEVENT"]

    # -- CSV ----------------------------------------------------------------
    def csv_cells(self):
        """{cell: file name} of every cell of every CSV export; a cell a
        spreadsheet would run as a formula is a problem (OWASP: it must
        start with ', as sitrep writes it)."""
        cells = {}
        for path in self.of_kind(".csv"):
            with open(path, newline="", encoding="utf-8") as f:
                for row in csv.reader(f):
                    for cell in row:
                        cells.setdefault(cell, path.name)
                        if cell[:1] in ("=", "+", "@", "\t", "\r") or (
                                cell[:1] == "-" and not re.fullmatch(r"-\d+(\.\d+)?", cell)):
                            self.fail(path, f"formula cell {cell!r}")
        return cells

    # -- text ---------------------------------------------------------------
    def visible_text(self, path):
        """The text a reader sees (tags dropped, references decoded)."""
        parts = []

        class Text(html.parser.HTMLParser):
            def handle_data(self, data):
                parts.append(data)

        Text(convert_charrefs=True).feed(self.text(path))
        return "".join(parts)

    def finish(self):
        for p in self.problems:
            print("FAIL", p)
        if not self.files:
            print("FAIL no file was built")
            sys.exit(1)
        sys.exit(1 if self.problems else 0)
