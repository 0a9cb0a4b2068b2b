// Material's search worker, with one change: only the results a reader is
// shown first are worked out in full.
//
// Why: for every match Material's worker copies the section, marks each hit
// in its text and sends it to the page, which copies it again. A broad
// query ("back pain", a single letter as it is being typed) matches most
// sections of the site, so the time per query grows with the size of the
// site, although the page shows ten results at a time. On a copy of the
// site with ten times the pages, three quarters of a broad query's time
// went to sections nobody had scrolled to (benchmarks/performance.md).
//
// What: the pages are ranked exactly as Material ranks them (its score,
// its boosts: see `rank`). The best TOP pages keep all their matching
// sections, highlighted: what the reader sees first is identical to
// Material's. Every other matching page keeps only its best section, with
// its hits but without their positions, so it is listed in the same order
// but not highlighted. The number of matching pages stays exact.
//
// How: Material's worker is loaded as it is (its address is passed in by
// overrides/partials/speed.html, which starts this file in its place) and
// sets `self.lunr`; lunr's Index.search is wrapped. Nothing else changes,
// and the result of a query with at most TOP matching pages is untouched.
(function () {
  "use strict";

  var TOP = 20; // pages ranked and shown in full (Material adds 10 per scroll)

  var asked = new URLSearchParams(location.search).get("material") || "";
  var material = new URL(asked, location.href);
  if (material.origin !== location.origin || !/\/workers\/search\.[0-9a-f]+\.min\.js$/.test(material.pathname)) {
    throw new Error("ipm-search: not Material's search worker: " + asked);
  }
  importScripts(material.href);
  var lunr = self.lunr;

  // The query's terms, as Material's parseSearchQuery reads them: every
  // clause that is not excluded, without its leading or trailing `*`.
  function queryTerms(query) {
    var parsed = new lunr.Query(["title", "text", "tags"]);
    new lunr.QueryParser(query, parsed).parse();
    return parsed.clauses
      .filter(function (clause) { return clause.presence !== lunr.Query.presence.PROHIBITED; })
      .map(function (clause) { return clause.term.replace(/^\*/, "").replace(/\*$/, ""); });
  }

  // Material's getSearchQueryTerms, reduced to the share it boosts by: of
  // the query's terms (leaving out unmatched stop words), how many start a
  // matched word.
  function share(matched, terms) {
    var left = terms.slice(), result = {};
    for (var t = 0; t < matched.length; t++) {
      for (var c = 0; c < left.length; c++) {
        if (left[c] !== null && matched[t].indexOf(left[c]) === 0) {
          result[left[c]] = true;
          left[c] = null;
        }
      }
    }
    for (var u = 0; u < left.length; u++) {
      if (left[u] !== null && lunr.stopWordFilter && lunr.stopWordFilter(left[u])) result[left[u]] = false;
    }
    var keys = Object.keys(result);
    return keys.filter(function (key) { return result[key]; }).length / keys.length;
  }

  // Material's score after its boosts: a page (not a section) and a match
  // of more of the query's terms count more.
  function rank(result, path, terms) {
    var boost = (path === result.ref ? 1 : 0) + share(Object.keys(result.matchData.metadata), terms);
    return result.score * (1 + boost * boost);
  }

  // A result that is listed but not highlighted: the same words matched
  // (Material's boost reads them), no positions to mark.
  function unmarked(result) {
    var metadata = {};
    Object.keys(result.matchData.metadata).forEach(function (term) { metadata[term] = {}; });
    return { ref: result.ref, score: result.score, matchData: { metadata: metadata } };
  }

  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (query) {
    var results = search.apply(this, arguments);
    var paths = results.map(function (result) {
      var hash = result.ref.indexOf("#");
      return hash < 0 ? result.ref : result.ref.slice(0, hash);
    });
    if (new Set(paths).size <= TOP) return results;
    var terms = queryTerms(query);
    // Material sorts with a stable sort; so does this, from the same order.
    var order = results
      .map(function (result, i) { return { i: i, score: rank(result, paths[i], terms) }; })
      .sort(function (a, b) { return b.score - a.score; });
    var top = new Set(), seen = new Set(), keep = new Set();
    order.forEach(function (entry) {
      var path = paths[entry.i];
      if (seen.has(path)) return;
      seen.add(path);
      if (top.size < TOP) top.add(path);
      else keep.add(entry.i);
    });
    var out = [];
    results.forEach(function (result, i) {
      if (top.has(paths[i])) out.push(result);
      else if (keep.has(i)) out.push(unmarked(result));
    });
    return out;
  };
})();
