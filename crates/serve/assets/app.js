// iki: the web page's script. Plain JavaScript, no build step, nothing
// loaded from elsewhere. Document text only ever reaches the page as text
// (textContent, text nodes, attribute values), never as HTML; the diff's
// HTML report is loaded from the server (with its own Content-Security-
// Policy: no script) into a frame sandboxed without allow-scripts.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  // Labels, as crates/model/data/messages.tsv words them in Indonesian.
  const KIND = {
    position_added: "Jabatan ditambahkan",
    position_removed: "Jabatan dihapus",
    position_renamed: "Jabatan berganti nama",
    position_renumbered: "Nomor jabatan berubah",
    position_moved: "Jabatan dipindahkan",
    tugas_changed: "Tugas berubah",
    fungsi_changed: "Fungsi berubah",
    indicator_added: "Indikator ditambahkan",
    indicator_removed: "Indikator dihapus",
    indicator_changed: "Indikator berubah",
    indicator_reordered: "Urutan indikator berubah",
    year_updated: "Hanya tahun berubah",
  };
  const FIELD = {
    title: "Nama jabatan",
    number: "Nomor",
    group: "Kelompok jabatan",
    unit: "Unit",
    tugas: "Tugas",
    fungsi: "Fungsi",
    sasaran: "Sasaran",
    indikator: "Indikator kinerja",
    formulasi: "Penjelasan / formulasi penghitungan",
    sumber_data: "Sumber data",
    measure: "Ukuran",
    formula: "Rumus",
    order: "Urutan",
  };
  const GROUP = {
    pimpinan_tinggi: "Jabatan Pimpinan Tinggi",
    administrator: "Jabatan Administrator",
    pengawas: "Jabatan Pengawas",
    fungsional_tertentu: "Jabatan Fungsional",
    fungsional_umum: "Jabatan Pelaksana",
  };
  const SEVERITY = {
    error: "Galat",
    warning: "Peringatan",
    note: "Catatan",
    help: "Bantuan",
  };
  const RULE = {
    unicode_nfc: "Unicode",
    whitespace: "Spasi",
    glossary: "Ejaan (glosarium)",
    inner_case: "Huruf besar di tengah kata",
    doubled_word: "Kata ganda",
    punctuation_spacing: "Spasi tanda baca",
    trailing_dots: "Titik berlebih",
    duplicate_row: "Baris ganda dihapus",
  };
  const PROBLEM = {
    400: "Permintaan tidak dapat diproses",
    408: "Waktu habis",
    413: "Dokumen terlalu besar",
    415: "Jenis dokumen tidak dikenali",
    422: "Dokumen tidak dapat dibaca seluruhnya",
    501: "PDF tidak dapat dibaca di server ini",
    503: "Server sedang sibuk: coba lagi sebentar lagi",
  };

  // --- small helpers ---------------------------------------------------

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === "class") e.className = v;
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) {
      if (c == null) continue;
      e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }

  function clear(node) {
    node.replaceChildren();
  }

  function status(text) {
    $("status").textContent = text;
  }

  const enc = encodeURIComponent;

  /** "a" or "a–b" for a [first, last] line span. */
  function lines(span) {
    if (!Array.isArray(span) || span.length === 0) return "—";
    return span[0] === span[span.length - 1] ? String(span[0]) : `${span[0]}–${span[span.length - 1]}`;
  }

  /** The label of a field path: "indicators[2].sumber_data", "extra.TARGET" (its own name). */
  function fieldLabel(path) {
    if (path == null) return "—";
    const last = String(path).split(".").pop();
    return FIELD[last] || last;
  }

  function baseName(name) {
    const n = String(name || "dokumen").replace(/\.[^.]*$/, "");
    return n || "dokumen";
  }

  /** An error carrying the RFC 9457 problem the server answered. */
  async function failure(response) {
    let p = null;
    try {
      p = await response.json();
    } catch (_) {
      p = null;
    }
    const e = new Error((p && p.detail) || response.statusText || "HTTP " + response.status);
    e.problem = p && typeof p === "object" ? p : {};
    e.status = response.status;
    return e;
  }

  async function post(url, body) {
    let response;
    try {
      response = await fetch(url, { method: "POST", body });
    } catch (_) {
      const e = new Error("server tidak dapat dihubungi");
      e.status = 0;
      e.problem = {};
      throw e;
    }
    if (!response.ok) throw await failure(response);
    return response;
  }

  /** Shows a problem in `box`: a title in Indonesian, the server's detail and diagnostics. */
  function showProblem(box, error, retry) {
    clear(box);
    const p = error.problem || {};
    const title = PROBLEM[error.status] || (error.status ? "Terjadi kesalahan" : "Server tidak dapat dihubungi");
    box.append(el("p", { class: "judul-galat" }, title));
    if (p.detail || error.message) box.append(el("p", {}, p.detail || error.message));
    if (Array.isArray(p.diagnostics) && p.diagnostics.length) {
      const ul = el("ul", { class: "diagnosis" });
      for (const d of p.diagnostics) ul.append(diagnostic(d, d.line));
      box.append(ul);
    }
    if (retry) box.append(el("p", {}, retry));
    box.hidden = false;
  }

  function diagnostic(d, line) {
    const sev = SEVERITY[d.severity] ? d.severity : "note";
    return el(
      "li",
      { class: "diag " + sev },
      el("span", { class: "lencana" }, SEVERITY[sev]),
      " ",
      el("span", { class: "tempat" }, line == null ? "" : "baris " + line),
      " ",
      el("span", { class: "pesan" }, d.message || ""),
      " ",
      el("code", {}, d.code || "")
    );
  }

  /** Saves `blob` as `name` through a temporary link. */
  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // --- one document ----------------------------------------------------

  let current = null; // { file, query }
  let rows = []; // { tr, position, text }

  async function openDocument(file, partial) {
    $("galat").hidden = true;
    status(`Membaca ${file.name}…`);
    const query = `name=${enc(file.name)}${partial ? "&accept_partial=true" : ""}`;
    try {
      const [doc, check] = await Promise.all([
        post(`/v1/convert?${query}`, file).then((r) => r.json()),
        post(`/v1/check?name=${enc(file.name)}`, file)
          .then((r) => r.json())
          .catch(() => null),
      ]);
      current = { file, query };
      const positions = showDocument(doc, file);
      showCheck(check, positions);
      $("hasil").hidden = false;
      status(`${file.name}: ${rows.length} baris dibaca.`);
    } catch (e) {
      status("");
      let retry = null;
      if (e.status === 422 && !partial) {
        retry = el("button", { type: "button" }, "Tetap tampilkan yang terbaca");
        retry.addEventListener("click", () => openDocument(file, true));
      }
      showProblem($("galat"), e, retry);
    }
  }

  function showDocument(doc, file) {
    $("judul-dokumen").textContent = doc.title || file.name;
    const positions = new Map();
    const select = $("jabatan");
    clear(select);
    select.append(el("option", { value: "" }, "Semua jabatan"));
    const body = $("baris").tBodies[0];
    clear(body);
    rows = [];

    // The columns beyond the four (TARGET, PENANGGUNG JAWAB...), in order of appearance.
    const extras = [];
    for (const g of doc.groups || [])
      for (const p of g.positions || [])
        for (const i of p.indicators || [])
          for (const k of Object.keys(i.extra || {})) if (!extras.includes(k)) extras.push(k);
    const head = $("kepala-baris");
    for (const th of head.querySelectorAll("th.ekstra")) th.remove();
    const last = head.lastElementChild;
    for (const k of extras) head.insertBefore(el("th", { scope: "col", class: "ekstra" }, k), last);

    let count = 0;
    for (const g of doc.groups || []) {
      const og = el("optgroup", { label: GROUP[g.kind] || g.title || g.kind });
      for (const p of g.positions || []) {
        const name = (p.number ? p.number + ". " : "") + (p.title || "");
        positions.set(p.id, name);
        const n = (p.indicators || []).length;
        count += 1;
        og.append(el("option", { value: p.id }, `${name} (${n})`));
        for (const i of p.indicators || []) {
          const cells = [i.sasaran, i.indikator, i.formulasi, i.sumber_data];
          for (const k of extras) cells.push((i.extra || {})[k]);
          // A position's later rows show its name muted.
          const again = rows.length > 0 && rows[rows.length - 1].position === p.id;
          const tr = el(
            "tr",
            { class: again ? "lagi" : null },
            el("th", { scope: "row" }, name),
            ...cells.map((c) => el("td", {}, c == null ? "" : c)),
            el("td", { class: "angka" }, lines(i.span))
          );
          body.append(tr);
          rows.push({
            tr,
            position: p.id,
            text: [name, ...cells].join("\n").toLocaleLowerCase("id"),
          });
        }
      }
      select.append(og);
    }

    const dl = $("ringkasan");
    clear(dl);
    const item = (k, v) => {
      if (v == null || v === "") return;
      dl.append(el("div", {}, el("dt", {}, k), el("dd", {}, v)));
    };
    item("Berkas", file.name);
    item("Instansi", doc.agency_name || doc.agency);
    item("Wilayah", doc.region);
    item("Tahun", doc.year);
    item("Jabatan", count);
    item("Baris indikator", rows.length);
    $("saring").value = "";
    filter();
    return positions;
  }

  function filter() {
    const words = $("saring").value.toLocaleLowerCase("id").split(/\s+/).filter(Boolean);
    const position = $("jabatan").value;
    let shown = 0;
    for (const r of rows) {
      const ok = (!position || r.position === position) && words.every((w) => r.text.includes(w));
      r.tr.hidden = !ok;
      if (ok) shown += 1;
    }
    $("jumlah").textContent =
      shown === rows.length ? `${rows.length} baris` : `Menampilkan ${shown} dari ${rows.length} baris`;
    $("kosong").hidden = shown > 0;
  }

  function showCheck(check, positions) {
    const list = $("daftar-peringatan");
    const fixes = $("tabel-perbaikan").tBodies[0];
    const hints = $("daftar-saran");
    clear(list);
    clear(fixes);
    clear(hints);
    if (!check) {
      $("ringkasan-periksa").textContent = "Pemeriksaan tidak tersedia.";
      $("hitung-peringatan").textContent = "";
      $("hitung-perbaikan").textContent = "";
      return;
    }
    const diags = check.diagnostics || [];
    const s = check.summary || {};
    const notes = diags.filter((d) => d.severity === "note" || d.severity === "help").length;
    $("ringkasan-periksa").textContent =
      `${s.errors || 0} galat, ${s.warnings || 0} peringatan, ${notes} catatan.`;
    $("hitung-peringatan").textContent = `(${diags.length})`;
    if (diags.length === 0) list.append(el("li", {}, "Tidak ada peringatan."));
    for (const d of diags) list.append(diagnostic(d, Array.isArray(d.span) ? lines(d.span) : d.line));

    const changes = check.changes || [];
    $("hitung-perbaikan").textContent = `(${changes.length})`;
    for (const c of changes) {
      const where = [positions.get(c.position) || c.position, fieldLabel(c.field)]
        .filter(Boolean)
        .join(" · ");
      fixes.append(
        el(
          "tr",
          {},
          el("td", { class: "angka" }, c.line == null ? "—" : c.line),
          el("td", {}, RULE[c.rule] || c.rule || ""),
          el("td", {}, where),
          el("td", { class: "sebelum" }, c.before == null ? "—" : c.before),
          el("td", { class: "sesudah" }, c.after == null ? "—" : c.after)
        )
      );
    }
    const suggestions = check.suggestions || [];
    if (suggestions.length === 0) hints.append(el("li", {}, "Tidak ada saran."));
    for (const g of suggestions) {
      hints.append(
        el(
          "li",
          {},
          el("span", { class: "sebelum" }, g.word || ""),
          " → ",
          el("span", { class: "sesudah" }, g.candidate || ""),
          "? ",
          el("span", { class: "tempat" }, `baris ${(g.lines || []).join(", ")}`)
        )
      );
    }
  }

  async function download(format) {
    if (!current) return;
    status(`Menyiapkan ${format.toUpperCase()}…`);
    try {
      const r = await post(`/v1/convert?format=${format}&${current.query}`, current.file);
      save(await r.blob(), `${baseName(current.file.name)}.${format}`);
      status(`${baseName(current.file.name)}.${format} diunduh.`);
    } catch (e) {
      status("");
      showProblem($("galat"), e);
    }
  }

  // --- two documents ---------------------------------------------------

  function diffQuery() {
    return $("abaikan-tahun").checked ? "&ignore_years=true" : "";
  }

  function setFile(input, file) {
    const dt = new DataTransfer();
    dt.items.add(file);
    input.files = dt.files;
    showName(input);
  }

  /** The chosen file's name beside a file input of the comparison. */
  function showName(input) {
    const f = input.files && input.files[0];
    $("nama-" + input.id).textContent = f ? f.name : "Belum dipilih";
  }

  function diffForm() {
    const old = $("lama").files[0];
    const neu = $("baru").files[0];
    if (!old || !neu) return null;
    const form = new FormData();
    form.append("old", old, old.name);
    form.append("new", neu, neu.name);
    return form;
  }

  /** Compares the two chosen documents; `order` puts the earlier year first. */
  async function compare(order) {
    const form = diffForm();
    const box = $("galat-banding");
    box.hidden = true;
    if (!form) {
      showProblem(box, { status: 400, problem: { detail: "Pilih dokumen tahun lama dan dokumen tahun baru." } });
      return;
    }
    status("Membandingkan…");
    try {
      const r = await post(`/v1/diff?format=json${diffQuery()}`, form);
      const d = await r.json();
      const years = [d.old && d.old.year, d.new && d.new.year];
      if (order && years[0] && years[1] && years[0] > years[1]) {
        const old = $("lama").files[0];
        setFile($("lama"), $("baru").files[0]);
        setFile($("baru"), old);
        return compare(false);
      }
      showDiff(d);
      status(`Perbandingan selesai: ${(d.changes || []).length} perubahan.`);
      // The full report, from the server, in the sandboxed frame (the form
      // posts the same two files there).
      const f = $("form-banding");
      f.action = `/v1/diff?format=html&lang=id${diffQuery()}`;
      f.submit();
    } catch (e) {
      status("");
      showProblem(box, e);
    }
  }

  function side(doc) {
    if (!doc) return "";
    const parts = [doc.title || doc.file, doc.year, `${doc.positions} jabatan`, `${doc.indicators} indikator`];
    return parts.filter((x) => x != null && x !== "").join(" · ");
  }

  function value(v) {
    if (v == null) return "—";
    if (typeof v !== "object") return String(v);
    const out = [];
    for (const [k, x] of Object.entries(v)) {
      if (k === "extra" && x && typeof x === "object") {
        for (const [ek, ev] of Object.entries(x)) out.push(`${ek}: ${ev}`);
      } else if (x != null && x !== "") {
        out.push(`${FIELD[k] || k}: ${typeof x === "object" ? JSON.stringify(x) : x}`);
      }
    }
    return out.join("\n");
  }

  function showDiff(d) {
    const names = new Map();
    for (const s of [d.old, d.new])
      for (const p of (s && s.position_names) || [])
        names.set(p.id, (p.number ? p.number + ". " : "") + (p.title || ""));
    const changes = d.changes || [];
    $("total-banding").textContent = changes.length ? `${changes.length} perubahan` : "Tidak ada perubahan.";
    const dl = $("sisi-banding");
    clear(dl);
    dl.append(el("div", {}, el("dt", {}, "Lama"), el("dd", {}, side(d.old))));
    dl.append(el("div", {}, el("dt", {}, "Baru"), el("dd", {}, side(d.new))));

    const sum = $("ringkasan-banding").tBodies[0];
    clear(sum);
    for (const [k, n] of Object.entries(d.summary || {})) {
      if (!n) continue;
      sum.append(el("tr", {}, el("td", {}, KIND[k] || k), el("td", { class: "angka" }, n)));
    }

    const body = $("perubahan").tBodies[0];
    clear(body);
    for (const c of changes) {
      const id = c.position_new || c.position_old;
      const where = [c.old_lines ? lines(c.old_lines) : "—", c.new_lines ? lines(c.new_lines) : "—"].join(" / ");
      body.append(
        el(
          "tr",
          { class: "ubah " + (c.kind || "") },
          el("td", {}, KIND[c.kind] || c.kind || ""),
          el("td", {}, names.get(id) || id || ""),
          el("td", {}, fieldLabel(c.field)),
          el("td", { class: "sebelum" }, value(c.before)),
          el("td", { class: "sesudah" }, value(c.after)),
          el("td", { class: "angka" }, where)
        )
      );
    }
    $("hasil-banding").hidden = false;
  }

  async function downloadReport() {
    const form = diffForm();
    if (!form) return;
    try {
      const r = await post(`/v1/diff?format=html&lang=id${diffQuery()}`, form);
      save(await r.blob(), `perbandingan-${baseName($("lama").files[0].name)}-${baseName($("baru").files[0].name)}.html`);
    } catch (e) {
      showProblem($("galat-banding"), e);
    }
  }

  // --- choosing and dropping ------------------------------------------

  function take(files) {
    const list = Array.from(files || []);
    $("galat").hidden = true;
    if (list.length === 1) {
      openDocument(list[0], false);
    } else if (list.length === 2) {
      list.sort((a, b) => a.name.localeCompare(b.name, "id", { numeric: true }));
      setFile($("lama"), list[0]);
      setFile($("baru"), list[1]);
      $("banding").scrollIntoView({ block: "start" });
      compare(true);
    } else if (list.length > 2) {
      showProblem($("galat"), {
        status: 400,
        problem: { detail: `${list.length} dokumen dipilih: pilih satu dokumen, atau dua untuk dibandingkan.` },
      });
    }
  }

  function init() {
    const input = $("berkas");
    input.addEventListener("change", () => {
      take(input.files);
      input.value = "";
    });
    const zone = $("zona");
    // A file dropped anywhere on the page is taken, never opened by the browser.
    document.addEventListener("dragover", (e) => {
      e.preventDefault();
      zone.classList.add("aktif");
    });
    document.addEventListener("dragleave", (e) => {
      if (e.target === document.documentElement || e.relatedTarget == null) zone.classList.remove("aktif");
    });
    document.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("aktif");
      if (e.dataTransfer) take(e.dataTransfer.files);
    });

    $("saring").addEventListener("input", filter);
    $("jabatan").addEventListener("change", filter);
    for (const b of document.querySelectorAll("#hasil .unduh button[data-format]")) {
      b.addEventListener("click", () => download(b.dataset.format));
    }
    $("form-banding").addEventListener("submit", (e) => {
      e.preventDefault();
      compare(false);
    });
    $("unduh-laporan").addEventListener("click", downloadReport);
    for (const id of ["lama", "baru"]) {
      const i = $(id);
      i.addEventListener("change", () => showName(i));
      showName(i);
    }
  }

  init();
})();
