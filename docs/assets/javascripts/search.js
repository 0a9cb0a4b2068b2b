// Search help on top of Material's own search box:
//  1. typo correction: a word of 5+ letters that matches nothing in the
//     site's vocabulary is replaced by the closest word (one letter wrong,
//     missing, extra or swapped) and the reader is told what was searched;
//  2. a helpful message instead of an empty box when nothing matches.
//
// Why this design: Material 9.8 rewrites each query inside its search
// worker (every term gets a trailing `*`) and offers no hook to change
// that, and lunr's own fuzzy matching (`term~1`) would mix corrected and
// exact hits. Material reads the query from the input element on `keyup`,
// so the corrected text is swapped in for that one read (a capturing
// listener runs before Material's, a bubbling one on window after it) and
// the reader's own text is put back at once. This relies only on the
// input element and its keyup event, which any version of the search box
// has, and the vocabulary comes from the built index (search/vocabulary.json).
(function () {
  "use strict";

  var MIN_LENGTH = 5; // shorter words and abbreviations are never corrected
  var vocabulary = null; // {words: sorted [], weights: []}
  var loading = null;
  var restore = null; // the reader's own text and selection while Material reads ours
  var correction = null; // {from, to} for the query on screen
  var declined = ""; // query for which the reader asked for no correction

  function input() {
    return document.querySelector("[data-md-component=search-query]");
  }

  function load() {
    if (!loading) {
      var base = new URL(__md_scope || ".", location.href);
      loading = fetch(new URL("search/vocabulary.json", base))
        .then(function (response) { return response.json(); })
        .then(function (data) {
          vocabulary = data;
          rerun();
        })
        .catch(function () { loading = null; });
    }
    return loading;
  }

  // Is the first word `a` within one edit (substitution, insertion,
  // deletion or swap of two neighbours) of `b`?
  function oneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1 || a === b) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // Does any word start with `term`? (Material matches prefixes.)
  function known(term) {
    var words = vocabulary.words, lo = 0, hi = words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid] < term) lo = mid + 1; else hi = mid;
    }
    return lo < words.length && words[lo].lastIndexOf(term, 0) === 0;
  }

  function correctTerm(term) {
    if (term.length < MIN_LENGTH || !/^[a-z]+$/.test(term) || known(term)) return null;
    var words = vocabulary.words, weights = vocabulary.weights;
    var best = null, bestWeight = -1;
    for (var i = 0; i < words.length; i++) {
      if (weights[i] > bestWeight && oneEdit(term, words[i])) {
        best = words[i];
        bestWeight = weights[i];
      }
    }
    return best;
  }

  function corrected(query) {
    if (!vocabulary || !query || query === declined) return null;
    var changed = false;
    var out = query.split(/(\s+)/).map(function (part) {
      var fix = correctTerm(part.toLowerCase());
      if (fix) { changed = true; return fix; }
      return part;
    }).join("");
    return changed ? out : null;
  }

  // Make Material search again for what is in the box now.
  function rerun() {
    var box = input();
    if (box && box.value) box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  function note() {
    var result = document.querySelector("[data-md-component=search-result]");
    if (!result) return null;
    var el = result.querySelector(".ipm-search-note");
    if (!el) {
      el = document.createElement("div");
      el.className = "ipm-search-note";
      el.setAttribute("role", "status");
      result.insertBefore(el, result.firstElementChild.nextSibling);
    }
    return el;
  }

  function showCorrection() {
    var el = note();
    if (!el) return;
    el.textContent = "";
    if (!correction) return;
    el.appendChild(document.createTextNode("Showing results for "));
    var strong = document.createElement("strong");
    strong.textContent = correction.to;
    el.appendChild(strong);
    el.appendChild(document.createTextNode(". "));
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ipm-search-note__undo";
    button.textContent = "Search instead for " + correction.from;
    button.addEventListener("click", function () {
      declined = correction.from;
      input().focus();
      rerun();
    });
    el.appendChild(button);
  }

  // Material renders "No matching documents" in the meta line; add a way on.
  function showNoResults() {
    var result = document.querySelector("[data-md-component=search-result]");
    if (!result) return;
    var list = result.querySelector(".md-search-result__list");
    var help = result.querySelector(".ipm-search-empty");
    var box = input();
    var empty = box && box.value.trim() && list && !list.children.length
      && !/Initializing/i.test(result.firstElementChild.textContent);
    if (empty && !help) {
      var base = new URL(__md_scope || ".", location.href);
      help = document.createElement("div");
      help.className = "ipm-search-empty";
      help.innerHTML =
        "<p>Nothing on this site matches those words. Try the name your doctor used, " +
        "a short form such as <em>ESI</em> or <em>RFA</em>, or an everyday phrase such as <em>pain pump</em>.</p>" +
        "<ul><li><a></a></li><li><a></a></li></ul>";
      var links = help.querySelectorAll("a");
      links[0].href = new URL("procedures/#a-to-z", base).href;
      links[0].textContent = "Browse all procedures from A to Z";
      links[1].href = new URL("glossary/", base).href;
      links[1].textContent = "Look up a word in the glossary";
      result.insertBefore(help, list);
    } else if (!empty && help) {
      help.remove();
    }
  }

  document.addEventListener("keyup", function (event) {
    var box = input();
    if (event.target !== box) return;
    if (!vocabulary) { load(); return; }
    var fix = corrected(box.value);
    correction = fix ? { from: box.value, to: fix } : null;
    if (fix) {
      restore = { value: box.value, start: box.selectionStart, end: box.selectionEnd, dir: box.selectionDirection };
      box.value = fix;
    }
  }, true);

  window.addEventListener("keyup", function (event) {
    var box = input();
    if (event.target !== box) return;
    if (restore !== null) {
      // Put back the text and the caret or selection exactly as they were.
      box.value = restore.value;
      box.setSelectionRange(restore.start, restore.end, restore.dir);
      restore = null;
    }
    showCorrection();
  });

  // The search box lives in the header, which instant navigation keeps:
  // wire it once.
  document$.subscribe(function () {
    var box = input();
    var result = document.querySelector("[data-md-component=search-result]");
    if (!box || !result || result.hasAttribute("data-ipm-wired")) return;
    result.setAttribute("data-ipm-wired", "");
    box.addEventListener("focus", load, { once: true });
    new MutationObserver(showNoResults).observe(result, { childList: true, subtree: true, characterData: true });
  });
})();
