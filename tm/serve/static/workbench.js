/* zhen-tm workbench: plain JavaScript, no library, no network but this server.
   Every action is a JSON POST carrying the session's CSRF token; the server
   answers with a message, and the changed rows are fetched again as HTML that
   the server rendered (and escaped). */
(function () {
  "use strict";

  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var statusBox = document.getElementById("status");
  var statusTimer = null;

  function say(message, isError) {
    statusBox.textContent = message || "";
    statusBox.className = isError ? "error" : "";
    clearTimeout(statusTimer);
    if (message) statusTimer = setTimeout(function () { statusBox.textContent = ""; }, isError ? 8000 : 3500);
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return { ok: false, error: "HTTP " + r.status }; })
        .then(function (data) { data.status = r.status; return data; });
    }).then(function (data) {
      if (!data.ok) {
        say(data.error || "failed", true);
        var err = new Error(data.error || "failed");
        err.answer = data;          // 409: someone changed it meanwhile; the answer has what it is now
        throw err;
      }
      say(data.message || "saved");
      return data;
    });
  }

  function getHTML(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.text().then(function (t) { return { text: t, headers: r.headers }; });
    });
  }

  function typing(ev) {
    var t = ev.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  function anyDialogOpen() { return !!document.querySelector("dialog[open]"); }

  // ---------------------------------------------------------------- common
  document.addEventListener("change", function (ev) {
    if (ev.target.matches("[data-autosubmit]")) ev.target.form.submit();
  });
  var help = document.getElementById("help");
  document.querySelectorAll("[data-help]").forEach(function (b) {
    b.addEventListener("click", function () { help.showModal(); });
  });
  document.querySelectorAll("dialog [data-close]").forEach(function (b) {
    b.addEventListener("click", function () { b.closest("dialog").close("cancel"); });
  });

  var keymap = {};   // the current view's shortcuts
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev) || anyDialogOpen()) return;
    if (ev.key === "/") { ev.preventDefault(); document.getElementById("searchbox").focus(); return; }
    if (ev.key === "?") { ev.preventDefault(); help.showModal(); return; }
    var fn = keymap[ev.key];
    if (fn) { ev.preventDefault(); fn(ev); }
  });

  function pageLink(which) {
    var a = document.querySelector('[data-pager="' + which + '"]');
    if (a) location.href = a.href;
  }

  function moveSel(rows, current, step, onSelect) {
    if (!rows.length) return;
    var i = rows.indexOf(current);
    var next = rows[Math.max(0, Math.min(rows.length - 1, i < 0 ? 0 : i + step))];
    onSelect(next);
  }

  var view = document.body.dataset.view;

  // ---------------------------------------------------------------- alignment
  if (view === "align") {
    var table = document.getElementById("beads");
    var tbody = document.getElementById("rows");
    var pair = table.dataset.pair;

    var rows = function () { return Array.prototype.slice.call(tbody.querySelectorAll("tr.bead")); };
    var selected = function () { return tbody.querySelector("tr.bead.sel"); };
    var selLabel = document.querySelector('#actionbar [data-field="selected"]');
    var select = function (row, scroll) {
      if (!row) { selLabel.textContent = ""; return; }
      rows().forEach(function (r) { r.classList.toggle("sel", r === row); });
      if (scroll !== false) row.scrollIntoView({ block: "nearest" });
      selLabel.textContent = row.dataset.key;
      // the address keeps the selection (a reload comes back to it); not while loading,
      // when the browser would scroll to the new fragment
      if (document.readyState === "complete") history.replaceState(null, "", "#u-" + row.dataset.key);
    };
    var target = selected() || (location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1))));
    if (target) select(target, true); else select(rows()[0], false);

    var refresh = function (key) {
      var q = new URLSearchParams({ pair: pair, offset: table.dataset.offset, limit: table.dataset.limit, fragment: "rows" });
      if (table.dataset.low === "1") q.set("low", "1");
      if (key) q.set("at", key);
      var before = selected();
      var index = before ? rows().indexOf(before) : 0;
      return getHTML("/align?" + q.toString()).then(function (res) {
        tbody.innerHTML = res.text;
        var off = res.headers.get("X-Page-Offset");
        if (off !== null) table.dataset.offset = off;
        var row = key && document.getElementById("u-" + key);
        var all = rows();
        select(row || all[Math.min(index, all.length - 1)]);
        document.dispatchEvent(new CustomEvent("tm:refreshed"));
      });
    };

    // an edit or a mark changes one unit in place: redraw just its row
    var redrawRow = function (key) {
      var q = new URLSearchParams({ pair: pair, fragment: "row", at: key });
      return getHTML("/align?" + q.toString()).then(function (res) {
        var old = document.getElementById("u-" + key);
        var box = document.createElement("tbody");
        box.innerHTML = res.text;
        var row = box.querySelector("tr.bead");
        if (!old || !row) return refresh(key);
        old.replaceWith(row);
        select(row, false);
        document.dispatchEvent(new CustomEvent("tm:refreshed"));
      });
    };

    var sentences = function (row, side) {
      return Array.prototype.map.call(row.querySelectorAll("td." + side + " .s"), function (s) { return s.textContent; });
    };

    // what the page shows of the units an action names: the server refuses the action
    // (409, nothing written) when one of them changed since
    var seen = function (rows) {
      var out = {};
      rows.forEach(function (r) { if (r) out[r.dataset.key] = r.dataset.version; });
      return out;
    };
    // the bead shown next to ``row`` (in document order only: the low-confidence view
    // shows beads of other places next to each other)
    var shownNeighbour = function (row, direction) {
      if (table.dataset.low === "1") return null;
      var n = direction === "next" ? row.nextElementSibling : row.previousElementSibling;
      return n && n.matches("tr.bead") ? n : null;
    };
    // refused because the page was stale: redraw so the person sees what is there now
    var stale = function (key) {
      return function (err) { if (err && err.answer && err.answer.status === 409) refresh(key); };
    };

    var act = function (name, row, extra) {
      row = row || selected();
      if (!row) return;
      var key = row.dataset.key;
      if (name === "edit") return openEdit(row);
      if (name === "split") return openSplit(row);
      var body = Object.assign({ action: name, key: key }, extra || {});
      var direction = name === "move" ? body.direction : name === "merge-next" ? "next" : name === "merge-prev" ? "prev" : null;
      var neighbour = direction && shownNeighbour(row, direction);
      if (neighbour) body.neighbour = neighbour.dataset.key;
      body.seen = seen([row, neighbour]);
      var inPlace = name === "mark";
      return post("/api/unit", body).then(function (res) {
        return inPlace ? redrawRow(key) : refresh(res.select || key);
      }, stale(key));
    };

    var editDialog = document.getElementById("edit-dialog");
    var editForm = document.getElementById("edit-form");
    var conflictBox = document.getElementById("edit-conflict");
    var openEdit = function (row) {
      editDialog.dataset.key = row.dataset.key;
      editDialog.dataset.version = row.dataset.version;
      editDialog.querySelector('[data-field="key"]').textContent = row.dataset.key;
      editForm.elements.zh.value = editDialog.dataset.zh = sentences(row, "zh").join("");
      editForm.elements.en.value = editDialog.dataset.en = sentences(row, "en").join(" ");
      conflictBox.hidden = true;
      editDialog.showModal();
      editForm.elements.en.focus();
    };
    // the edit was refused because someone changed the unit since the dialog opened: the
    // dialog opens again with the person's typing as it was and the unit's text now above
    // it; saving again applies the typing to that text (only a side that differs from it)
    var editConflict = function (key, answer) {
      var now = (answer.current || []).filter(function (u) { return u.key === key; })[0];
      conflictBox.querySelector('[data-field="message"]').textContent = answer.error;
      conflictBox.querySelector('[data-field="zh"]').textContent = now ? now.zh : "(gone)";
      conflictBox.querySelector('[data-field="en"]').textContent = now ? now.en : "(gone)";
      conflictBox.hidden = false;
      if (now) {
        editDialog.dataset.zh = now.zh;
        editDialog.dataset.en = now.en;
        editDialog.dataset.version = now.version;
        editDialog.showModal();
      }
      redrawRow(key).catch(function () {});
    };
    editForm.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); editDialog.close("save"); }
    });
    editDialog.addEventListener("close", function () {
      if (editDialog.returnValue !== "save") return;
      var key = editDialog.dataset.key;
      // only the sides the person changed are sent (the other keeps its exact text)
      var body = { action: "edit", key: key, seen: {} };
      body.seen[key] = editDialog.dataset.version;
      if (editForm.elements.zh.value !== editDialog.dataset.zh) body.zh = editForm.elements.zh.value;
      if (editForm.elements.en.value !== editDialog.dataset.en) body.en = editForm.elements.en.value;
      if (body.zh === undefined && body.en === undefined) { say("nothing changed"); return; }
      post("/api/unit", body).then(function () { return redrawRow(key); }, function (err) {
        if (err && err.answer && err.answer.status === 409) editConflict(key, err.answer);
      });
    });

    var splitDialog = document.getElementById("split-dialog");
    var openSplit = function (row) {
      splitDialog.dataset.key = row.dataset.key;
      splitDialog.dataset.version = row.dataset.version;
      splitDialog.querySelector('[data-field="key"]').textContent = row.dataset.key;
      ["zh", "en"].forEach(function (side) {
        var box = splitDialog.querySelector('[data-side="' + side + '"]');
        var list = sentences(row, side);
        box.textContent = "";
        for (var i = 0; i <= list.length; i++) {
          var label = document.createElement("label");
          var input = document.createElement("input");
          input.type = "radio"; input.name = side + "_at"; input.value = String(i);
          if (i === Math.min(1, list.length)) input.checked = true;
          label.appendChild(input);
          var text = document.createElement("span");
          text.textContent = i === 0 ? "(nothing before the cut)" : "… " + list[i - 1] + " ✂";
          if (side === "zh") text.lang = "zh-CN";
          label.appendChild(text);
          box.appendChild(label);
        }
      });
      splitDialog.showModal();
    };
    splitDialog.addEventListener("close", function () {
      if (splitDialog.returnValue !== "split") return;
      var f = document.getElementById("split-form").elements;
      var key = splitDialog.dataset.key;
      var body = { action: "split", key: key, zh_at: parseInt(f.zh_at.value, 10), en_at: parseInt(f.en_at.value, 10),
                   seen: {} };
      body.seen[key] = splitDialog.dataset.version;
      post("/api/unit", body).then(function (res) { return refresh(res.select || key); }, stale(key));
    });

    tbody.addEventListener("click", function (ev) {
      var row = ev.target.closest("tr.bead");
      if (row) select(row, false);
    });
    document.getElementById("actionbar").addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-act]");
      if (!b) return;
      var extra = b.dataset.side ? { side: b.dataset.side, direction: b.dataset.dir } : null;
      act(b.dataset.act, null, extra);
    });
    tbody.addEventListener("dblclick", function (ev) {
      var row = ev.target.closest("tr.bead");
      if (row && ev.target.closest("td.en, td.zh")) act("edit", row);
    });
    document.querySelectorAll("[data-undo]").forEach(function (b) {
      b.addEventListener("click", function () { undo(); });
    });
    // undo takes back this browser's own latest change (the server keeps which are its own)
    var undo = function () {
      post("/api/undo", { pair: pair }).then(function (res) { return refresh(res.select); }, function () {});
    };

    var lowToggle = document.querySelector('input[name="low"]');
    keymap = {
      j: function () { moveSel(rows(), selected(), 1, select); },
      k: function () { moveSel(rows(), selected(), -1, select); },
      n: function () { pageLink("next"); },
      p: function () { pageLink("prev"); },
      m: function () { act("merge-next"); },
      M: function () { act("merge-prev"); },
      s: function () { act("split"); },
      u: function () { act("unalign"); },
      e: function () { act("edit"); },
      Enter: function () { act("edit"); },
      r: function () { act("mark"); },
      z: undo,
      l: function () { if (lowToggle) { lowToggle.checked = !lowToggle.checked; lowToggle.form.submit(); } },
      "]": function () { act("move", null, { side: "en", direction: "next" }); },
      "[": function () { act("move", null, { side: "en", direction: "prev" }); },
      "}": function () { act("move", null, { side: "zh", direction: "next" }); },
      "{": function () { act("move", null, { side: "zh", direction: "prev" }); }
    };
  }

  // ---------------------------------------------------------------- terms
  if (view === "terms") {
    var termBody = document.getElementById("term-rows");
    var detail = document.getElementById("term-detail");
    var bulk = document.querySelector("[data-bulk-approve]");
    var termRows = function () { return Array.prototype.slice.call(termBody.querySelectorAll("tr.term")); };
    var currentTerm = function () { return termBody.querySelector("tr.term.sel"); };

    var openTerm = function (row) {
      if (!row) return;
      termRows().forEach(function (r) { r.classList.toggle("sel", r === row); });
      row.scrollIntoView({ block: "nearest" });
      return getHTML("/terms/entry?" + new URLSearchParams({ zh: row.dataset.zh })).then(function (res) {
        detail.innerHTML = res.text;
        document.dispatchEvent(new CustomEvent("tm:term-loaded"));
      });
    };
    var refreshTerms = function (zh) {
      var q = new URLSearchParams(location.search);
      q.set("fragment", "rows");
      return getHTML("/terms?" + q.toString()).then(function (res) {
        termBody.innerHTML = res.text;
        updateBulk();
        var row = termRows().filter(function (r) { return r.dataset.zh === zh; })[0];
        if (row) return openTerm(row);
        detail.innerHTML = "";
      });
    };
    var chosenRendering = function (form) {
      var checked = form.querySelector('input[name="en"]:checked');
      if (!checked) return "";
      if (checked.hasAttribute("data-custom")) return form.elements.custom.value.trim();
      return checked.value;
    };
    var termAct = function (action, zh, extra) {
      return post("/api/term", Object.assign({ action: action, zh: zh }, extra || {}))
        .then(function () { return refreshTerms(zh); }, function () {});
    };
    var approveCurrent = function () {
      var form = detail.querySelector(".approve-form");
      if (!form) return;
      var en = chosenRendering(form);
      termAct("approve", form.dataset.zh, { en: en ? [en] : [] });
    };
    var updateBulk = function () {
      bulk.disabled = !termBody.querySelector("input[data-select]:checked");
    };

    termBody.addEventListener("click", function (ev) {
      var row = ev.target.closest("tr.term");
      if (!row || ev.target.matches("input[data-select]")) { updateBulk(); return; }
      ev.preventDefault();
      openTerm(row);
    });
    document.querySelector("[data-select-all]").addEventListener("change", function (ev) {
      termBody.querySelectorAll("input[data-select]").forEach(function (c) { c.checked = ev.target.checked; });
      updateBulk();
    });
    bulk.addEventListener("click", function () {
      var zhs = Array.prototype.map.call(termBody.querySelectorAll("input[data-select]:checked"), function (c) {
        return c.closest("tr").dataset.zh;
      });
      post("/api/term", { action: "approve-many", zh: zhs }).then(function () {
        return refreshTerms(currentTerm() && currentTerm().dataset.zh);
      }, function () {});
    });
    detail.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var form = ev.target;
      if (form.matches(".approve-form")) approveCurrent();
      if (form.matches(".forbid-form")) {
        var value = form.elements.forbidden.value.trim();
        if (value) termAct("forbid", form.dataset.zh, { en: value });
      }
    });
    detail.addEventListener("click", function (ev) {
      var b = ev.target.closest("button");
      if (!b) return;
      var zh = b.closest("[data-zh]").dataset.zh;
      if (b.dataset.termAct === "reject") termAct("reject", zh);
      if (b.dataset.forbid !== undefined) { ev.preventDefault(); termAct("forbid", zh, { en: b.dataset.forbid }); }
    });
    detail.addEventListener("input", function (ev) {
      if (ev.target.name === "custom") {
        var radio = detail.querySelector("input[data-custom]");
        if (radio) radio.checked = true;
      }
    });
    keymap = {
      j: function () { moveSel(termRows(), currentTerm(), 1, openTerm); },
      k: function () { moveSel(termRows(), currentTerm(), -1, openTerm); },
      x: function () {
        var row = currentTerm();
        if (row) { var c = row.querySelector("input[data-select]"); c.checked = !c.checked; updateBulk(); }
      },
      a: approveCurrent,
      d: function () { var row = currentTerm(); if (row) termAct("reject", row.dataset.zh); },
      n: function () { pageLink("next"); },
      p: function () { pageLink("prev"); }
    };
  }

  // ---------------------------------------------------------------- findings
  if (view === "findings") {
    var items = function () { return Array.prototype.slice.call(document.querySelectorAll("article.finding")); };
    var currentFinding = function () { return document.querySelector("article.finding.sel"); };
    var pick = function (a) {
      if (!a) return;
      items().forEach(function (x) { x.classList.toggle("sel", x === a); });
      a.scrollIntoView({ block: "nearest" });
    };
    var ignore = function (article) {
      if (!article) return;
      var box = article.querySelector(".ignore-form");
      if (box) { box.querySelector("input").focus(); return; }
      var form = document.createElement("form");
      form.className = "ignore-form";
      var input = document.createElement("input");
      input.type = "text"; input.name = "reason"; input.placeholder = "why is it not a problem?";
      input.required = true;
      input.setAttribute("aria-label", "reason");
      var ok = document.createElement("button");
      ok.className = "primary"; ok.textContent = "Mark not a problem";
      form.appendChild(input); form.appendChild(ok);
      article.querySelector("header").after(form);
      input.focus();
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var box = document.getElementById("findings");
        post("/api/finding", { action: "ignore", id: article.dataset.id, reason: input.value,
                               source: box.dataset.source, pair: box.dataset.pair })
          .then(function () {
            var next = article.nextElementSibling;
            article.remove();
            if (next && next.matches("article.finding")) pick(next);
          }, function () {});
      });
    };
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest("article.finding");
      if (a) pick(a);
      if (ev.target.matches("[data-ignore]")) ignore(a);
    });
    keymap = {
      j: function () { moveSel(items(), currentFinding(), 1, pick); },
      k: function () { moveSel(items(), currentFinding(), -1, pick); },
      i: function () { ignore(currentFinding()); },
      g: function () {
        var a = currentFinding();
        var link = a && a.querySelector("td.key a");
        if (link) location.href = link.href;
      }
    };
  }
})();
