"""Scale limits: how much one page shows, so that every page stays light however large the
dossier grows. Code reads them as ``limits.NAME`` at call time, so a test can lower them all in
one place (tests/test_scale_pages.py)."""

LATEST_EVENTS = 6
LIST_RECENT = 100
"""Events the timeline page lists when there are too many to list them all."""

RELATED_LIMIT = 100
"""Events a state's, person's or organisation's page lists (the latest); the timeline has them all."""

SIDE_LIST_LIMIT = 20
"""Rows of each list beside the events on a state's or organisation's page (office holders,
coups, withdrawals, memberships, members): the latest are kept. Each row brings its sources into
the page's source list, so these caps are what keeps a state's page under 300 KB at 100x."""

MENTIONS_LIMIT = 200
"""Links a page lists under "Mentioned in"; beyond, it says how many more there are."""

EVENTS_PER_PAGE = 40
"""Events per page of a year at most: a busy year continues on timeline/YEAR/page-2/ and so on."""

SOURCES_PER_PAGE = 150
"""Sources a year page may cite at most (unless one event alone cites more): with the events'
JSON-LD and the list of sources at the foot, this keeps a year page under 300 KB of HTML."""

LIST_PAGE_SIZE = 300
"""Rows per page of the people, organisations and sources lists."""

TIMELINE_INLINE_LIMIT = 400
"""Up to this many events the timeline page lists them all, with filters; beyond, it lists the
latest and points to the years, so that the page stays light."""

NAV_RECORD_LIMIT = 60
"""A section lists each record in the navigation only up to this many; beyond, its list pages
do (a navigation of thousands of links would be copied into every page of the section)."""

PRINT_PART_WEIGHT = 60
"""Records per printable part. One part of 60 records stays far below the 300 KB page budget,
however large the dossier grows; a single page shows more only when it is one record page."""
