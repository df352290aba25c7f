"""TEI-XML digital edition pipeline: archival transcripts in, TEI and HTML out."""

from importlib.metadata import PackageNotFoundError, version

try:
    # Single source of truth is pyproject.toml, read back from the installed metadata.
    __version__ = version("tei-edition")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+unknown"
