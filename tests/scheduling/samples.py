"""Where the talent scheduling reference instances live: shared/data beside the clone."""

from pathlib import Path

TALENT = Path(__file__).resolve().parents[3] / "shared" / "data" / "talent"
