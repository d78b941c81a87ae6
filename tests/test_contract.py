"""The data contract accepts a valid record and rejects each broken rule."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from pydantic import ValidationError

from aes_dossier.model import Event, Person, Source, State

EVENT = {
    "id": "2023-09-16-charter-signed",
    "date": "2023-09-16",
    "title": {"en": "Charter signed", "fr": "Charte signée"},
    "summary": {"en": "The Charter is signed.", "fr": "La Charte est signée."},
    "kind": "founding",
    "countries": ["mali"],
    "sources": ["s8"],
}


def with_change(path: tuple, value) -> dict:
    record = copy.deepcopy(EVENT)
    target = record
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return record


def test_a_valid_event_is_accepted():
    assert Event.model_validate(EVENT).date == "2023-09-16"


@pytest.mark.parametrize("date", ["2023", "2023-09", "2023-09-16"])
def test_dates_keep_their_precision(date):
    assert Event.model_validate(with_change(("date",), date)).date == date


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("sources",), [], "at least 1"),
        (("sources",), KeyError, "Field required"),
        (("colour",), "red", "Extra inputs"),
        (("date",), "2023-02-30", "does not exist"),
        (("date",), "2023-9-16", "pattern"),
        (("date",), "2023-09-01T00:00", "pattern"),
        (("date",), 2023, "valid string"),
        (("date",), (dt.date.today() + dt.timedelta(days=400)).isoformat(), "in the future"),
        (("end_date",), "2023-09-15", "before the start"),
        (("id",), "Charter Signed", "pattern"),
        (("id",), "../etc/passwd", "pattern"),
        (("countries",), ["mali\u202e"], "pattern"),
        (("kind",), "party", "Input should be"),
        (("title", "en"), "", "at least 1"),
        (("title", "en"), " padded", "spaces at the start"),
        (("title", "en"), "a</title><script>", "may not contain"),
        (("summary", "en"), "text\u202ereversed", "direction-changing"),
        (("summary", "en"), "x" * 5000, "at most 4000"),
        (("title", "de"), "Charta", "Extra inputs"),
        (("confidence",), True, "Input should be"),
    ],
)
def test_each_broken_rule_is_rejected(path, value, expected):
    with pytest.raises(ValidationError) as raised:
        Event.model_validate(with_change(path, value))
    assert expected in str(raised.value)


def test_a_source_must_have_an_http_address():
    source = {"id": "s1", "title": "T", "publisher": "P", "url": "javascript:alert(1)", "language": "en", "kind": "news"}
    with pytest.raises(ValidationError, match="pattern"):
        Source.model_validate(source)


def test_booleans_are_never_coerced_from_words():
    state = {"id": "mali", "name": {"en": "Mali"}, "official_name": {"en": "Republic of Mali"}, "iso_alpha2": "ML",
             "iso_alpha3": "MLI", "capital": {"en": "Bamako"}, "area_km2": "1240192", "leader": "assimi-goita",
             "leader_title": {"en": "President"}, "summary": {"en": "A state."}, "sources": ["s1"]}
    with pytest.raises(ValidationError, match="valid integer"):
        State.model_validate(state)


def test_a_post_cannot_end_before_it_starts():
    person = {"id": "x", "name": "X", "summary": {"en": "S."}, "sources": ["s1"],
              "posts": [{"role": {"en": "R"}, "start": "2024", "end": "2023-05"}]}
    with pytest.raises(ValidationError, match="before the start"):
        Person.model_validate(person)
