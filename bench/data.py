"""Benchmark: load every drawing of every class in the Quick, Draw! cache and convert it to normalized stroke-5, through
the `quickdraw` library (what the data chapter shows), and packed as a run takes them (`pack_drawings`: the numpy
reader, the split and the stats).

Prints JSON. Target: the whole offline set (about 6,700 drawings) in under 2 s on one core.
    python bench/data.py --cache-dir ../shared/quickdraw/cache"""
import argparse, json, os, platform, time
from pathlib import Path
import torch
from sketchrnn_nb.data import download_quickdraw_data, DEFAULT_CLASSES
from sketchrnn_nb.stroke5 import calculate_stats, normalize_sequence
from sketchrnn_nb.datasets import preprocess_data, split_dataset, pack_drawings
from sketchrnn_nb.testing import pick_cache_dir

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache-dir", default=str(pick_cache_dir(verbose=False)))
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    torch.set_num_threads(1)
    classes = [c for c in DEFAULT_CLASSES if (Path(args.cache_dir)/f"{c}.bin").exists()]
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        data = download_quickdraw_data(classes, max_per_class=None, cache_dir=args.cache_dir)
        t1 = time.perf_counter()
        items, _ = preprocess_data(data, max_len=None)
        stats = calculate_stats([s for s, _ in split_dataset(items)[0]])
        seqs = [normalize_sequence(s, stats) for s, _ in items]
        t2 = time.perf_counter()
        times.append((t1 - t0, t2 - t1, t2 - t0))
    load, convert, total = min(times, key=lambda t: t[2])
    packing = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        packed = pack_drawings(classes, max_per_class=None, max_len=None, cache_dir=args.cache_dir)
        packing.append(time.perf_counter() - t0)
    n = len(seqs)
    print(json.dumps({"benchmark": "data_load_convert", "classes": len(classes), "drawings": n,
                      "points": int(sum(len(s) for s in seqs)), "load_s": round(load, 3),
                      "convert_s": round(convert, 3), "total_s": round(total, 3), "drawings_per_s": round(n/total),
                      "pack_drawings_s": round(min(packing), 3), "packed_drawings": len(packed),
                      "target_total_s": 2.0, "meets_target": total < 2.0, "threads": 1, "repeats": args.repeats,
                      "machine": f"{platform.machine()} {os.cpu_count()} cpus", "python": platform.python_version()},
                     indent=1))

if __name__ == "__main__":
    main()
