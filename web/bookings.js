// The dashboard's online-bookings view (#pemesanan, docs/booking.md): a day's bookings
// per service and session with booked / checked-in / missed counts and rates, the
// bookings themselves (NIK, name, phone: the dashboard's sessions are managers'), a CSV
// download, and closing a day or a session with a reason (op booking_close).
// Uses app.js's helpers (api, $, cell, card, longDate, serviceName, percent, state).
'use strict';

const BOOKING_WORDS = {active: 'Aktif', checked_in: 'Hadir', cancelled: 'Dibatalkan', missed: 'Tidak datang'};
const bookingsView = {day: null, reply: null, confirm: false};

// The rates of a set of counts: booked excludes cancellations; attendance is decided
// only once a booking is checked in or missed.
function bookingFigures(n) {
  const booked = n.active + n.checked_in + n.missed;
  const decided = n.checked_in + n.missed;
  return {booked, decided, fill: n.places ? booked / n.places : null, shown: decided ? n.checked_in / decided : null,
          missed: decided ? n.missed / decided : null};
}

function sumCounts(list) {
  const total = {places: 0, active: 0, checked_in: 0, cancelled: 0, missed: 0};
  for (const n of list) for (const k of Object.keys(total)) total[k] += n[k];
  return total;
}

function renderBookings(reply) {
  bookingsView.reply = reply;
  $('bookings-day').textContent = longDate(reply.day);
  const all = reply.services.flatMap((s) => s.sessions);
  const total = sumCounts(all), f = bookingFigures(total);
  const cards = $('bookings-cards');
  cards.replaceChildren();
  card(cards, 'dipesan', f.booked, total.places + ' tempat · terisi ' + percent(f.fill));
  card(cards, 'hadir', total.checked_in, 'tingkat hadir ' + percent(f.shown), 'good');
  card(cards, 'tidak datang', total.missed, 'tingkat tidak datang ' + percent(f.missed), total.missed ? 'bad' : '');
  card(cards, 'dibatalkan', total.cancelled);

  const box = $('bookings-services');
  box.replaceChildren();
  if (!reply.services.length) {
    const p = document.createElement('p');
    p.className = 'note';
    p.textContent = 'Belum ada layanan yang menerima pemesanan daring.';
    box.append(p);
  }
  for (const s of reply.services) {
    const h = document.createElement('h3');
    h.textContent = serviceName(s.service);
    const sessions = bookingTable(['Sesi', 'Tempat', 'Dipesan', 'Terisi', 'Hadir', 'Tidak datang', 'Tingkat hadir',
                                   'Dibatalkan', 'Aktif', 'Status'], [1, 2, 3, 4, 5, 6, 7, 8]);
    for (const n of s.sessions) {
      const tr = document.createElement('tr'), g = bookingFigures(n);
      cell(tr, n.start + '–' + n.end);
      for (const v of [n.places, g.booked, percent(g.fill), n.checked_in, n.missed, percent(g.shown), n.cancelled,
                       n.active])
        cell(tr, v, 'num');
      cell(tr, n.closed ? 'Ditutup: ' + n.closed : 'Buka', n.closed ? 'muted' : 'ok');
      sessions.tBodies[0].append(tr);
    }
    const people = bookingTable(['Sesi', 'Status', 'NIK', 'Nama', 'HP', 'Keterangan'], []);
    for (const b of s.bookings) {
      const tr = document.createElement('tr');
      for (const v of [b.session, BOOKING_WORDS[b.status] || b.status, b.nik || '–', b.name || '–', b.phone || '–',
                       b.reason || ''])
        cell(tr, v);
      people.tBodies[0].append(tr);
    }
    if (!s.bookings.length) {
      const tr = document.createElement('tr');
      cell(tr, 'Belum ada pemesanan.').colSpan = 6;
      people.tBodies[0].append(tr);
    }
    box.append(h, wrapScroll(sessions), wrapScroll(people));
  }
  fillCloseForm(reply);
}

function bookingTable(headers, numeric) {
  const table = document.createElement('table');
  table.className = 'grid';
  const tr = table.createTHead().insertRow();
  headers.forEach((text, i) => {
    const th = document.createElement('th');
    th.textContent = text;
    if (numeric.includes(i)) th.className = 'num';
    tr.append(th);
  });
  table.createTBody();
  return table;
}

function wrapScroll(table) {
  const div = document.createElement('div');
  div.className = 'scroll';
  div.append(table);
  return div;
}

function fillCloseForm(reply) {
  const service = $('close-service'), session = $('close-session');
  const keep = service.value;
  service.replaceChildren(new Option('Semua layanan', ''));
  for (const s of reply.services) service.add(new Option(serviceName(s.service), s.service));
  if ([...service.options].some((o) => o.value === keep)) service.value = keep;
  const chosen = reply.services.filter((s) => !service.value || s.service === service.value);
  const starts = [...new Set(chosen.flatMap((s) => s.sessions.map((n) => n.start + '–' + n.end)))].sort();
  session.replaceChildren(new Option('Sepanjang hari', ''));
  for (const text of starts) session.add(new Option(text, text.slice(0, 5)));
  closeConfirm(false);
}

function closeConfirm(on) {
  bookingsView.confirm = on;
  $('close-button').textContent = on ? 'Yakin? Tutup dan batalkan pemesanannya' : 'Tutup';
  $('close-button').className = on ? 'danger' : '';
}

async function showBookings(day) {
  bookingsView.day = day;
  $('bookings-date').value = day;
  $('bookings-date').min = state.today;
  $('bookings-csv').href = '/api/bookings.csv?day=' + day;
  $('bookings-error').hidden = true;
  const {status, body} = await api('/api/bookings?day=' + encodeURIComponent(day));
  if (status !== 200) return showError('bookings-error', body);
  renderBookings(body);
}

$('bookings-form').addEventListener('submit', (e) => {
  e.preventDefault();
  location.hash = 'pemesanan?day=' + $('bookings-date').value;
});
$('close-service').addEventListener('change', () => fillCloseForm(bookingsView.reply));
$('close-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (!bookingsView.confirm) return closeConfirm(true);
  const body = {day: bookingsView.day, reason: $('close-reason').value};
  if ($('close-service').value) body.service = $('close-service').value;
  if ($('close-session').value) body.session = $('close-session').value;
  const response = await fetch('/api/booking_close', {method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', Accept: 'application/json'}, body: JSON.stringify(body)});
  const reply = await response.json().catch(() => ({ok: false, error: {code: 'bad_json', message: 'Jawaban tidak terbaca'}}));
  const out = $('close-result');
  out.hidden = false;
  out.className = reply.ok ? 'note' : 'error';
  out.textContent = reply.ok ? 'Ditutup; ' + reply.cancelled + ' pemesanan dibatalkan dan warganya melihat alasannya.'
                             : reply.error.message + ' (' + reply.error.code + ')';
  closeConfirm(false);
  if (!reply.ok) return;
  $('close-reason').value = '';
  showBookings(bookingsView.day);
});
