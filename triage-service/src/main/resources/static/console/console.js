// dmdesk operator console: live queue over server-sent events, report view and actions. No framework, no build.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { me: null, items: new Map(), selected: null, open: null, muted: localStorage.getItem('dmdesk.muted') === '1',
    seenEmergencies: new Set(), audio: null, first: true };

  // ---- HTTP: same-origin, CSRF header from the XSRF-TOKEN cookie on every state-changing request ----------
  function csrf() {
    const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : null;
  }
  async function api(method, path, body, headers) {
    // X-Requested-With: a 401 then carries no Basic challenge, so the browser shows no password dialog.
    const h = Object.assign({ 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, headers || {});
    if (body !== undefined) h['Content-Type'] = 'application/json';
    if (method !== 'GET') { const t = csrf(); if (t) h['X-XSRF-TOKEN'] = t; }
    const res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin' });
    if (res.status === 401) { window.location.assign('/login'); throw new Error('login required'); }
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (!res.ok) {
      const err = new Error((data && (data.message || data.detail || data.state || data.error)) || ('HTTP ' + res.status));
      err.status = res.status; err.data = data; throw err;
    }
    return data;
  }
  const uuid = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));

  // ---- Sound: a WebAudio beep for a new emergency, unless muted --------------------------------------------
  function unlockAudio() {
    if (!state.audio && window.AudioContext) { try { state.audio = new AudioContext(); } catch (e) { state.audio = null; } }
  }
  function beep() {
    if (state.muted || !state.audio) return;
    const ctx = state.audio;
    [0, 0.35].forEach((offset) => {
      const osc = ctx.createOscillator(); const gain = ctx.createGain();
      osc.type = 'square'; osc.frequency.value = 880; gain.gain.value = 0.15;
      osc.connect(gain); gain.connect(ctx.destination);
      osc.start(ctx.currentTime + offset); osc.stop(ctx.currentTime + offset + 0.2);
    });
  }
  function renderMute() {
    $('mute').setAttribute('aria-pressed', String(state.muted));
    $('mute').textContent = state.muted ? 'Sound muted' : 'Sound on';
  }
  function toggleMute() {
    state.muted = !state.muted; localStorage.setItem('dmdesk.muted', state.muted ? '1' : '0'); renderMute();
  }

  // ---- Queue ---------------------------------------------------------------------------------------------
  const ORDER = (a, b) => a.urgencyRank - b.urgencyRank || Date.parse(a.firstReceivedAt) - Date.parse(b.firstReceivedAt)
    || a.reportId.localeCompare(b.reportId);

  function matches(item) {
    const team = $('f-team').value, platform = $('f-platform').value, status = $('f-status').value, urgency = $('f-urgency').value;
    if (team && item.team !== team && item.district !== team) return false;
    if (platform && item.platform !== platform) return false;
    if (urgency && item.urgency !== urgency) return false;
    if (status === 'unclaimed' && item.claimedBy) return false;
    if (status === 'claimed' && !item.claimedBy) return false;
    if (status === 'mine' && item.claimedBy !== (state.me && state.me.user)) return false;
    return true;
  }

  function fillOptions(select, values) {
    const keep = select.value;
    const first = select.options[0];
    select.textContent = ''; select.appendChild(first);
    [...values].sort().forEach((v) => { const o = document.createElement('option'); o.value = v; o.textContent = v; select.appendChild(o); });
    select.value = keep;
  }

  function slaText(item, now) {
    const limit = item.slaSeconds;
    const elapsed = Math.max(0, Math.floor((now - Date.parse(item.firstReceivedAt)) / 1000));
    const left = limit - elapsed;
    const fmt = (s) => { s = Math.abs(s); const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), x = s % 60;
      return (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(x).padStart(2, '0'); };
    const level = left < 0 ? 'red' : elapsed >= limit * (state.me ? state.me.amberAt : 0.5) ? 'amber' : 'ok';
    return { level, text: left < 0 ? fmt(left) + ' over' : fmt(left) + ' left' };
  }

  function renderQueue() {
    const body = $('queue-body');
    // Rows are rebuilt on every change: keep the keyboard focus on the selected report.
    const hadFocus = document.activeElement && document.activeElement.parentElement === body;
    const items = [...state.items.values()].sort(ORDER);
    fillOptions($('f-team'), new Set(items.flatMap((i) => [i.team, i.district]).filter(Boolean)));
    fillOptions($('f-platform'), new Set(items.map((i) => i.platform)));
    const shown = items.filter(matches);
    const rows = document.createDocumentFragment();
    const now = Date.now();
    shown.forEach((item) => {
      const tr = document.createElement('tr');
      tr.dataset.reportId = item.reportId; tr.tabIndex = -1;
      tr.className = item.urgency === 'EMERGENCY' ? 'emergency' : item.urgency === 'POSSIBLE_EMERGENCY' ? 'possible-emergency' : '';
      tr.setAttribute('aria-selected', String(item.reportId === state.selected));
      const sla = slaText(item, now);
      const cells = [
        ['urgency ' + item.urgency, item.urgency],
        ['sla ' + sla.level, sla.text],
        ['ref', item.reference],
        ['', item.platform + ' · ' + item.channel],
        ['', [item.team, item.district].filter(Boolean).join(' / ')],
        ['text', item.redactedText],
        ['claimed', item.claimedBy || '—'],
        ['', (item.caseReference || 'no case') + ' · ' + (item.acknowledged ? 'acknowledged' : 'not acknowledged')]];
      cells.forEach(([cls, text]) => { const td = document.createElement('td'); td.className = cls; td.textContent = text; tr.appendChild(td); });
      tr.cells[1].title = 'SLA ' + Math.round(item.slaSeconds / 60) + ' min from receipt';
      tr.addEventListener('click', () => { select(item.reportId); openReport(item.reportId); });
      rows.appendChild(tr);
    });
    body.textContent = ''; body.appendChild(rows);
    if (hadFocus && state.selected) {
      const row = body.querySelector('tr[data-report-id="' + CSS.escape(state.selected) + '"]');
      if (row) row.focus();
    }
    $('queue-count').textContent = '(' + shown.length + ' of ' + items.length + ')';
    $('queue-empty').hidden = shown.length > 0;
    renderBanner();
  }

  function tickTimers() {
    const now = Date.now();
    document.querySelectorAll('#queue-body tr').forEach((tr) => {
      const item = state.items.get(tr.dataset.reportId); if (!item) return;
      const sla = slaText(item, now); const td = tr.cells[1];
      td.className = 'sla ' + sla.level; td.textContent = sla.text;
    });
  }

  function renderBanner() {
    const unclaimed = (urgency) => [...state.items.values()].filter((i) => i.urgency === urgency && !i.claimedBy);
    const open = unclaimed('EMERGENCY');
    const banner = $('emergency-banner');
    banner.hidden = open.length === 0;
    banner.textContent = open.length === 0 ? '' : open.length + ' unclaimed emergenc' + (open.length === 1 ? 'y' : 'ies')
      + ': ' + open.map((i) => i.reference).join(', ');
    // The recall-first band: danger is likely but not certain, so someone must read it and confirm or downgrade.
    const possible = unclaimed('POSSIBLE_EMERGENCY');
    const second = $('possible-banner');
    second.hidden = possible.length === 0;
    second.textContent = possible.length === 0 ? '' : possible.length + ' possible emergenc' + (possible.length === 1 ? 'y' : 'ies')
      + ' to check now (claim within ' + Math.round((possible[0].slaSeconds || 60)) + ' s): ' + possible.map((i) => i.reference).join(', ');
  }

  function noteEmergencies(items, announce) {
    let fresh = [];
    items.forEach((i) => {
      const alarming = i.urgency === 'EMERGENCY' || i.urgency === 'POSSIBLE_EMERGENCY';
      if (alarming && !state.seenEmergencies.has(i.reportId)) { state.seenEmergencies.add(i.reportId); fresh.push(i); }
    });
    if (announce && fresh.length) {
      $('queue-live').textContent = fresh.map((i) => (i.urgency === 'EMERGENCY' ? 'New emergency: ' : 'New possible emergency: ')
        + i.reference).join(', ');
      beep();
    }
  }

  function select(reportId) {
    state.selected = reportId;
    document.querySelectorAll('#queue-body tr').forEach((tr) => tr.setAttribute('aria-selected', String(tr.dataset.reportId === reportId)));
    const row = document.querySelector('#queue-body tr[data-report-id="' + CSS.escape(reportId) + '"]');
    if (row) { row.focus(); row.scrollIntoView({ block: 'nearest' }); }
  }
  function move(delta) {
    const rows = [...document.querySelectorAll('#queue-body tr')];
    if (!rows.length) return;
    const at = rows.findIndex((r) => r.dataset.reportId === state.selected);
    const next = rows[Math.max(0, Math.min(rows.length - 1, at < 0 ? 0 : at + delta))];
    select(next.dataset.reportId);
  }

  // ---- Live stream -------------------------------------------------------------------------------------------
  function connect() {
    const es = new EventSource('/api/console/stream');
    es.addEventListener('snapshot', (e) => {
      const change = JSON.parse(e.data);
      state.items = new Map(change.items.map((i) => [i.reportId, i]));
      noteEmergencies(change.items, !state.first); state.first = false;
      $('connection').textContent = 'Live';
      renderQueue();
    });
    es.addEventListener('upsert', (e) => {
      const change = JSON.parse(e.data);
      const isNew = !state.items.has(change.item.reportId);
      state.items.set(change.item.reportId, change.item);
      noteEmergencies([change.item], true);
      if (isNew && change.item.urgency !== 'EMERGENCY' && change.item.urgency !== 'POSSIBLE_EMERGENCY') $('queue-live').textContent = 'New report ' + change.item.reference;
      renderQueue();
      if (state.open === change.item.reportId) refreshOpenReport();
    });
    es.addEventListener('remove', (e) => {
      const change = JSON.parse(e.data);
      state.items.delete(change.reportId); renderQueue();
    });
    es.onopen = () => { $('connection').textContent = 'Live'; };
    es.onerror = () => { $('connection').textContent = 'Reconnecting…'; };
  }

  // ---- Report view ---------------------------------------------------------------------------------------------
  function say(text, error) { const m = $('report-message'); m.textContent = text; m.className = error ? 'error' : ''; }
  function list(el, values, fn) {
    el.textContent = '';
    if (!values.length) { const li = document.createElement('li'); li.textContent = 'none'; el.appendChild(li); return; }
    values.forEach((v) => { const li = document.createElement('li'); li.textContent = fn(v); el.appendChild(li); });
  }

  async function openReport(reportId) {
    state.open = reportId;
    $('revealed').hidden = true; $('revealed').textContent = ''; say('');
    $('report').hidden = false;
    await refreshOpenReport();
    $('report').focus();
  }
  async function refreshOpenReport() {
    const reportId = state.open; if (!reportId) return;
    let view;
    try { view = await api('GET', '/api/console/reports/' + encodeURIComponent(reportId)); } catch (e) { say(e.message, true); return; }
    if (state.open !== reportId) return;
    const i = view.item;
    $('report-title').textContent = 'Report ' + i.reference;
    const facts = $('report-facts'); facts.textContent = '';
    const add = (k, v) => { const dt = document.createElement('dt'); dt.textContent = k; const dd = document.createElement('dd');
      dd.textContent = v == null || v === '' ? '—' : v; facts.append(dt, dd); };
    add('Urgency', i.urgency); add('Category', i.category); add('Sensitivity', i.sensitivity);
    add('Language', i.language); add('Platform', i.platform + ' (' + i.channel + ') via ' + i.account);
    add('Routing', [view.routing.team, view.routing.district].join(' / ') + ' — ' + view.routing.reason);
    add('Received', new Date(i.firstReceivedAt).toLocaleString()); add('Revision', i.revision);
    add('Claimed by', i.claimedBy); add('Case record', view.case ? view.case.reference + ' (' + view.case.system + ')' : 'not opened yet');
    add('Acknowledged', view.sent.length ? 'yes' : 'not yet'); add('Status', view.status + (view.outcome ? ': ' + view.outcome : ''));
    if (view.original) add('Machine decision', view.original.urgency + '/' + view.original.category + '/' + view.original.sensitivity);
    add('Classifier', view.classifierVersion);
    list($('report-thread'), view.thread, (t) => '#' + t.revision + ' ' + new Date(t.receivedAt).toLocaleTimeString() + ' [' + t.language + '] ' + t.redactedText);
    view.changes.forEach((c) => { const li = document.createElement('li'); li.textContent = 'citizen ' + c.kind.toLowerCase() + ' a message at ' + new Date(c.at).toLocaleTimeString(); $('report-thread').appendChild(li); });
    list($('report-reasons'), view.reasons, (r) => r);
    list($('report-entities'), view.entities, (e) => e.type + ' (' + e.recogniser + ', ' + Math.round(e.confidence * 100) + '%)');
    list($('report-sent'), view.sent, (s) => s.kind + ' · ' + s.template + ' · ' + new Date(s.sentAt).toLocaleTimeString());
    list($('report-notes'), view.notes, (n) => n.by + ', ' + new Date(n.at).toLocaleTimeString() + ': ' + n.text);
    $('reply-rules').textContent = view.replyRules;
    $('r-urgency').value = i.urgency; $('r-category').value = i.category; $('r-sensitivity').value = i.sensitivity;
    const mine = i.claimedBy === state.me.user;
    $('claim').disabled = mine; $('release').disabled = !mine;
    $('force-release').hidden = !(state.me.supervisor && i.claimedBy && !mine);
  }
  function closeReport() {
    state.open = null; $('report').hidden = true;
    if (state.selected) select(state.selected);
  }

  async function act(label, fn) {
    say(label + '…');
    try { const out = await fn(); say(label + ': done'); await refreshOpenReport(); return out; }
    catch (e) { say(label + ' failed: ' + e.message, true); return null; }
  }

  function wireActions() {
    const id = () => encodeURIComponent(state.open);
    $('claim').addEventListener('click', () => act('Claim', () => api('POST', '/api/console/reports/' + id() + '/claim', {})));
    $('release').addEventListener('click', () => act('Release', () => api('POST', '/api/console/reports/' + id() + '/release', {})));
    $('force-release').addEventListener('click', () => act('Claim taken away', () => api('POST', '/api/console/supervisor/reports/' + id() + '/release', {})));
    $('open-case').addEventListener('click', () => act('Case record requested', () => api('POST', '/api/console/reports/' + id() + '/case', {})));
    $('reveal-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const justification = $('reveal-justification').value.trim();
      if (justification.length < state.me.revealMinLength) {
        say('Give a justification of at least ' + state.me.revealMinLength + ' characters', true); $('reveal-justification').focus(); return;
      }
      const out = await act('Reveal', () => api('POST', '/api/console/reports/' + id() + '/reveal', { justification }));
      if (!out) return;
      const box = $('revealed'); box.textContent = '';
      const h = document.createElement('h3'); h.textContent = 'Original text (revealed, audited)'; box.appendChild(h);
      out.thread.forEach((t) => { const p = document.createElement('p'); p.className = 'original'; p.textContent = '#' + t.revision + ': ' + t.text; box.appendChild(p); });
      out.edits.forEach((t) => { const p = document.createElement('p'); p.textContent = 'edited ' + new Date(t.at).toLocaleTimeString() + ': ' + t.text; box.appendChild(p); });
      box.hidden = false; $('reveal-justification').value = '';
    });
    $('reclassify-form').addEventListener('submit', (e) => {
      e.preventDefault();
      act('Reclassify', () => api('POST', '/api/console/reports/' + id() + '/reclassify', { urgency: $('r-urgency').value,
        category: $('r-category').value, sensitivity: $('r-sensitivity').value, reason: $('r-reason').value }))
        .then((out) => { if (out) $('r-reason').value = ''; });
    });
    $('reply-template').addEventListener('change', () => {
      const t = state.me.replyTemplates.find((x) => x.id === $('reply-template').value);
      if (t) $('reply-text').value = t.text;
    });
    $('reply-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const key = uuid();
      const text = $('reply-text').value;
      say('Sending reply…');
      try {
        const out = await api('POST', '/api/console/reports/' + id() + '/replies', { text }, { 'Idempotency-Key': key });
        say('Reply sent (' + out.state + ')'); $('reply-text').value = ''; $('reply-template').value = '';
      } catch (err) {
        const st = err.data && err.data.state;
        say(st === 'CANNOT_REPLY_ON_CHANNEL' ? 'Cannot reply on this channel: ' + $('reply-rules').textContent
          : 'Reply not sent: ' + err.message, true);
      }
      refreshOpenReport();
    });
    $('note-form').addEventListener('submit', (e) => {
      e.preventDefault();
      act('Note', () => api('POST', '/api/console/reports/' + id() + '/notes', { text: $('note-text').value }, { 'Idempotency-Key': uuid() }))
        .then((out) => { if (out) $('note-text').value = ''; });
    });
    $('close-form').addEventListener('submit', (e) => {
      e.preventDefault();
      act('Close', () => api('POST', '/api/console/reports/' + id() + '/close', { outcome: $('close-outcome').value }))
        .then((out) => { if (out) closeReport(); });
    });
    $('report-close').addEventListener('click', closeReport);
  }

  // ---- Connectors --------------------------------------------------------------------------------------------
  async function loadConnectors() {
    $('connectors-status').textContent = 'Loading…';
    try {
      const rows = await api('GET', '/api/console/connectors');
      const body = $('connectors-body'); body.textContent = '';
      rows.forEach((c) => {
        const tr = document.createElement('tr');
        [c.platform, c.account, c.team, c.state, c.lastSuccess || 'never', c.rateLimitRemaining < 0 ? 'unknown' : c.rateLimitRemaining, c.problem || '', credentialText(c)]
          .forEach((v, n) => {
            const td = document.createElement('td'); td.textContent = v == null ? '' : v;
            if (n === 3) td.className = 'state-' + c.state;
            if (n === 7 && c.credentialWarning) td.className = 'credential-warning';
            tr.appendChild(td);
          });
        body.appendChild(tr);
        // The re-connect step, under the account, when a person must act (a warning or a refused token).
        if (c.reconnectStep && (c.credentialWarning || c.credentialProblem)) {
          const step = document.createElement('tr'); step.className = 'reconnect-step';
          const td = document.createElement('td'); td.colSpan = 8;
          td.textContent = 'Re-connect ' + c.account + ': ' + c.reconnectStep;
          step.appendChild(td); body.appendChild(step);
        }
      });
      $('connectors-status').textContent = rows.length + ' monitored accounts, as of ' + new Date().toLocaleTimeString();
    } catch (e) { $('connectors-status').textContent = 'Connector health unavailable: ' + e.message; }
  }
  /** The credential column: renewed or configured, when it lapses, and the warning when a person must act. */
  function credentialText(c) {
    const lapses = c.credentialExpiresAt ? 'lapses ' + new Date(c.credentialExpiresAt).toLocaleString() : '';
    const base = c.credentialRenewed ? ('renewed automatically' + (lapses ? ', ' + lapses : '')) : 'configured token';
    return c.credentialWarning ? 'Warning: ' + c.credentialWarning + ' (' + base + ')' : base;
  }
  function togglePanel(button, panel, onShow) {
    const show = panel.hidden; panel.hidden = !show; button.setAttribute('aria-expanded', String(show));
    if (show && onShow) onShow();
  }

  // ---- Keyboard ----------------------------------------------------------------------------------------------
  function onKey(e) {
    unlockAudio();
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
    if (e.key === 'Escape') { if (state.open) { e.preventDefault(); closeReport(); } return; }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    const keys = {
      j: () => move(1), k: () => move(-1),
      Enter: () => { if (state.selected && document.activeElement && document.activeElement.tagName === 'TR') openReport(state.selected); },
      c: () => { if (state.open) $('claim').click(); },
      r: () => { if (state.open) $('reveal-justification').focus(); },
      '/': () => $('f-team').focus(), m: toggleMute,
      h: () => togglePanel($('show-connectors'), $('connectors'), loadConnectors),
      '?': () => togglePanel($('show-help'), $('help')) };
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  }

  // ---- Start -----------------------------------------------------------------------------------------------------
  async function start() {
    renderMute();
    document.addEventListener('click', unlockAudio);
    document.addEventListener('keydown', onKey);
    $('mute').addEventListener('click', toggleMute);
    $('show-connectors').addEventListener('click', () => togglePanel($('show-connectors'), $('connectors'), loadConnectors));
    $('show-help').addEventListener('click', () => togglePanel($('show-help'), $('help')));
    $('filters').addEventListener('change', renderQueue);
    $('logout-form').addEventListener('submit', () => { $('logout-csrf').value = csrf() || ''; });
    try { state.me = await api('GET', '/api/console/me'); } catch (e) { $('connection').textContent = 'Not signed in'; return; }
    $('user').textContent = state.me.user;
    const opts = (sel, values) => values.forEach((v) => { const o = document.createElement('option'); o.value = v; o.textContent = v; sel.appendChild(o); });
    opts($('f-urgency'), state.me.urgencies); opts($('r-urgency'), state.me.urgencies);
    opts($('r-category'), state.me.categories); opts($('r-sensitivity'), state.me.sensitivities);
    opts($('close-outcome'), state.me.outcomes);
    state.me.replyTemplates.forEach((t) => { const o = document.createElement('option'); o.value = t.id; o.textContent = t.id; $('reply-template').appendChild(o); });
    wireActions();
    connect();
    setInterval(tickTimers, 1000);
  }
  document.addEventListener('DOMContentLoaded', start);
}());
