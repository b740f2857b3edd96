import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Registered here so that --strict-markers accepts it; `-m "not slow"` skips the big ones.
    config.addinivalue_line("markers", "slow: a few seconds each (the 20 x 20 talent instances)")
