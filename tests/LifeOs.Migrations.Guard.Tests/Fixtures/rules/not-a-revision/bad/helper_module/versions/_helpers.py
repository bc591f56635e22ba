"""Shared helpers."""


def helper():
    pass
