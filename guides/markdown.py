"""Guide Markdown to safe HTML: the one rendering used by every page and by the admin's preview.

cmarkgfm (GitHub's C implementation of CommonMark) renders in time linear in the input: a megabyte
of any text takes about a second. Python-Markdown, behind django-markdownify, took cubic time on
runs of brackets (4,000 "[" took 10 s, 16,000 took three minutes), so one editor's preview could hold
a worker indefinitely. cmark's default safe mode leaves raw HTML out and blanks unsafe link targets.

nh3 (the Rust ammonia sanitizer) then keeps only the allow-list below, whatever the renderer
produced: this is the guarantee. PyPI renders untrusted READMEs with the same pair.
"""

import re

import cmarkgfm
import nh3
from django.utils.html import escape
from django.utils.safestring import mark_safe

# What guide prose may contain: paragraphs, lists, emphasis, links, quotes, code, and headings below
# the page's own h2 sections. Anything else (a "#" heading, images, tables) is reduced to its text.
ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "h3", "h4", "blockquote", "code", "br"}
ALLOWED_ATTRIBUTES = {"*": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# nh3's HTML parser slows with the square of nesting depth (20,000 nested quotes, ">" typed 20,000
# times, take 4 s), and cmark does not bound quotes as it bounds lists. Prose never nests this deep.
MAX_NESTING = 50
CONTAINER_TAG = re.compile(r"<(/?)(?:blockquote|ul|ol|li)\b")


def nesting_depth(html):
    depth = deepest = 0
    for closing in CONTAINER_TAG.findall(html):
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest


def drop_empty(tag, attribute, value):
    """cmark blanks an unsafe link target (href=""); leave such text unlinked, not a link to here."""
    return value or None


def render_markdown(text):
    text = text or ""
    html = cmarkgfm.markdown_to_html(text)
    if nesting_depth(html) > MAX_NESTING:
        html = f"<p>{escape(text)}</p>"  # shown as typed, so the editor sees what to fix
    # Safe to mark: nh3 has just removed everything outside the allow-list.
    return mark_safe(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            attribute_filter=drop_empty,
            # Links carry no rel: guide prose is written by editors and never opens new windows.
            link_rel=None,
        ).strip()
    )
