"""Writes the re-cut fixtures (deterministic): python3 make.py

laifeng.json    600 blocks (30 x 20 lattice, 100 m sides) in 11 districts today, the shape of
                来凤's 11 片区 re-cut into 25.
infeasible.json three communities, each with a reason: c1 has 250 households (minimum 300),
                c2 has a block of 520 households (maximum 500), c3 is in two pieces.
corner-geo.json a geometry document: six squares and one touching them at a corner only.
"""
import json
import random


def lattice(columns, rows, name, rng, households=(20, 60)):
    blocks, pairs = [], []
    for r in range(rows):
        for c in range(columns):
            h = rng.randint(*households)
            blocks.append({"id": name(r, c), "households": h, "population": round(h * rng.uniform(2.2, 3.2))})
            if c + 1 < columns:
                pairs.append([name(r, c), name(r, c + 1), 100])
            if r + 1 < rows:
                pairs.append([name(r, c), name(r + 1, c), 100])
    return blocks, pairs


def laifeng():
    rng = random.Random(15)
    blocks, pairs = lattice(30, 20, lambda r, c: f"b{r:02}-{c:02}", rng)
    widths = [2, 3, 3, 2, 3, 3, 2, 3, 3, 3, 3]
    strip = []
    for d, w in enumerate(widths):
        strip += [f"d{d + 1:02}"] * w
    for b in blocks:
        c = int(b["id"].split("-")[1])
        b["community"] = "laifeng"
        b["part"] = strip[c]
    return {"blocks": blocks, "adjacency": pairs}


def infeasible():
    rng = random.Random(16)
    blocks, pairs = [], []
    # c1: a row of five blocks of 50 households.
    for i in range(5):
        blocks.append({"id": f"c1-{i}", "households": 50, "population": 130, "community": "c1"})
        if i:
            pairs.append([f"c1-{i - 1}", f"c1-{i}"])
    # c2: 3 x 4 blocks, one of them 520 households.
    b2, p2 = lattice(4, 3, lambda r, c: f"c2-{r}{c}", rng, (40, 70))
    for b in b2:
        b["community"] = "c2"
    b2[5]["households"] = 520
    b2[5]["population"] = 1400
    blocks += b2
    pairs += [p[:2] for p in p2]
    # c3: 3 x 3 blocks, and two blocks next to each other but to none of those.
    b3, p3 = lattice(3, 3, lambda r, c: f"c3-{r}{c}", rng, (60, 90))
    for b in b3:
        b["community"] = "c3"
    blocks += b3
    pairs += [p[:2] for p in p3]
    blocks += [{"id": "c3-x1", "households": 70, "population": 180, "community": "c3"},
               {"id": "c3-x2", "households": 70, "population": 190, "community": "c3"}]
    pairs.append(["c3-x1", "c3-x2"])
    # A pair across communities (c1 and c2 touch): never inside one part.
    pairs.append(["c1-4", "c2-00"])
    return {"blocks": blocks, "adjacency": pairs}


def corner_geo():
    """Six 100 m squares in two rows (local metres) and a seventh touching the row's last
    square at a corner only: a corner is no shared boundary, so it is apart."""
    def square(x, y, props):
        ring = [[x, y], [x + 100, y], [x + 100, y + 100], [x, y + 100], [x, y]]
        return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}
    features = []
    for i, (x, y) in enumerate([(0, 0), (100, 0), (200, 0), (0, 100), (100, 100), (200, 100)]):
        features.append(square(x, y, {"block": f"s{i}", "households": 100 + 10 * i, "population": 260 + 20 * i,
                                      "community": "c1", "within": "g1" if x < 100 else "g2"}))
    features.append(square(300, 200, {"block": "corner", "households": 90, "population": 240, "community": "c1", "within": "g2"}))
    return {"type": "FeatureCollection", "crs": "local", "features": features}


for name, doc in [("laifeng", laifeng()), ("infeasible", infeasible()), ("corner-geo", corner_geo())]:
    with open(f"{name}.json", "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
