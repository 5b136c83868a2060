"""Named harvest sources (``RULINGS_SOURCES``), so that ``rulings harvest skgz`` runs a configured harvest.

The setting is JSON, or the path of a JSON or TOML file, mapping a name to a source::

    {"skgz": {"type": "listing", "url": "https://www.skgz.nl/uitspraken", "pattern": "\\\\.pdf$"},
     "zorg": {"type": "rechtspraak", "subject": ["http://psi.rechtspraak.nl/rechtsgebied#bestuursrecht"]}}

    # sources.toml
    [skgz]
    type = "listing"                 # the default when a url is given
    url = "https://www.skgz.nl/uitspraken"
    pattern = '\\.pdf$'

A listing source needs ``url`` and may set ``pattern``; a rechtspraak source may set ``subject`` and ``creator``
(lists of URIs). Anything else is a configuration error (exit code 2), reported before any request is sent.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.errors import ConfigurationError
from archive.settings import Settings

RESERVED = frozenset({"rechtspraak", "listing", "forget", "status"})
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")


@dataclass(frozen=True)
class Source:
    name: str
    type: str  # listing | rechtspraak
    url: str | None = None
    pattern: str | None = None
    subjects: tuple[str, ...] = field(default=())
    creators: tuple[str, ...] = field(default=())


def _raw(settings: Settings) -> dict[str, Any]:
    value = settings.sources.strip()
    if not value:
        return {}
    if value.startswith("{"):
        text, toml, where = value, False, "RULINGS_SOURCES"
    else:
        path = Path(value).expanduser()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigurationError(f"RULINGS_SOURCES: cannot read {path}: {exc.strerror}") from exc
        toml, where = path.suffix.lower() == ".toml", str(path)
    try:
        data = tomllib.loads(text) if toml else json.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"{where}: not valid {'TOML' if toml else 'JSON'} ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigurationError(f"{where}: expected a table of named sources")
    return data


def _uris(name: str, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigurationError(f"source {name!r}: {key} must be a URI or a list of URIs")
    return tuple(v.strip() for v in value)


def load_sources(settings: Settings) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for name, spec in _raw(settings).items():
        if not _NAME.match(name) or name in RESERVED:
            raise ConfigurationError(f"source name {name!r}: use lower-case letters, digits, - and _, and not "
                                     f"{', '.join(sorted(RESERVED))}")
        if not isinstance(spec, dict):
            raise ConfigurationError(f"source {name!r}: expected a table with type, url, pattern ...")
        kind = spec.get("type") or ("listing" if "url" in spec else "")
        allowed = {"listing": {"type", "url", "pattern"}, "rechtspraak": {"type", "subject", "creator"}}
        if kind not in allowed:
            raise ConfigurationError(f"source {name!r}: type must be 'listing' or 'rechtspraak'")
        unknown = set(spec) - allowed[kind]
        if unknown:
            raise ConfigurationError(f"source {name!r}: unknown keys {', '.join(sorted(unknown))}")
        if kind == "listing":
            url = spec.get("url")
            if not isinstance(url, str) or not re.match(r"^https?://[^/\s]+", url):
                raise ConfigurationError(f"source {name!r}: url must be an http(s) URL")
            pattern = spec.get("pattern")
            if pattern is not None:
                try:
                    re.compile(str(pattern))
                except re.error as exc:
                    raise ConfigurationError(f"source {name!r}: pattern is not a regular expression ({exc})") \
                        from exc
            sources[name] = Source(name, kind, url=url, pattern=None if pattern is None else str(pattern))
        else:
            sources[name] = Source(name, kind, subjects=_uris(name, "subject", spec.get("subject")),
                                   creators=_uris(name, "creator", spec.get("creator")))
    return sources
