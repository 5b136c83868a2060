"""The kernel every package may import: settings, errors, domain types, models and database handling."""

from archive.errors import RulingsError
from archive.settings import Settings, get_settings

__all__ = ["RulingsError", "Settings", "get_settings"]
