"""Figures as readers see them, the same on every page, in the API's text and in the admin.

Plain functions with no knowledge of models: the template filters of
guides.templatetags.guide_format only register them (as django.contrib.humanize does with
django.utils.formats), and Python code that writes a figure into text calls them directly.
"""

from decimal import ROUND_HALF_UP, Decimal

CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "CA$", "AUD": "A$"}


def money(value, currency="USD"):
    """105000 -> "$105,000"; 24.5 -> "$24.50"; an unknown currency is written as its code."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


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


def count(value):
    """562700 -> "562,700"."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}"


def thousands(value):
    """A figure BLS gives in thousands, written out: 81.0 -> "81,000"; -4.1 -> "−4,100" (a real
    minus sign)."""
    if value in (None, ""):
        return ""
    return count(Decimal(value) * 1000).replace("-", "−")


def growth(value):
    """A change in percent as BLS prints it, one decimal, signed: 9.5 -> "+9.5%"; -2 -> "−2.0%"."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    sign = "−" if value < 0 else "+" if value > 0 else ""
    return f"{sign}{abs(value):.1f}%"
