/* Praxis: the finder page `suche/`. A small German search UI on Pagefind's own
   pagefind.js (loaded from the site, never from another host): a search field, one
   select per filter (Land, Handlungsfeld, Zielgruppe, Programm, Art; the choices and
   their counts are written into the page by the build), result
   titles with excerpts, and "Weitere Treffer". `?q=` (from the header box) starts a
   search. Only what a search needs is fetched: Pagefind's index chunks and the result
   fragments shown; its filter index (for the counts, 150 kB at 10,000 entries) only
   once the reader turns to the filters; Pagefind's own UI (120 kB) is not used.
   German stop words ("für", "den") are left out of the query, so that "Büro für den
   Stadtteil" finds the "Stadtteilbüro" (the build indexes compound parts and forms).
   Where a word is not in the index at all, Pagefind searches for its longest prefix that
   is ("garten" finds "gar"): such results are not shown (`guessed`). When a query finds
   fewer than three entries, the site's word list for each unknown word's first letter
   (`woerter/<letter>.json`, written by the build) is fetched and the nearest word offered
   ("Meinten Sie …?"); with no hits at all, its results are shown at once.
   The excerpt is the entry's own text (meta `auszug`) with the query's words marked: the
   search words the build adds are found but never shown.
   The count beside each filter value says how many results choosing it would give with
   the current query and the other chosen filters (Pagefind's `filters` counts of each
   search; for a filter that is itself chosen, of the same search without it); a value
   that would give none is disabled, its count reads 0. The counts follow each search
   from the moment the pointer or the focus reaches the filters. */
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
  var hint = document.getElementById("praxis-finder-vorschlag");
  var hintWord = hint.querySelector("button");
  var stopwords = {};
  (form.getAttribute("data-stopwords") || "").split(" ").forEach(function (w) {
    stopwords[w] = true;
  });
  var wordLists = {};
  var EXCERPT = 220;
  var marking = ""; /* the query whose words the excerpts mark */
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var loading = null;
  var found = [];
  var guessedQuery = false; /* the query shown has no real hits */
  var shownQuery = null; /* the query the results shown are for; null: none shown */
  var filtersLoaded = null;
  var countsWanted = false; /* the reader has turned to the filters */
  var shown = 0;
  var generation = 0;
  var timer = null;

  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind.js", bundle).href).then(function (pf) {
        /* no worker: one script less to load, and a search is quick on the main thread */
        /* ranking: a long entry is not pushed down for its length; a word that matches
           whole counts more than one the query is only the beginning of */
        var options = {
          baseUrl: siteRoot,
          noWorker: true,
          ranking: { pageLength: 0.3, termSimilarity: 2.0 }
        };
        return Promise.resolve(pf.options(options)).then(function () {
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
    excerptOf(item, excerpt);
    entry.appendChild(title);
    entry.appendChild(meta);
    entry.appendChild(excerpt);
    return entry;
  }

  function queryWords(query) {
    return query.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  /* The query as Pagefind gets it: without stop words (unless it has nothing else). */
  function searchText(query) {
    var words = queryWords(query);
    var kept = words.filter(function (w) { return !stopwords[normal(w)]; });
    return (kept.length ? kept : words).join(" ");
  }

  function normal(word) {
    return word.toLowerCase().replace(/ß/g, "ss");
  }

  /* Words Pagefind marked in its own excerpt, and the query's words. */
  function markedWords(item) {
    return (item.excerpt.match(/<mark>[^<]*<\/mark>/g) || []).map(function (mark) {
      return mark.slice(6, -7);
    });
  }

  /* Whether a word of the entry's text stands for a query word: it begins like it, or
     holds it as a part of a compound (four letters or more). */
  function matches(word, keys) {
    var w = fold(word);
    return keys.some(function (key) {
      return w.slice(0, key.prefix.length) === key.prefix ||
        (key.part.length >= 4 && w.indexOf(key.part) > 0);
    });
  }

  function excerptOf(item, target) {
    var text = (item.meta && item.meta.auszug) || "";
    var keys = queryWords(marking).concat(markedWords(item))
      .filter(function (w) { return !stopwords[normal(w)]; })
      .map(function (w) {
        var f = fold(w);
        return { prefix: f.slice(0, Math.max(4, Math.ceil(f.length * 0.6))), part: f.slice(0, -1) || f };
      });
    var spans = [];
    var re = /[\p{L}\p{N}]+/gu;
    var m;
    while ((m = re.exec(text)) !== null) {
      if (matches(m[0], keys)) { spans.push([m.index, m.index + m[0].length]); }
    }
    var begin = 0;
    if (spans.length && spans[0][1] > EXCERPT - 40) {
      begin = text.indexOf(" ", Math.max(0, spans[0][0] - 60)) + 1;
    }
    var end = Math.min(text.length, begin + EXCERPT);
    if (end < text.length && text.lastIndexOf(" ", end) > begin) { end = text.lastIndexOf(" ", end); }
    var cursor = begin;
    if (begin) { target.appendChild(document.createTextNode("… ")); }
    spans.forEach(function (span) {
      if (span[0] < begin || span[1] > end) { return; }
      target.appendChild(document.createTextNode(text.slice(cursor, span[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(span[0], span[1]);
      target.appendChild(mark);
      cursor = span[1];
    });
    target.appendChild(document.createTextNode(text.slice(cursor, end) + (end < text.length ? " …" : "")));
  }

  /* Optimal string alignment distance, at most `limit` + 1. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var prev2 = null, prev = [], i, j;
    for (j = 0; j <= b.length; j++) { prev[j] = j; }
    for (i = 1; i <= a.length; i++) {
      var row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          row[j] = Math.min(row[j], prev2[j - 2] + 1);
        }
        best = Math.min(best, row[j]);
      }
      if (best > limit) { return limit + 1; }
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  function wordList(letter) {
    if (!wordLists[letter]) {
      wordLists[letter] = fetch(new URL("woerter/" + letter + ".json", bundle).href)
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; });
    }
    return wordLists[letter];
  }

  /* The query with each word not in the site's list replaced by the nearest one that is
     (the most frequent of those nearest); null when nothing changes. */
  function correction(query) {
    var words = queryWords(query).filter(function (w) { return !stopwords[normal(w)]; });
    return Promise.all(words.map(function (word) {
      var w = normal(word);
      var letter = fold(w.charAt(0)).charAt(0);
      if (w.length < 4 || !/^[a-z]$/.test(letter)) { return Promise.resolve(w); }
      return wordList(letter).then(function (list) {
        if (list.indexOf(w) >= 0) { return w; }
        var limit = w.length >= 8 ? 2 : 1;
        var best = null, bestDistance = limit + 1;
        list.forEach(function (candidate) {
          var d = distance(w, candidate, Math.min(limit, bestDistance));
          if (d < bestDistance) { best = candidate; bestDistance = d; }
        });
        return best || w;
      });
    })).then(function (fixed) {
      var text = fixed.join(" ");
      return text !== words.map(normal).join(" ") ? text : null;
    });
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

  /* Results of one query (its first page), or null when a newer query has started. */
  function find(query, filters, mine) {
    return pagefind().then(function (pf) {
      return pf.search(query ? searchText(query) : null, { filters: filters });
    }).then(function (search) {
      if (mine !== generation) { return null; }
      found = search.results;
      guessedQuery = false;
      shown = 0;
      return fetchMore();
    }).then(function (items) {
      if (items !== null && query && guessed(query, items)) {
        found = [];
        shown = 0;
        guessedQuery = true;
        return [];
      }
      return items;
    });
  }

  /* Each select's option counts for the search shown: from the same query and the
     other chosen filters (a filter's own choice left out, else choosing a second Land
     would always count 0). No query and no other filter: the totals the build wrote
     into the page. A query with no real hits (`guessed`) counts 0 everywhere. */
  function countsFor(query, filters, mine) {
    var searches = {};
    return loadFilters().then(function () {
      return Promise.all(selects.map(function (select) {
        var name = select.getAttribute("data-filter");
        if (guessedQuery) { return {}; }
        var others = {};
        Object.keys(filters).forEach(function (key) {
          if (key !== name) { others[key] = filters[key]; }
        });
        if (!query && !Object.keys(others).length) { return null; }
        var key = JSON.stringify(others);
        if (!searches[key]) {
          searches[key] = pagefind().then(function (pf) {
            return pf.search(query ? searchText(query) : null, { filters: others });
          });
        }
        return searches[key].then(function (search) { return search.filters[name] || {}; });
      }));
    }).then(function (all) {
      if (mine !== generation) { return; }
      selects.forEach(function (select, index) { showCounts(select, all[index]); });
    });
  }

  /* Pagefind counts only the filters whose index is loaded: all of them, once, when the
     reader first turns to the filters, so that a search alone never loads them. */
  function loadFilters() {
    if (!filtersLoaded) {
      filtersLoaded = pagefind().then(function (pf) { return pf.filters(); });
    }
    return filtersLoaded;
  }

  /* `counts` null: the build's totals. */
  function showCounts(select, counts) {
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) { return; }
      var n = counts ? counts[option.value] || 0 : Number(option.getAttribute("data-anzahl"));
      option.textContent = option.value + " (" + n + ")";
      option.disabled = n === 0 && !option.selected;
    });
  }

  function wantCounts() {
    if (countsWanted) { return; }
    countsWanted = true;
    if (shownQuery !== null) { countsFor(shownQuery, chosenFilters(), generation); }
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
      shownQuery = null;
      selects.forEach(function (select) { showCounts(select, null); });
      return Promise.resolve();
    }
    status.textContent = "Suche läuft …";
    hint.hidden = true;
    var instead = null;
    return find(query, filters, mine).then(function (items) {
      if (mine !== generation || items === null || !query || found.length >= 3) { return items; }
      return correction(query).then(function (fixed) {
        if (!fixed || mine !== generation) { return items; }
        hintWord.textContent = fixed;
        hint.hidden = false;
        if (found.length) { return items; }
        instead = fixed;
        return find(fixed, filters, mine);
      });
    }).then(function (items) {
      if (mine !== generation || items === null) { return; }
      list.innerHTML = "";
      marking = instead || query;
      var label = query ? " für „" + (instead || query) + "“" : "";
      var before = instead ? "Keine Treffer für „" + query + "“. " : "";
      status.textContent = found.length
        ? before + found.length + " Treffer" + label + "."
        : "Keine Treffer" + label + ". Tipp: andere Wörter versuchen oder Filter weglassen.";
      showItems(items);
      shownQuery = instead || query;
      if (countsWanted) { return countsFor(shownQuery, filters, mine); }
      /* a chosen value counts what is found; the others are not visible yet */
      selects.forEach(function (select) {
        var option = select.options[select.selectedIndex];
        if (option && option.value) { option.textContent = option.value + " (" + found.length + ")"; }
      });
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
  var fieldset = form.querySelector(".praxis-finder__filter");
  fieldset.addEventListener("focusin", wantCounts);
  fieldset.addEventListener("pointerenter", wantCounts);
  more.addEventListener("click", function () { showMore(generation); });
  hintWord.addEventListener("click", function () {
    input.value = hintWord.textContent;
    run();
  });

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (select) {
    var wanted = params.get(select.id.replace("praxis-filter-", ""));
    if (wanted) { select.value = wanted; }
  });
  if (input.value || Object.keys(chosenFilters()).length) { run(); }
}());
