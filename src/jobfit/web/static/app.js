// jobfit pages: highlight a requirement's resume lines, upload with progress, a batch's live progress, drag and drop.
// Everything works without this file too: forms post normally.
"use strict";

function highlightLine(trigger) {
  const prefix = trigger.dataset.prefix || "line-";
  const line = document.getElementById(prefix + trigger.dataset.line);
  if (!line) return;
  document.querySelectorAll(".highlight").forEach((el) => el.classList.remove("highlight"));
  document.querySelectorAll("tr.selected").forEach((el) => el.classList.remove("selected"));
  // the whole statement: its first line to its last (data-line-end)
  const last = Number(trigger.dataset.lineEnd || trigger.dataset.line);
  for (let n = Number(trigger.dataset.line); n <= last; n += 1) {
    const el = document.getElementById(prefix + n);
    if (el) el.classList.add("highlight");
  }
  const box = line.closest(".resume-text");
  const row = trigger.closest("tr");
  if (row) row.classList.add("selected");
  if (!box) {
    line.scrollIntoView({ block: "nearest" });
    return;
  }
  // scroll the resume text inside its own box, never the page under the reader's click
  box.scrollTop = line.offsetTop - (box.clientHeight - line.offsetHeight) / 2;
  if (row) keepClear(row, box.closest(".evidence-text") || box);
}

// Scroll the page just enough that `row` is in the window and not under `panel` (pinned below it on a phone).
function keepClear(row, panel) {
  const r = row.getBoundingClientRect();
  const p = panel.getBoundingClientRect();
  const overlaps = p.left < r.right && p.right > r.left && p.top > r.top;
  const bottom = overlaps ? Math.min(window.innerHeight, p.top) : window.innerHeight;
  if (r.bottom > bottom) window.scrollBy(0, r.bottom - bottom + 8);
  else if (r.top < 0) window.scrollBy(0, r.top - 8);
}

document.addEventListener("click", (event) => {
  const trigger = event.target.closest("[data-line]");
  if (!trigger || !document.getElementById((trigger.dataset.prefix || "line-") + trigger.dataset.line)) return;
  if (trigger.tagName === "A") event.preventDefault();
  highlightLine(trigger.matches("tr") ? trigger.querySelector("button[data-line]") || trigger : trigger);
});

function send(form, data, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.responseType = "document";
    xhr.upload.addEventListener("progress", (e) => { if (e.lengthComputable) onProgress(Math.round((100 * e.loaded) / e.total)); });
    xhr.addEventListener("load", () => resolve(xhr));
    xhr.addEventListener("error", () => resolve(xhr));
    xhr.send(data);
  });
}

function errorOf(xhr) {
  if (xhr.status === 413) return "The file is larger than the upload limit (file_too_large).";
  const doc = xhr.response;
  const box = doc && (doc.getElementById("form-error") || doc.querySelector(".error"));
  return box && box.textContent.trim() ? box.textContent.trim() : "The upload failed: check your connection and try again.";
}

// Runs `upload` (async) instead of the form's own submit, with its submit button disabled meanwhile;
// `upload` returns true when the page is leaving (the button then stays disabled).
function onSubmit(form, upload) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    if (!(await upload())) button.disabled = false;
  });
}

document.querySelectorAll("form[data-upload]").forEach((form) => {
  const progress = form.querySelector("[data-progress]");
  const status = form.querySelector("[data-status]");
  const errorBox = document.getElementById("form-error");
  onSubmit(form, async () => {
    if (errorBox) errorBox.hidden = true;
    status.textContent = "Uploading…";
    const xhr = await send(form, new FormData(form), (pct) => {
      progress.value = pct;
      progress.textContent = pct + "%";
      status.textContent = pct < 100 ? "Uploading: " + pct + "%" : form.dataset.doneText || "Reading the document…";
    });
    if (xhr.status && xhr.status < 400) {
      window.location.assign(xhr.responseURL);
      return true;
    }
    progress.value = 0;
    status.textContent = "";
    if (errorBox) { errorBox.textContent = errorOf(xhr); errorBox.hidden = false; errorBox.focus(); }
    return false;
  });
});

document.querySelectorAll("[data-dropzone]").forEach((zone) => {
  const input = zone.querySelector("input[type=file]");
  ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (e) => { e.preventDefault(); zone.classList.add("dragging"); }));
  ["dragleave", "drop"].forEach((name) => zone.addEventListener(name, () => zone.classList.remove("dragging")));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) input.files = e.dataTransfer.files;
  });
});

// A batch's page refreshes its progress in place until every file is settled (without JS: the Refresh link).
const batchView = document.querySelector("[data-batch-poll]");
if (batchView) {
  const poll = async () => {
    try {
      const response = await fetch(window.location.href, { headers: { Accept: "text/html" }, cache: "no-store" });
      if (response.ok) {
        const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("batch");
        if (fresh) {
          document.getElementById("batch").replaceWith(fresh);
          if (!fresh.hasAttribute("data-batch-poll")) return;
        }
      }
    } catch (error) {
      // offline for a moment: try again
    }
    window.setTimeout(poll, 1500);
  };
  window.setTimeout(poll, 1000);
}
