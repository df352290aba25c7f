"""The process's one Saxon processor.

SaxonC is not safe with a second PySaxonProcessor in one process, and nodes made
by one processor cannot be used by another, so every stage that runs XSLT (the
HTML renderer, the Schematron rules of the validator) takes the processor from
here.  It is made on first use: runs that need no XSLT never load Saxon.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def processor() -> Any:
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)
