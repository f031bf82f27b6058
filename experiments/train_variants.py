"""Train variants of a trained gmm model (--start), one after the other, into runs/var/NAME. Each changes what the
literature and Ha & Eck's reference implementation use and the base recipe did not: weight averaging, recurrent dropout,
a larger mixture, layer-normalized LSTM cells with the decay schedule, training without dropped points. A warm-started
variant (`warm_start`, then `train_model`) keeps --start's recipe and changes what it names. The `small*` variants
train from scratch instead, at half the width, with `Config`'s defaults and --start's data (classes, drawings, length,
seed), to compare LSTM cells and schedules under the same budget where a full-size run from scratch does not fit
(1.5-2 hours each on a 2-core CPU). Measure them afterwards with experiments/compare_models.py. Uses the public
API only; experiments/probe_generators.py imports its `VARIANTS`.
06_evaluate's variants started from the base run (the shipped model before its fine-tune: runs/gmm/best.safetensors
of 03_train's command); the shipped model is `nodrop_rd`, and `more`, `prop` and `stretch` started from it
(--start runs/var/nodrop_rd/best.safetensors).
    SKETCHRNN_QUICKDRAW_CACHE=../shared/quickdraw/cache python experiments/train_variants.py ema rd mix30 \
        --start runs/gmm/best.safetensors"""
import argparse, dataclasses, time
from pathlib import Path
from sketchrnn_nb.model import Config, load_checkpoint
from sketchrnn_nb.train import WARM_START_DATA, train_model, warm_start

TUNE = dict(lr=1e-4, ema=0.995, epochs=8, early_stop_patience=3, precision="bf16")   # what every fine-tune shares
VARIANTS = {
    "ema": TUNE,                                                    # weight averaging alone
    "rd": TUNE | dict(recurrent_dropout=0.1),                      # + Ha & Eck's recurrent dropout
    "mix30": TUNE | dict(n_mixtures=30),                            # + a larger mixture, widened from 20 components
    "ln": TUNE | dict(layer_norm=True, recurrent_dropout=0.1, lr=5e-4, lr_schedule="decay", lr_decay=0.995,
                      epochs=12),                                   # layer-normalized cells: they need to re-learn
    "nodrop": TUNE | dict(augment_drop=0.0),                        # no dropped points: lengths as people draw them
    "noaug": TUNE | dict(augment_drop=0.0, augment_scale=0.0),      # nor stretched: shapes as people draw them
    "nodrop_rd": TUNE | dict(augment_drop=0.0, recurrent_dropout=0.1),   # no dropped points, and recurrent dropout
    "more": TUNE | dict(augment_drop=0.0, recurrent_dropout=0.1, epochs=16, early_stop_patience=4, lr_schedule="decay",
                        lr_decay=0.997),                            # nodrop_rd's recipe, longer, the lr decaying to 1e-5
}
VARIANTS["prop"] = VARIANTS["more"] | dict(balance=False)          # and classes as often as the data has them (cake 36%)
VARIANTS["stretch"] = VARIANTS["nodrop_rd"] | dict(augment_scale=0.35, epochs=10)   # stretched more, as drop is off
SMALL = dict(hidden_size=256, epochs=25, precision="bf16", scratch=True)   # from scratch, the same 25 epochs each
VARIANTS |= {
    "small": SMALL,                                                 # the shipped recipe, half as wide
    "small_ln": SMALL | dict(layer_norm=True, recurrent_dropout=0.1),   # Ha & Eck's cell
    "small_decay": SMALL | dict(lr_schedule="decay", lr_decay=0.999, ema=0.995),   # their schedule, and averaging
}

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="+", choices=list(VARIANTS))
    ap.add_argument("--start", required=True, help="the trained checkpoint the variants start from, and whose data they use")
    ap.add_argument("--out", default="runs/var", help="folder of the runs")
    args = ap.parse_args()
    base = load_checkpoint(args.start)[1]["config"]
    defaults = Config(**{k: base.to_dict()[k] for k in ("classes",) + WARM_START_DATA})   # its data, the default recipe
    for name in args.names:
        settings = dict(VARIANTS[name])
        scratch = settings.pop("scratch", False)
        config = dataclasses.replace(defaults if scratch else base, cache_dir=None, device="auto",
                                     out_dir=f"{args.out}/{name}", **settings)
        t0 = time.time()
        start = None if scratch else warm_start(args.start, config, Path(args.out)/f"{name}_start.safetensors")
        _, history = train_model(config, resume=start, overwrite=True)
        best = min(history, key=lambda h: h["valid_loss"])
        print(f"{name}: best validation loss {best['valid_loss']:.4f} at epoch {best['epoch']} "
              f"in {time.time() - t0:.0f}s", flush=True)
