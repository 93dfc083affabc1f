/* Praxis: how the web editor (Decap CMS) reads and writes an entry, and its preview.
 *
 * Decap's own front-matter format rewrites the whole YAML block on every save (folded long
 * lines, flow lists turned into block lists), so an edit of one field would touch many lines.
 * This format writes the house style that `praxis new` and the hand-written entries use:
 *   - keys in the order of the form (the collection's field order, which the engine makes
 *     from the same list as `praxis new`), nested keys in the order they were read;
 *   - lists of choices and of comma-separated keywords on one line, `[a, b]`; lists of
 *     sentences and of objects one item per line, indented by two spaces;
 *   - a string plain where YAML 1.1 (what the engine's PyYAML reads) and 1.2 read it back as
 *     that same string, otherwise in double quotes with escapes (an allowlist of characters,
 *     never a guess); a date YYYY-MM-DD plain, so that it stays a date;
 *   - empty values (what Decap keeps for an untouched optional field) left out;
 *   - the Markdown body after one blank line, ending with one newline.
 * Reading uses js-yaml's core schema, so dates stay the strings the date widget expects.
 */
(function () {
  "use strict";

  var ORDER_KEY = "_praxis_order"; // the keys' order as read, kept through the editor
  var SPECIAL_WORDS = /^(y|yes|n|no|true|false|on|off|null|~)$/i;
  var NUMBER_LIKE = /^[-+]?(\.?[0-9][0-9_]*)([.:][0-9_]*)*([eE][-+]?[0-9]+)?$|^0[xXoObB]/;
  var TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)/;
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  var PLAIN = /^[\p{L}\p{N}„‚(][^\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]*$/u;
  var UNSAFE_IN_QUOTES = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?:[^\ud800-\udbff]|^)[\udc00-\udfff]/g;
  var flowFields = {}; // dotted key path -> true, from the CMS configuration

  function isEmpty(value) {
    if (value === null || value === undefined || value === "") return true;
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === "object") return Object.keys(value).length === 0;
    return false;
  }

  function prune(value) {
    if (typeof value === "string") return value.trim();
    if (Array.isArray(value)) {
      return value.map(prune).filter(function (item) { return !isEmpty(item); });
    }
    if (value && typeof value === "object") {
      var result = {};
      Object.keys(value).forEach(function (key) {
        var item = prune(value[key]);
        if (!isEmpty(item)) result[key] = item;
      });
      return result;
    }
    return value;
  }

  function quote(text) {
    return JSON.stringify(text).replace(UNSAFE_IN_QUOTES, function (chars) {
      return chars.split("").map(function (c) {
        var code = c.charCodeAt(0);
        return code < 0xd800 || code > 0xdfff || chars.length === 1
          ? "\\u" + ("0000" + code.toString(16)).slice(-4)
          : c;
      }).join("");
    });
  }

  function isDate(text) {
    if (!DATE.test(text) || Number(text.slice(0, 4)) < 1900) return false;
    var parsed = new Date(text + "T00:00:00Z");
    return !isNaN(parsed) && parsed.toISOString().slice(0, 10) === text;
  }

  function plain(text, inFlow) {
    if (isDate(text)) return true;
    if (!PLAIN.test(text) || text !== text.trim()) return false;
    if (SPECIAL_WORDS.test(text) || NUMBER_LIKE.test(text) || TIMESTAMP.test(text)) return false;
    if (/: | #|:$/.test(text)) return false;
    return !(inFlow && /[,:?#[\]{}]/.test(text));
  }

  function scalar(value, inFlow) {
    if (typeof value === "number") {
      if (!isFinite(value)) return quote(String(value));
      var text = String(value);
      return /e/.test(text)
        ? value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 })
        : text;
    }
    if (typeof value === "boolean") return String(value);
    var string = String(value);
    return plain(string, inFlow) ? string : quote(string);
  }

  function isScalar(value) {
    return value === null || typeof value !== "object";
  }

  function key(name) {
    return /^[a-z][a-z0-9_]*$/.test(name) ? name : quote(name);
  }

  /* The keys as they were read, each new one placed after the last key that comes
   * before it in the form; an entry made in the editor gets the form's order. */
  function arrange(names, read, form) {
    var rank = function (name) {
      var i = form.indexOf(name);
      return i < 0 ? form.length : i;
    };
    var result = read.filter(function (name) { return names.indexOf(name) >= 0; });
    names.slice().sort(function (a, b) { return rank(a) - rank(b); }).forEach(function (name) {
      if (result.indexOf(name) >= 0) return;
      var at = 0;
      result.forEach(function (other, i) { if (rank(other) <= rank(name)) at = i + 1; });
      result.splice(at, 0, name);
    });
    return result;
  }

  function emitMap(map, pad, path, order, lines) {
    var names = order ? arrange(Object.keys(map), order.read, order.form) : Object.keys(map);
    names.forEach(function (name, index) {
      var lead = typeof pad === "object" ? (index === 0 ? pad.first : pad.rest) : pad;
      var rest = typeof pad === "object" ? pad.rest : pad;
      emitValue(lead + key(name), map[name], rest, path ? path + "." + name : name, lines);
    });
  }

  function emitValue(head, value, pad, path, lines) {
    if (isScalar(value)) {
      lines.push(head + ": " + scalar(value, false));
    } else if (!Array.isArray(value)) {
      lines.push(head + ":");
      emitMap(value, pad + "  ", path, null, lines);
    } else if (value.every(isScalar)) {
      if (flowFields[path]) {
        lines.push(head + ": [" + value.map(function (v) { return scalar(v, true); }).join(", ") + "]");
      } else {
        lines.push(head + ":");
        value.forEach(function (v) { lines.push(pad + "  - " + scalar(v, false)); });
      }
    } else {
      lines.push(head + ":");
      value.forEach(function (item) {
        if (isScalar(item)) lines.push(pad + "  - " + scalar(item, false));
        else if (Array.isArray(item)) lines.push(pad + "  - " + quote(JSON.stringify(item)));
        else emitMap(item, { first: pad + "  - ", rest: pad + "    " }, path, null, lines);
      });
    }
  }

  function fromFile(text) {
    var found = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)(?:\r?\n)?([\s\S]*)$/.exec(text);
    if (!found) return { body: text };
    var data = jsyaml.load(found[1] || "", { schema: jsyaml.CORE_SCHEMA }) || {};
    if (typeof data !== "object" || Array.isArray(data)) data = {};
    data[ORDER_KEY] = Object.keys(data);
    data.body = found[2];
    return data;
  }

  function toFile(data, sortedKeys) {
    var read = Array.isArray(data[ORDER_KEY]) ? data[ORDER_KEY] : [];
    var front = prune(Object.assign({}, data));
    delete front.body;
    delete front[ORDER_KEY];
    var lines = [];
    emitMap(front, "", "", { read: read, form: sortedKeys || [] }, lines);
    var body = String(data.body || "").replace(/^\s*\n/, "").replace(/\s*$/, "");
    return "---\n" + lines.join("\n") + "\n---\n" + (body ? "\n" + body + "\n" : "");
  }

  /* Which lists are one line: multiple choices (select, relation) and keyword lists
   * (a list widget without sub-fields, typed comma-separated in the form). */
  function collectFlowFields(fields, prefix) {
    (fields || []).forEach(function (field) {
      var path = prefix + field.name;
      if (field.multiple || (field.widget === "list" && !field.field && !field.fields)) {
        flowFields[path] = true;
      }
      if (field.fields) collectFlowFields(field.fields, path + ".");
    });
  }

  var api = { fromFile: fromFile, toFile: toFile, collectFlowFields: collectFlowFields };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api; // the engine's tests run this file under Node
    return;
  }

  /* The site's own look in the preview: its stylesheets, read from the home page. */
  function registerSiteStyles() {
    fetch("../", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        page.querySelectorAll('link[rel="stylesheet"][href]').forEach(function (link) {
          var url = new URL(link.getAttribute("href"), new URL("../", location.href));
          if (url.origin === location.origin) CMS.registerPreviewStyle(url.href);
        });
      })
      .catch(function () { /* the preview keeps Decap's own style */ });
  }

  function previewTemplate() {
    return createClass({
      render: function () {
        var title = this.props.entry.getIn(["data", "titel"]);
        var summary = this.props.entry.getIn(["data", "kurzbeschreibung"]);
        return h("article", { className: "md-typeset" },
          h("h1", {}, title || ""),
          summary ? h("p", { className: "praxis-summary" }, summary) : null,
          this.props.widgetFor("body"));
      },
    });
  }

  window.CMS_MANUAL_INIT = true; // this file loads before decap-cms.js and starts it
  var ready = new Promise(function (resolve) {
    document.addEventListener("DOMContentLoaded", resolve);
  });
  Promise.all([fetch("config.yml", { credentials: "same-origin" }), ready])
    .then(function (results) { return results[0].text(); })
    .then(function (text) {
      var config = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
      (config.collections || []).forEach(function (collection) {
        collectFlowFields(collection.fields, "");
      });
      CMS.registerCustomFormat("praxis-frontmatter", "md", { fromFile: fromFile, toFile: toFile });
      registerSiteStyles();
      (config.collections || []).forEach(function (collection) {
        CMS.registerPreviewTemplate(collection.name, previewTemplate());
      });
      CMS.init({ config: Object.assign({ load_config_file: false }, config) });
    });
})();
