// The manager dashboard: today's live view (polled every 2 s), period reports
// with tables, SVG charts and a CSV download, the officer sheet, and the routing
// between the views. Every figure comes from the server's own ops (snapshot, report,
// officers, officer_sheet); the IKM view is ikm.js's, its saran and pengaduan skm.js's.
'use strict';

const LIVE_INTERVAL_MS = 2000;
const STATE_WORDS = {open: 'Buka', paused: 'Istirahat', closed: 'Tutup'};
const TICKET_WORDS = {waiting: 'Menunggu', called: 'Dipanggil', serving: 'Sedang Dilayani', done: 'Selesai',
                      no_show: 'Tidak Hadir', cancelled: 'Dibatalkan', expired: 'Kedaluwarsa'};
const BY_WORDS = {officer: 'Petugas', service: 'Layanan', counter: 'Loket', day: 'Hari', hour: 'Jam'};
const ROLE_WORDS = {officer: 'petugas', manager: 'manajer', admin: 'administrator'};

const state = {officers: {}, services: [], today: null, timer: null, timeZone: 'Asia/Jayapura'};

// ---- helpers --------------------------------------------------------------

async function api(path) {
  const response = await fetch(path, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (response.status === 401) {
    location.href = '/login.html';
    throw new Error('Sesi berakhir');
  }
  const body = await response.json().catch(() => ({ok: false, error: {code: 'bad_json', message: 'Jawaban tidak terbaca'}}));
  return {status: response.status, body};
}

function clock(ms) {
  if (ms === null || ms === undefined) return '–';
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const two = (n) => String(n).padStart(2, '0');
  return (h ? h + ':' + two(m) : m) + ':' + two(sec);
}

// Office-local "HH:MM" in the office's own time zone, whatever the laptop's.
function timeOfDay(ms) {
  const format = new Intl.DateTimeFormat('en-GB', {timeZone: state.timeZone, hour: '2-digit', minute: '2-digit',
                                                   hourCycle: 'h23'});
  return format.format(new Date(ms));
}

// An office day ("2026-12-02") as people write it: "Rabu, 2 Desember 2026". The names are
// ours, not the browser's locale, so every laptop and phone shows the same words.

// Services in their letter order (A, B, C, ...), whatever order they were added in.
function servicePrefix(code) {
  const s = state.services.find((x) => x.code === code);
  return s ? s.prefix : '\uffff';  // unknown or none: last
}

function byServiceLetter(a, b) {
  return servicePrefix(a).localeCompare(servicePrefix(b));
}

function addDays(day, n) {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function officerName(nip) {
  if (!nip) return '–';
  return state.officers[nip] ? state.officers[nip] : nip;
}

function serviceName(code) {
  const s = state.services.find((x) => x.code === code);
  return s ? s.name_id : code;
}

function showError(id, body) {
  const p = $(id);
  const e = body && body.error ? body.error : {code: 'error', message: 'Gagal memuat'};
  p.textContent = e.code === 'unknown_op'
      ? 'Laporan ini belum tersedia di server ini: ' + e.message + ' (' + e.code + ').'
      : e.message + ' (' + e.code + ')';
  p.hidden = false;
}

// ---- today (live) ---------------------------------------------------------

function renderToday(snap) {
  const now = snap.office.now;
  state.services = snap.services.slice().sort((a, b) => a.prefix.localeCompare(b.prefix));
  $('today-day').textContent = longDate(snap.office.day);
  $('office-name').textContent = snap.office.name;

  const cards = $('today-cards');
  cards.replaceChildren();
  const waiting = snap.services.reduce((n, s) => n + s.waiting, 0);
  const issued = snap.services.reduce((n, s) => n + s.issued_today, 0);
  const open = snap.counters.filter((c) => c.state === 'open').length;
  const late = snap.services.filter((s) => s.oldest_issued_at && now - s.oldest_issued_at > s.max_wait_minutes * 60000);
  card(cards, 'menunggu sekarang', waiting);
  card(cards, 'nomor diambil hari ini', issued);
  card(cards, 'loket buka', open + ' / ' + snap.counters.length);
  card(cards, 'layanan melewati standar tunggu', late.length, late.map((s) => s.name_id).join(', '),
       late.length ? 'bad' : 'good');

  const tbody = $('services-table').tBodies[0];
  tbody.replaceChildren();
  for (const s of state.services) {
    const tr = document.createElement('tr');
    cell(tr, s.prefix + ' · ' + s.name_id);
    cell(tr, s.waiting, 'num');
    cell(tr, s.priority_waiting, 'num');
    const longest = s.oldest_issued_at ? now - s.oldest_issued_at : 0;
    const limit = s.max_wait_minutes * 60000;
    const meter = document.createElement('div');
    meter.className = 'meter';
    const fill = document.createElement('div');
    const ratio = limit ? longest / limit : 0;
    fill.className = 'fill ' + (ratio > 1 ? 'bad' : ratio > 0.75 ? 'warn' : 'good');
    fill.style.width = Math.min(100, ratio * 100) + '%';
    meter.append(fill);
    const text = document.createElement('span');
    text.textContent = (s.oldest_issued_at ? clock(longest) : '–') + ' / ' + s.max_wait_minutes + ':00';
    const wrap = document.createElement('div');
    wrap.className = 'meter-cell';
    wrap.append(meter, text);
    cell(tr, wrap);
    cell(tr, s.waiting ? minutes(s.estimated_wait_s) + ' mnt' : '–', 'num');
    cell(tr, s.issued_today, 'num');
    cell(tr, s.closed ? 'Ditutup' : s.open_now ? 'Buka' : 'Di luar jam', s.open_now ? 'ok' : 'muted');
    tbody.append(tr);
  }

  const ctbody = $('counters-table').tBodies[0];
  ctbody.replaceChildren();
  for (const c of snap.counters) {
    const tr = document.createElement('tr');
    cell(tr, c.name);
    const badge = document.createElement('span');
    badge.className = 'pill ' + c.state;
    badge.textContent = STATE_WORDS[c.state] + (c.state === 'paused' && c.pause_reason ? ' (' + c.pause_reason + ')' : '');
    cell(tr, badge);
    cell(tr, c.officer ? officerName(c.officer) : '–');
    cell(tr, c.active ? c.active.label + ' · ' + serviceName(c.active.service) + ' · ' + TICKET_WORDS[c.active.status] : '–');
    cell(tr, c.state !== 'closed' && c.since ? timeOfDay(c.since) : '–');
    ctbody.append(tr);
  }
  $('live-state').textContent = 'langsung · diperbarui ' + timeOfDay(now);
  $('live-state').className = 'badge live';
}

async function pollToday() {
  if (document.hidden) return;  // a tab in the background asks nothing
  try {
    const {status, body} = await api('/api/status');
    if (status === 200) renderToday(body.snapshot);
    else $('live-state').textContent = body.error ? body.error.message : 'gagal memuat';
  } catch (e) {
    $('live-state').textContent = 'terputus; mencoba lagi…';
    $('live-state').className = 'badge offline';
  }
}

// ---- period reports ---------------------------------------------------------

function sumHistograms(rows, field) {
  let edges = null, counts = null;
  for (const r of rows) {
    const h = r[field];
    if (!h) continue;
    edges = h.edges_min;
    counts = counts ? counts.map((c, i) => c + h.counts[i]) : h.counts.slice();
  }
  return {edges, counts};
}

function histogramChart(id, rows, field, target) {
  const {edges, counts} = sumHistograms(rows, field);
  if (!edges || counts.every((c) => c === 0)) return Charts.bars($(id), {labels: []});
  const labels = edges.map((e, i) => (i + 1 < edges.length ? e + '–' + edges[i + 1] : '≥' + e));
  Charts.bars($(id), {labels, series: [{name: 'nomor', values: counts}], unit: 'nomor',
                      caption: 'menit' + (target ? ' · ' + target : '')});
}

// The service standards as target lines (one per distinct value) and the note
// that says which ticket letters each applies to.
function standards(field) {
  const byMinutes = {};
  for (const s of state.services) (byMinutes[s[field]] = byMinutes[s[field]] || []).push(s.prefix);
  const entries = Object.entries(byMinutes).sort((a, b) => Number(a[0]) - Number(b[0]));
  return {
    lines: entries.map(([m]) => ({value: Number(m), label: m})),
    note: 'garis merah: standar layanan ' + entries.map(([m, p]) => m + ' mnt (' + p.join(' ') + ')').join(' · '),
  };
}

const COLUMNS = [
  ['Datang', (r) => r.arrivals], ['Selesai', (r) => r.served],
  ['Tidak hadir (panggilan)', (r) => r.no_shows], ['Tidak hadir (nomor)', (r) => r.no_show_tickets],
  ['Dialihkan', (r) => r.transfers], ['Batal', (r) => r.cancelled],
  ['Tunggu median', (r) => minutes(r.wait.median_s)], ['Tunggu p90', (r) => minutes(r.wait.p90_s)],
  ['Layanan median', (r) => minutes(r.service.median_s)], ['Layanan p90', (r) => minutes(r.service.p90_s)],
  ['Tunggu dalam standar', (r) => percent(r.wait_within)], ['Layanan dalam standar', (r) => percent(r.service_within)],
  ['Utilisasi', (r) => percent(r.utilisation)],
  // The promise on the ticket against the real call (docs/metrics.md "Estimate quality").
  ['Perkiraan: galat rata-rata', (r) => minutes(r.estimate_mae_s)],
  ['Perkiraan: bias', (r) => minutes(r.estimate_bias_s)],
  ['Dipanggil dalam rentang', (r) => percent(r.estimate_coverage)],
];

function keyText(by, key) {
  if (!key) return '(tanpa ' + BY_WORDS[by].toLowerCase() + ')';
  if (by === 'officer') return officerName(key);
  if (by === 'service') return serviceName(key);
  if (by === 'counter') return 'Loket ' + key;
  if (by === 'hour') return key + ':00';
  if (by === 'day') return longDate(key);
  return key;
}

function renderTable(report) {
  const table = $('report-table');
  const rows = report.by === 'service'
    ? report.rows.slice().sort((a, b) => byServiceLetter(a.key, b.key)) : report.rows;
  const rated = rows.some((r) => r.rating_mean !== undefined || r.ratings !== undefined);
  const head = document.createElement('tr');
  const headers = [BY_WORDS[report.by]].concat(COLUMNS.map((c) => c[0]));
  if (report.by === 'officer') headers.splice(1, 0, 'NIP');
  if (rated) headers.push('Penilaian warga (1–4)');
  for (const h of headers) {
    const th = document.createElement('th');
    th.textContent = h;
    head.append(th);
  }
  table.tHead.replaceChildren(head);
  const tbody = table.tBodies[0];
  tbody.replaceChildren();
  for (const r of rows) {
    const tr = document.createElement('tr');
    if (!r.key) tr.className = 'unassigned';
    if (report.by === 'officer' && r.key) {
      const link = document.createElement('a');
      link.href = '#petugas?officer=' + r.key + '&from=' + report.from + '&to=' + report.to;
      link.textContent = keyText(report.by, r.key);
      cell(tr, link);
    } else {
      cell(tr, keyText(report.by, r.key));
    }
    if (report.by === 'officer') cell(tr, r.key || '–', 'muted');
    for (const [, get] of COLUMNS) cell(tr, get(r), 'num');
    if (rated) {
      const mean = decimal(r.rating_mean);
      cell(tr, mean + (r.ratings !== undefined ? ' (' + r.ratings + ')' : ''), 'num');
    }
    tbody.append(tr);
  }
  $('report-table-title').textContent = 'Rincian menurut ' + BY_WORDS[report.by].toLowerCase() +
      ' · ' + period(report.from, report.to);
  $('report-definitions').textContent = '(' + report.definitions + ')';
}

async function loadReport(from, to, by) {
  $('report-error').hidden = true;
  const q = (b) => '?by=' + b + '&from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to);
  $('report-csv').href = '/api/report.csv' + q(by);
  $('report-csv').setAttribute('download', 'antre-' + by + '-' + from + '-' + to + '.csv');
  const [main, officers, hours] = await Promise.all([api('/api/report' + q(by)), api('/api/report' + q('officer')),
                                                     api('/api/report' + q('hour'))]);
  for (const r of [main, officers, hours]) {
    if (r.status !== 200) {
      showError('report-error', r.body);
      return;
    }
  }
  const rows = main.body.rows;
  const cards = $('report-cards');
  cards.replaceChildren();
  const total = (f) => rows.reduce((n, r) => n + r[f], 0);
  const waits = sumHistograms(rows, 'wait_histogram').counts || [];
  card(cards, 'nomor datang', total('arrivals'));
  card(cards, 'selesai dilayani', total('served'));
  card(cards, 'tidak hadir', total('no_shows'));
  card(cards, 'waktu tunggu tercatat', waits.reduce((a, b) => a + b, 0));

  histogramChart('chart-wait', rows, 'wait_histogram');
  histogramChart('chart-service', rows, 'service_histogram');
  // Every hour from the first to the last with arrivals, quiet hours as 0.
  const perHour = {};
  for (const r of hours.body.rows) if (r.arrivals > 0) perHour[Number(r.key)] = r.arrivals;
  const busyHours = Object.keys(perHour).map(Number);
  const hourLabels = [], hourValues = [];
  for (let h = Math.min(...busyHours); h <= Math.max(...busyHours); ++h) {
    hourLabels.push(String(h).padStart(2, '0'));
    hourValues.push(perHour[h] || 0);
  }
  Charts.bars($('chart-hours'), {labels: hourLabels, unit: 'nomor', caption: 'jam (waktu kantor), jumlah sepanjang periode',
                                 series: [{name: 'kedatangan', values: hourValues}]});
  const officerRows = officers.body.rows.filter((r) => r.key && r.service.count > 0);
  const standard = standards('max_service_minutes');
  Charts.bars($('chart-officers'), {
    labels: officerRows.map((r) => officerName(r.key).split(' ')[0]),
    unit: 'menit',
    series: [{name: 'median', values: officerRows.map((r) => r.service.median_s / 60)},
             {name: 'p90', values: officerRows.map((r) => r.service.p90_s / 60), colour: '#9ec5de'}],
    targets: standard.lines,
    caption: standard.note,
  });
  renderTable(main.body);
}

// ---- officer sheet ----------------------------------------------------------------

async function loadSheet(officer, from, to) {
  $('sheet-error').hidden = true;
  $('sheet-result').hidden = true;
  const {status, body} = await api('/api/officer_sheet?officer=' + encodeURIComponent(officer) + '&from=' +
                                   encodeURIComponent(from) + '&to=' + encodeURIComponent(to));
  if (status !== 200) return showError('sheet-error', body);
  showSheet(body.sheet, serviceName, byServiceLetter);  // common.js
}

// ---- routing ----------------------------------------------------------------------

function route() {
  const [view, query] = (location.hash.slice(1) || 'hari-ini').split('?');
  const params = new URLSearchParams(query || '');
  const name = ['hari-ini', 'laporan', 'petugas', 'ikm', 'pemesanan', 'simulasi'].includes(view) ? view : 'hari-ini';
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== 'view-' + name;
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.view === name);
  clearInterval(state.timer);
  state.timer = null;
  if (name === 'hari-ini') {
    pollToday();
    state.timer = setInterval(pollToday, LIVE_INTERVAL_MS);
  } else if (name === 'laporan') {
    const to = params.get('to') || state.today;
    const from = params.get('from') || addDays(to, -6);
    const by = params.get('by') || $('report-by').value;
    $('report-from').value = from;
    $('report-to').value = to;
    $('report-by').value = by;
    loadReport(from, to, by);
  } else if (name === 'petugas') {
    const to = params.get('to') || state.today;
    const from = params.get('from') || to.slice(0, 8) + '01';
    const select = $('sheet-officer');
    if (!select.options.length)
      for (const [nip, officerName] of Object.entries(state.officers)) select.add(new Option(officerName + ' · ' + nip, nip));
    const officer = params.get('officer') || select.value;
    select.value = officer;
    $('sheet-from').value = from;
    $('sheet-to').value = to;
    if (officer) loadSheet(officer, from, to);
  } else if (name === 'pemesanan') {
    showBookings(params.get('day') || state.today);  // bookings.js
  } else if (name === 'simulasi') {
    showWhatIf();  // whatif.js
  } else {
    IkmView.show(params);  // ikm.js
  }
}

async function start() {
  const me = await api('/api/me');
  if (me.status !== 200) return;
  $('officer-name').textContent = me.body.officer.name + ' · ' +
      (ROLE_WORDS[me.body.officer.role] || me.body.officer.role);
  const [officers, status] = await Promise.all([api('/api/officers'), api('/api/status')]);
  if (officers.status === 200) for (const o of officers.body.officers) state.officers[o.nip] = o.name;
  if (status.status === 200) {
    const snap = status.body.snapshot;
    state.today = snap.office.day;
    state.services = snap.services.slice().sort((a, b) => a.prefix.localeCompare(b.prefix));
    state.timeZone = snap.office.time_zone;
    $('office-name').textContent = snap.office.name;
  }
  $('report-form').addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = 'laporan?from=' + $('report-from').value + '&to=' + $('report-to').value + '&by=' + $('report-by').value;
  });
  $('sheet-form').addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = 'petugas?officer=' + $('sheet-officer').value + '&from=' + $('sheet-from').value +
        '&to=' + $('sheet-to').value;
  });
  $('logout').addEventListener('click', async () => {
    await fetch('/api/logout', {method: 'POST', credentials: 'same-origin'});
    location.href = '/login.html';
  });
  SurveyNotes.start();
  window.addEventListener('hashchange', route);
  route();
}

start();
