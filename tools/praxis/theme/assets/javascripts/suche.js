/* Praxis: the finder page `suche/`. A small German search UI on Pagefind's own
   pagefind.js (loaded from the site, never from another host): a search field, one
   select per filter (Land, Handlungsfeld, Zielgruppe, Programm, Art; the choices and
   their counts are written into the page by the build), result
   titles with excerpts, and "Weitere Treffer". `?q=` (from the header box) starts a
   search. Only what a search needs is fetched: Pagefind's index chunks and the result
   fragments shown; Pagefind's own UI (120 kB) is not used.
   Where a word is not in the index at all, Pagefind searches for its longest prefix that
   is ("garten" finds "gar"): such results are not shown (`guessed`). */
(function () {
  "use strict";
  var form = document.getElementById("praxis-finder");
  if (!form) { return; }
  var PAGE = 10;
  var bundle = new URL(form.getAttribute("data-bundle"), location.href);
  var siteRoot = new URL("../", bundle).pathname;
  var input = document.getElementById("praxis-suche-eingabe");
  var status = document.getElementById("praxis-finder-status");
  var list = document.getElementById("praxis-finder-treffer");
  var more = document.getElementById("praxis-finder-mehr");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var loading = null;
  var found = [];
  var shown = 0;
  var generation = 0;
  var timer = null;

  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind.js", bundle).href).then(function (pf) {
        /* no worker: one script less to load, and a search is quick on the main thread */
        return Promise.resolve(pf.options({ baseUrl: siteRoot, noWorker: true })).then(function () {
          return pf;
        });
      });
    }
    return loading;
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) { filters[select.getAttribute("data-filter")] = select.value; }
    });
    return filters;
  }

  function remember(query) {
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    selects.forEach(function (select) {
      if (select.value) { params.set(select.id.replace("praxis-filter-", ""), select.value); }
    });
    var search = params.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }

  function render(item) {
    var entry = document.createElement("li");
    entry.className = "praxis-finder__eintrag";
    var title = document.createElement("a");
    title.className = "praxis-finder__titel";
    title.href = item.url;
    title.textContent = (item.meta && item.meta.title) || item.url;
    var meta = document.createElement("p");
    meta.className = "praxis-finder__meta";
    meta.textContent = [item.meta.Art, item.meta.Land].filter(Boolean).join(" · ");
    var excerpt = document.createElement("p");
    excerpt.className = "praxis-finder__auszug";
    excerpt.innerHTML = item.excerpt; /* Pagefind escapes the text and adds only <mark> */
    entry.appendChild(title);
    entry.appendChild(meta);
    entry.appendChild(excerpt);
    return entry;
  }

  function fetchMore() {
    var next = found.slice(shown, shown + PAGE);
    shown += next.length;
    return Promise.all(next.map(function (result) { return result.data(); }));
  }

  function showItems(items) {
    items.forEach(function (item) { list.appendChild(render(item)); });
    more.hidden = shown >= found.length;
  }

  function showMore(mine) {
    return fetchMore().then(function (items) {
      if (mine === generation) { showItems(items); }
    });
  }

  /* Lowercase, without umlauts and their ae/oe/ue spelling: "Bürger" = "Buerger". */
  function fold(word) {
    return word.toLowerCase().replace(/ß/g, "ss").replace(/ä|ae/g, "a")
      .replace(/ö|oe/g, "o").replace(/ü|ue/g, "u");
  }

  /* Whether a highlighted word can stand for a query word: it begins like the query word
     (at least its first four letters, or 60 % of a long word, or the whole of a short one),
     which stems, plural forms, words being typed and compounds do; a prefix that Pagefind
     fell back to ("gar" for "garten") does not. */
  function plausible(marked, word) {
    var m = fold(marked);
    var q = fold(word);
    var n = Math.min(q.length, Math.max(4, Math.ceil(q.length * 0.6)));
    return m.slice(0, n) === q.slice(0, n);
  }

  /* True when every result shown first highlights only such fallback prefixes: then none
     of the query words is in the index, and there are no real hits. */
  function guessed(query, items) {
    var words = query.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!words.length || !items.length) { return false; }
    return items.every(function (item) {
      var marks = (item.excerpt.match(/<mark>[^<]*<\/mark>/g) || []).map(function (mark) {
        return mark.slice(6, -7);
      });
      return marks.length > 0 && !marks.some(function (mark) {
        return mark.split(/[^\p{L}\p{N}]+/u).some(function (part) {
          return part && words.some(function (word) { return plausible(part, word); });
        });
      });
    });
  }

  function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    var mine = ++generation;
    remember(query);
    if (!query && !Object.keys(filters).length) {
      list.innerHTML = "";
      more.hidden = true;
      status.textContent = "";
      return Promise.resolve();
    }
    status.textContent = "Suche läuft …";
    return pagefind().then(function (pf) {
      return pf.search(query || null, { filters: filters });
    }).then(function (search) {
      if (mine !== generation) { return null; }
      found = search.results;
      shown = 0;
      return fetchMore();
    }).then(function (items) {
      if (mine !== generation || items === null) { return; }
      if (query && guessed(query, items)) {
        found = [];
        shown = 0;
        items = [];
      }
      list.innerHTML = "";
      var label = query ? " für „" + query + "“" : "";
      status.textContent = found.length
        ? found.length + " Treffer" + label + "."
        : "Keine Treffer" + label + ". Tipp: andere Wörter versuchen oder Filter weglassen.";
      showItems(items);
    }).catch(function (error) {
      status.textContent = "Die Suche konnte nicht geladen werden (" + error + ").";
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  selects.forEach(function (select) { select.addEventListener("change", run); });
  more.addEventListener("click", function () { showMore(generation); });

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (select) {
    var wanted = params.get(select.id.replace("praxis-filter-", ""));
    if (wanted) { select.value = wanted; }
  });
  if (input.value || Object.keys(chosenFilters()).length) { run(); }
}());
