"""Benchmark: our Fountain parse + page layout against screenplain's parse alone.

Target: parsing AND laying out a feature script (Charade, 230 KB) takes at most half the time
screenplain (vilcans/screenplain, the reference Python parser) needs just to parse it.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/screenplay.py [--runs 30] [--file PATH]

Both are timed with time.perf_counter in alternating order, after one warm-up each; the median
of the runs is reported. Reading the file is not timed; our side includes decoding the bytes.
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


def measure(path: Path, runs: int) -> tuple[float, float, int]:
    """Median ms of ours (parse + layout) and of screenplain (parse), and our page count."""
    data = path.read_bytes()
    text = data.decode("utf-8-sig")

    def ours() -> int:
        return paginate(parse_script(data, path.name)).page_count

    def theirs() -> object:
        return screenplain_fountain.parse(io.StringIO(text))

    pages = ours()
    theirs()
    our_times: list[float] = []
    their_times: list[float] = []
    for run in range(runs):
        # Alternate who goes first so that neither always runs on a warmer cache.
        pair = [(ours, our_times), (theirs, their_times)]
        for call, timings in pair if run % 2 == 0 else reversed(pair):
            timings.append(_time(call))
    return _median_ms(our_times), _median_ms(their_times), pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each (default 30)")
    parser.add_argument("--file", type=Path, default=CHARADE, help="a Fountain script")
    args = parser.parse_args(argv)
    ours, theirs, pages = measure(args.file, max(1, args.runs))
    ratio = theirs / ours
    verdict = "PASS" if ratio >= TARGET else "FAIL"
    print(f"script: {args.file.name} ({pages} pages laid out), median of {args.runs} runs")
    print(f"ours (parse + layout):  {ours:8.1f} ms")
    print(f"screenplain (parse):    {theirs:8.1f} ms")
    print(f"ratio: {ratio:.2f}x   target: >= {TARGET:.1f}x   {verdict}")
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
