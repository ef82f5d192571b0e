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
