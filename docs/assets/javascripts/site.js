// Small behaviours on top of Material. `document$` emits on every page
// view, including pages reached by instant navigation (where the address
// changes through history.pushState and no `hashchange` event fires).
(function () {
  "use strict";

  // FAQ ids that moved: data/faq-anchors.yml, rendered into the FAQ page.
  function redirects() {
    var node = document.getElementById("ipm-faq-redirects");
    return node ? JSON.parse(node.textContent) : {};
  }

  // Show the element a link points at: follow a recorded redirect, open
  // any collapsed block around or inside its answer, highlight the
  // question and scroll it below the sticky header (CSS scroll-margin).
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    var moved = redirects()[id];
    if (!target && moved) {
      history.replaceState(history.state, "", "#" + moved);
      id = moved;
      target = document.getElementById(id);
    }
    if (!target) return;
    var block = target.closest(".ipm-faq");
    for (var up = target.closest("details"); up; up = up.parentElement.closest("details")) {
      up.open = true;
    }
    document.querySelectorAll(".ipm-faq--target").forEach(function (old) {
      old.classList.remove("ipm-faq--target");
    });
    if (block) {
      block.querySelectorAll("details").forEach(function (inner) { inner.open = true; });
      block.classList.add("ipm-faq--target");
    }
    // After Material's own scroll handling for this navigation.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { target.scrollIntoView({ block: "start" }); });
    });
  }

  function statusRegion() {
    var region = document.getElementById("ipm-copy-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "ipm-copy-status";
      region.className = "ipm-sr-only";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    return region;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Fallback for plain-http hosts where the Clipboard API is missing.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }

  function wireCopyButtons() {
    var region = statusRegion();
    document.querySelectorAll("[data-ipm-copy]").forEach(function (button) {
      var label = button.firstChild;
      button.addEventListener("click", function () {
        var url = location.href.split("#")[0] + "#" + button.getAttribute("data-ipm-copy");
        copyText(url).then(function () {
          label.textContent = "Link copied";
          region.textContent = "Link copied: " + url;
        }, function () {
          label.textContent = "Copy failed";
          region.textContent = "Could not copy. The link is " + url;
        });
        setTimeout(function () { label.textContent = "Copy link"; }, 2500);
      });
    });
  }

  document$.subscribe(function () {
    wireCopyButtons();
    reveal();
  });
  // Same-page anchor links go through instant navigation (pushState, no
  // hashchange event); Material's location$ reports every such change.
  location$.subscribe(function () { requestAnimationFrame(reveal); });
  window.addEventListener("hashchange", reveal);
})();
