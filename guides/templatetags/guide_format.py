"""Formatting of figures, the same everywhere a figure appears."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import apnumber

from ..models import DATED_AFTER_YEARS

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
def count(value):
    """562700 -> "562,700"."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}"


@register.filter
def thousands(value):
    """A figure BLS gives in thousands, written out: 81.0 -> "81,000"; -4.1 -> "−4,100" (a real
    minus sign)."""
    if value in (None, ""):
        return ""
    return count(Decimal(value) * 1000).replace("-", "−")


@register.filter
def growth(value):
    """A change in percent as BLS prints it, one decimal, signed: 9.5 -> "+9.5%"; -2 -> "−2.0%"."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    sign = "−" if value < 0 else "+" if value > 0 else ""
    return f"{sign}{abs(value):.1f}%"


@register.simple_tag
def dated_age():
    """How old a figure is when the page marks it dated, in words: "five years"."""
    return f"{apnumber(DATED_AFTER_YEARS)} years"
