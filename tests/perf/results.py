"""What a benchmark measure reports, and the JSON file `python -m tests.perf --json FILE` writes.

Every measure is timed against a baseline in the same process and run (the fastest way to do the same
work: raw SQL, bare Qt, bare ReportLab), so results compare across noisy machines as ratios."""

from __future__ import annotations

import json
import os
import platform
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path

# The account the generated stores carry, so the GUI measures can sign in as a person would.
BENCH_USERNAME = "bench"
BENCH_PASSWORD = "bench-store-Pa55phrase-not-secret"


@dataclass(frozen=True)
class Target:
    """A target is met when every bound given holds (None = no bound of that kind)."""
    max_ratio: float | None = None
    max_p95_ms: float | None = None
    max_extra: float | None = None   # for sizes: at most this much more than the baseline (MB)
    text: str = ""

    def met(self, m: Measure) -> bool:
        if self.max_ratio is not None and (m.ratio is None or m.ratio > self.max_ratio):
            return False
        if self.max_p95_ms is not None and m.p95_ms > self.max_p95_ms:
            return False
        if self.max_extra is not None and m.median_ms - (m.baseline_median_ms or 0) > self.max_extra:
            return False
        return True


@dataclass(frozen=True)
class Measure:
    """Times in milliseconds; for size measures (RSS, bytes per person) the same fields hold the size
    and `unit` says which ("MB", "KB")."""
    name: str
    scale: int
    samples: tuple[float, ...]
    baseline_samples: tuple[float, ...] = ()
    target: Target = field(default_factory=Target)
    unit: str = "ms"

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95_ms(self) -> float:
        return percentile(self.samples, 95)

    @property
    def baseline_median_ms(self) -> float | None:
        return statistics.median(self.baseline_samples) if self.baseline_samples else None

    @property
    def ratio(self) -> float | None:
        base = self.baseline_median_ms
        return self.median_ms / base if base else None

    def row(self) -> dict:
        return {"name": self.name, "scale": self.scale, "unit": self.unit,
                "median_ms": round(self.median_ms, 3), "p95_ms": round(self.p95_ms, 3),
                "baseline_median_ms": None if self.baseline_median_ms is None else round(self.baseline_median_ms, 3),
                "ratio": None if self.ratio is None else round(self.ratio, 3),
                "target": self.target.text, "met": self.target.met(self), "samples": len(self.samples)}


def percentile(values, pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no samples")
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(), "system": platform.platform(),
            "python": platform.python_version()}


def write_json(path: Path, measures: list[Measure], extra: dict | None = None) -> None:
    data = {"machine": machine(), "measures": [m.row() for m in measures], **(extra or {})}
    Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def table(measures: list[Measure]) -> str:
    lines = [f"{'measure':44} {'scale':>5} {'median':>10} {'p95':>10} {'baseline':>10} {'ratio':>7}  target"]
    for m in measures:
        r = m.row()
        base = "" if r["baseline_median_ms"] is None else f"{r['baseline_median_ms']:.1f}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        mark = "met" if r["met"] else "MISSED"
        lines.append(f"{m.name:44} {m.scale:>5} {r['median_ms']:>8.1f}{m.unit:>2} {r['p95_ms']:>8.1f}{m.unit:>2} "
                     f"{base:>10} {ratio:>7}  {m.target.text} [{mark}]")
    return "\n".join(lines)
