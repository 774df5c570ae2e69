"""Chained hook calls: pluggy's call order and wrappers, one value passed along the chain.

A normal pluggy call gives every implementation the same arguments and collects their
results in a list. A chained hook (``scaffold_transform_output``) passes one argument along
instead: each implementation receives the value the previous one returned (``None`` leaves it
unchanged). Everything else is pluggy's own semantics:

- implementations run in the order pluggy calls them: ``tryfirst`` ones first, ``trylast``
  ones last, and within each of the three groups the one registered last runs first (LIFO);
- wrappers (``wrapper=True``, and old-style ``hookwrapper=True``) run before every plain
  implementation, in the same order among themselves, up to their ``yield``; the chain then
  runs, and each wrapper, innermost first, receives the chain's final value from its
  ``yield`` (new-style) or a ``pluggy.Result`` holding it (old-style). A new-style wrapper's
  return value replaces the value (``None`` keeps it), an old-style one may
  ``force_result``. An exception inside the chain is thrown into the wrappers, which may
  handle it, as pluggy does.
"""

from collections.abc import Generator, Mapping, Sequence
from typing import TypeVar, cast

import pluggy

__all__ = ["call_chained"]

Value = TypeVar("Value")
Teardown = Generator[None, object, object]


def call_chained(
    implementations: Sequence[pluggy.HookImpl],
    arguments: Mapping[str, object],
    chained: str,
    value_type: type[Value],
) -> Value:
    """Call a hook's implementations, passing the argument named ``chained`` along.

    ``implementations`` are listed as ``HookCaller.get_hookimpls()`` lists them; each gets
    the names it asks for from ``arguments``, ``chained`` being the value so far. Returns
    the final value. Raises what an implementation raised and no wrapper handled, a
    ``TypeError`` naming the plugin whose result is neither ``None`` nor a ``value_type``, or
    a ``RuntimeError`` for a wrapper that does not yield exactly once (as pluggy does).
    """
    value = cast("Value", arguments[chained])
    teardowns: list[tuple[pluggy.HookImpl, Teardown]] = []
    failure: BaseException | None = None
    try:
        for implementation in reversed(implementations):
            outcome = _call(implementation, {**arguments, chained: value})
            if implementation.wrapper or implementation.hookwrapper:
                teardowns.append((implementation, _started(implementation, outcome)))
            else:
                value = _checked(implementation, outcome, value, value_type)
    except BaseException as error:  # noqa: BLE001 -- as in pluggy, the wrappers see every failure
        failure = error
    for implementation, teardown in reversed(teardowns):
        value, failure = _finish(implementation, teardown, value, failure, value_type)
    if failure is not None:
        raise failure
    return value


def _call(implementation: pluggy.HookImpl, arguments: Mapping[str, object]) -> object:
    """Call one implementation with the arguments it names (pluggy checked them at register)."""
    positional = [arguments[name] for name in implementation.argnames]
    keywords = {name: arguments[name] for name in implementation.kwargnames if name in arguments}
    return implementation.function(*positional, **keywords)


def _started(implementation: pluggy.HookImpl, generator: object) -> Teardown:
    """Run a wrapper up to its ``yield``."""
    teardown = cast("Teardown", generator)
    try:
        next(teardown)
    except StopIteration:
        raise _wrapper_fault(implementation, "did not yield") from None
    return teardown


def _finish(
    implementation: pluggy.HookImpl,
    teardown: Teardown,
    value: Value,
    failure: BaseException | None,
    value_type: type[Value],
) -> tuple[Value, BaseException | None]:
    """Resume a wrapper after its ``yield``: the value, or the failure, after it ran."""
    if implementation.hookwrapper:
        return _finish_old_style(implementation, teardown, value, failure, value_type)
    try:
        if failure is None:
            teardown.send(value)
        else:
            teardown.throw(failure)
    except StopIteration as stop:
        try:
            return _checked(implementation, stop.value, value, value_type), None
        except TypeError as error:
            return value, error
    except BaseException as error:  # noqa: BLE001 -- passed on to the outer wrappers
        return value, error
    teardown.close()
    raise _wrapper_fault(implementation, "has a second yield")


def _finish_old_style(
    implementation: pluggy.HookImpl,
    teardown: Teardown,
    value: Value,
    failure: BaseException | None,
    value_type: type[Value],
) -> tuple[Value, BaseException | None]:
    outcome = pluggy.Result(None if failure is not None else value, failure)
    try:
        teardown.send(outcome)
    except StopIteration:
        pass
    except BaseException as error:  # noqa: BLE001 -- passed on to the outer wrappers
        return value, error
    else:
        teardown.close()
        raise _wrapper_fault(implementation, "has a second yield")
    try:
        return _checked(implementation, outcome.get_result(), value, value_type), None
    except BaseException as error:  # noqa: BLE001 -- the chain's failure, unless forced away
        return value, error


def _checked(
    implementation: pluggy.HookImpl, result: object, value: Value, value_type: type[Value]
) -> Value:
    """``result`` as the new value; ``None`` keeps ``value``."""
    if result is None:
        return value
    if not isinstance(result, value_type):
        raise TypeError(
            f"{implementation.function.__name__} of plugin '{implementation.plugin_name}'"
            f" returned {type(result).__name__}, expected {value_type.__name__} or None"
        )
    return result


def _wrapper_fault(implementation: pluggy.HookImpl, fault: str) -> RuntimeError:
    return RuntimeError(
        f"hook wrapper {implementation.function.__name__} of plugin"
        f" '{implementation.plugin_name}' {fault}"
    )
