"""Salary bands placed on shared scales for the page's charts: geometry here, not in templates."""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.text import capfirst

from .models import MONEY_FIGURES, SalaryBand

# Chart ends are rounded outwards to these steps, so the axis reads in round numbers.
SCALE_STEPS = {
    SalaryBand.Period.ANNUAL.value: Decimal(10_000),
    SalaryBand.Period.HOURLY.value: Decimal(10),
}


@dataclass
class BandChart:
    """One salary band placed on a shared scale; x positions are percentages of the chart width."""

    band: object
    scale_min: Decimal
    scale_max: Decimal

    def x(self, value):
        if value is None:
            return None
        span = self.scale_max - self.scale_min
        return round(float((value - self.scale_min) / span * 100), 2) if span else 50.0

    @property
    def range_bar(self):
        """The widest measured span: low to high, else 10th to 90th percentile."""
        band = self.band
        low = band.low if band.low is not None else band.p10
        high = band.high if band.high is not None else band.p90
        if low is None or high is None:
            return None
        return {"x": self.x(low), "width": round(self.x(high) - self.x(low), 2)}

    @property
    def middle_bar(self):
        band = self.band
        if band.p25 is None or band.p75 is None:
            return None
        return {"x": self.x(band.p25), "width": round(self.x(band.p75) - self.x(band.p25), 2)}

    @property
    def median_x(self):
        return self.x(self.band.median)

    @property
    def median_anchor(self):
        x = self.median_x
        return "start" if x < 15 else "end" if x > 85 else "middle"

    @property
    def tiers(self):
        """Entry, mid and senior marks, each lettered by its field's name (E, M, S)."""
        return [
            {"letter": self._label(name)[0], "x": self.x(getattr(self.band, name))}
            for name in ("entry", "mid", "senior")
            if getattr(self.band, name) is not None
        ]

    @property
    def rows(self):
        """The band's figures as (label, value) rows for the table beside the chart."""
        return [
            (self._label(name), getattr(self.band, name))
            for name in MONEY_FIGURES
            if getattr(self.band, name) is not None
        ]

    def _label(self, name):
        return capfirst(self.band._meta.get_field(name).verbose_name)


def scale(bands):
    """The ends of one chart of these bands (of one period): their lowest and highest figures,
    rounded outwards to the period's step."""
    step = SCALE_STEPS[bands[0].period]
    low = min(band.lowest for band in bands) / step
    high = max(band.highest for band in bands) / step
    return (
        low.to_integral_value(rounding=ROUND_FLOOR) * step,
        high.to_integral_value(rounding=ROUND_CEILING) * step,
    )


def band_charts(bands):
    """Bands of the same currency and period share one scale so they can be compared by eye."""
    groups = {}
    for band in bands:
        groups.setdefault((band.currency, band.period), []).append(band)
    scales = {key: scale(group) for key, group in groups.items()}
    return [BandChart(band, *scales[(band.currency, band.period)]) for band in bands]
