"""The registry of annotators: the stages that fill an article's lists from its parsed text.

An annotator is a plain function `(doc, article) -> list` registered under a name with the
article field it fills (`assigns`) and the fields it reads (`requires`). `pipeline.analyze`
runs them in `DEFAULT_ORDER`; the registry checks at registration that every required field is
filled by an annotator that runs earlier, so a misordered pipeline fails at import, not on data.
A user's own annotator registers the same way the built-in ones do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .model import Article

AnnotatorFunc = Callable[["Doc", "Article"], list[Any]]

# Fields of Article that annotators fill, in the order they are filled.
DEFAULT_ORDER: tuple[str, ...] = ("places", "actors", "statements", "events", "quantities")


@dataclass(frozen=True, slots=True)
class Annotator:
    name: str
    assigns: str
    requires: tuple[str, ...]
    func: AnnotatorFunc


_REGISTRY: dict[str, Annotator] = {}


def annotator(
    name: str, *, assigns: str, requires: tuple[str, ...] = ()
) -> Callable[[AnnotatorFunc], AnnotatorFunc]:
    """Register `func` as the annotator `name`, filling `Article.<assigns>`."""
    if assigns not in DEFAULT_ORDER:
        raise ValueError(f"annotator {name!r}: unknown field {assigns!r}")
    position = DEFAULT_ORDER.index(assigns)
    for field_name in requires:
        if field_name in DEFAULT_ORDER and DEFAULT_ORDER.index(field_name) >= position:
            raise ValueError(
                f"annotator {name!r} requires {field_name!r}, "
                f"which is filled later than {assigns!r}"
            )

    def register(func: AnnotatorFunc) -> AnnotatorFunc:
        existing = _REGISTRY.get(name)
        if existing is not None and existing.func is not func:
            raise ValueError(f"an annotator named {name!r} is already registered")
        _REGISTRY[name] = Annotator(name, assigns, requires, func)
        return func

    return register


def registered() -> list[Annotator]:
    """The registered annotators in the order the pipeline runs them."""
    _load_builtins()
    return sorted(_REGISTRY.values(), key=lambda a: DEFAULT_ORDER.index(a.assigns))


def _load_builtins() -> None:
    # Importing the modules registers their annotators. Done here, not at the top, because
    # those modules import this one for the `annotator` decorator.
    from . import actors, quantities, statements  # noqa: F401
    from .events import extract as _events  # noqa: F401
    from .geo import places as _places  # noqa: F401
