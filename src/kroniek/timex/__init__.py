"""Time expressions: found in the clean text, resolved against the publication date."""

from .tagger import tag
from .values import interval

__all__ = ["interval", "tag"]
