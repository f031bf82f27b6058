// Typesets the notebooks' $...$ and $$...$$ formulas with the MathJax 2 copy that tools/build_docs.py puts in
// extra/mathjax/ (from the jupyter-server-mathjax package): no CDN, so it works offline. That package ships the
// combined TeX-AMS-MML_HTMLorMML-full configuration and the STIX-Web fonts for HTML-CSS output (as Jupyter used them).
// MathJax is loaded only on pages whose markdown (code left out) has a TeX delimiter.
(function () {
  var here = document.currentScript.src.replace(/[^\/]*$/, "");
  var hasTeX = Array.from(document.querySelectorAll(".jp-RenderedMarkdown")).some(function (e) {
    var c = e.cloneNode(true);
    c.querySelectorAll("pre, code").forEach(function (x) { x.remove(); });
    return /\$|\\\(|\\\[/.test(c.textContent);
  });
  if (!hasTeX) return;
  window.MathJax = {
    tex2jax: { inlineMath: [["$", "$"], ["\\(", "\\)"]], displayMath: [["$$", "$$"], ["\\[", "\\]"]],
               processEscapes: true, processEnvironments: true },
    "HTML-CSS": { availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null,
                  linebreaks: { automatic: true } },
    "fast-preview": { disabled: true },   // its preview asks for TeX web fonts the package does not ship
    showMathMenu: false, messageStyle: "none", menuSettings: { zoom: "None", CHTMLpreview: false }
  };
  var s = document.createElement("script");
  s.src = here + "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full";
  document.head.appendChild(s);
})();
