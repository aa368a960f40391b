"""The offline base map: Natural Earth country outlines (vendored TopoJSON) as projected SVG paths.

``static/vendor/world-atlas/countries-{50m,110m}.json`` are from the npm package ``world-atlas@2.0.2`` (ISC,
Mike Bostock), which redistributes Natural Earth 4.1.0 admin-0 boundaries (public domain). It is
decoded here (TopoJSON delta-encoded, quantized arcs) and drawn server-side, so the map needs no
JavaScript library and no tile server.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ATLAS_DIR = Path(__file__).parent / "static" / "vendor" / "world-atlas"
WIDE_VIEW_DEGREES = 40.0  # wider views use the 1:110m outlines (smaller SVG, same look at that scale)

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Country:
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: outer ring, then holes (lon, lat)
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


@functools.lru_cache(maxsize=2)
def countries(scale: str = "50m") -> tuple[Country, ...]:
    """Every country of the vendored atlas at ``scale`` (``50m`` or ``110m``), decoded once per process."""
    topo = json.loads((ATLAS_DIR / f"countries-{scale}.json").read_text(encoding="utf-8"))
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indexes: list[int]) -> Ring:
        out: Ring = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    result = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            polys = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        polygons = tuple(tuple(ring(r) for r in poly) for poly in polys)
        xs = [p[0] for poly in polygons for p in poly[0]]
        ys = [p[1] for poly in polygons for p in poly[0]]
        if not xs:
            continue
        result.append(Country(str((geom.get("properties") or {}).get("name") or ""), polygons,
                              (min(xs), min(ys), max(xs), max(ys))))
    return tuple(result)


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection fitted to a lon/lat box, true to scale at the box's mid latitude."""

    lon0: float
    lat0: float
    lon1: float
    lat1: float
    width: float
    height: float

    @classmethod
    def fit(cls, points: list[tuple[float, float]], width: float, height: float,
            min_span: float = 3.0, pad: float = 0.35) -> Projection:
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        clon, clat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
        span_lat = max((max(lats) - min(lats)) * (1 + 2 * pad), min_span)
        k = math.cos(math.radians(max(min(clat, 80.0), -80.0)))
        span_lon = max((max(lons) - min(lons)) * (1 + 2 * pad), min_span / max(k, 0.2))
        # widen one axis so the box has the drawing's aspect ratio
        if span_lon * k / span_lat < width / height:
            span_lon = span_lat * (width / height) / k
        else:
            span_lat = span_lon * k / (width / height)
        span_lat = min(span_lat, 170.0)
        span_lon = min(span_lon, 360.0)
        return cls(clon - span_lon / 2, clat + span_lat / 2, clon + span_lon / 2, clat - span_lat / 2, width, height)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.lon0) / (self.lon1 - self.lon0) * self.width
        y = (lat - self.lat0) / (self.lat1 - self.lat0) * self.height
        return x, y

    def km_per_px(self) -> float:
        return (self.lat0 - self.lat1) * 111.32 / self.height

    def visible(self, bbox: tuple[float, float, float, float], margin: float = 0.5) -> bool:
        x0, y0, x1, y1 = bbox
        return not (x1 < self.lon0 - margin or x0 > self.lon1 + margin or y1 < self.lat1 - margin or y0 > self.lat0 + margin)


def country_path(country: Country, proj: Projection, tolerance: float = 0.8) -> str:
    """SVG path data of a country, points closer than ``tolerance`` pixels dropped."""
    parts = []
    for poly in country.polygons:
        for ring in poly:
            pts = [proj(lon, lat) for lon, lat in ring]
            if len(pts) < 3:
                continue
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            if max(xs) < -50 or min(xs) > proj.width + 50 or max(ys) < -50 or min(ys) > proj.height + 50:
                continue
            pts = clip_ring(pts, -20.0, -20.0, proj.width + 20.0, proj.height + 20.0)
            if len(pts) < 3:
                continue
            kept = [pts[0]]
            for p in pts[1:]:
                if abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= tolerance:
                    kept.append(p)
            if len(kept) < 3:
                continue
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
    return "".join(parts)


def clip_ring(pts: list[tuple[float, float]], x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    """A polygon ring clipped to a rectangle (Sutherland–Hodgman), so huge countries partly in view
    do not put thousands of off-screen points into the SVG."""

    def cut(points: list[tuple[float, float]], inside: Any, cross: Any) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_x(x: float) -> Any:
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y: float) -> Any:
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    for inside, cross in ((lambda p: p[0] >= x0, at_x(x0)), (lambda p: p[0] <= x1, at_x(x1)),
                          (lambda p: p[1] >= y0, at_y(y0)), (lambda p: p[1] <= y1, at_y(y1))):
        if not pts:
            break
        pts = cut(pts, inside, cross)
    return pts


def label_point(country: Country, proj: Projection) -> tuple[float, float] | None:
    """Where to write a country's name: the centroid of its largest ring, if it is on the map."""
    best: tuple[float, float, float] | None = None
    for poly in country.polygons:
        ring = poly[0]
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            c = x0 * y1 - x1 * y0
            a += c
            cx += (x0 + x1) * c
            cy += (y0 + y1) * c
        if abs(a) < 1e-12:
            continue
        area = abs(a) / 2
        if best is None or area > best[0]:
            best = (area, cx / (3 * a), cy / (3 * a))
    if best is None:
        return None
    x, y = proj(best[1], best[2])
    if 20 <= x <= proj.width - 20 and 14 <= y <= proj.height - 14:
        return x, y
    return None
