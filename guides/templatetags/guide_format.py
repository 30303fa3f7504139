"""The template names of guides.formatting, where figures are formatted, and one phrase."""

from django import template
from django.contrib.humanize.templatetags.humanize import apnumber

from .. import formatting
from ..models import DATED_AFTER_YEARS

register = template.Library()
register.filter("money", formatting.money)
register.filter("percent", formatting.percent)
register.filter("count", formatting.count)
register.filter("thousands", formatting.thousands)
register.filter("growth", formatting.growth)


@register.simple_tag
def dated_age():
    """How old a figure is when the page marks it dated, in words: "five years"."""
    return f"{apnumber(DATED_AFTER_YEARS)} years"
