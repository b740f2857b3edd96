// Small progressive enhancements; every page works without this file.
"use strict";

// Live job progress: elements with data-job-url poll the job API until it finishes.
function followJob(el) {
  const url = el.dataset.jobUrl;
  const bar = el.querySelector(".progress > span");
  const status = el.querySelector("[data-status]");
  const message = el.querySelector("[data-message]");
  const download = el.querySelector("[data-download]");
  async function tick() {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) { status.textContent = "Could not read the job (" + response.status + ")"; return; }
    const job = await response.json();
    bar.style.width = job.percent + "%";
    status.textContent = job.status;
    message.textContent = job.message;
    if (job.download_url) { download.hidden = false; }
    if (job.status !== "succeeded" && job.status !== "failed") { setTimeout(tick, 1000); }
  }
  tick();
}

// Forms with data-confirm ask before submitting (deletions).
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) { event.preventDefault(); }
});

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-job-url]").forEach(followJob);
});

// Manual breakdown tagging: a selection inside one paragraph of the script text fills the
// tag form (paragraph index, start, end, name). Without this script the form still works by
// typing a name.
function characterOffset(paragraph, node, offset) {
  const range = document.createRange();
  range.selectNodeContents(paragraph);
  range.setEnd(node, offset);
  return range.toString().length;
}

function paragraphOf(node) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return element ? element.closest("[data-paragraph]") : null;
}

function tagSelection(script, form) {
  const hint = document.querySelector("[data-selection]");
  const clear = form.querySelector("[data-clear-selection]");
  const field = (name) => form.querySelector(`[name=${name}]`);
  function reset() {
    ["paragraph", "start", "end"].forEach((name) => { field(name).value = ""; });
    hint.hidden = true;
    clear.hidden = true;
  }
  function take() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !script.contains(selection.anchorNode)) { return; }
    const paragraph = paragraphOf(selection.anchorNode);
    if (!paragraph || paragraph !== paragraphOf(selection.focusNode)) {
      hint.textContent = "Select words within one paragraph.";
      hint.hidden = false;
      return;
    }
    let start = characterOffset(paragraph, selection.anchorNode, selection.anchorOffset);
    let end = characterOffset(paragraph, selection.focusNode, selection.focusOffset);
    if (start > end) { [start, end] = [end, start]; }
    const text = paragraph.textContent;
    const loose = /[\s.,;:!?"“”‘’()\[\]—–-]/;  // spaces and punctuation at either end
    while (start < end && loose.test(text[start])) { start += 1; }
    while (end > start && loose.test(text[end - 1])) { end -= 1; }
    if (start === end) { return; }
    const quote = text.slice(start, end);
    field("paragraph").value = paragraph.dataset.paragraph;
    field("start").value = start;
    field("end").value = end;
    field("name").value = quote.replace(/\s+/g, " ");
    hint.textContent = `Selected “${quote}” — pick a category and press Tag.`;
    hint.hidden = false;
    clear.hidden = false;
    field("category").focus();
  }
  script.addEventListener("mouseup", () => setTimeout(take, 0));
  script.addEventListener("keyup", (event) => { if (event.shiftKey) { take(); } });
  clear.addEventListener("click", reset);
}

document.addEventListener("DOMContentLoaded", () => {
  const script = document.querySelector(".screenplay[data-tagging]");
  const form = document.querySelector("form[data-tag-form]");
  if (script && form) { tagSelection(script, form); }
});
