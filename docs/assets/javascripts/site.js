// Small behaviours on top of Material. `document$` fires on every page,
// including pages reached by instant navigation.
document$.subscribe(function () {
  // Home page button: open Material's own search dialog and focus it.
  document.querySelectorAll("[data-ipm-open-search]").forEach(function (button) {
    button.addEventListener("click", function () {
      var toggle = document.getElementById("__search");
      if (!toggle) return;
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      var input = document.querySelector("[data-md-component=search-query]");
      if (input) input.focus();
    });
  });
});
