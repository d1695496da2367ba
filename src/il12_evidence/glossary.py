"""Abbreviations linked to the glossary on their first use on each page.

The glossary is a Markdown page of definitions (`Term (ABBR) { #anchor }` then `:   definition`);
every term with an abbreviation, or whose name is itself one (an upper-case word), is linked where a
page first uses it in running text, with the definition as the link's title (Material shows it as
a tooltip; a tap follows the link). Headings, links, code, quotes and the numbers traced to data
are left alone (a computed phrase such as an interval is linked like prose).
"""

import html
import re
from dataclasses import dataclass

_ENTRY = re.compile(r"^(?P<name>[^\n{]+?)\s*\{\s*#(?P<anchor>[\w-]+)\s*\}\s*\n:\s+(?P<definition>[^\n]+)", re.MULTILINE)
_ABBREVIATION = re.compile(r"\((?P<short>[A-Za-z][\w-]{1,9})\)$")
_UPPER_NAME = re.compile(r"[A-Z][A-Z0-9-]{1,9}")
# Elements whose text is not running prose, or whose text the site traces to data or quotes verbatim.
_SKIP_TAGS = {"a", "abbr", "code", "pre", "script", "style", "svg", "h1", "h2", "h3", "h4", "h5", "h6",
              "button", "summary", "label", "option", "textarea", "title", "q", "blockquote", "cite", "kbd"}  # fmt: skip
_SKIP_CLASSES = {"claim", "mark", "source", "quote", "claim-tip", "legend"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>|<!--.*?-->", re.DOTALL)
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class Term:
    short: str  # as pages print it: an abbreviation
    name: str  # the term spelled out
    anchor: str
    definition: str


def terms(glossary_markdown: str) -> list[Term]:
    """The glossary's terms that have a short form to link."""
    found = []
    for entry in _ENTRY.finditer(glossary_markdown):
        name = entry["name"].strip()
        short = _ABBREVIATION.search(name)
        if short:
            found.append(
                Term(short["short"], name[: short.start()].strip(), entry["anchor"], entry["definition"].strip())
            )
        elif _UPPER_NAME.fullmatch(name):
            found.append(Term(name, name, entry["anchor"], entry["definition"].strip()))
    return found


def link_first_uses(page_html: str, glossary_terms: list[Term], glossary_href: str) -> str:
    """page_html with the first use of each term in running text linked to its glossary entry."""
    pattern = {t.short: re.compile(rf"(?<![\w-]){re.escape(t.short)}(?![\w-])") for t in glossary_terms}
    left = {t.short: t for t in glossary_terms}
    out, position, skipping = [], 0, []  # skipping: the open elements whose text is left alone
    for tag in _TAG.finditer(page_html):
        out.append(
            _link_text(page_html[position : tag.start()], left, pattern, glossary_href)
            if not skipping
            else page_html[position : tag.start()]
        )
        out.append(tag.group(0))
        position = tag.end()
        closing, name, attributes = tag.group(1), (tag.group(2) or "").lower(), tag.group(3) or ""
        if not name or name in _VOID or attributes.rstrip().endswith("/"):
            continue
        if closing:
            if skipping and skipping[-1] == name:
                skipping.pop()
            continue
        classes = _CLASS.search(attributes)
        classes = set((classes.group(1) or classes.group(2) or "").split()) if classes else set()
        if skipping or name in _SKIP_TAGS or classes & _SKIP_CLASSES:
            skipping.append(name)
    out.append(page_html[position:])
    return "".join(out)


def _link_text(text: str, left: dict[str, Term], pattern: dict, glossary_href: str) -> str:
    if not left or not text.strip():
        return text
    for short in list(left):
        match = pattern[short].search(text)
        if match is None:
            continue
        term = left.pop(short)
        title = html.escape(f"{term.name}: {term.definition}" if term.name != term.short else term.definition)
        link = f'<a class="glossary-term" href="{glossary_href}#{term.anchor}" title="{title}">{match.group(0)}</a>'
        before, after = text[: match.start()], text[match.end() :]
        return _link_text(before, left, pattern, glossary_href) + link + _link_text(after, left, pattern, glossary_href)
    return text
