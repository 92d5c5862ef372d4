"""METIS (PyPI pymetis) on the re-cut benchmark's graphs, for core/benches/recut.rs.

Reads a JSON file: {"graphs": [{"name", "xadj", "adjncy", "weights", "parts", "range"?: [min, max]}]}
(the graphs of one case: the whole lattice, or each community of the county on its own, with
the part count ours used). Runs pymetis.part_graph (k-way, METIS's default imbalance of
1.03) on each graph, best of RUNS timings, and prints one JSON line: the total time, the parts'
weights (deviation from the mean, parts outside the range), and how many parts are not
contiguous (METIS does not promise connected parts).
"""
import json
import sys
import time

import pymetis

RUNS = 5


def components(part, members, xadj, adjncy, assignment):
    """How many connected pieces part `part` is in."""
    seen, pieces = set(), 0
    for s in members:
        if s in seen:
            continue
        pieces += 1
        stack = [s]
        seen.add(s)
        while stack:
            v = stack.pop()
            for u in adjncy[xadj[v]:xadj[v + 1]]:
                if assignment[u] == part and u not in seen:
                    seen.add(u)
                    stack.append(u)
    return pieces


def main(path):
    with open(path, encoding="utf-8") as f:
        case = json.load(f)
    total_s, weights, disconnected, parts_total, cut = 0.0, [], 0, 0, 0
    out_of_range, lo_hi = 0, None
    for g in case["graphs"]:
        xadj, adjncy, w, k = g["xadj"], g["adjncy"], g["weights"], g["parts"]
        best = None
        for _ in range(RUNS):
            start = time.perf_counter()
            if k > 1:
                _, membership = pymetis.part_graph(k, xadj=xadj, adjncy=adjncy, vweights=w)
            else:
                membership = [0] * len(w)
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        total_s += best
        by_part = {}
        for v, p in enumerate(membership):
            by_part.setdefault(p, []).append(v)
        for p, members in by_part.items():
            weights.append(sum(w[v] for v in members))
            if components(p, members, xadj, adjncy, membership) > 1:
                disconnected += 1
        parts_total += len(by_part)
        cut += sum(1 for v in range(len(w)) for u in adjncy[xadj[v]:xadj[v + 1]] if u > v and membership[u] != membership[v])
        if "range" in g:
            lo_hi = g["range"]
            out_of_range += sum(1 for p in by_part.values() if not (lo_hi[0] <= sum(w[v] for v in p) <= lo_hi[1]))
    mean = sum(weights) / len(weights)
    print(json.dumps({
        "parts": parts_total,
        "asked": sum(g["parts"] for g in case["graphs"]),
        "ms": round(total_s * 1000, 2),
        "max_deviation": round(max(abs(x - mean) / mean for x in weights), 4),
        "ratio": round(max(weights) / min(weights), 4) if min(weights) > 0 else None,
        "disconnected": disconnected,
        "out_of_range": out_of_range if lo_hi else None,
        "cut_edges": cut,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
