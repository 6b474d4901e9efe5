// The dashboard's online-bookings view (#pemesanan, docs/booking.md): a day's bookings
// per service and session with booked / checked-in / missed counts and rates, the
// bookings themselves (NIK, name, phone: the dashboard's sessions are managers'), a CSV
// download, closing a day or a session with a reason (op booking_close), and the
// figures of a period, past days included (op booking_report).
// Uses common.js's ($, cell, card, percent) and app.js's helpers (api, longDate, serviceName, state).
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

// The period's figures: a row per day or service and the total (docs/booking.md
// "Figures of past days"); counts only, no NIK or name.
async function showBookingReport() {
  const query = 'by=' + $('booking-report-by').value + '&from=' + $('booking-report-from').value + '&to=' +
                $('booking-report-to').value;
  $('booking-report-csv').href = '/api/booking_report.csv?' + query;
  $('booking-report-error').hidden = true;
  const {status, body} = await api('/api/booking_report?' + query);
  const box = $('booking-report');
  box.replaceChildren();
  if (status !== 200) return showError('booking-report-error', body);
  const table = bookingTable([body.by === 'service' ? 'Layanan' : 'Tanggal', 'Dipesan', 'Hadir', 'Tidak datang',
                              'Tingkat hadir', 'Dibatalkan', 'Ditutup kantor', 'Aktif', 'Check-in tepat',
                              'Dipanggil dalam sesi'], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const line = (key, r, className) => {
    const tr = document.createElement('tr');
    if (className) tr.className = className;
    cell(tr, key);
    for (const v of [r.booked, r.checked_in, r.missed, percent(r.attendance), r.cancelled, r.closed, r.active,
                     r.on_time])
      cell(tr, v, 'num');
    cell(tr, r.on_time ? r.called_in_session + ' (' + percent(r.called_in_session_share) + ')' : '–', 'num');
    table.tBodies[0].append(tr);
  };
  for (const r of body.rows) line(body.by === 'service' ? serviceName(r.key) : longDate(r.key), r);
  if (!body.rows.length) {
    const tr = document.createElement('tr');
    cell(tr, 'Tidak ada pemesanan pada periode ini.').colSpan = 10;
    table.tBodies[0].append(tr);
  }
  line('Jumlah', body.total, 'total');
  box.append(wrapScroll(table));
}

async function showBookings(day) {
  bookingsView.day = day;
  $('bookings-date').value = day;
  $('bookings-date').min = state.today;
  $('bookings-csv').href = '/api/bookings.csv?day=' + day;
  $('bookings-error').hidden = true;
  if (!$('booking-report-from').value) {  // the month so far, the first time
    $('booking-report-from').value = state.today.slice(0, 8) + '01';
    $('booking-report-to').value = state.today;
    showBookingReport();
  }
  const {status, body} = await api('/api/bookings?day=' + encodeURIComponent(day));
  if (status !== 200) return showError('bookings-error', body);
  renderBookings(body);
}

$('booking-report-form').addEventListener('submit', (e) => {
  e.preventDefault();
  showBookingReport();
});

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
