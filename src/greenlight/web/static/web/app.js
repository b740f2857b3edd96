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
