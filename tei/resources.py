"""Locate the stylesheets (xslt/) and schemas (schemas/) shipped with the pipeline; copy the schemas beside the TEI that names them."""

from pathlib import Path

from tei.files import write_atomically

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


# The edition's schemas travel with its TEI: a copy in a folder beside the files
# (corpus/tei/schemas/, and html/schemas/ on the site, where the downloads sit), named
# by the same relative href from both places; never a path into the installed tool.
SCHEMA_FOLDER = "schemas"
SCHEMA_FILES = ("tei-edition.rng", "tei-edition.sch", "tei-authority.rng", "tei-authority.sch")
SCHEMA_HREFS = {"schema_href": f"{SCHEMA_FOLDER}/{SCHEMA_FILES[0]}",
                "schematron_href": f"{SCHEMA_FOLDER}/{SCHEMA_FILES[1]}"}


def install_schemas(folder: Path) -> list[Path]:
    """Put the tool's schemas in `folder`/schemas/, where the TEI files' xml-model hrefs point.

    Written only when absent or different (a new version of the tool whose schemas
    changed), so that an unchanged edition stays byte for byte as it was; returns the
    files written.
    """
    written = []
    for name in SCHEMA_FILES:
        data = (resource_dir("schemas") / name).read_bytes()
        target = Path(folder) / SCHEMA_FOLDER / name
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data)
            written.append(target)
    return written
