// Code cells with Quarto's `#| code-fold: true` (tools/build_docs.py tags them code-fold) show their code folded under
// a "Code" line that opens it, as on a Quarto site; `#| code-fold: show` starts open. Without JavaScript the code shows.
document.querySelectorAll(".jp-CodeCell.celltag_code-fold").forEach(function (cell) {
  var input = cell.querySelector(".jp-Cell-inputWrapper");
  if (!input || input.closest("details")) return;
  var details = document.createElement("details"), summary = document.createElement("summary");
  details.className = "code-fold";
  details.open = cell.classList.contains("celltag_code-fold-show");
  summary.textContent = "Code";
  input.parentNode.insertBefore(details, input);
  details.appendChild(summary);
  details.appendChild(input);
});
