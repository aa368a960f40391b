"""Settings: ``defaults.toml`` (every key commented), then a user file, then command-line flags.

One normalisation point (``load_settings``) produces a frozen ``Settings`` that the pipeline
passes to the stages; unknown keys are refused so a typo never goes unnoticed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from newsprism.cluster import ClusterConfig
from newsprism.dedupe import DedupeConfig
from newsprism.errors import ConfigError

DEFAULTS = Path(__file__).with_name("defaults.toml")


@dataclass(frozen=True)
class IngestConfig:
    max_bytes: int = 20_000_000


@dataclass(frozen=True)
class RunConfig:
    """How the per-article stage runs (speed only: the record does not depend on these)."""

    n_process: int = 0  # spaCy processes; 0: one per core, at most 2
    batch_size: int = 32  # texts per nlp.pipe batch
    commit_documents: int = 64  # commit the analyzed documents after this many...
    commit_seconds: float = 10.0  # ...or after this long, whichever comes first

    def processes(self) -> int:
        import os

        return self.n_process if self.n_process > 0 else max(1, min(os.cpu_count() or 1, 2))


@dataclass(frozen=True)
class Settings:
    ingest: IngestConfig
    dedupe: DedupeConfig
    cluster: ClusterConfig
    run: RunConfig = RunConfig()


_SECTIONS = {"ingest": IngestConfig, "dedupe": DedupeConfig, "cluster": ClusterConfig, "run": RunConfig}


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read settings: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def load_settings(user_file: str | None = None, overrides: dict[str, dict[str, Any]] | None = None) -> Settings:
    """Defaults, overlaid with the user's file, overlaid with flags ({"section": {"key": value}}).

    Raises:
        ConfigError: unreadable file, unknown section or key, or a value of the wrong type.
    """
    merged = _read(DEFAULTS)
    layers = [(str(user_file), _read(Path(user_file)))] if user_file else []
    layers.append(("command line", overrides or {}))
    for origin, layer in layers:
        for section, values in layer.items():
            if section not in _SECTIONS or not isinstance(values, dict):
                raise ConfigError(f"{origin}: unknown settings section [{section}] (known: {', '.join(_SECTIONS)})")
            for key, value in values.items():
                known = {f.name: f for f in fields(_SECTIONS[section])}
                if key not in known:
                    raise ConfigError(f"{origin}: unknown setting {section}.{key}")
                default = merged[section][key]
                if not isinstance(value, type(default)) and not (isinstance(default, float) and isinstance(value, int)):
                    raise ConfigError(f"{origin}: {section}.{key} must be a {type(default).__name__}, got {value!r}")
                merged[section][key] = value
    return Settings(**{name: cls(**merged[name]) for name, cls in _SECTIONS.items()})
