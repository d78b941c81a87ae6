"""Which sources an inline citation shows: the best few, so a reader's eye lands on the
strongest evidence (official texts and agency reports before reposts and reference works).

The rest are never dropped: pages list them under "Also reported by".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .dates import PartialDate
from .model import TIER_ORDER, Source

INLINE_LIMIT = 3
"""At most this many sources in one citation group."""

_RANK = {tier: rank for rank, tier in enumerate(TIER_ORDER)}


def weight_key(source: Source, position: int) -> tuple:
    """Best tier first, then the earliest publication (undated last), then the editor's order."""
    earliest = PartialDate.parse(source.date).earliest().toordinal() if source.date else 10**7
    return (_RANK[source.tier], earliest, position)


def best_first(sources: Mapping[str, Source], source_ids: Sequence[str], limit: int = INLINE_LIMIT) -> tuple[list[str], list[str]]:
    """The ids to show inline (at most ``limit``, best first) and the others, in the same order."""
    ordered = [source_id for _, source_id in sorted(((weight_key(sources[source_id], position), source_id)
                                                      for position, source_id in enumerate(dict.fromkeys(source_ids))))]
    return ordered[:limit], ordered[limit:]
