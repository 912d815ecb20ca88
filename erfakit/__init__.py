"""erfakit: a Jupyter facilitation kit for "Erfaringsgruppe 4 – videre forløb"."""

from erfakit.core.model import SCHEMA_VERSION, Session

__all__ = ["SCHEMA_VERSION", "Session"]
__version__ = "0.1.0"
