"""Checks on OOXML (DOCX/XLSX) containers before any parser opens them."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from transforms.readers.errors import CorruptOffice, ZipBomb

MAX_MEMBERS = 10_000


def max_expanded_bytes() -> int:
    """Largest total uncompressed size accepted (JIXIAO_MAX_EXPANDED_MB, default 200 MB)."""
    return int(float(os.environ.get("JIXIAO_MAX_EXPANDED_MB", "200")) * 1024 * 1024)


def zip_members(path: Path) -> set[str] | None:
    """Member names of a zip archive, or None when the file is not one."""
    try:
        with zipfile.ZipFile(path) as z:
            return set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def check_zip(path: Path, name: str, required: str) -> None:
    """Raise CorruptOffice for a bad archive or a missing part, ZipBomb for one that expands too far.

    Sizes are checked from the directory before any member is decompressed; zipfile stops at the declared
    size, so an archive that understates it fails its CRC check instead of expanding.
    """
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            if len(infos) > MAX_MEMBERS:
                raise ZipBomb(name, f"{len(infos)} members")
            if total > max_expanded_bytes():
                raise ZipBomb(name, f"{total / 1024 / 1024:.0f} MB expanded")
            if required not in {i.filename for i in infos}:
                raise CorruptOffice(name, f"missing {required}")
            bad = z.testzip()
    except (ZipBomb, CorruptOffice):
        raise
    except zipfile.BadZipFile as exc:
        raise CorruptOffice(name, "not a zip archive" if "not a zip" in str(exc).lower() else str(exc)[:200]) from exc
    except MemoryError:  # the worker's memory limit: reported as such, not as a damaged file
        raise
    except Exception as exc:
        raise CorruptOffice(name, f"{type(exc).__name__}: {exc}"[:200]) from exc
    if bad is not None:
        raise CorruptOffice(name, f"damaged member {bad}")
