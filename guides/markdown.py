"""Guide Markdown to safe HTML: the one rendering used by every page and by the admin's preview.

django-markdownify (Python-Markdown) renders, as the founding design asked, with its own bleach
step off (settings.MARKDOWNIFY). nh3 (the Rust ammonia sanitizer) then keeps only the allow-list
below, whatever the renderer produced: this is the guarantee.

Python-Markdown is not linear on every input. It scans from each "[" and "<" to the end of its
paragraph when a link's "(" or a tag never closes, and rebuilds its bracket index of the paragraph
after every link it finds, so its work grows as the paragraph's "[" and "<" times its length (1,000
links in one paragraph took 14 s). Quotes and lists nested thousands deep slow nh3's parser. Rows
are rendered once, when they are saved, so only an editor's save or preview pays; markdown_problem()
refuses such input in linear time before anything renders it (the field's validator: the admin's
forms, the fixture loader and the preview show its message), and render_markdown() shows refused
text as typed, so no caller can hold a worker. `make bench` times the worst text allowed.
"""

import re

import nh3
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import mark_safe
from markdown.extensions import Extension
from markdown.inlinepatterns import ENTITY_RE
from markdown.postprocessors import RawHtmlPostprocessor
from markdownify.templatetags.markdownify import markdownify

# What guide prose may contain: paragraphs, lists, emphasis, links, quotes, code, and headings below
# the page's own h2 sections. Anything else (a "#" heading, images, tables) is reduced to its text.
ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "h3", "h4", "blockquote", "code", "br"}
ALLOWED_ATTRIBUTES = {"*": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# The most a Markdown field may hold: ten times the longest guide text. The field's validator is
# Django's MaxLengthValidator rather than max_length, so an over-long paste is refused with a
# message instead of cut short by the browser; the admin's preview refuses longer text too.
MARKDOWN_MAX_LENGTH = 20_000
# Quote, list and indentation levels on one line; prose never nests past three or four.
MAX_NESTING = 20
# The sum over paragraphs of ("[" and "<" in it) x (its length): a paragraph of 20,000 characters
# may hold 5 links, one of 1,000 characters 100. Rendering at this bound takes about 0.1 s.
MAX_SCANNING = 100_000

# What starts a new block of inline text for Python-Markdown: a blank line (inside quotes too),
# a list item or a heading. Each block's text is scanned on its own.
BLOCK_START = re.compile(r"[ \t>]*(?:$|[-*+][ \t]|\d{1,9}\.[ \t]|#)")
NESTING_MARKER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}\.(?=[ \t]))")


def line_nesting(line):
    """How many quote and list markers open the line, plus its indentation in levels of 4."""
    indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
    markers, position = 0, 0
    while match := NESTING_MARKER.match(line, position):
        markers, position = markers + 1, match.end()
    return markers + indent // 4


def blocks(text):
    """The text's blocks of inline text, as lists of lines (an over-estimate is safe)."""
    block = []
    for line in text.splitlines():
        if BLOCK_START.match(line) and block:
            yield block
            block = []
        block.append(line)
    if block:
        yield block


def markdown_problem(text):
    """Why the text, length apart, would be slow to render (a message for its editor), or None."""
    scanning, costliest = 0, (0, 0, "")
    for block in blocks(text):
        for line in block:
            if (depth := line_nesting(line)) > MAX_NESTING:
                return (
                    f"A line is nested {depth} levels deep (quotes, lists and indentation), "
                    f"more than the {MAX_NESTING} allowed: “{line.strip()[:40]}”."
                )
        joined = "\n".join(block)
        cost = (joined.count("[") + joined.count("<")) * len(joined)
        scanning += cost
        costliest = max(costliest, (cost, joined.count("[") + joined.count("<"), joined))
    if scanning > MAX_SCANNING:
        _, openers, joined = costliest
        return (
            "Too many links and tags (“[” and “<”) for the length of their paragraphs: split "
            f"long paragraphs or use fewer links. The paragraph beginning “{joined.strip()[:40]}” "
            f"has {openers:,} in {len(joined):,} characters."
        )
    return None


def validate_markdown(text):
    """A Markdown field's validator (its length has Django's own)."""
    if problem := markdown_problem(text):
        raise ValidationError(problem, code="slow_markdown")


class OmitRawHtml(Extension):
    """Tags typed in guide prose are left out and the text between them kept, as cmark's safe
    mode did (escaping them would show tags to readers). No HTML blocks: an unclosed <style> or
    <math> would run to the end of the text and take the paragraphs after it out with it.
    Entities (&amp;) are kept: Python-Markdown stores them with the raw HTML."""

    class Postprocessor(RawHtmlPostprocessor):
        def stash_to_string(self, text):
            return text if re.fullmatch(ENTITY_RE, str(text)) else ""

        def isblocklevel(self, html):
            return not html or super().isblocklevel(html)  # no empty <p> where a block was

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.postprocessors.register(self.Postprocessor(md), "raw_html", 30)


def drop_empty(tag, attribute, value):
    """Leave a link whose target was emptied as text, not as a link to this page."""
    return value or None


def render_markdown(text):
    text = text or ""
    if len(text) > MARKDOWN_MAX_LENGTH or markdown_problem(text):
        html = f"<p>{escape(text)}</p>"  # shown as typed, so the editor sees what to fix
    else:
        html = markdownify(text)
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
