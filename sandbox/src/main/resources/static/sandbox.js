// Citizen page of the sandbox. Every piece of data goes into the page through textContent, never parsed as HTML:
// message text is attacker-controlled on real platforms, and the page should model that.
'use strict';

const $ = (id) => document.getElementById(id);
const PLATFORM_NAMES = { x: 'X' };
let accountsByPlatform = {};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function fillSelect(select, values, label) {
  select.replaceChildren(...values.map((value) => {
    const option = element('option', null, label(value));
    option.value = typeof value === 'string' ? value : value.handle;
    return option;
  }));
}

async function loadAccounts() {
  const response = await fetch('control/accounts');
  accountsByPlatform = await response.json();
  fillSelect($('platform'), Object.keys(accountsByPlatform), (p) => PLATFORM_NAMES[p] || p);
  showAccounts();
}

function showAccounts() {
  const accounts = accountsByPlatform[$('platform').value] || [];
  fillSelect($('account'), accounts, (a) => `${a.name} (@${a.handle})`);
}

async function send(event) {
  event.preventDefault();
  const status = $('send-status');
  status.className = '';
  status.textContent = 'Sending...';
  const body = {
    platform: $('platform').value,
    channel: 'dm',
    account: $('account').value,
    sender: $('sender').value,
    senderName: $('senderName').value || null,
    text: $('text').value,
  };
  try {
    const response = await fetch('control/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await response.json();
    if (response.ok) {
      status.textContent = `Sent to @${json.account} (message ${json.id}).`;
      $('text').value = '';
      $('text').focus();
    } else {
      status.className = 'error';
      status.textContent = `Not sent: ${json.message || json.error}`;
      const field = $(json.field);
      if (field) field.focus();
    }
  } catch (e) {
    status.className = 'error';
    status.textContent = 'Not sent: the sandbox did not answer.';
  }
}

// Re-rendered only when the content changed, so screen readers and keyboard focus are not disturbed every poll;
// the count line is the live region that announces new items.
const lastRendered = {};

function renderList(name, items, render, singular, plural) {
  const json = JSON.stringify(items);
  if (lastRendered[name] === json) return;
  lastRendered[name] = json;
  $(name).replaceChildren(...items.slice().reverse().map(render));
  $(`${name}-empty`).hidden = items.length > 0;
  $(`${name}-count`).textContent = items.length > 0 ? `${items.length} ${items.length === 1 ? singular : plural}` : '';
}

function replyItem(reply) {
  const item = element('li');
  item.append(
    element('div', 'meta', `${reply.sentAt} · ${reply.platform} · @${reply.account} to @${reply.recipient}`),
    element('p', 'text', reply.text));
  return item;
}

function caseItem(record) {
  const body = record.body || {};
  const item = element('li');
  item.append(
    element('div', 'meta', `${record.createdAt} · ${record.reference} · ${body.category || ''} · ${body.urgency || ''}`),
    element('p', 'text', body.title || body.narrative || ''));
  if (record.notes && record.notes.length > 0) {
    item.append(element('div', 'meta', `${record.notes.length} note(s)`));
  }
  return item;
}

async function refresh() {
  try {
    const [replies, cases] = await Promise.all([
      fetch('control/replies').then((r) => r.json()),
      fetch('control/cases').then((r) => r.json()),
    ]);
    renderList('replies', replies, replyItem, 'reply', 'replies');
    renderList('cases', cases, caseItem, 'case record', 'case records');
  } catch (e) {
    // The sandbox may be restarting; the next poll tries again.
  }
}

$('platform').addEventListener('change', showAccounts);
$('send-form').addEventListener('submit', send);
loadAccounts();
refresh();
setInterval(refresh, 2000);
