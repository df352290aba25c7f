"""TEI-XML digital edition pipeline: archival transcripts in, TEI and HTML out."""

from functools import cache


def __getattr__(name: str) -> str:
    # __version__ is read on first use: importlib.metadata costs every process (each
    # worker of a build too) a tenth of a second at start-up.
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'tei' has no attribute {name!r}")


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        # Single source of truth is pyproject.toml, read back from the installed metadata.
        return version("tei-edition")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0.0.0+unknown"
