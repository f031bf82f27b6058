"""Rebuild the small real sample shipped in sketchrnn_nb/sample (`python tools/make_sample.py [OFFLINE_COPY]`).

It takes 100 drawings of each default class, a seeded random choice among the recognized drawings of the offline copy
(default ../shared/quickdraw/cache, Google's binary files), and writes them, header fields included, in Google's
binary format with `save_bin`, so the sample is read by exactly the code that reads a full download."""
import sys
from pathlib import Path
import numpy as np
from quickdraw import QuickDrawDataGroup
from sketchrnn_nb.data import DEFAULT_CLASSES, save_bin

ROOT = Path(__file__).resolve().parent.parent
PER_CLASS, SEED = 100, 0

def sample_records(class_name, cache_dir, n=PER_CLASS, seed=SEED):
    "`n` seeded random recognized drawings of `class_name` as records, in the order they have in the file."
    group = QuickDrawDataGroup(class_name, max_drawings=None, cache_dir=str(cache_dir), print_messages=False)
    ds = [group.get_drawing(index=i) for i in range(group.drawing_count)]
    ds = [d for d in ds if d.recognized and all(len(xs) for xs, _ in d.image_data)]
    idx = np.sort(np.random.default_rng([seed, len(class_name)]).choice(len(ds), n, replace=False))
    return [dict(key_id=ds[i].key_id, countrycode=ds[i].countrycode, recognized=True, timestamp=int(ds[i].timestamp),
                 drawing=ds[i].image_data) for i in idx]

def main(cache_dir=ROOT.parent/"shared"/"quickdraw"/"cache"):
    out = ROOT/"sketchrnn_nb"/"sample"/"cache"
    for c in DEFAULT_CLASSES: save_bin(sample_records(c, cache_dir), out/f"{c}.bin")
    print(f"{len(DEFAULT_CLASSES)} classes, {sum(f.stat().st_size for f in out.glob('*.bin'))} bytes in {out}")

if __name__ == "__main__": main(*sys.argv[1:])
