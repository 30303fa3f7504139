"""Formatting of figures, the same everywhere a figure appears."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import apnumber

from ..models import DATED_AFTER_YEARS
from ..projections import jobs

register = template.Library()

CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "CA$", "AUD": "A$"}


@register.filter
def money(value, currency="USD"):
    """105000 -> "$105,000"; 24.5 -> "$24.50"; an unknown currency is written as its code."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


@register.filter
def percent(value, whole=False):
    """18 -> "18%"; 3.5 -> "3.5%"; -2 -> "−2%" (a real minus sign); with `whole`, rounded to a
    whole percent as BLS's Occupational Outlook Handbook shows growth: 23.2 -> "23%"."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    if whole:
        value = value.quantize(Decimal(1), ROUND_HALF_UP)
    text = f"{abs(value):.0f}" if value == value.to_integral_value() else f"{abs(value):.1f}"
    return f"{'−' if value < 0 else ''}{text}%"


@register.filter
def thousands(value):
    """A figure BLS prints in thousands, as a whole number: 62.1 -> 62100."""
    return "" if value in (None, "") else jobs(Decimal(value))


@register.filter
def count(value):
    """562700 -> "562,700"."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}"


@register.simple_tag
def dated_age():
    """How old a figure is when the page marks it dated, in words: "five years"."""
    return f"{apnumber(DATED_AFTER_YEARS)} years"
