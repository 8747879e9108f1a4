"""Maps without a tile server: unit outlines (GeoJSON, lon/lat) projected onto an SVG.

Projection: equirectangular with the longitude scaled by cos(mean latitude), which keeps
shapes right at a province's scale. Colours: by status (the status badge colours) or by
value (five steps of blue between the smallest and largest value shown).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
MAX_POINTS = 200_000
STATUS_FILL = {"achieved": "#5cb85c", "on_track": "#5b9bd5", "at_risk": "#f0c040", "missed": "#d9534f",
               "no_data": "#cfd8dc"}
VALUE_FILL = ["#deebf7", "#c6dbef", "#9ecae1", "#4292c6", "#08519c"]


def _invalid(message: str) -> ValidationError:
    return ValidationError(message, code="invalid_geojson")


def _rings(geometry) -> list[list]:
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return list(coords or [])
    if kind == "MultiPolygon":
        return [ring for polygon in coords or [] for ring in polygon]
    raise _invalid(_("Only Polygon and MultiPolygon outlines are accepted (found %(kind)s).") % {"kind": kind})


def parse_geojson(data: bytes) -> list[tuple[str, dict]]:
    """[(unit code, geometry)] from a FeatureCollection; ValidationError with the reason."""
    if len(data) > MAX_BYTES:
        raise _invalid(_("The boundary file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _invalid(_("The file is not valid JSON.")) from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise _invalid(_("The file must be a GeoJSON FeatureCollection."))
    features, points = [], 0
    for i, feature in enumerate(doc["features"], start=1):
        if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
            raise _invalid(_("Feature %(n)s has no geometry.") % {"n": i})
        code = str((feature.get("properties") or {}).get("code") or "").strip()
        if not code:
            raise _invalid(_("Feature %(n)s has no “code” property naming its unit.") % {"n": i})
        geometry = feature["geometry"]
        rings = _rings(geometry)
        for ring in rings:
            if not isinstance(ring, list) or len(ring) < 4:
                raise _invalid(_("Feature %(n)s (%(code)s) has a ring with fewer than 4 points.")
                               % {"n": i, "code": code})
            for pt in ring:
                if (not isinstance(pt, list) or len(pt) < 2
                        or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in pt[:2])
                        or not (-180 <= pt[0] <= 180 and -90 <= pt[1] <= 90)):
                    raise _invalid(_("Feature %(n)s (%(code)s) has a point that is not a longitude/latitude pair.")
                                   % {"n": i, "code": code})
            points += len(ring)
        if points > MAX_POINTS:
            raise _invalid(_("The outlines have too many points (more than %(max)s).") % {"max": MAX_POINTS})
        features.append((code, {"type": geometry["type"], "coordinates": geometry["coordinates"]}))
    if not features:
        raise _invalid(_("The file holds no features."))
    return features


@dataclass
class MapArea:
    unit: object
    geometry: dict
    fill: str
    label: str  # what the area shows: a status or a figure
    illustrative: bool = False


def _project(areas: list[MapArea], width: int):
    lons, lats = [], []
    for a in areas:
        for ring in _rings(a.geometry):
            lons += [p[0] for p in ring]
            lats += [p[1] for p in ring]
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    k = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * k, 1e-9)
    span_y = max(max_lat - min_lat, 1e-9)
    scale = (width - 20) / span_x
    height = int(span_y * scale + 20)
    return (lambda lon, lat: (10 + (lon - min_lon) * k * scale, 10 + (max_lat - lat) * scale)), height


def value_fill(value, lo, hi) -> str:
    if value is None:
        return STATUS_FILL["no_data"]
    if hi == lo:
        return VALUE_FILL[-1]
    step = int((float(value) - float(lo)) / (float(hi) - float(lo)) * (len(VALUE_FILL) - 1) + 0.5)
    return VALUE_FILL[max(0, min(len(VALUE_FILL) - 1, step))]


def render_map(areas: list[MapArea], *, width: int = 560, title: str = "") -> str:
    if not areas:
        return ""
    project, height = _project(areas, width)
    shapes = []
    for a in areas:
        path = []
        for ring in _rings(a.geometry):
            pts = [project(p[0], p[1]) for p in ring]
            path.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + " Z")
        xs = [project(p[0], p[1]) for ring in _rings(a.geometry) for p in ring]
        cx = sum(x for x, _y in xs) / len(xs)
        cy = sum(y for _x, y in xs) / len(xs)
        name = a.unit.display_name
        shapes.append(format_html(
            '<g data-unit="{}" data-testid="map-area"><title>{}: {}</title>'
            '<path d="{}" fill="{}" stroke="#37474f" stroke-width="1" fill-rule="evenodd"/>'
            '<text x="{}" y="{}" font-size="9" text-anchor="middle" fill="#102027">{}</text></g>',
            a.unit.code, name, a.label, " ".join(path), a.fill, f"{cx:.1f}", f"{cy:.1f}", name))
    return format_html(
        '<svg class="map" data-testid="unit-map" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">{}</svg>',
        width, height, title, mark_safe("".join(shapes)))


def legend(items: list[tuple[str, str]]) -> str:
    """A legend as SVG (fill attributes, no inline style: the CSP allows it)."""
    parts, x = [], 0
    for fill, label in items:
        parts.append(format_html('<rect x="{}" y="2" width="12" height="12" fill="{}" stroke="#777"/>'
                                 '<text x="{}" y="12" font-size="11">{}</text>', x, fill, x + 16, label))
        x += 24 + 7 * len(str(label))
    return format_html('<svg class="legend" viewBox="0 0 {} 16" width="{}" height="16" aria-hidden="true">{}</svg>',
                       x, x, mark_safe("".join(parts)))
