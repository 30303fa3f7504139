"""The tile-grid map of an occupation's median pay by state, as plain data for an inline SVG.

States are shaded in a few classes of equal size by their median (fifths of the states with a
published median), so the map shows where pay is high or low relative to other states; the legend
gives each class's range and the table beside the map gives every figure.
"""

from django.urls import reverse

from guides.formatting import money

from .states import STATES, TILES

CLASSES = 5
TILE, GAP = 40, 4


def _classes(values):
    """value -> class (1 = lowest fifth): equal values always share a class."""
    ordered = sorted(set(values))
    counts = {value: values.count(value) for value in ordered}
    classes, seen = {}, 0
    for value in ordered:
        classes[value] = min(CLASSES, seen * CLASSES // len(values) + 1)
        seen += counts[value]
    return classes


def state_map(occupation, by_state):
    """Tiles, legend, territories and table rows for `by_state` (postal code -> Pay)."""
    medians = [pay.median.value for pay in by_state.values() if pay.median.published]
    classes = _classes(medians) if medians else {}
    # One reverse() for the 56 links (each costs ~50 µs): the state is the path's last part.
    state_url = reverse("wages:state", args=[occupation.code, "xx"]).removesuffix("xx/") + "{}/"
    rows = []
    for state in sorted(STATES, key=lambda state: state.name):
        pay = by_state.get(state.postal)
        shade = classes.get(pay.median.value, 0) if pay and pay.median.published else 0
        rows.append(
            {
                "state": state,
                "pay": pay,
                "shade": shade,
                "url": state_url.format(state.postal.lower()),
            }
        )
    tiles = []
    for row in rows:
        if row["state"].postal not in TILES:
            continue
        column, line = TILES[row["state"].postal]
        pay = row["pay"]
        figure = pay.median.text if pay else "no estimate"
        tiles.append(
            {
                **row,
                "x": column * (TILE + GAP),
                "y": line * (TILE + GAP),
                "text_x": column * (TILE + GAP) + TILE // 2,
                "text_y": line * (TILE + GAP) + TILE // 2 + 5,
                # Starts with the tile's visible text, so voice-control users can say "click AL".
                "label": f"{row['state'].postal}, {row['state'].name}: median {figure}",
            }
        )
    legend = []
    for shade in range(1, CLASSES + 1):
        members = [value for value, number in classes.items() if number == shade]
        if members:
            legend.append({"shade": shade, "low": money(min(members)), "high": money(max(members))})
    columns = max(column for column, _ in TILES.values()) + 1
    lines = max(line for _, line in TILES.values()) + 1
    return {
        "tiles": tiles,
        "legend": legend,
        "rows": rows,
        "territories": [row for row in rows if row["state"].postal not in TILES],
        "width": columns * (TILE + GAP) - GAP,
        "height": lines * (TILE + GAP) - GAP,
        "tile": TILE,
        "has_missing": any(row["shade"] == 0 for row in tiles),
    }
