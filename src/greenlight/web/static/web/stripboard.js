// Stripboard drag and drop. Strips (scenes, day breaks, banners) move within and between the
// board and the boneyard; each drop saves the whole order with the board's version, then the
// board is re-read from the server so day totals, dates and warnings are recomputed there.
"use strict";

(function () {
  const root = document.getElementById("board");
  if (!root) { return; }
  let dragged = null;

  function csrf() {
    const match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return match ? decodeURIComponent(match[1]) : (input ? input.value : "");
  }

  function ids(list) {
    return Array.from(list.querySelectorAll(":scope > li.strip")).map((li) => Number(li.dataset.id));
  }

  function target(list, y) {
    // The strip the dragged one goes before: the first whose middle is below the pointer.
    const items = Array.from(list.querySelectorAll(":scope > li.strip:not(.dragging)"));
    return items.find((li) => { const box = li.getBoundingClientRect(); return y < box.top + box.height / 2; }) || null;
  }

  function status(text, isError) {
    let el = document.getElementById("board-status");
    if (!el) {
      el = document.createElement("p");
      el.id = "board-status";
      el.setAttribute("role", "status");
      const board = document.getElementById("board");
      board.parentNode.insertBefore(el, board);
    }
    el.textContent = text;
    el.className = isError ? "errors" : "help";
  }

  async function refresh() {
    const response = await fetch(window.location.pathname, { credentials: "same-origin" });
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const id of ["board", "figures"]) {
      const fresh = doc.getElementById(id);
      const old = document.getElementById(id);
      if (fresh && old) { old.replaceWith(fresh); }
    }
    bind(document.getElementById("board"));
  }

  async function save(board) {
    const body = {
      board: ids(board.querySelector("[data-list=board]")),
      boneyard: ids(board.querySelector("[data-list=boneyard]")),
      version: Number(board.dataset.version),
    };
    status("Saving…", false);
    const response = await fetch(board.dataset.reorderUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), Accept: "application/json" },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      status((data.detail || "The board could not be saved.") + " Reloading the saved board…", true);
      setTimeout(() => window.location.reload(), 2500);
      return;
    }
    await refresh();
    status("Saved.", false);
  }

  function bind(board) {
    board.querySelectorAll("li.strip[draggable=true]").forEach((li) => {
      li.addEventListener("dragstart", (event) => {
        dragged = li;
        li.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", li.dataset.id);
      });
      li.addEventListener("dragend", () => { li.classList.remove("dragging"); });
    });
    board.querySelectorAll("[data-list]").forEach((list) => {
      list.addEventListener("dragover", (event) => {
        if (!dragged) { return; }
        event.preventDefault();
        const before = target(list, event.clientY);
        if (before) { list.insertBefore(dragged, before); } else { list.appendChild(dragged); }
      });
      list.addEventListener("drop", (event) => {
        if (!dragged) { return; }
        event.preventDefault();
        dragged.classList.remove("dragging");
        dragged = null;
        save(board);
      });
    });
  }

  bind(root);
}());
