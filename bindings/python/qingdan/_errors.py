"""The exception qingdan raises for bad input."""

from __future__ import annotations

from typing import Optional


class Error(ValueError):
    """Bad input: a rulebook that does not load, an unknown jurisdiction or mode, a bad date.

    ``file``, ``line`` and ``column`` (1-based) say where, when a position is known; ``code`` is
    the stable diagnostic code (for example ``QL102``).
    """

    def __init__(
        self,
        message: str,
        file: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
        code: str = "",
    ) -> None:
        super().__init__(message)
        self.file = file
        self.line = line
        self.column = column
        self.code = code
