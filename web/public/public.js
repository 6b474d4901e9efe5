// Antre's public page: one ticket (/t/{code}) or the office board (/). Plain ES5
// for old phones' WebViews: no modules, no framework, nothing from elsewhere.
(function () {
  'use strict';
  var T = {
    id: {
      your_number: 'Nomor antrean Anda', people_ahead: 'Orang di depan Anda', estimated_call: 'Perkiraan dipanggil',
      now_called: 'Sedang dipanggil', office_link: 'Antrean kantor', at_counters: 'Di loket', services: 'Layanan',
      service: 'Layanan', waiting: 'Menunggu', wait: 'Perkiraan tunggu', s_waiting: 'Menunggu',
      s_requeued: 'Tidak hadir, dikembalikan ke antrean', s_transferred: 'Dialihkan ke {0}',
      s_called: 'Dipanggil \u2014 silakan ke {0}', s_serving: 'Sedang dilayani', s_done: 'Selesai',
      s_no_show: 'Tidak hadir', s_cancelled: 'Dibatalkan', s_expired: 'Tiket ini sudah tidak berlaku',
      go: 'Giliran Anda! Silakan ke {0}', soon: 'Sebentar lagi giliran Anda: {0} orang lagi. Kembalilah ke ruang tunggu.',
      soon0: 'Anda berikutnya! Kembalilah ke ruang tunggu.', not_valid: 'Tiket ini sudah tidak berlaku',
      not_valid_more: 'Tautan tiket berlaku sampai akhir hari tiket diambil.', bad_code: 'Alamat tiket ini tidak sah',
      throttled: 'Terlalu banyak percobaan. Coba lagi sebentar lagi.', live: 'Langsung', updated: 'Diperbarui {0}',
      reconnecting: 'Menyambung ulang\u2026', counter: 'Loket {0}', around: 'sekitar {0}', minutes: '\u00b1 {0} menit',
      now: 'sebentar lagi', not_today: 'mungkin tidak terlayani hari ini', none: '\u2014', paused: 'istirahat', closed: 'tutup', nobody: 'Belum ada yang dipanggil',
      lang: 'EN', title: 'Nomor antrean', book_link: 'Pesan antrean daring (ambil nomor dari rumah)'
    },
    en: {
      your_number: 'Your queue number', people_ahead: 'People ahead of you', estimated_call: 'Estimated call',
      now_called: 'Now called', office_link: 'Office queue', at_counters: 'At the counters', services: 'Services',
      service: 'Service', waiting: 'Waiting', wait: 'Estimated wait', s_waiting: 'Waiting',
      s_requeued: 'Missed your call, back in the queue', s_transferred: 'Transferred to {0}',
      s_called: 'Called \u2014 please go to {0}', s_serving: 'Being served', s_done: 'Done',
      s_no_show: 'Did not show up', s_cancelled: 'Cancelled', s_expired: 'This ticket is no longer valid',
      go: 'Your turn! Please go to {0}', soon: 'Your turn is close: {0} ahead of you. Please return to the waiting room.',
      soon0: 'You are next! Please return to the waiting room.', not_valid: 'This ticket is no longer valid',
      not_valid_more: 'A ticket link works until the end of the day it was taken.', bad_code: 'This ticket link is not valid',
      throttled: 'Too many attempts. Please try again shortly.', live: 'Live', updated: 'Updated {0}',
      reconnecting: 'Reconnecting\u2026', counter: 'Counter {0}', around: 'around {0}', minutes: '\u00b1 {0} min',
      now: 'very soon', not_today: 'may not be served today', none: '\u2014', paused: 'on a break', closed: 'closed', nobody: 'Nobody called yet',
      lang: 'ID', title: 'Queue number', book_link: 'Book online (a place from home)'
    }
  };
  var lang = 'id';
  try { if (window.localStorage && localStorage.getItem('antre_lang') === 'en') lang = 'en'; } catch (e) {}
  var page = document.body.getAttribute('data-page');
  var last = null, lastError = null, live = false, buzzed = '';

  function $(id) { return document.getElementById(id); }
  function t(key, arg) { var s = T[lang][key] || key; return arg === undefined ? s : s.replace('{0}', arg); }
  function text(id, s) { var e = $(id); if (e) e.textContent = s; }
  function show(id, on) { var e = $(id); if (e) e.hidden = !on; }
  function name(o) { return o ? (lang === 'en' ? o.name_en : o.name_id) : ''; }
  function counterName(d) { return d.counter_name || t('counter', d.counter); }
  function waitText(s) { return s === null ? t('not_today') : s > 60 ? t('minutes', Math.round(s / 60)) : t('now'); }
  function buzz(why) {
    if (buzzed === why) return;
    buzzed = why;
    if (navigator.vibrate) { try { navigator.vibrate([400, 150, 400]); } catch (e) {} }
  }

  function statics() {
    var all = document.querySelectorAll('[data-t]');
    for (var i = 0; i < all.length; i++) all[i].textContent = t(all[i].getAttribute('data-t'));
    document.documentElement.lang = lang;
    text('lang', t('lang'));
  }

  function alertBox(message, kind) {
    var a = $('alert');
    a.className = 'alert' + (kind ? ' ' + kind : '');
    a.textContent = message;
    a.hidden = !message;
  }

  function renderCalls(list, into) {
    var ul = $(into);
    while (ul.firstChild) ul.removeChild(ul.firstChild);
    for (var i = 0; i < list.length; i++) {
      var li = document.createElement('li'), b = document.createElement('b'), s = document.createElement('span');
      b.textContent = list[i].label === null ? t('none') : list[i].label;
      s.textContent = list[i].name || counterName(list[i]);
      li.appendChild(b); li.appendChild(s); ul.appendChild(li);
    }
    if (!list.length) { var e = document.createElement('li'); e.textContent = t('nobody'); ul.appendChild(e); }
  }

  function renderError(err) {
    show('card', false); show('called_box', false);
    var code = err && err.code;
    if (code === 'too_many_attempts') alertBox(t('throttled'), '');
    else if (code === 'bad_code') alertBox(t('bad_code'), 'end');
    else alertBox(t('not_valid') + '. ' + t('not_valid_more'), 'end');
    document.title = t('not_valid');
  }

  function renderTicket(d) {
    text('office', d.office.name);
    show('card', true);
    text('label', d.label);
    text('service', name(d.service));
    var st = $('state'), s = d.state, msg, cls = '';
    if (s === 'called') { msg = t('s_called', counterName(d)); cls = 'go'; }
    else if (s === 'transferred') msg = t('s_transferred', name(d.transferred_to));
    else msg = t('s_' + s);
    if ((s === 'waiting' || s === 'requeued' || s === 'transferred') && d.soon) cls = 'soon';
    if (s === 'done' || s === 'no_show' || s === 'cancelled' || s === 'expired') cls = 'end';
    st.textContent = msg;
    st.className = 'state' + (cls ? ' ' + cls : '');
    var waiting = d.people_ahead !== null;
    var late = waiting && d.estimate && d.estimate.reached === false;
    show('ahead_row', waiting); show('eta_row', waiting && (d.estimated_call_time !== null || late));
    if (waiting) {
      text('ahead', String(d.people_ahead));
      // The current estimate's interval (docs/queue.md), or the honest "not today".
      if (late) text('eta', t('not_today'));
      else if (d.estimated_call_from_time) text('eta', d.estimated_call_from_time + '\u2013' + d.estimated_call_to_time + ' (' + waitText(d.estimated_wait_s) + ')');
      else if (d.estimated_call_time !== null) text('eta', t('around', d.estimated_call_time) + ' (' + waitText(d.estimated_wait_s) + ')');
    }
    if (s === 'called') { alertBox(t('go', counterName(d)), 'go'); buzz('called' + d.counter); }
    else if (waiting && d.soon) { alertBox(d.people_ahead ? t('soon', d.people_ahead) : t('soon0'), ''); buzz('soon'); }
    else alertBox('', '');
    show('called_box', true);
    var calls = [];
    for (var i = 0; i < d.now_called.length; i++) calls.push({ label: d.now_called[i].label, name: d.now_called[i].counter_name, counter: d.now_called[i].counter });
    renderCalls(calls, 'called');
    document.title = d.label + ' \u2014 ' + msg;
    status(d.office.time);
  }

  function renderOffice(d) {
    text('office', d.office.name);
    var calls = [];
    for (var i = 0; i < d.counters.length; i++) {
      var c = d.counters[i];
      calls.push({ label: c.state === 'open' ? c.label : t(c.state === 'paused' ? 'paused' : 'closed'), name: c.name, counter: c.number });
    }
    renderCalls(calls, 'counters');
    var body = $('services').getElementsByTagName('tbody')[0];
    while (body.firstChild) body.removeChild(body.firstChild);
    for (var j = 0; j < d.services.length; j++) {
      var s = d.services[j], tr = document.createElement('tr');
      var cells = [name(s), String(s.waiting), s.open_now ? waitText(s.estimated_wait_s) : t('closed')];
      for (var k = 0; k < 3; k++) {
        var td = document.createElement('td');
        td.textContent = cells[k];
        if (k) td.className = 'n';
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    document.title = d.office.name;
    status(d.office.time);
  }

  function status(time) { text('status', (live ? t('live') + ' \u00b7 ' : '') + t('updated', time)); }

  function render() {
    statics();
    if (lastError) return renderError(lastError);
    if (!last) return;
    if (page === 'office') renderOffice(last); else renderTicket(last);
  }

  function take(body) {
    var d;
    try { d = JSON.parse(body); } catch (e) { return; }
    if (d.ok === false) { lastError = d.error; last = null; } else { last = d; lastError = null; }
    render();
  }

  var code = '';
  if (page === 'ticket') {
    var m = /\/t\/([^\/?#]*)/.exec(location.pathname);
    code = m ? m[1] : '';
  }
  var base = page === 'office' ? '/api/public/office' : '/api/public/ticket/' + encodeURIComponent(code);

  function fetchOnce(then) {
    var x = new XMLHttpRequest();
    x.open('GET', base, true);
    x.onreadystatechange = function () {
      if (x.readyState !== 4) return;
      if (x.status) take(x.responseText);
      if (then) then(x.status);
    };
    x.send();
  }

  // Without EventSource: a request every few seconds.
  function poll() {
    fetchOnce(function (s) {
      if (s === 404 || s === 400) return;  // the ticket is gone: nothing more to ask
      setTimeout(poll, 3000);
    });
  }

  function listen() {
    var es = new EventSource(base + '/events');
    es.onopen = function () { live = true; };
    es.onmessage = function (e) { live = true; take(e.data); };
    es.onerror = function () {
      live = false;
      if (last) status(last.office.time + ' \u00b7 ' + t('reconnecting'));
      // A refusal (gone, malformed, throttled) closes it for good: ask once to say why.
      if (es.readyState === 2) fetchOnce(function (s) { if (s === 200) setTimeout(listen, 2000); });
    };
  }

  $('lang').onclick = function () {
    lang = lang === 'id' ? 'en' : 'id';
    try { localStorage.setItem('antre_lang', lang); } catch (e) {}
    render();
  };
  statics();
  if (window.EventSource) listen(); else poll();
})();
