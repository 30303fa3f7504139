"""An OEWS estimate as pages show it: each figure with BLS's own words when it is missing.

Annual figures are shown, or hourly ones where BLS publishes only hourly pay (footnote 4, e.g.
actors). A figure BLS did not publish is never shown as a blank or a zero: it reads "Not released"
(footnote 8), "$239,200 or more" (top-coded, footnote 5) or "Not published", and the footnote's
text is listed under the table.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from guides.formatting import money
from guides.models import SalaryBand
from guides.salary_chart import band_charts

NOT_RELEASED, TOP_CODED, PAID_OTHERWISE = "8", "5", "4"
PERCENTILES = [("p10", "10th percentile"), ("p25", "25th percentile"), ("median", "Median")]
PERCENTILES += [("p75", "75th percentile"), ("p90", "90th percentile")]
SOURCE = "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics"


def period_of(estimate):
    """Hourly where BLS publishes only hourly pay for the occupation, annual otherwise."""
    if (
        estimate.annual_median is None
        and estimate.footnotes.get("annual_median") == PAID_OTHERWISE
        and estimate.hourly_median is not None
    ):
        return "hourly"
    return "annual"


@dataclass(frozen=True)
class Figure:
    value: object
    note: str
    text: str

    @property
    def published(self):
        return self.value is not None


@dataclass
class Pay:
    """One estimate (an occupation in an area) in one period, annual or hourly."""

    estimate: object
    release: object
    period: str = "annual"

    def figure(self, name):
        """`name` is a percentile ("median", "p90") or "mean", in this pay's period."""
        field = f"{self.period}_{name}"
        value = getattr(self.estimate, field)
        note = self.estimate.footnotes.get(field, "")
        if value is not None:
            text = money(value)
        elif note == TOP_CODED:
            top = self.release.top_annual if self.period == "annual" else self.release.top_hourly
            text = f"{money(top)} or more" if top else "Top-coded"
        elif note == NOT_RELEASED:
            text = "Not released"
        else:
            text = "Not published"
        return Figure(value, note, text)

    chart = None  # a guides.salary_chart.BandChart, set by charted()

    @cached_property
    def figures(self):
        """Each percentile and the mean by name: figures.median, figures.p25, ..."""
        return {name: self.figure(name) for name, _ in [*PERCENTILES, ("mean", "")]}

    @cached_property
    def median(self):
        # Alone: a state's tile and row show only the median, and an occupation page has 51.
        return self.figure("median")

    @cached_property
    def rows(self):
        """(label, Figure) for the table: five percentiles and the mean."""
        return [(label, self.figures[name]) for name, label in PERCENTILES] + [
            ("Mean (average)", self.figures["mean"])
        ]

    @cached_property
    def notes(self):
        """BLS's footnotes behind the figures shown, in code order: (code, text)."""
        codes = {figure.note for _, figure in self.rows if figure.note}
        if self.estimate.employment is None and self.estimate.footnotes.get("employment"):
            codes.add(self.estimate.footnotes["employment"])
        return [(code, self.release.footnotes.get(code, "")) for code in sorted(codes)]

    @property
    def quotient_words(self):
        """The location quotient in plain words."""
        quotient = self.estimate.location_quotient
        if quotient is None:
            return ""
        share = f"its share of jobs here is {quotient} times its share of all U.S. jobs"
        if quotient >= Decimal("1.2"):
            return f"this occupation is more common here than nationally ({share})."
        if quotient <= Decimal("0.8"):
            return f"this occupation is less common here than nationally ({share})."
        return f"this occupation is about as common here as nationally ({share})."

    @property
    def per(self):
        return "a year" if self.period == "annual" else "an hour"

    @cached_property
    def has_spread(self):
        return all(self.figures[name].published for name in ("p10", "p25", "p75", "p90"))

    def salary_band(self, label):
        """The same figures as an unsaved SalaryBand, for the parts of a guide page that show
        bands (headline pay, chart scale, JSON-LD). Top-coded values stand at the threshold."""
        values = {}
        for name, _ in PERCENTILES:
            figure = self.figure(name)
            if figure.published:
                values[name] = Decimal(figure.value)
            elif figure.note == TOP_CODED:
                top = (
                    self.release.top_annual if self.period == "annual" else self.release.top_hourly
                )
                values[name] = Decimal(top) if top else None
        return SalaryBand(
            label=label,
            kind=SalaryBand.Kind.SURVEY,
            country="US",
            currency="USD",
            period=self.period,
            source=f"{SOURCE}, {self.release.name}",
            source_url=self.estimate.occupation.bls_url,
            data_year=self.release.year,
            **values,
        )


def charted(pays):
    """Place every pay with a published median on one scale per period, drawn with the guide
    page's band geometry, so a state's band and the nation's can be compared by eye."""
    shown = [pay for pay in pays if pay is not None and pay.median.published]
    for pay, chart in zip(shown, band_charts([pay.salary_band("") for pay in shown]), strict=True):
        pay.chart = chart
    return pays


def notes_of(pays):
    """BLS's footnotes behind the medians of a table of areas: (code, text), in code order."""
    notes = {}
    for pay in pays:
        if pay.median.note:
            notes[pay.median.note] = pay.release.footnotes.get(pay.median.note, "")
    return sorted(notes.items())
