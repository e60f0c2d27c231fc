"""Helpers of the builtins aiter()/anext() (the native code calls these)."""


async def anext_default(awaitable, default):
    """anext(iterator, default): the awaitable's result, or `default` when
    the async iterator is exhausted."""
    try:
        return await awaitable
    except StopAsyncIteration:
        return default
