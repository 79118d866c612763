"""uv run python -m tests.perf [--scale 1|10] [--json FILE] [--store PATH] [--runs N] [--only NAMES]

Generates a store at the scale (or reuses the one at --store, generated earlier), runs every measure
against its baseline in this process, prints the table and writes the JSON the issue describes.
NAMES (comma-separated): search, board, plan, agreement, size, gui."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "tests"):   # the repository (caseteam, tests.perf) and tests/ (builders)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from tqdm import tqdm  # noqa: E402

from caseteam.storage.store import open_store  # noqa: E402
from tests.perf import results  # noqa: E402
from tests.perf.core_measures import NAMES, core_measures  # noqa: E402
from tests.perf.generate import generate, generated_scale, planned_rows  # noqa: E402


def arguments(argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.perf", description=__doc__.splitlines()[2])
    parser.add_argument("--scale", type=float, default=1, help="1 (5,000 people) or 10 (50,000); default 1")
    parser.add_argument("--json", type=Path, help="write the results to this file")
    parser.add_argument("--store", type=Path, help="a generated store to reuse (generated there when absent)")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per fast measure (default 30)")
    parser.add_argument("--only", default=",".join((*NAMES, "gui")), help="measures to run, comma-separated")
    return parser.parse_args(argv)


def prepare(path: Path, scale: float) -> dict:
    found = generated_scale(path)
    if found is not None:
        if found != scale:
            raise SystemExit(f"{path} was generated at scale {found:g}, not {scale:g}: pass --scale {found:g}")
        print(f"reusing the store generated at scale {found:g}: {path}")
        return {"reused": True, "scale": found}
    if path.exists():
        raise SystemExit(f"{path} exists and is not a generated benchmark store; choose another --store")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tqdm(total=planned_rows(scale), unit="rows", desc="generating", smoothing=0.05) as bar:
        def advance(label: str, rows: int) -> None:
            bar.set_description(f"generating {label}")
            bar.update(rows)
        report = generate(path, scale, advance)
    print("\n".join(report.lines()))
    return report.as_dict()


def gui_measures(path: Path, scale: int, runs: int) -> list:
    try:
        from tests.perf.gui_probe import gui_measures as measure
    except ImportError as exc:
        print(f"GUI measures (1, 4, 7) skipped: tests/perf/gui_probe.py could not be imported ({exc})")
        return []
    with tqdm(total=2 * runs, unit="run", desc="GUI start, workspace, memory") as bar:
        return measure(path, scale, runs, progress=bar)


def main(argv=None) -> int:
    args = arguments(argv)
    only = tuple(n.strip() for n in args.only.split(",") if n.strip())
    unknown = set(only) - {*NAMES, "gui"}
    if unknown:
        raise SystemExit(f"unknown measures {', '.join(sorted(unknown))}; choose from {', '.join((*NAMES, 'gui'))}")
    with tempfile.TemporaryDirectory(prefix="caseteam-perf-") as scratch:
        path = args.store or Path(scratch) / f"bench-scale{args.scale:g}.sqlite"
        generation = prepare(path, args.scale)
        scale = int(args.scale) if args.scale >= 1 else args.scale
        measures, extra = [], {"generation": generation}
        steps = [n for n in NAMES if n in only] + (["gui"] if "gui" in only else [])
        with tqdm(total=len(steps), unit="measure", desc="measuring") as bar:
            def step(name: str) -> None:
                bar.set_description(f"measuring {name}")
                bar.update(1)
            store = open_store(path)
            try:
                core, extra_core = core_measures(store, scale, args.runs, only=only, progress=step)
            finally:
                store.close()
            measures += core
            extra.update(extra_core)
            if "gui" in only:
                step("gui")
                measures += gui_measures(path, scale, max(5, args.runs // 3))
        print(results.table(measures))
        if "size" in extra:
            print(f"store {extra['size']['file_mb']} MB for {extra['size']['people']:,} people; largest (MB): "
                  + ", ".join(f"{k} {v}" for k, v in extra["size"]["largest_mb"].items()))
        if args.json:
            results.write_json(args.json, measures, extra)
            print(f"wrote {args.json}")
    return 0 if all(m.target.met(m) for m in measures) else 1


if __name__ == "__main__":
    sys.exit(main())
