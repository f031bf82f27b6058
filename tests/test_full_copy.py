"""Checks that need the full offline Quick, Draw! copy (../shared/quickdraw beside the checkout, or
$SKETCHRNN_QUICKDRAW_CACHE pointing at its cache/). On a fresh clone they are skipped, and `pytest -rs` prints why;
the notebooks skip their checks of the full copy's own files the same way (their `FULL_DATA` cells)."""
import pytest
from quickdraw import QuickDrawDataGroup
from sketchrnn_nb.data import DEFAULT_CLASSES, SAMPLE_CACHE, default_cache_dir, is_offline_copy

FULL = is_offline_copy(default_cache_dir())
pytestmark = pytest.mark.skipif(not FULL, reason="needs the full offline Quick, Draw! copy (../shared/quickdraw); "
                                "the tests ran on the sample shipped in the package instead")

def drawings(cache_dir, name):
    "Drawings of `name` in `cache_dir` by key_id, as tuples of strokes."
    g = QuickDrawDataGroup(name, max_drawings=None, cache_dir=str(cache_dir), print_messages=False)
    return {d.key_id: tuple(map(tuple, (tuple(map(tuple, s)) for s in d.image_data)))
            for d in (g.get_drawing(index=i) for i in range(g.drawing_count))}

@pytest.mark.parametrize("name", DEFAULT_CLASSES)
def test_shipped_sample_is_real_drawings_of_the_full_copy(name):
    sample, full = drawings(SAMPLE_CACHE, name), drawings(default_cache_dir(), name)
    assert len(sample) == 100
    assert {k: full.get(k) for k in sample} == sample     # the same drawings, stroke for stroke

def test_full_copy_has_the_files_the_chapters_check():
    root = default_cache_dir().parent
    assert all((root/"simplified"/f"{c}.ndjson").exists() and (root/"raw"/f"{c}.ndjson").exists() for c in DEFAULT_CLASSES)
    assert sorted(p.stem for p in (root/"bitmaps").glob("*.npy")) == sorted(set(DEFAULT_CLASSES) - {"grapes"})
