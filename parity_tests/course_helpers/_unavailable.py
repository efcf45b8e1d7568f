"""Callables standing for what the grader does not provide: calling one raises a clear error."""

from __future__ import annotations

from typing import NoReturn


class NotProvidedError(RuntimeError):
    """A submission called something the grader does not provide (a course test helper, ...)."""


class Unavailable:
    """A stand-in for a name the grader does not provide; any call raises `NotProvidedError`.

    Attribute access gives another `Unavailable` (``scipy.ndimage.zoom``), so the error comes at
    the call with the full dotted name, not at an import or an attribute lookup.
    """

    __slots__ = ("_qualname", "_why")

    def __init__(self, qualname: str, why: str) -> None:
        self._qualname = qualname
        self._why = why

    def __call__(self, *args: object, **kwargs: object) -> NoReturn:
        raise NotProvidedError(f"{self._why} ({self._qualname} was called)")

    def __getattr__(self, name: str) -> Unavailable:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Unavailable(f"{self._qualname}.{name}", self._why)

    def __repr__(self) -> str:
        return f"<not provided: {self._qualname}>"


def course_name(module_name: str) -> str:
    """The course's name of a stand-in module: its private name's last part."""
    return module_name.rpartition(".")[2]
