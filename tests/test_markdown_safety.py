"""Hostile Markdown: whatever an editor (or someone with an editor's session) types, the page gets
only the allow-list, and no input can hold a worker."""

import re
import threading
import time
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.urls import reverse

from guides.markdown import render_markdown
from guides.models import MARKDOWN_MAX_LENGTH

from .browser import DESKTOP, needs_chromium
from .factories import make_guide

# Written out here, not imported, so that widening the module's allow-list fails these tests.
ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "h3", "h4", "blockquote", "code", "br"}
ALLOWED_ATTRIBUTES = {"href", "title"}
ALLOWED_SCHEMES = {None, "http", "https", "mailto"}
VOID_TAGS = {"br"}


def url_scheme(url):
    """The scheme a browser would see (WHATWG URL parsing: C0 controls and spaces trimmed,
    tabs and newlines removed anywhere), or None for a relative URL."""
    url = re.sub(r"^[\x00-\x20]+|[\x00-\x20]+$", "", re.sub(r"[\t\n\r]", "", url))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return match.group(1).lower() if match else None


class Audit(HTMLParser):
    """Parses the output as a browser would (entities decoded) and notes anything not allowed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.open = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES:
                self.problems.append(f"attribute {name}= on <{tag}>")
            elif name == "href" and url_scheme(value or "") not in ALLOWED_SCHEMES:
                self.problems.append(f"href {value!r}")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")

    def handle_comment(self, data):
        self.problems.append(f"comment {data!r}")


def assert_safe(html):
    audit = Audit()
    audit.feed(html)
    audit.close()
    assert not audit.problems, audit.problems
    assert not audit.open, f"unclosed {audit.open}"


JAVASCRIPT_SPELLINGS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "java&#x09;script:alert(1)",
    "java&#x0A;script:alert(1)",
    "java&#13;script:alert(1)",
    "\x01javascript:alert(1)",
    "\x00javascript:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "vbscript:msgbox(1)",
]


@pytest.mark.parametrize("url", JAVASCRIPT_SPELLINGS)
def test_javascript_urls_in_every_spelling_lose_their_link(url):
    """Inline links, angle-bracket destinations, reference links, autolinks and raw anchors."""
    text = (
        f"[inline]({url}) [angle](<{url}>) [reference][r] <{url}> "
        f"<a href=\"{url}\">raw</a> <a href='{url}'>single</a> <a href={url}>bare</a>\n\n"
        f"[r]: {url}\n"
    )
    html = render_markdown(text)
    assert_safe(html)
    assert 'href=""' not in html  # a blanked target leaves plain text, not a link to here
    assert "inline" in html and "reference" in html


@pytest.mark.parametrize(
    "text",
    [
        "[page](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[image link](data:image/png;base64,iVBORw0KGgo=)",
        "![picture](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<data:text/html,<script>alert(1)</script>>",
        '<a href="data:text/html,alert(1)">raw</a> <img src="data:image/png;base64,AAAA">',
        '<object data="data:text/html,x"></object> <iframe src="data:text/html,x"></iframe>',
    ],
)
def test_data_urls_never_reach_the_page(text):
    assert_safe(render_markdown(text))


@pytest.mark.parametrize(
    "text",
    [
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">click</text></a></svg>',
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject>',
    ],
)
def test_svg_and_mathml_are_removed(text):
    html = render_markdown(f"Before\n\n{text}\n\nafter *this*")
    assert_safe(html)
    assert "<em>this</em>" in html


@pytest.mark.parametrize(
    "text",
    [
        "<style>body { display: none }</style>",
        "Inline <style>p { color: red }</style> style",
        '<p style="position:fixed;inset:0">cover</p>',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<em style="background:url(javascript:alert(1))">styled</em>',
    ],
)
def test_styles_are_removed(text):
    html = render_markdown(text)
    assert_safe(html)
    assert "<style" not in html and "style=" not in html


@pytest.mark.parametrize(
    "text",
    [
        '<a href="https://example.org/" onclick="alert(1)">link</a>',
        "<p onmouseover=alert(1)>hover</p>",
        "<strong onfocus=alert(1) tabindex=0 autofocus>focus</strong>",
        "<img src=x onerror=alert(1)>",
        "<em/onpointerenter=alert(1)>slash</em>",
        '<body onload="alert(1)"><details open ontoggle=alert(1)>',
        '<blockquote ONCLICK="alert(1)" title="kept">quote</blockquote>',
    ],
)
def test_event_attributes_are_removed(text):
    assert_safe(render_markdown(text))


@pytest.mark.parametrize(
    "text",
    [
        '<a href="https://example.org/">never closed',
        "<em>open <strong>and open",
        "<script>alert(1)",
        '<a href="javascript:alert(1)',
        '<a title="unterminated>text</a>',
        "<!-- a comment that never ends",
        "<svg><p><style><img src=x onerror=alert(1)>",
        "*emphasis **strong `code",
        "<",
    ],
)
def test_unclosed_tags_give_well_formed_output(text):
    assert_safe(render_markdown(f"{text}\n\nThe next paragraph."))


def test_allowed_markdown_still_renders():
    """Sanitising takes away nothing an editor means to write."""
    html = render_markdown(
        'Para with *em*, **strong**, `code` and a [link](https://example.org/ "Title").\n\n'
        "- one\n- two\n\n1. first\n\n> quoted\n\n### Small heading\n\n#### Smaller\n\n"
        "[mail](mailto:a@example.org) [relative](/guides/)"
    )
    assert_safe(html)
    for fragment in (
        "<em>em</em>",
        "<strong>strong</strong>",
        "<code>code</code>",
        '<a href="https://example.org/" title="Title">link</a>',
        "<ul>\n<li>one</li>",
        "<ol>\n<li>first</li>",
        "<blockquote>",
        "<h3>Small heading</h3>",
        "<h4>Smaller</h4>",
        '<a href="mailto:a@example.org">mail</a>',
        '<a href="/guides/">relative</a>',
    ):
        assert fragment in html


def render_within(text, seconds):
    """Render on a daemon thread so a renderer that never finishes fails the test, not the run."""
    result = {}
    worker = threading.Thread(target=lambda: result.update(html=render_markdown(text)), daemon=True)
    started = time.perf_counter()
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"rendering took more than {seconds} s"
    return result["html"], time.perf_counter() - started


@pytest.mark.parametrize(
    "unit",
    [
        "[",  # cubic in Python-Markdown: 4,000 of these took 10 s, a megabyte would take days
        "![",
        "*_",
        "> ",
        ">",  # nesting this deep is shown as plain text (see guides/markdown.py)
        "- [a](javascript:x) <svg onload=x> *a **b** `c`\n",
    ],
)
def test_a_megabyte_of_hostile_markdown_renders_in_seconds(unit):
    text = unit * (1_000_000 // len(unit))
    html, seconds = render_within(text, 10)
    assert_safe(html)
    print(f"1 MB of {unit!r}: {seconds:.2f} s")


@pytest.mark.django_db
def test_markdown_fields_refuse_more_than_their_limit():
    """The limit the preview enforces is the field's own: forms and the loader check it."""
    guide = make_guide(overview="x" * MARKDOWN_MAX_LENGTH)
    guide.clean_fields()
    guide.overview += "x"
    with pytest.raises(ValidationError) as refused:
        guide.clean_fields()
    assert list(refused.value.message_dict) == ["overview"]


HOSTILE_PAGE_TEXT = "\n\n".join(
    [
        f"[link {number}]({url}) <a href='{url}'>raw {number}</a>"
        for number, url in enumerate(JAVASCRIPT_SPELLINGS)
        if "\x00" not in url  # PostgreSQL stores no NUL; the admin's forms refuse it
    ]
    + [
        "<svg onload=alert(1)><a href='javascript:alert(2)'>svg</a></svg>",
        "<img src=x onerror=alert(3)> <p onclick=alert(4)>p</p> <style>*{display:none}</style>",
        "[fine](https://example.org/)",
    ]
)


@pytest.mark.browser
@needs_chromium
@pytest.mark.django_db(transaction=True)
def test_chromium_finds_no_script_in_a_hostile_guide(browser, live_server):
    """The browser's own parser is the judge: no element outside the allow-list, no event
    attribute, and every link resolves to http(s) or mailto."""
    guide = make_guide(core_functions=HOSTILE_PAGE_TEXT)
    page = browser.new_page(viewport=DESKTOP)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server.url + guide.get_absolute_url())
    found = page.evaluate(
        """() => {
            const section = document.querySelector('#core-functions');
            const elements = [...section.querySelectorAll('.prose *')];
            return {
                tags: [...new Set(elements.map((e) => e.localName))],
                attributes: [...new Set(elements.flatMap((e) => e.getAttributeNames()))],
                protocols: [...new Set([...section.querySelectorAll('.prose a[href]')]
                    .map((a) => a.protocol))],
            };
        }"""
    )
    page.close()
    assert set(found["tags"]) <= ALLOWED_TAGS, found
    assert set(found["attributes"]) <= ALLOWED_ATTRIBUTES, found
    assert set(found["protocols"]) <= {"http:", "https:", "mailto:"}, found
    assert "https:" in found["protocols"]
    assert not dialogs


@pytest.fixture
def staff(client):
    """A staff account with no permissions yet; each test grants what it needs."""
    user = User.objects.create_user("sam", password="x", is_staff=True)
    client.force_login(user)
    return user


def preview(client, text):
    return client.post(reverse("admin:guides_guide_preview_markdown"), {"text": text})


@pytest.mark.django_db
def test_preview_needs_the_change_guide_permission(client, staff):
    """Staff status alone is not enough: the preview is for those who may change guides."""
    staff.user_permissions.add(Permission.objects.get(codename="view_guide"))
    assert preview(client, "*hi*").status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="change_guide"))
    staff = User.objects.get(pk=staff.pk)  # permissions are cached on the instance
    client.force_login(staff)
    response = preview(client, "*hi*")
    assert response.status_code == 200
    assert response.json() == {"html": "<p><em>hi</em></p>"}


@pytest.mark.django_db
def test_preview_caps_text_at_the_fields_limit(client, staff):
    """Up to the limit renders; one character more gets a clear message, not a rendering."""
    staff.user_permissions.add(Permission.objects.get(codename="change_guide"))
    assert preview(client, "a" * MARKDOWN_MAX_LENGTH).status_code == 200
    response = preview(client, "a" * (MARKDOWN_MAX_LENGTH + 1))
    assert response.status_code == 400
    assert response.json() == {
        "error": "Too long to preview: a Markdown field holds at most 20,000 characters "
        "and this text has 20,001."
    }
