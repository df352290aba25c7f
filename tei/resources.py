"""Locate the stylesheets (xslt/) and schemas (schemas/) shipped with the pipeline."""

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_RESOURCE_DIRS = ("xslt", "schemas")


def resource_dir(name: str) -> Path:
    """Return the folder `name` ("xslt" or "schemas").

    A wheel carries them inside the package (tei/xslt, tei/schemas: see
    force-include in pyproject.toml), while a source checkout or an editable
    install keeps them at the top of the repository, next to tei/.
    """
    if name not in _RESOURCE_DIRS:
        raise ValueError(f"unknown resource folder {name!r}; expected one of {_RESOURCE_DIRS}")
    candidates = (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    tried = " or ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"resource folder {name!r} not found: looked for {tried}")


def _resource_file(folder: str, filename: str) -> Path:
    path = resource_dir(folder) / filename
    # Fail here, naming the file, rather than later inside lxml or Saxon with a vaguer error.
    if not path.is_file():
        raise FileNotFoundError(f"{folder} file {filename!r} not found in {path.parent}")
    return path


def schema_path(filename: str) -> Path:
    """Path of a schema file, e.g. schema_path("edition.schema.json")."""
    return _resource_file("schemas", filename)


def xslt_path(filename: str) -> Path:
    """Path of a stylesheet, e.g. xslt_path("html.xsl")."""
    return _resource_file("xslt", filename)
