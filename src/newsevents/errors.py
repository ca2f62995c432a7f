"""The one exception tree of newsevents.

    NewsEventsError
    ├── InputError          an input cannot be read or understood (names the input, says what to do)
    │   └── EmptyInputError the input holds no article text
    ├── StageError          a pipeline stage failed on one article (names the stage and the input)
    ├── StoreError          the database cannot be opened or written
    ├── EvalDataError       a gold set is missing or malformed
    └── MissingExtraError   an optional dependency is not installed (gives the install command)

Every message says what was wrong, with which input, and what to do about it.
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base class of every error newsevents raises on purpose."""


class InputError(NewsEventsError):
    def __init__(self, source: str, problem: str, hint: str = "") -> None:
        self.source = source
        self.problem = problem
        self.hint = hint
        msg = f"{source}: {problem}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class EmptyInputError(InputError):
    pass


class StageError(NewsEventsError):
    def __init__(self, stage: str, source: str, cause: BaseException) -> None:
        self.stage = stage
        self.source = source
        self.cause = cause
        super().__init__(
            f"{source}: stage '{stage}' failed: {type(cause).__name__}: {cause} "
            "(this is a bug in newsevents; please report it with the input)"
        )


class StoreError(NewsEventsError):
    pass


class EvalDataError(NewsEventsError):
    pass


class MissingExtraError(NewsEventsError):
    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(
            f"{feature} needs the optional '{extra}' dependencies: "
            f"run  .venv/bin/pip install -e '.[{extra}]'"
        )
