"""`{% load markdownify %}` and `{{ text|markdownify }}`: guide Markdown as sanitised HTML.

The name is the one the templates have always used; the rendering is guides/markdown.py.
"""

from django import template

from guides.markdown import render_markdown

register = template.Library()
register.filter("markdownify", render_markdown)
