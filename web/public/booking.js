// Antre's booking page (/booking, docs/booking.md): a service, an office day, a
// session, then NIK and name; the booking's code, QR and .ics; look-up and cancel
// with NIK + code. Plain ES5 for old phones' WebViews, like public.js. The steps
// are hash routes (#layanan, #hari, #sesi, #data, #hasil, #cari) so that the
// phone's back button goes back a step.
(function () {
  'use strict';
  var T = {
    id: {
      title: 'Antrean daring', choose_service: '1. Pilih layanan', choose_day: '2. Pilih hari',
      choose_session: '3. Pilih sesi', your_data: '4. Data Anda', nik: 'NIK (16 angka, sesuai KTP-el)',
      name: 'Nama lengkap', phone: 'Nomor HP (boleh kosong)', book: 'Pesan', code: 'Kode pemesanan',
      nik_note: 'Antre hanya memeriksa bentuk NIK, tidak mencocokkannya dengan data kependudukan. Petugas memeriksa KTP-el Anda di loket.',
      find_title: 'Cari atau batalkan pemesanan', find: 'Cari', your_code: 'Kode pemesanan Anda', service: 'Layanan',
      date: 'Tanggal', session: 'Sesi', bring: 'Yang harus dibawa', ics: 'Simpan ke kalender (.ics)',
      cancel: 'Batalkan pemesanan', cancel_yes: 'Ya, batalkan', to_find: 'Cari atau batalkan pemesanan',
      to_new: 'Pesan baru', office_link: 'Antrean kantor', no_services: 'Belum ada layanan yang bisa dipesan daring.',
      requirements: 'Persyaratan: {0}', left: 'sisa {0} tempat', full: 'Penuh', closed: 'Ditutup: {0}',
      opens: 'Dibuka {0} pukul {1}', window: 'Pemesanan untuk {0} hari ke depan; hari baru dibuka setiap hari pukul {1}.',
      no_sessions: 'Tidak ada sesi pada hari ini.', loading: 'Memuat\u2026', net: 'Tidak tersambung. Coba lagi.',
      s_active: 'Terpesan \u2014 datang pada sesi Anda', s_checked_in: 'Sudah hadir', s_cancelled: 'Dibatalkan',
      s_missed: 'Tidak datang (hangus)', grace: 'Datang dalam sesi Anda. Terlambat lebih dari {0} menit setelah sesi berakhir, pemesanan hangus dan Anda mengambil antrean biasa.',
      cancelled_by: 'Dibatalkan oleh kantor: {0}', lang: 'EN',
      e_booking_full: 'Sesi ini sudah penuh. Pilih sesi atau hari lain.',
      e_already_booked: 'NIK ini sudah punya pemesanan untuk layanan ini pada hari itu (satu pemesanan per NIK, layanan, dan hari).',
      e_unknown_booking: 'Tidak ada pemesanan dengan NIK dan kode itu.',
      e_too_many_attempts: 'Terlalu banyak percobaan. Coba lagi beberapa menit lagi.',
      e_name: 'Nama wajib diisi.'
    },
    en: {
      title: 'Online booking', choose_service: '1. Choose a service', choose_day: '2. Choose a day',
      choose_session: '3. Choose a session', your_data: '4. Your details', nik: 'NIK (16 digits, as on the KTP-el)',
      name: 'Full name', phone: 'Phone number (optional)', book: 'Book', code: 'Booking code',
      nik_note: 'Antre checks only the form of the NIK; it cannot check it against the civil registry. The officer checks your KTP-el at the counter.',
      find_title: 'Find or cancel a booking', find: 'Find', your_code: 'Your booking code', service: 'Service',
      date: 'Date', session: 'Session', bring: 'What to bring', ics: 'Add to calendar (.ics)',
      cancel: 'Cancel the booking', cancel_yes: 'Yes, cancel it', to_find: 'Find or cancel a booking',
      to_new: 'New booking', office_link: 'Office queue', no_services: 'No service takes online bookings yet.',
      requirements: 'Requirements: {0}', left: '{0} places left', full: 'Full', closed: 'Closed: {0}',
      opens: 'Opens {0} at {1}', window: 'Bookings for the next {0} days; a new day opens every day at {1}.',
      no_sessions: 'No sessions on this day.', loading: 'Loading\u2026', net: 'No connection. Please try again.',
      s_active: 'Booked \u2014 come in your session', s_checked_in: 'Checked in', s_cancelled: 'Cancelled',
      s_missed: 'Missed', grace: 'Come during your session. More than {0} minutes after it ends the booking lapses and you take an ordinary ticket.',
      cancelled_by: 'Cancelled by the office: {0}', lang: 'ID',
      e_booking_full: 'This session is full. Choose another session or day.',
      e_already_booked: 'This NIK already has a booking for this service on that day (one booking per NIK, service and day).',
      e_unknown_booking: 'No booking has that NIK and code.',
      e_too_many_attempts: 'Too many attempts. Please try again in a few minutes.',
      e_name: 'Please enter your name.'
    }
  };
  var DAYS = { id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
    en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] };
  var MONTHS = { id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
    en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] };
  var lang = 'id';
  try { if (window.localStorage && localStorage.getItem('antre_lang') === 'en') lang = 'en'; } catch (e) {}
  var services = null, service = null, day = null, session = null, sessions = null, booking = null, nik = '', error = null;
  var VIEWS = { layanan: 'v-service', hari: 'v-day', sesi: 'v-session', data: 'v-form', hasil: 'v-result', cari: 'v-find' };

  function $(id) { return document.getElementById(id); }
  function t(key, a, b) { var s = T[lang][key] || key; return s.replace('{0}', a).replace('{1}', b); }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }
  function sname(s) { return lang === 'en' ? s.name_en : s.name; }
  function longDate(d) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d || '');
    if (!m) return d || '';
    var w = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).getUTCDay();
    return DAYS[lang][w] + ', ' + (+m[3]) + ' ' + MONTHS[lang][+m[2] - 1] + ' ' + m[1];
  }
  function span(x) { return x.start + '\u2013' + x.end; }
  function crumb() { return [service ? sname(service) : '', day ? longDate(day) : '', session ? span(session) : ''].join(' \u00b7 ').replace(/( \u00b7 )+$/, ''); }

  // A refusal in the page's language: the known codes in our words; the NIK's reasons
  // come as "Indonesian / English"; anything else as the server says it.
  function refusal(err) {
    if (!err || !err.code) return t('net');
    if (T[lang]['e_' + err.code]) return t('e_' + err.code);
    var m = err.message || err.code, i = m.indexOf(' / ');
    if (i > 0) return lang === 'en' ? m.slice(i + 3) : m.slice(0, i);
    return m;
  }
  function alertBox(message) { var a = $('alert'); a.textContent = message || ''; a.hidden = !message; }

  function request(method, path, body, then) {
    var x = new XMLHttpRequest();
    x.open(method, path, true);
    if (body) x.setRequestHeader('Content-Type', 'application/json');
    x.onreadystatechange = function () {
      if (x.readyState !== 4) return;
      var d = null;
      try { d = JSON.parse(x.responseText); } catch (e) {}
      if (d && d.ok !== false) then(d, null); else then(null, d ? d.error : null);
    };
    x.send(body ? JSON.stringify(body) : null);
  }

  function choice(label, note, enabled, onpick) {
    var b = el('button', 'choice'), s = el('b', '', label);
    b.type = 'button'; b.appendChild(s);
    if (note) b.appendChild(el('span', '', note));
    b.disabled = !enabled;
    if (enabled) b.onclick = onpick;
    return b;
  }

  function renderServices() {
    var box = clear($('services'));
    $('no_services').hidden = !services || services.length > 0;
    for (var i = 0; services && i < services.length; i++) (function (s) {
      box.appendChild(choice(sname(s), s.requirements.length ? t('requirements', s.requirements.join(', ')) : '', true,
        function () { service = s; day = session = null; location.hash = 'hari'; }));
    })(services[i]);
  }

  function renderDays() {
    text('crumb_day', crumb());
    var box = clear($('days'));
    for (var i = 0; i < service.calendar.length; i++) (function (d) {
      var note = d.open ? '' : d.opens_on ? t('opens', longDate(d.opens_on), service.opens_at) : d.closed;
      box.appendChild(choice(longDate(d.day), note, d.open, function () { day = d.day; session = null; location.hash = 'sesi'; }));
    })(service.calendar[i]);
    text('window_note', t('window', service.days_ahead, service.opens_at));
  }

  function renderSessions() {
    text('crumb_session', crumb());
    var box = clear($('sessions'));
    if (!sessions) { box.appendChild(el('p', 'muted', t('loading'))); return; }
    if (!sessions.sessions.length) box.appendChild(el('p', 'muted', t('no_sessions')));
    for (var i = 0; i < sessions.sessions.length; i++) (function (x) {
      var note = x.closed ? t('closed', x.closed) : x.remaining > 0 ? t('left', x.remaining) : t('full');
      box.appendChild(choice(span(x), note, sessions.bookable && !x.closed && x.remaining > 0,
        function () { session = x; location.hash = 'data'; }));
    })(sessions.sessions[i]);
  }

  function renderResult() {
    var b = booking, st = $('r_state');
    st.textContent = b.reason ? t('cancelled_by', b.reason) : t('s_' + b.status);
    st.className = 'state' + (b.status === 'active' ? ' go' : b.status === 'checked_in' ? '' : ' end');
    text('r_code', b.code);
    $('r_qr').src = '/api/public/booking/qr/' + b.code;
    text('r_service', lang === 'en' ? b.service_name_en : b.service_name);
    text('r_day', longDate(b.day));
    text('r_session', span(b.session));
    text('r_nik', b.nik);
    text('r_grace', t('grace', b.grace_minutes));
    var ul = clear($('r_bring'));
    for (var i = 0; i < b.requirements.length; i++) ul.appendChild(el('li', '', b.requirements[i]));
    var live = b.status === 'active';
    $('ics').hidden = !live; $('cancel').hidden = !live; $('cancel_yes').hidden = true; $('r_grace').hidden = !live;
    document.title = b.code + ' \u2014 ' + t('title');
  }

  function text(id, s) { $(id).textContent = s; }

  function statics() {
    var all = document.querySelectorAll('[data-t]');
    for (var i = 0; i < all.length; i++) all[i].textContent = t(all[i].getAttribute('data-t'));
    document.documentElement.lang = lang;
    document.title = t('title');
    text('lang', t('lang'));
  }

  // Shows the step the hash names, when what it needs is chosen; else the first.
  function route() {
    var step = location.hash.slice(1) || 'layanan';
    if (!VIEWS[step]) step = 'layanan';
    if ((step === 'hari' && !service) || (step === 'sesi' && !day) || (step === 'data' && !session) || (step === 'hasil' && !booking)) step = 'layanan';
    for (var k in VIEWS) $(VIEWS[k]).hidden = k !== step;
    statics();
    alertBox(error ? refusal(error) : '');
    if (step === 'layanan') renderServices();
    else if (step === 'hari') renderDays();
    else if (step === 'sesi') renderSessions();
    else if (step === 'data') text('crumb_form', crumb());
    else if (step === 'hasil') renderResult();
    return step;
  }
  function go(step) { error = null; if (location.hash.slice(1) === step) route(); else location.hash = step; }
  function fail(err) { error = err || {}; route(); window.scrollTo(0, 0); }

  function loadServices() {
    request('GET', '/api/public/booking/services', null, function (d, err) {
      if (!d) return fail(err);
      services = d.services;
      route();
    });
  }
  function loadSessions() {
    sessions = null;
    request('GET', '/api/public/booking/sessions?service=' + encodeURIComponent(service.code) + '&day=' + day, null, function (d, err) {
      if (!d) return fail(err);
      sessions = d;
      if (location.hash === '#sesi') route();
    });
  }
  function show(d) { booking = d.booking; go('hasil'); }

  window.onhashchange = function () {
    error = null;
    var step = route();
    if (step === 'sesi') { loadSessions(); renderSessions(); }
  };
  $('book').onclick = function () {
    nik = $('nik').value.replace(/\D/g, '');
    var body = { service: service.code, day: day, session: session.start, nik: nik, name: $('name').value };
    if (!/\S/.test(body.name)) return fail({ code: 'name' });
    if ($('phone').value) body.phone = $('phone').value;
    request('POST', '/api/public/booking', body, function (d, err) {
      if (!d) { if (err && err.code === 'booking_full') loadSessions(); return fail(err); }
      show(d);
    });
  };
  $('find').onclick = function () {
    nik = $('f_nik').value.replace(/\D/g, '');
    request('POST', '/api/public/booking/find', { nik: nik, code: $('f_code').value }, function (d, err) {
      if (!d) return fail(err);
      show(d);
    });
  };
  $('cancel').onclick = function () { $('cancel').hidden = true; $('cancel_yes').hidden = false; };
  $('cancel_yes').onclick = function () {
    request('POST', '/api/public/booking/cancel', { nik: nik, code: booking.code }, function (d, err) {
      if (!d) return fail(err);
      booking = d.booking; route();
    });
  };
  // The .ics is asked for by POST (the NIK stays out of the address), then saved from a blob.
  $('ics').onclick = function (e) {
    if (e && e.preventDefault) e.preventDefault();
    var x = new XMLHttpRequest();
    x.open('POST', '/api/public/booking/ics', true);
    x.setRequestHeader('Content-Type', 'application/json');
    x.onreadystatechange = function () {
      if (x.readyState !== 4) return;
      if (x.status !== 200) return fail(null);
      var a = el('a');
      a.href = URL.createObjectURL(new Blob([x.responseText], { type: 'text/calendar' }));
      a.download = 'antrean-' + booking.code + '.ics';
      document.body.appendChild(a); a.click(); document.body.removeChild(a);
    };
    x.send(JSON.stringify({ nik: nik, code: booking.code }));
  };
  $('lang').onclick = function () {
    lang = lang === 'id' ? 'en' : 'id';
    try { localStorage.setItem('antre_lang', lang); } catch (e) {}
    route();
  };
  route();
  loadServices();
})();
