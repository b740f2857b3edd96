import pytest

from tests import factories


@pytest.fixture
def team(db):
    """A feature project with an executive producer, associate producer, camera department
    head, crew member, viewer, and an outsider who belongs to nothing."""
    return factories.crew()
