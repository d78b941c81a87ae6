"""The benchmark's synthetic dossiers: valid by the same rules as the real data, and the same
for the same seed, so that figures from two runs compare like with like."""

from __future__ import annotations

from pathlib import Path

from bench.synth import SCALED, make_dossier
from conftest import run_build_pages, snapshot


def test_a_synthetic_dossier_passes_the_same_validation_as_the_real_data(tmp_path: Path):
    counts = make_dossier(tmp_path / "x3", copies=3)
    result = run_build_pages(tmp_path / "x3", "--validate")
    assert result.returncode == 0, result.stderr[-3000:]
    real = make_dossier(tmp_path / "x1", copies=1)
    for name in SCALED:
        if name == "sources":  # sources cited only by records that are not copied stay single
            assert real[name] < counts[name] <= 3 * real[name]
        else:
            assert counts[name] == 3 * real[name], name


def test_the_same_seed_gives_the_same_dossier_and_another_seed_another(tmp_path: Path):
    make_dossier(tmp_path / "a", copies=2, seed=7)
    make_dossier(tmp_path / "b", copies=2, seed=7)
    make_dossier(tmp_path / "c", copies=2, seed=8)
    assert snapshot(tmp_path / "a" / "data") == snapshot(tmp_path / "b" / "data")
    assert snapshot(tmp_path / "a" / "data") != snapshot(tmp_path / "c" / "data")
