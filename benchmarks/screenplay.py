"""Benchmark: our Fountain parse + page layout against screenplain's parse alone.

Target: parsing AND laying out a feature script (Charade, 230 KB) takes at most half the time
screenplain (vilcans/screenplain, the reference Python parser) needs just to parse it.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/screenplay.py [--runs 30] [--file PATH]

Both are timed with time.perf_counter in alternating order, after one warm-up each; the median
of the runs is reported. Reading the file is not timed; our side includes decoding the bytes.
Our parse and our layout are also timed alone, for information. The layout computes every
page break and scene length; the printed-line tuples of a page are made when a page's
``lines`` is first read (the import never reads them), so they are not in the headline figure;
"layout + every line" shows what building all of them adds.
"""

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from greenlight.screenplay.layout import paginate

try:
    from screenplain.parsers import fountain as screenplain_fountain
except ImportError:  # pragma: no cover - the bench extra is not installed
    sys.exit("screenplain is not installed: .venv/bin/pip install -e '.[bench]'")

try:
    from greenlight.screenplay.parse import parse_script
except ImportError:  # pragma: no cover - until the parser lands
    sys.exit("greenlight.screenplay.parse is not there yet: nothing to measure")

CHARADE = Path(__file__).resolve().parents[2] / "shared/data/scripts/Charade.fountain"
TARGET = 2.0


def _median_ms(timings: list[float]) -> float:
    return statistics.median(timings) * 1000


def _time(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def measure(path: Path, runs: int) -> dict[str, float]:
    """Median ms of ours (parse + layout), of screenplain (parse), and of our two halves."""
    data = path.read_bytes()
    text = data.decode("utf-8-sig")
    parsed = parse_script(data, path.name)
    calls: dict[str, Callable[[], object]] = {
        "ours": lambda: paginate(parse_script(data, path.name)),
        "screenplain": lambda: screenplain_fountain.parse(io.StringIO(text)),
        "parse": lambda: parse_script(data, path.name),
        "layout": lambda: paginate(parsed),
        "lines": lambda: [page.lines for page in paginate(parsed).pages],
    }
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():
        call()  # warm-up
    for run in range(runs):
        # Alternate the order so that neither side always runs on a warmer cache.
        order = list(calls) if run % 2 == 0 else list(reversed(calls))
        for name in order:
            timings[name].append(_time(calls[name]))
    figures = {name: _median_ms(values) for name, values in timings.items()}
    figures["pages"] = paginate(parsed).page_count
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each (default 30)")
    parser.add_argument("--file", type=Path, default=CHARADE, help="a Fountain script")
    args = parser.parse_args(argv)
    figures = measure(args.file, max(1, args.runs))
    ours, theirs = figures["ours"], figures["screenplain"]
    ratio = theirs / ours
    verdict = "PASS" if ratio >= TARGET else "FAIL"
    print(f"script: {args.file.name}, {figures['pages']:.0f} pages; median of {args.runs} runs")
    print(f"ours (parse + layout):  {ours:8.1f} ms")
    print(f"  parse alone:          {figures['parse']:8.1f} ms")
    print(f"  layout alone:         {figures['layout']:8.1f} ms")
    print(f"  layout + every line:  {figures['lines']:8.1f} ms  (lines are built on demand)")
    print(f"screenplain (parse):    {theirs:8.1f} ms")
    print(f"ratio: {ratio:.2f}x   target: >= {TARGET:.1f}x   {verdict}")
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
