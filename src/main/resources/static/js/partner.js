// Partner portal: the file chosen for a bulk upload shows its name on the upload button (CSP: no inline scripts).
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches("input[type=file][data-file-label]")) {
    return;
  }
  var label = document.getElementById(input.getAttribute("data-file-label"));
  if (label) {
    label.textContent = input.files.length ? input.files[0].name : "Click to upload file";
  }
});
// Partner task boards: drag a task card onto another column; the move is an htmx POST answered with the board fragment
// (no full reload). The card's "Move to" control does the same without a mouse.
(function () {
  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".task-card[data-task-id]");
    if (!card) {
      return;
    }
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-task-id"));
  });
  document.addEventListener("dragover", function (event) {
    var column = dragged && event.target.closest && event.target.closest(".board-column[data-column-id]");
    if (column) {
      event.preventDefault();
      column.classList.add("drop-target");
    }
  });
  document.addEventListener("dragleave", function (event) {
    var column = event.target.closest && event.target.closest(".board-column");
    if (column) {
      column.classList.remove("drop-target");
    }
  });
  document.addEventListener("drop", function (event) {
    var column = dragged && event.target.closest && event.target.closest(".board-column[data-column-id]");
    if (!column) {
      return;
    }
    event.preventDefault();
    column.classList.remove("drop-target");
    var board = column.closest("[data-move-base]");
    var taskId = event.dataTransfer.getData("text/plain") || dragged.getAttribute("data-task-id");
    dragged = null;
    if (!board || !window.htmx) {
      return;
    }
    htmx.ajax("POST", board.getAttribute("data-move-base") + taskId + "/move", {
      target: "#board", swap: "outerHTML", values: {columnId: column.getAttribute("data-column-id")}
    });
  });
  document.addEventListener("dragend", function () {
    dragged = null;
  });
})();
