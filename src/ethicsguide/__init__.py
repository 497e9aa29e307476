"""ethicsguide: ethical decision guides for anti-trafficking caseworkers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ethicsguide")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"
