/* Site script. Progressive enhancement only: every page, table, anchor and explorer row is
   static HTML and reads fine without it. It adds:
   - a popover beside each number (hover, keyboard focus, or a first tap on touch screens):
     the sentence that states it, its study, its mark and why, with links;
   - "Download CSV" for every evidence table (formula-like cells neutralised);
   - the claims explorer's filter, facets, sorting, live count and CSV of the rows shown;
   - a scroll cue (and a tab stop) only on tables that really scroll sideways. */
(function () {
  "use strict";

  var script = document.currentScript;
  // The site root, from this script's own address: hrefs in claims.json are relative to it.
  var root = script && script.src
    ? script.src.replace(/javascripts\/evidence\.js(?:[?#].*)?$/, "")
    : new URL("/", location.href).href;

  var MARK_WORDS = { held: "checked", truncated: "holds under an assumption", failed: "inconsistent", copied: "copied from its source", unchecked: "not checked" };
  var MARK_SYMBOLS = { held: "✓", truncated: "≈", failed: "✗", copied: "↺", unchecked: "" };
  var MARK_ORDER = ["held", "truncated", "failed", "copied", "unchecked"];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  /* --- claims.json, loaded once on first use -------------------------------------------- */
  var loading = null;
  function loadClaims() {
    if (!loading) {
      loading = fetch(root + "claims.json", { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error("claims.json: HTTP " + response.status); }
          return response.json();
        })
        .catch(function () { loading = null; return null; });
    }
    return loading;
  }

  /* --- the popover beside a number ------------------------------------------------------- */
  var tip = null;          // the one popover element, created on first use
  var current = null;      // the .claim-link it describes (set as soon as it is asked for)
  var hideTimer = 0;
  var lastPointer = "";    // pointer type of the latest pointerdown: "mouse", "touch", "pen"
  var openAtPointerDown = false;

  function ensureTip() {
    if (tip) { return tip; }
    tip = el("div", "claim-tip");
    tip.id = "claim-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    tip.addEventListener("mouseenter", cancelHide);
    tip.addEventListener("mouseleave", function () { scheduleHide(250); });
    tip.addEventListener("focusout", function (event) {
      if (!isInside(event.relatedTarget)) { scheduleHide(0); }
    });
    document.body.appendChild(tip);
    return tip;
  }

  function isOpenFor(anchor) { return !!anchor && current === anchor && !!tip && !tip.hidden; }

  function isInside(node) {
    return !!node && ((tip && tip.contains(node)) || (current && current === node));
  }

  function link(href, text) {
    var a = el("a", null, text);
    a.href = root + href;
    return a;
  }

  function fillTip(entry, id) {
    tip.textContent = "";
    var quote = el("p", "tip-quote");
    quote.appendChild(el("q", null, entry.quote));
    tip.appendChild(quote);

    var meta = el("p", "tip-meta");
    meta.appendChild(document.createTextNode(entry.study + " — "));
    var mark = el("span", "mark tip-mark m-" + entry.mark, (MARK_SYMBOLS[entry.mark] || "") + " ");
    mark.setAttribute("aria-hidden", "true");
    meta.appendChild(mark);
    meta.appendChild(document.createTextNode(entry.label || MARK_WORDS[entry.mark] || entry.mark));
    tip.appendChild(meta);

    if (entry.reasons && entry.reasons.length) {
      var list = el("ul", "tip-reasons");
      entry.reasons.forEach(function (reason) {
        var item = el("li");
        item.appendChild(link(reason.href, reason.rule));
        item.appendChild(document.createTextNode(": " + reason.text));
        list.appendChild(item);
      });
      tip.appendChild(list);
    } else if (entry.mark === "unchecked") {
      tip.appendChild(el("p", null, "No rule could check it: the review gives nothing to recompute it from or compare it with."));
    }

    if (entry.verdict) {
      var primary = el("p", "tip-primary");
      // the source sign and what it means, then what the source read says
      var sign = el("strong", null, (entry.source_sign ? entry.source_sign + " " : "") + (entry.source || entry.verdict) + ": ");
      primary.appendChild(sign);
      primary.appendChild(document.createTextNode(entry.primary || ""));
      if (entry.primary_href) {
        primary.appendChild(document.createTextNode(" "));
        primary.appendChild(link(entry.primary_href, "Review against source"));
      }
      tip.appendChild(primary);
    }
    var more = el("p", "tip-more");
    more.appendChild(link("claims/#c-" + encodeURIComponent(id), "Every check on this number"));
    tip.appendChild(more);
  }

  function place(anchor) {
    var box = anchor.getBoundingClientRect();
    var viewWidth = document.documentElement.clientWidth;
    var viewHeight = window.innerHeight;
    var header = document.querySelector(".md-header");
    var top0 = header ? header.getBoundingClientRect().bottom : 0;
    tip.style.maxHeight = "";
    tip.style.left = "0px";
    tip.style.top = "0px";
    var spaceBelow = viewHeight - box.bottom - 14;
    var spaceAbove = box.top - top0 - 14;
    var below = tip.offsetHeight <= spaceBelow || spaceBelow >= spaceAbove;
    var room = Math.max(120, below ? spaceBelow : spaceAbove);
    if (tip.offsetHeight > room) { tip.style.maxHeight = room + "px"; }
    var width = tip.offsetWidth;
    var left = Math.max(8, Math.min(box.left, viewWidth - width - 8));
    var top = below ? box.bottom + 6 : box.top - 6 - tip.offsetHeight;
    tip.style.left = Math.round(left + window.scrollX) + "px";
    tip.style.top = Math.round(top + window.scrollY) + "px";
  }

  function show(anchor) {
    cancelHide();
    if (isOpenFor(anchor)) { return; }
    if (current && current !== anchor) { current.removeAttribute("aria-describedby"); }
    current = anchor;
    var id = decodeURIComponent(anchor.hash.replace(/^#c-/, ""));
    loadClaims().then(function (data) {
      var entry = data && data[id];
      if (current !== anchor || !entry) { return; }
      ensureTip();
      fillTip(entry, id);
      tip.hidden = false;
      place(anchor);
      anchor.setAttribute("aria-describedby", tip.id);
    });
  }

  function hide() {
    cancelHide();
    if (tip) { tip.hidden = true; }
    if (current) { current.removeAttribute("aria-describedby"); }
    current = null;
  }

  function scheduleHide(delay) {
    cancelHide();
    hideTimer = window.setTimeout(hide, delay);
  }

  function cancelHide() {
    if (hideTimer) { window.clearTimeout(hideTimer); hideTimer = 0; }
  }

  function numberFrom(node) {
    return node && node.closest ? node.closest("a.claim-link") : null;
  }

  function enableTips() {
    document.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "";
      var anchor = numberFrom(event.target);
      openAtPointerDown = isOpenFor(anchor);
      if (!anchor && !isInside(event.target) && current) { hide(); }
      if (anchor) { loadClaims(); }
    }, true);
    document.addEventListener("mouseover", function (event) {
      var anchor = numberFrom(event.target);
      if (anchor) { show(anchor); }
    });
    document.addEventListener("mouseout", function (event) {
      var anchor = numberFrom(event.target);
      if (anchor && anchor === current && !isInside(event.relatedTarget) && !anchor.contains(event.relatedTarget)) {
        scheduleHide(250);
      }
    });
    document.addEventListener("focusin", function (event) {
      var anchor = numberFrom(event.target);
      if (anchor) { show(anchor); }
    });
    document.addEventListener("focusout", function (event) {
      var anchor = numberFrom(event.target);
      if (anchor && anchor === current && !isInside(event.relatedTarget)) { scheduleHide(lastPointer === "touch" ? 0 : 150); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && current) { hide(); }
    });
    // Touch: the first tap on a number shows its popover, a second tap follows its link.
    document.addEventListener("click", function (event) {
      var anchor = numberFrom(event.target);
      if (!anchor) { return; }
      // event.detail is 0 for a click made with the keyboard: Enter always follows the link
      var pointer = event.pointerType || lastPointer;
      var touch = event.detail !== 0 &&
        (pointer === "touch" || (pointer === "" && window.matchMedia("(hover: none)").matches));
      if (touch && !openAtPointerDown) {
        event.preventDefault();
        show(anchor);
      }
      openAtPointerDown = false;
    });
    window.addEventListener("resize", function () { if (current) { hide(); } });
  }

  /* --- CSV ---------------------------------------------------------------------------------- */
  // A cell's text with each mark as words: "69% (inconsistent; the cited study disagrees: mismatch)".
  // A number's signs become words in a download: "69% (inconsistent, as in its source; matches its source …)";
  // a number no check could reach says so, where the page shows it without a sign.
  function cellText(cell) {
    if (!cell.querySelector(".mark, .source, .claim, details")) { return cell.textContent.replace(/\s+/g, " ").trim(); }
    var copy = cell.cloneNode(true);
    each(copy.querySelectorAll("details"), function (node) { node.remove(); });
    each(copy.querySelectorAll(".claim"), function (claim) {
      var words = [];
      each(claim.querySelectorAll(".mark, .source"), function (mark) {
        words.push(mark.getAttribute("aria-label") || mark.textContent);
        mark.remove();
      });
      if (!claim.querySelector(".mark") && claim.getAttribute("data-mark") === "unchecked") { words.unshift(MARK_WORDS.unchecked); }
      if (words.length) { claim.appendChild(document.createTextNode(" (" + words.join("; ") + ")")); }
    });
    each(copy.querySelectorAll(".mark, .source"), function (mark) {
      var words = mark.getAttribute("aria-label");
      if (words) { mark.textContent = "(" + words + ")"; }
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // One field: formula-like text neutralised (OWASP CSV injection), always quoted (RFC 4180).
  function csvField(value) {
    var text = String(value === undefined || value === null ? "" : value);
    if (/^[=+\-@\t\r]/.test(text)) { text = "'" + text; }
    return "\"" + text.replace(/"/g, "\"\"") + "\"";
  }

  function csvText(records) {
    // A byte-order mark so spreadsheet programs read the marks (✓ ≈ ✗ ≠) as UTF-8.
    return "\ufeff" + records.map(function (fields) { return fields.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  function tableRecords(table) {
    var records = [];
    each(table.rows, function (row) {
      if (row.hidden) { return; }
      var fields = [];
      each(row.cells, function (cell) { fields.push(cellText(cell)); });
      records.push(fields);
    });
    return records;
  }

  function slug(text) {
    return (text || "table").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "table";
  }

  function download(records, name) {
    var blob = new Blob([csvText(records)], { type: "text/csv;charset=utf-8" });
    var anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = name;
    anchor.hidden = true;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    window.setTimeout(function () { URL.revokeObjectURL(anchor.href); }, 10000);
  }

  function enableDownloads() {
    each(document.querySelectorAll(".evidence-table button.csv-download"), function (button) {
      var figure = button.closest(".evidence-table");
      var table = figure && figure.querySelector("table");
      if (!table || table.classList.contains("claims-table")) { return; }  // the explorer has its own
      var caption = figure.querySelector("figcaption");
      var name = slug(caption ? caption.textContent : "") + ".csv";  // before any scroll hint joins the caption
      button.hidden = false;
      button.addEventListener("click", function () { download(tableRecords(table), name); });
    });
  }

  /* --- scroll cue: a shade at each edge with more table beyond it, a hint in the caption;
     only tables that really scroll sideways keep their tab stop and region landmark -------- */
  function watchScrolling() {
    var regions = Array.prototype.slice.call(document.querySelectorAll(".evidence-table .table-scroll"));
    if (!regions.length) { return; }
    nameRegionsApart(regions);

    function measure(region) {
      return {
        scrolls: region.scrollWidth > region.clientWidth + 1,
        left: region.scrollLeft > 1,
        right: region.scrollWidth - region.clientWidth - region.scrollLeft > 1
      };
    }

    function edges(region, size) {
      region.classList.toggle("more-left", size.left);
      region.classList.toggle("more-right", size.right);
    }

    // Every region is measured before any is changed: a change between two reads would make the
    // browser lay the page out again for each table.
    function update() {
      var sizes = regions.map(measure);
      regions.forEach(function (region, index) {
        var scrolls = sizes[index].scrolls;
        region.classList.toggle("scrolls", scrolls);
        if (scrolls) {
          region.setAttribute("tabindex", "0");
          region.setAttribute("role", "region");
        } else {
          region.removeAttribute("tabindex");
          region.removeAttribute("role");
        }
        edges(region, sizes[index]);
        var caption = region.parentNode.querySelector("figcaption");
        var hint = caption && caption.querySelector(".scroll-hint");
        if (scrolls && caption && !hint) {
          hint = el("span", "scroll-hint", "scroll sideways for more columns →");
          hint.setAttribute("aria-hidden", "true");  // a visual cue; the region itself is announced
          caption.appendChild(hint);
        } else if (!scrolls && hint) {
          hint.remove();
        }
      });
    }

    regions.forEach(function (region) {
      region.addEventListener("scroll", function () { edges(region, measure(region)); }, { passive: true });
    });
    // Measured when the browser has laid the page out anyway (a ResizeObserver reports after
    // layout), never by forcing a layout of its own: on long pages that cost phones a blocked
    // main thread before the first tap. A table's width changes with the window and with any
    // disclosure opened inside it, so the table is watched as well as its region.
    var observer = new ResizeObserver(update);
    regions.forEach(function (region) {
      observer.observe(region);
      var table = region.querySelector("table");
      if (table) { observer.observe(table); }
    });
  }

  // Landmarks need distinct names: a region named like another also gets its section's heading.
  function nameRegionsApart(regions) {
    var seen = {};
    regions.forEach(function (region) {
      var name = region.getAttribute("aria-label") || "";
      seen[name] = (seen[name] || 0) + 1;
    });
    regions.forEach(function (region) {
      var name = region.getAttribute("aria-label") || "";
      if (seen[name] < 2) { return; }
      var heading = precedingHeading(region);
      if (heading) { region.setAttribute("aria-label", name + " — " + heading); }
    });
  }

  function precedingHeading(node) {
    var headings = document.querySelectorAll(".md-content h2, .md-content h3, .md-content h4");
    var found = "";
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) {
        found = headings[i].textContent.replace(/¶$/, "").trim();
      }
    }
    return found;
  }

  /* --- the claims explorer -------------------------------------------------------------------- */
  // A link to an element inside a closed <details> (a study card, a group of claims) opens it.
  function revealTarget() {
    var target = hashTarget();
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; }
    }
    if (target) { target.scrollIntoView({ block: "start" }); }
  }

  function hashTarget() {
    try {
      return location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    } catch (error) {
      return null;  // a malformed #fragment
    }
  }

  var FACETS = [
    { key: "topic", label: "Topic", all: "All topics" },
    { key: "study", label: "Study", all: "All studies" },
    { key: "mark", label: "Check", all: "Any check", words: MARK_WORDS, order: MARK_ORDER, symbols: MARK_SYMBOLS },
    { key: "verdict", label: "Source comparison", all: "Any comparison" }
  ];

  function explorer(box) {
    // one table per group (topic), filtered, sorted and downloaded as one
    var tables = Array.prototype.slice.call(box.querySelectorAll("table.claims-table"));
    var groups = Array.prototype.slice.call(box.querySelectorAll("details.claims-group"));
    var controls = box.querySelector(".explorer-controls");
    var count = box.querySelector(".claims-count");
    if (!tables.length || !controls) { return; }
    var body = { contains: function (node) { return tables.some(function (t) { return t.contains(node); }); } };
    var rows = [];
    tables.forEach(function (t) { each(t.tBodies[0].rows, function (row) { rows.push(row); }); });
    var table = tables[0];
    var total = rows.length;
    var MANY = 400;  // from this many rows on, rows off screen are not laid out (extra.css)
    if (total >= MANY) { box.classList.add("many-rows"); }
    var attrs = FACETS.map(function (facet) {
      return rows.map(function (row) { return row.getAttribute("data-" + facet.key) || ""; });
    });
    var texts = null;      // each row's text, lower-cased, computed on the first text filter
    var sortKeys = {};     // column index → each row's sort key, computed on the first sort
    var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

    // Keep the row a link points at where the browser put it while the controls appear.
    var target = hashTarget();
    var targetTop = target && body.contains(target) && window.scrollY > 0 ? target.getBoundingClientRect().top : null;

    /* controls */
    var csvButton = box.querySelector("button.csv-download");  // drawn disabled in the page, kept
    controls.textContent = "";
    var search = el("div", "explorer-search");
    var searchLabel = el("label", null, "Filter by any word");
    searchLabel.htmlFor = "claims-filter";
    var input = el("input");
    input.type = "search";
    input.id = "claims-filter";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.placeholder = "an author, a quantity, part of a quote…";
    search.appendChild(searchLabel);
    search.appendChild(input);
    controls.appendChild(search);

    var selects = FACETS.map(function (facet, index) {
      var wrap = el("div", "explorer-facet");
      var label = el("label", null, facet.label);
      var select = el("select");
      select.id = "claims-facet-" + facet.key;
      select.setAttribute("data-facet", facet.key);
      label.htmlFor = select.id;
      select.appendChild(new Option(facet.all, ""));
      var values = attrs[index].filter(function (value, i, all) { return value && all.indexOf(value) === i; });
      if (facet.order) {
        values.sort(function (a, b) {
          var x = facet.order.indexOf(a), y = facet.order.indexOf(b);
          return (x < 0 ? 99 : x) - (y < 0 ? 99 : y) || collator.compare(a, b);
        });
      } else {
        values.sort(collator.compare);
      }
      values.forEach(function (value) {
        var text = facet.words ? (facet.symbols[value] ? facet.symbols[value] + " " : "") + (facet.words[value] || value) : value;
        select.appendChild(new Option(text, value));
      });
      wrap.appendChild(label);
      wrap.appendChild(select);
      controls.appendChild(wrap);
      select.addEventListener("change", apply);
      return select;
    });

    var actions = el("div", "explorer-actions");
    var reset = el("button", "explorer-reset", "Show all claims");
    reset.type = "button";
    reset.addEventListener("click", function () { clear(); input.focus(); });
    actions.appendChild(reset);
    if (csvButton) {
      csvButton.hidden = false;
      csvButton.disabled = false;
      actions.appendChild(csvButton);  // beside the filters, not after hundreds of rows
      csvButton.addEventListener("click", function () { download(visibleRecords(), filtered() ? "claims-filtered.csv" : "claims.csv"); });
    }
    controls.appendChild(actions);
    controls.hidden = false;

    var timer = 0;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 100);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { window.clearTimeout(timer); apply(); }
    });

    // Read every row's text in idle moments now, so that the first keystroke does not wait for it.
    function indexTexts() {
      var idle = window.requestIdleCallback || function (fn) { return window.setTimeout(fn, 50); };
      idle(function (deadline) {
        texts = texts || [];
        var stop = Math.min(total, texts.length + 500);
        while (texts.length < total && (deadline ? deadline.timeRemaining() > 1 : texts.length < stop)) {
          texts.push(rows[texts.length].textContent.replace(/\s+/g, " ").toLowerCase());
        }
        if (texts.length < total) { indexTexts(); }
      });
    }

    function filtered() {
      return input.value.trim() !== "" || selects.some(function (select) { return select.value !== ""; });
    }

    function clear() {
      input.value = "";
      selects.forEach(function (select) { select.value = ""; });
      apply();
    }

    function apply() {
      window.clearTimeout(timer);
      var needles = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      if (needles.length && (!texts || texts.length < total)) {
        texts = texts || [];
        for (var t = texts.length; t < total; t++) { texts.push(rows[t].textContent.replace(/\s+/g, " ").toLowerCase()); }
      }
      var wanted = selects.map(function (select) { return select.value; });
      var shown = 0;
      for (var i = 0; i < total; i++) {
        var visible = true;
        for (var f = 0; f < wanted.length && visible; f++) {
          if (wanted[f] && attrs[f][i] !== wanted[f]) { visible = false; }
        }
        for (var n = 0; n < needles.length && visible; n++) {
          if (texts[i].indexOf(needles[n]) === -1) { visible = false; }
        }
        if (rows[i].hidden === visible) { rows[i].hidden = !visible; }
        if (visible) { shown++; }
      }
      // a filter opens the groups it finds rows in and hides the others; no filter closes them again
      var active = filtered();
      groups.forEach(function (group) {
        var any = Array.prototype.some.call(group.querySelectorAll("tbody tr"), function (row) { return !row.hidden; });
        group.hidden = active && !any;
        if (active) { group.open = any; } else if (!group.contains(hashTarget())) { group.open = false; }
      });
      count.textContent = shown + " of " + total + " claims";
      count.setAttribute("data-shown", String(shown));
      count.setAttribute("data-query", input.value);  // what the rows shown were filtered by
    }

    /* sorting: a button in each header of each group sorts every group alike; rows move within
       their own group, nothing is re-rendered */
    var headerRows = tables.map(function (t) { return Array.prototype.slice.call(t.tHead.rows[0].cells); });
    var sorted = { column: -1, ascending: true };
    tables.forEach(function (t, index) {
      t.classList.add("sortable");
      headerRows[index].forEach(function (th, column) {
        var title = th.textContent.trim();
        if (title === "More") { return; }
        var button = el("button", "sort", title);
        button.type = "button";
        th.textContent = "";
        th.appendChild(button);
        th.classList.add("sortable");  // classes, not :has(): cheaper for the browser to keep styled
        button.addEventListener("click", function () { sortBy(column); });
      });
    });

    function sortKey(row, column) {
      var cell = row.cells[column];
      if (!cell) { return ""; }
      if (cell.getAttribute("data-label") === "Source comparison") { return row.getAttribute("data-verdict") || cell.textContent; }
      var number = cell.querySelector(".claim-link");
      return (number || cell).textContent.replace(/\s+/g, " ").trim();
    }

    function sortBy(column) {
      var ascending = sorted.column === column ? !sorted.ascending : true;
      if (!sortKeys[column]) { sortKeys[column] = rows.map(function (row) { return sortKey(row, column); }); }
      var keys = sortKeys[column];
      var order = rows.map(function (row, index) { return index; });
      order.sort(function (a, b) { return (ascending ? 1 : -1) * collator.compare(keys[a], keys[b]) || a - b; });
      order.forEach(function (index) { rows[index].parentNode.appendChild(rows[index]); });  // within its own group
      headerRows.forEach(function (headers) {
        headers.forEach(function (th, index) {
          if (index === column) { th.setAttribute("aria-sort", ascending ? "ascending" : "descending"); } else { th.removeAttribute("aria-sort"); }
        });
      });
      sorted = { column: column, ascending: ascending };
    }

    function visibleRecords() {
      var records = [["Claim id", "Claim", "Stated", "Check of the review's numbers", "Source comparison sign", "Source text", "Study", "Topic", "Source comparison"]];
      var ordered = [];
      tables.forEach(function (t) { each(t.tBodies[0].rows, function (row) { ordered.push(row); }); });
      ordered.forEach(function (row) {
        if (row.hidden) { return; }
        var cells = {};
        each(row.cells, function (cell) { cells[cell.getAttribute("data-label")] = cell; });
        var number = row.querySelector(".claim-link");
        var source = row.querySelector(".claim .source");
        var mark = row.getAttribute("data-mark") || "";
        records.push([
          row.id.replace(/^c-/, ""),
          cells.Claim ? cellText(cells.Claim) : "",
          number ? number.textContent.trim() : "",
          MARK_WORDS[mark] || mark,
          source ? (source.getAttribute("aria-label") || "") : "",
          cells["Source text"] ? cellText(cells["Source text"]) : "",
          row.getAttribute("data-study") || "",
          row.getAttribute("data-topic") || "",
          row.getAttribute("data-verdict") || ""
        ]);
      });
      return records;
    }

    // A link to a row the filters hide shows every claim again, then the row.
    window.addEventListener("hashchange", function () {
      var row = hashTarget();
      if (row && row.hidden && body.contains(row)) {
        clear();
        row.scrollIntoView({ block: "start" });
      }
    });

    apply();
    indexTexts();
    if (targetTop !== null) {
      var moved = target.getBoundingClientRect().top - targetTop;
      if (moved) { window.scrollBy(0, moved); }
    }
  }

  /* --- start ---------------------------------------------------------------------------------- */
  function start() {
    if (location.hash) { revealTarget(); }
    window.addEventListener("hashchange", revealTarget);
    enableTips();
    enableDownloads();
    each(document.querySelectorAll(".claims-explorer"), explorer);
    watchScrolling();
  }

  // MkDocs places this script after the page's content: starting at once (not at DOMContentLoaded)
  // shows the explorer's controls before the first paint, so nothing below them shifts.
  if (document.querySelector(".md-content")) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
