"""mkdocs hooks (mkdocs.yml `hooks:`): the notebook pages' heading ids become the ids of their table of contents, and
the stylesheets mkdocs-jupyter writes into every notebook page become files of the site, loaded once.

mkdocs-jupyter makes the page's table of contents with python-markdown (a repeated heading gets `_1`, `_2`...) but the
headings' ids with its own code, which repeats ids: a chapter with a section "sketchrnn_train" and the show_doc of
`sketchrnn_train` had two ids "sketchrnn_train" and a TOC link "#sketchrnn_train_1" to nowhere. tools/build_docs.py
points doclinks at these same TOC ids.

mkdocs-jupyter puts its JupyterLab and Pygments CSS inline in each page, the same 590 KB on every page (more than half
of a chapter's HTML); they go to extra/nb-<hash>.css and each page links them where the style block was (same cascade)."""
import hashlib, logging, re
from pathlib import Path
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.heading_ids")
HEADING = re.compile(r'(<h[1-6] id=")([^"]*)(">(?:(?!</h[1-6]>).)*?<a class="anchor-link" href="#)([^"]*)(">)', re.S)

def _flat(toc):
    "The table of contents' items, in page order."
    for item in toc:
        yield item
        yield from _flat(item.children)

def on_page_content(html, page, **kwargs):
    "Give the i-th heading of a notebook page the id of the i-th TOC item (when the two lists have the same length)."
    if not page.file.src_path.endswith(".ipynb"): return html
    ids, heads = [t.id for t in _flat(page.toc)], HEADING.findall(html)
    if len(ids) != len(heads):
        log.warning("%s: %d headings but %d table of contents entries; heading ids left as they are",
                    page.file.src_path, len(heads), len(ids))
        return html
    it = iter(ids)
    def sub(m):
        i = next(it)
        return m.group(1) + i + m.group(3) + i + m.group(5)
    return HEADING.sub(sub, html)

STYLE = re.compile(r'<style type="text/css">(.*?)</style>', re.S)
SHARED_CSS_MIN = 2000          # bytes: smaller style blocks (those of single outputs) stay in their page

def on_post_page(output, page, config, **kwargs):
    "Move the large inline stylesheets of a notebook page into files of the site (named by their content), linked."
    if not page.file.src_path.endswith(".ipynb"): return output
    def link(m):
        css = m.group(1)
        if len(css) < SHARED_CSS_MIN: return m.group(0)
        name = f"extra/nb-{hashlib.sha1(css.encode()).hexdigest()[:12]}.css"
        f = Path(config["site_dir"])/name
        if not f.exists(): f.parent.mkdir(parents=True, exist_ok=True); f.write_text(css, encoding="utf-8")
        return f'<link rel="stylesheet" href="{get_relative_url(name, page.url)}">'
    return STYLE.sub(link, output)
