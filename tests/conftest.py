"""Every test reads the Quick, Draw! folder the chapters read: `$SKETCHRNN_QUICKDRAW_CACHE` if set, else an offline copy
beside the checkout (../shared/quickdraw), else the small sample shipped with the package. Tests never use the internet
(downloads go to 127.0.0.1). Tests about the full offline copy's own files are marked `needs_full_data` and skipped,
with the reason printed (`pytest -rs`), when it is absent."""
import os, signal
import pytest
from sketchrnn_nb.data import URL_ENV, default_cache_dir
from sketchrnn_nb.testing import use_chapter_data

# Tests started in the background (`nohup`, `&`) inherit an ignored Ctrl-C, and so would the training processes they
# start and interrupt: take Ctrl-C back, so those processes get the default that a terminal gives them.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN: signal.signal(signal.SIGINT, signal.default_int_handler)
os.environ.setdefault(URL_ENV, "http://127.0.0.1:9/")            # a closed port: no test downloads from the internet
FULL_DATA = use_chapter_data()                                   # the chapters' choice of data folder, for pytest
SKIP_REASON = ("needs the full offline Quick, Draw! copy (../shared/quickdraw beside the checkout, or "
               "$SKETCHRNN_QUICKDRAW_CACHE pointing at its cache/); running on the sample shipped with the package")
needs_full_data = pytest.mark.skipif(not FULL_DATA, reason=SKIP_REASON)

def pytest_report_header(config):
    return f"Quick, Draw! data: {default_cache_dir()} ({'full offline copy' if FULL_DATA else 'not the full offline copy'})"
