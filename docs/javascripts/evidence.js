/* Site script (progressive enhancement; the site reads fine without it):
   - a number's quote, study and check status on hover and keyboard focus;
   - "Download CSV" for every evidence table;
   - the claims explorer: filter and sort all claims. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script ? script.src.replace(/javascripts\/evidence\.js.*$/, "") : "/";
  var claims = null;
  var loading = null;

  function loadClaims() {
    if (!loading) {
      loading = fetch(root + "claims.json").then(function (r) { return r.json(); })
        .then(function (data) { claims = data; return data; });
    }
    return loading;
  }

  /* --- tooltips ------------------------------------------------------------------------ */
  var tip = document.createElement("div");
  tip.id = "claim-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;

  function show(anchor) {
    loadClaims().then(function (data) {
      var c = data[anchor.hash.replace(/^#c-/, "")];
      if (!c) { return; }
      tip.textContent = "";
      var q = document.createElement("q"); q.textContent = c.quote;
      var meta = document.createElement("span");
      meta.textContent = " — " + c.study + " — " + c.status + (c.primary ? " — primary source: " + c.primary : "");
      tip.appendChild(q); tip.appendChild(meta);
      if (!tip.parentNode) { document.body.appendChild(tip); }
      var box = anchor.getBoundingClientRect();
      tip.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - 380)) + "px";
      tip.style.top = (window.scrollY + box.bottom + 6) + "px";
      tip.hidden = false;
      anchor.setAttribute("aria-describedby", "claim-tip");
    });
  }

  function hide(anchor) {
    tip.hidden = true;
    if (anchor) { anchor.removeAttribute("aria-describedby"); }
  }

  function claimFrom(event) {
    return event.target.closest ? event.target.closest("a.claim") : null;
  }

  document.addEventListener("mouseover", function (e) { var a = claimFrom(e); if (a) { show(a); } });
  document.addEventListener("mouseout", function (e) { var a = claimFrom(e); if (a) { hide(a); } });
  document.addEventListener("focusin", function (e) { var a = claimFrom(e); if (a) { show(a); } });
  document.addEventListener("focusout", function (e) { var a = claimFrom(e); if (a) { hide(a); } });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(document.activeElement); } });

  /* --- CSV download for tables ----------------------------------------------------------- */
  function csvCell(text) {
    text = text.replace(/\s+/g, " ").trim();
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function tableCsv(table) {
    return Array.prototype.map.call(table.rows, function (row) {
      return Array.prototype.map.call(row.cells, function (cell) { return csvCell(cell.textContent); }).join(",");
    }).join("\n") + "\n";
  }

  function slug(text) {
    return (text || "table").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "table";
  }

  function enableDownloads() {
    document.querySelectorAll(".evidence-table button.csv-download").forEach(function (button) {
      var table = button.parentNode.querySelector("table");
      button.hidden = false;
      button.addEventListener("click", function () {
        var blob = new Blob([tableCsv(table)], { type: "text/csv;charset=utf-8" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = slug(table.caption ? table.caption.textContent : "") + ".csv";
        document.body.appendChild(link); link.click(); link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      });
    });
  }

  /* --- claims explorer -------------------------------------------------------------------- */
  var COLUMNS = [["id", "Claim"], ["study", "Study"], ["topic", "Topic"], ["quantity", "Quantity"], ["arm", "Group"],
                 ["value", "Stated"], ["status", "Check"], ["primary", "Primary source"], ["quote", "Source text"]];

  function buildExplorer(box) {
    var table = box.querySelector("table");
    var head = table.tHead.rows[0];
    var body = table.tBodies[0];
    var filter = box.querySelector("input");
    var count = box.querySelector(".claims-count");
    var sortKey = "id", ascending = true;
    loadClaims().then(function (data) {
      var rows = Object.keys(data).map(function (id) { var c = data[id]; c.id = id; return c; });
      COLUMNS.forEach(function (col) {
        var th = document.createElement("th"); th.scope = "col";
        var b = document.createElement("button"); b.type = "button"; b.textContent = col[1]; b.dataset.key = col[0];
        th.appendChild(b); head.appendChild(th);
        b.addEventListener("click", function () {
          ascending = sortKey === col[0] ? !ascending : true; sortKey = col[0]; render();
        });
      });
      filter.addEventListener("input", render);
      function render() {
        var needle = filter.value.toLowerCase();
        var shown = rows.filter(function (c) {
          return !needle || COLUMNS.some(function (col) { return String(c[col[0]]).toLowerCase().indexOf(needle) !== -1; });
        }).sort(function (a, b) {
          var x = String(a[sortKey]), y = String(b[sortKey]);
          return (ascending ? 1 : -1) * x.localeCompare(y, undefined, { numeric: true });
        });
        Array.prototype.forEach.call(head.cells, function (th) {
          var key = th.firstChild.dataset.key;
          th.setAttribute("aria-sort", key === sortKey ? (ascending ? "ascending" : "descending") : "none");
        });
        body.textContent = "";
        shown.forEach(function (c) {
          var tr = document.createElement("tr"); tr.id = "c-" + c.id;
          COLUMNS.forEach(function (col) {
            var td = document.createElement("td"); td.textContent = c[col[0]]; tr.appendChild(td);
          });
          body.appendChild(tr);
        });
        count.textContent = shown.length + " of " + rows.length + " claims";
      }
      render();
      if (location.hash) {
        var target = document.getElementById(location.hash.slice(1));
        if (target) { target.classList.add("target"); target.scrollIntoView(); }
      }
    });
  }

  function start() {
    enableDownloads();
    var box = document.querySelector(".claims-explorer");
    if (box) { buildExplorer(box); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
