"""Fixtures for the core's tests: an admin beside the members of tests/conftest.py."""

import pytest

from bot.core import Rebound
from tests.conftest import Member


@pytest.fixture
def admin(core: Rebound) -> Member:
    """Someone the platform says manages the community."""
    return Member(core, user="admin", is_admin=True)
