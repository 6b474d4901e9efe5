// What the office's dashboard (app.js and the views beside it) and the hub's central
// dashboard (hub/hub.js) share: element lookup, table cells, summary cards, minutes,
// shares and dates written as both pages show them, and the officer sheet.
'use strict';

function $(id) { return document.getElementById(id); }

function cell(row, text, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  if (text instanceof Node) td.append(text); else td.textContent = text;
  row.append(td);
  return td;
}

// A number as Indonesian print writes it, with a decimal comma ("84,72"); '–' for none.
function decimal(value, digits = 2) {
  return value === null || value === undefined ? '–' : value.toFixed(digits).replace('.', ',');
}

function minutes(seconds) {
  return seconds === null || seconds === undefined ? '–' : decimal(seconds / 60, 1);
}

function percent(share) {
  return share === null || share === undefined ? '–' : Math.round(share * 100) + '%';
}

function card(container, label, value, note, tone) {
  const div = document.createElement('div');
  div.className = 'card' + (tone ? ' ' + tone : '');
  const v = document.createElement('div');
  v.className = 'value';
  v.textContent = value;
  const l = document.createElement('div');
  l.className = 'label';
  l.textContent = label;
  div.append(v, l);
  if (note) {
    const n = document.createElement('div');
    n.className = 'note';
    n.textContent = note;
    div.append(n);
  }
  container.append(div);
}

const DAY_NAMES = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTH_NAMES = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September',
                     'Oktober', 'November', 'Desember'];

function longDate(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || '');
  if (!m) return day || '–';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return DAY_NAMES[d.getUTCDay()] + ', ' + d.getUTCDate() + ' ' + MONTH_NAMES[d.getUTCMonth()] + ' ' + m[1];
}

function period(from, to) {
  return longDate(from) + ' s.d. ' + longDate(to);
}

// ---- the officer sheet (both dashboards' #sheet-* elements) ----------------------

function ratingText(r) {
  return r.rating_mean === null || r.rating_mean === undefined ? '–' : decimal(r.rating_mean) + ' (' + r.ratings + ')';
}

const SHEET_COLUMNS = [['Layanan'], ['Dilayani', 'num'], ['Layanan median (mnt)', 'num'],
                       ['Layanan p90 (mnt)', 'num'], ['Dalam standar', 'num'], ['Standar waktu layanan'],
                       ['Tidak hadir (panggilan)', 'num'], ['Tidak hadir (nomor)', 'num'],
                       ['Penilaian warga (1–4)', 'num']];

// The sheet's parts inside #sheet-result (made once): #sheet-cards, #sheet-title,
// #sheet-table and #sheet-note.
function sheetParts() {
  const result = $('sheet-result');
  if (result.children.length) return;
  const element = (tag, id, className) => {
    const e = document.createElement(tag);
    if (id) e.id = id;
    if (className) e.className = className;
    return e;
  };
  const table = element('table', 'sheet-table', 'grid');
  const head = table.createTHead().insertRow();
  for (const [text, className] of SHEET_COLUMNS) {
    const th = element('th', null, className);
    th.textContent = text;
    head.append(th);
  }
  table.createTBody();
  const scroll = element('div', null, 'scroll');
  scroll.append(table);
  result.append(element('div', 'sheet-cards', 'cards'), element('h3', 'sheet-title'), scroll,
                element('p', 'sheet-note', 'note'));
}

// An `officer_sheet` reply's sheet into #sheet-result (shown); `serviceName(code)` names
// a service, `order(a, b)` orders two codes.
function showSheet(sheet, serviceName, order) {
  sheetParts();
  const t = sheet.total;
  const cards = $('sheet-cards');
  cards.replaceChildren();
  card(cards, 'dokumen selesai dilayani', t.served, null, 'big');
  card(cards, 'dalam standar waktu layanan', percent(t.service_within));
  card(cards, 'median waktu layanan (menit)', minutes(t.service.median_s));
  card(cards, 'nomor tidak hadir (dari yang dipanggil)', percent(t.no_show_rate));
  card(cards, 'panggilan tanpa warga', percent(t.no_show_call_rate));
  card(cards, 'utilisasi', percent(t.utilisation));
  card(cards, 'penilaian warga (1–4)', ratingText(t));
  const targets = {};
  for (const s of sheet.standards)
    targets[s.service] = s.periods.map((p) => p.max_service_minutes + ' mnt' + (p.from ? ' sejak ' + longDate(p.from) : '')).join(', ');
  const tbody = $('sheet-table').tBodies[0];
  tbody.replaceChildren();
  for (const r of sheet.by_service.slice().sort((a, b) => order(a.key, b.key))) {
    const tr = document.createElement('tr');
    cell(tr, serviceName(r.key));
    cell(tr, r.served, 'num');
    cell(tr, minutes(r.service.median_s), 'num');
    cell(tr, minutes(r.service.p90_s), 'num');
    cell(tr, percent(r.service_within), 'num');
    cell(tr, targets[r.key] || '–');
    cell(tr, r.no_shows, 'num');
    cell(tr, r.no_show_tickets, 'num');
    cell(tr, ratingText(r), 'num');
    tbody.append(tr);
  }
  $('sheet-title').textContent = sheet.officer.name + ' (NIP ' + sheet.officer.nip + ') · ' + period(sheet.from, sheet.to);
  $('sheet-note').textContent = sheet.note + ' (' + sheet.definitions + ')';
  $('sheet-result').hidden = false;
}
