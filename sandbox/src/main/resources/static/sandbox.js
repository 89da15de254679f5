// Citizen page of the sandbox. Every piece of data goes into the page through textContent, never parsed as HTML:
// message text is attacker-controlled on real platforms, and the page should model that.
'use strict';

const $ = (id) => document.getElementById(id);
let platforms = [];
let current = null;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function option(value, label) {
  const node = element('option', null, label);
  node.value = value;
  return node;
}

// The sandbox names the platforms, their channels, a valid sender and a sample message: the page opens on the
// default platform with all of it filled in, so Send works as it stands on every platform and channel.
async function loadPlatforms() {
  const response = await fetch('control/platforms');
  platforms = await response.json();
  $('platform').replaceChildren(...platforms.map((p) => option(p.platform, p.name)));
  const first = platforms.find((p) => p.default) || platforms[0];
  $('platform').value = first.platform;
  $('text').value = first.exampleText;
  showPlatform();
}

function showPlatform() {
  const previous = current;
  current = platforms.find((p) => p.platform === $('platform').value);
  if (!current) return;
  $('account').replaceChildren(...current.accounts.map((a) => option(a.handle, `${a.name} (@${a.handle})`)));
  const channel = $('channel').value;
  $('channel').replaceChildren(...current.channels.map((c) => option(c.channel, c.label)));
  if (current.channels.some((c) => c.channel === channel)) $('channel').value = channel;
  // A handle the citizen typed stays; the previous platform's example is swapped for this one's.
  const sender = $('sender');
  if (!sender.value || !previous || sender.value === previous.sender.example) sender.value = current.sender.example;
  sender.pattern = current.sender.pattern;
  sender.maxLength = current.sender.maxLength;
  $('sender-hint').textContent = current.sender.hint;
  $('text').maxLength = current.maxTextLength;
  $('text-hint').textContent = `Up to ${current.maxTextLength} characters on ${current.name}.`;
}

async function send(event) {
  event.preventDefault();
  const status = $('send-status');
  status.className = '';
  status.textContent = 'Sending...';
  const channel = current.channels.find((c) => c.channel === $('channel').value);
  const body = {
    platform: $('platform').value,
    channel: $('channel').value,
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
      const kind = channel && channel.public ? 'public message' : 'direct message';
      status.textContent = `Sent as a ${kind} on ${current.name} to @${json.account} (message ${json.id}).`;
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
    element('div', 'meta', `${reply.sentAt} · ${reply.platform} · ${reply.channel === 'public' ? 'public reply' : 'direct message'} · @${reply.account} to @${reply.recipient}`),
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

$('platform').addEventListener('change', showPlatform);
$('send-form').addEventListener('submit', send);
loadPlatforms();
refresh();
setInterval(refresh, 2000);
