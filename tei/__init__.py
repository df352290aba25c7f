"""TEI-XML digital edition pipeline: archival transcripts in, TEI and HTML out."""

# The one place the version is written: pyproject.toml reads it from here ([tool.hatch.version]).
# A literal, not importlib.metadata, which costs every process (each worker of a build too)
# a tenth of a second at start-up.
__version__ = "0.1.0"
