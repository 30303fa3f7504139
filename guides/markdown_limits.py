"""The slowest Markdown texts guides.markdown allows, one per costly pattern it bounds, each at the
field's full length: the test renders each under a time-out, `make bench` times them."""

import statistics
import time

from .markdown import MARKDOWN_MAX_LENGTH, MAX_NESTING, markdown_problem, render_markdown

# Python-Markdown's costly patterns, each repeated as often as markdown_problem() allows; the rest
# of the text is plain words, which lengthen the paragraph every scan runs through.
COSTLY = {
    "links in one paragraph": "[a](https://example.org/) ",
    "links whose ( never closes": "[a](b ",
    "tags that never close": "<p ",
    "brackets that never close": "[",
    "reference links": "[a]: b\n[a] ",
    "images": "![a](b) ",
}


def longest(start):
    """The start, then words up to the field's length."""
    return (start + "word " * MARKDOWN_MAX_LENGTH)[:MARKDOWN_MAX_LENGTH]


def most_allowed(unit):
    """The text with as many repeats of unit as is allowed (the bound is monotone in them)."""
    low, high = 0, MARKDOWN_MAX_LENGTH // len(unit)
    while low < high:
        middle = (low + high + 1) // 2
        if markdown_problem(longest(unit * middle)):
            high = middle - 1
        else:
            low = middle
    return longest(unit * low)


def worst_allowed():
    """(name, text) for each costly pattern at its bound, and quotes and lists nested at theirs."""
    texts = [(name, most_allowed(unit)) for name, unit in COSTLY.items()]
    nested = "> " * MAX_NESTING + "quoted\n"
    listed = "".join("    " * level + "- item\n" for level in range(MAX_NESTING))
    for name, block in (("quotes nested", nested), ("lists nested", listed)):
        texts.append((name, (block * (MARKDOWN_MAX_LENGTH // len(block)))[:MARKDOWN_MAX_LENGTH]))
    return texts


def render_milliseconds(text, rounds=5):
    """The median time render_markdown takes on the text."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        render_markdown(text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
