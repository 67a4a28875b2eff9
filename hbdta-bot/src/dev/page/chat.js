// The dev chat page of `hbdta-bot dev`. It talks to the dev server on the same origin:
//   POST /dev/api/session            -> {"psid", "page_id", "page_name", "platform"}: a new person
//   GET  /dev/api/events?psid=<psid> -> Server-Sent Events, each one Send API body (Messenger) or
//                                       one Bot API call (Telegram) the bot made to this person
//   POST /dev/api/send               -> {"psid", "text"} | {"psid", "quick_reply"} | {"psid", "postback"}
//                                       | {"psid", "callback": {"data", "message_id"}} (Telegram)
// and renders the bot's messages like the platform does: Messenger's cards and quick replies, or
// Telegram's photos with HTML captions and inline keyboards. Bot text only ever reaches the page
// as text nodes, a few formatting elements built here, and checked http(s) links, never as HTML.
'use strict';

(() => {
  const API = '/dev/api';
  const SESSION_KEY = 'hbdta.dev.session';
  const TRANSCRIPT_KEY = 'hbdta.dev.transcript';
  const TRANSCRIPT_MAX = 300;
  const TYPING_TIMEOUT_MS = 20000;
  const RETRY_MS = 3000;

  const $ = (id) => document.getElementById(id);
  const log = $('log');
  const empty = $('empty');
  const form = $('composer-form');
  const input = $('composer');
  const sendButton = $('send');
  const getStarted = $('get-started');
  const banner = $('connection');

  let session = null; // {psid, page_id, page_name, platform}
  let transcript = []; // what a reload of this tab shows again
  let restoring = false;
  let typing = null; // {row, timer}
  let chips = null; // the quick replies under the last bot message
  let lastSide = null; // 'user' or 'bot': consecutive bubbles of one side are grouped
  let source = null;
  let retryTimer = null;
  let stuck = true; // whether the view follows the newest message (false once the user scrolls up)

  // --- DOM helpers ----------------------------------------------------------------------------

  /** An element; strings among the children become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value == null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'testid') node.dataset.testid = value;
      else if (key === 'onclick') node.addEventListener('click', value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child != null) node.append(child);
    }
    return node;
  }

  /** `raw` as an absolute http(s) URL, or null. */
  function safeUrl(raw) {
    if (typeof raw !== 'string' || raw === '') return null;
    try {
      const url = new URL(raw, location.href);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
      return null;
    }
  }

  function externalLink(href, attrs, ...children) {
    return el('a', { ...attrs, href, target: '_blank', rel: 'noopener' }, ...children);
  }

  const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+/gi;

  /** `text` with its http(s) URLs as links (trailing punctuation stays text). */
  function linkified(text) {
    const out = document.createDocumentFragment();
    let done = 0;
    for (const match of text.matchAll(URL_IN_TEXT)) {
      let url = match[0];
      for (;;) {
        const last = url.slice(-1);
        const unbalanced = last === ')' && url.split('(').length < url.split(')').length;
        if (!'.,;:!?\'”’»]}'.includes(last) && !unbalanced) break;
        url = url.slice(0, -1);
      }
      const href = safeUrl(url);
      out.append(text.slice(done, match.index));
      out.append(href ? externalLink(href, {}, url) : url);
      done = match.index + url.length;
    }
    out.append(text.slice(done));
    return out;
  }

  function initial(name) {
    const first = Array.from(String(name).trim())[0];
    return first ? first.toUpperCase() : '?';
  }

  function nearBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
    stuck = true;
  }

  /** Keeps the newest message in view when something above it grows (an image loads). */
  function followLoad(media) {
    media.addEventListener('load', () => stuck && scrollToEnd());
    return media;
  }

  /** Appends a row of `side` (above the typing indicator, which stays last). */
  function addRow(side, ...children) {
    const row = el('div', { class: `row ${side}` }, ...children);
    if (lastSide === side) row.classList.add('follow');
    lastSide = side;
    log.insertBefore(row, typing ? typing.row : null);
    empty.hidden = true;
    log.classList.add('has-rows');
    scrollToEnd();
    return row;
  }

  function remember(entry) {
    if (restoring) return;
    transcript.push(entry);
    if (transcript.length > TRANSCRIPT_MAX) transcript.splice(0, transcript.length - TRANSCRIPT_MAX);
    try {
      sessionStorage.setItem(TRANSCRIPT_KEY, JSON.stringify(transcript));
    } catch {
      // Storage full or disabled: a reload then starts with an empty page, nothing else breaks.
    }
  }

  // --- the user's side ------------------------------------------------------------------------

  function userRow(text) {
    return addRow('user', el('div', { class: 'bubble', testid: 'user-text' }, text));
  }

  /** Shows `label` as the user's bubble and sends `fields` (text, quick_reply or postback). */
  function send(fields, label) {
    if (!session) return;
    removeChips();
    const row = userRow(label);
    remember({ t: 'user', text: label });
    deliver(row, { psid: session.psid, ...fields });
  }

  async function deliver(row, body) {
    row.classList.add('pending');
    row.classList.remove('failed');
    for (const old of row.querySelectorAll('.send-error')) old.remove();
    let problem = null;
    try {
      const response = await fetch(`${API}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = (await response.text()).trim();
      if (!response.ok) {
        problem = `${response.status} ${text.slice(0, 200) || response.statusText}`;
      } else {
        let answer = null;
        try {
          answer = JSON.parse(text);
        } catch {
          // A 2xx without JSON: delivered as far as the page can tell.
        }
        const status = answer && answer.status;
        if (typeof status === 'number' && (status < 200 || status > 299)) {
          problem = `the bot's webhook answered ${status}`;
        }
      }
    } catch {
      problem = 'the dev server cannot be reached';
    }
    row.classList.remove('pending');
    if (!problem) return;
    row.classList.add('failed');
    row.append(
      el(
        'button',
        { type: 'button', class: 'send-error', testid: 'send-error', title: 'Send again', onclick: () => deliver(row, body) },
        `Not delivered: ${problem} · tap to retry`,
      ),
    );
    if (stuck) scrollToEnd();
  }

  // --- the bot's side -------------------------------------------------------------------------

  function typingOn() {
    if (!typing) {
      const dots = [0, 1, 2].map(() => el('span', { class: 'dot' }));
      const row = el('div', { class: 'row bot typing', testid: 'typing', 'aria-label': 'typing' }, el('div', { class: 'bubble' }, ...dots));
      log.append(row);
      typing = { row, timer: null };
      scrollToEnd();
    }
    clearTimeout(typing.timer);
    typing.timer = setTimeout(typingOff, TYPING_TIMEOUT_MS);
  }

  function typingOff() {
    if (!typing) return;
    clearTimeout(typing.timer);
    typing.row.remove();
    typing = null;
  }

  function markSeen() {
    for (const old of log.querySelectorAll('[data-testid="seen"]')) old.remove();
    const rows = log.querySelectorAll('.row.user');
    const last = rows[rows.length - 1];
    if (last) last.append(el('div', { class: 'meta', testid: 'seen' }, 'Seen'));
  }

  function removeChips() {
    if (chips) chips.remove();
    chips = null;
  }

  /** The title and payload a tap on quick reply `q` sends, or null. */
  function quickReply(q) {
    if (!q || typeof q !== 'object') return null;
    // Messenger fills these two from the person's profile; the dev page uses sample values.
    if (q.content_type === 'user_email') return { title: 'dev@example.com', payload: 'dev@example.com' };
    if (q.content_type === 'user_phone_number') return { title: '+15555550123', payload: '+15555550123' };
    if (typeof q.title !== 'string' || q.title === '') return null;
    return { title: q.title, payload: q.payload == null ? '' : String(q.payload) };
  }

  function showChips(list) {
    const box = el('div', { class: 'chips', role: 'group', 'aria-label': 'Quick replies' });
    for (const q of list) {
      const choice = quickReply(q);
      if (!choice) continue;
      box.append(
        el(
          'button',
          { type: 'button', class: 'chip', testid: 'quick-reply', 'data-payload': choice.payload, title: choice.title, onclick: () => send({ quick_reply: choice }, choice.title) },
          choice.title,
        ),
      );
    }
    if (!box.childElementCount) return;
    log.insertBefore(box, typing ? typing.row : null);
    chips = box;
    scrollToEnd();
  }

  function buttonNode(b) {
    const title = String((b && b.title) || '');
    const attrs = { class: 'button', testid: 'card-button' };
    const type = b && b.type;
    if (type === 'web_url') {
      const url = safeUrl(b.url);
      if (url) return externalLink(url, attrs, title);
    } else if (type === 'postback') {
      const payload = b.payload == null ? '' : String(b.payload);
      return el('button', { ...attrs, type: 'button', 'data-payload': payload, onclick: () => send({ postback: { title, payload } }, title) }, title);
    } else if (type === 'phone_number') {
      return el('a', { ...attrs, href: `tel:${String(b.payload || '').replace(/[^\d+]/g, '')}` }, title);
    }
    return el('button', { ...attrs, type: 'button', disabled: true, title: `not supported here: ${type}` }, title || String(type));
  }

  function buttonsNode(list) {
    if (!Array.isArray(list) || list.length === 0) return null;
    return el('div', { class: 'buttons' }, ...list.map(buttonNode));
  }

  function cardNode(element) {
    const title = String(element.title || '');
    const action = element.default_action;
    const link = action && action.type === 'web_url' ? safeUrl(action.url) : null;
    const card = el('div', { class: 'card', testid: 'card' });
    const image = safeUrl(element.image_url);
    if (image) {
      const img = followLoad(el('img', { src: image, alt: title || 'image', loading: 'lazy', decoding: 'async' }));
      img.addEventListener('error', () => {
        img.replaceWith(el('div', { class: 'placeholder', role: 'img', 'aria-label': title || 'image' }, initial(title)));
      });
      card.append(link ? externalLink(link, { class: 'card-media', tabindex: '-1' }, img) : el('div', { class: 'card-media' }, img));
    }
    const body = el('div', { class: 'card-body' });
    body.append(
      link
        ? externalLink(link, { class: 'card-title', testid: 'card-title' }, title)
        : el('div', { class: 'card-title', testid: 'card-title' }, title),
    );
    if (element.subtitle) body.append(el('div', { class: 'card-subtitle', testid: 'card-subtitle' }, String(element.subtitle)));
    card.append(body);
    const buttons = buttonsNode(element.buttons);
    if (buttons) card.append(buttons);
    return card;
  }

  function textNode(text) {
    return el('div', { class: 'bubble', testid: 'bot-text' }, linkified(text));
  }

  function templateNode(payload) {
    if (payload.template_type === 'generic' && Array.isArray(payload.elements) && payload.elements.length) {
      const cards = el('div', { class: payload.elements.length === 1 ? 'cards single' : 'cards' });
      for (const element of payload.elements) cards.append(cardNode(element || {}));
      return cards;
    }
    if (payload.template_type === 'button' && typeof payload.text === 'string') {
      return el('div', { class: 'button-box' }, textNode(payload.text), buttonsNode(payload.buttons));
    }
    return null;
  }

  function attachmentNode(attachment) {
    if (!attachment || typeof attachment !== 'object') return null;
    const payload = attachment.payload && typeof attachment.payload === 'object' ? attachment.payload : {};
    if (attachment.type === 'template') return templateNode(payload);
    const url = safeUrl(payload.url);
    if (!url) return null; // an attachment_id of an uploaded file: nothing to show
    switch (attachment.type) {
      case 'image':
        return externalLink(url, { class: 'media' }, followLoad(el('img', { src: url, alt: 'image', loading: 'lazy' })));
      case 'video':
        return el('div', { class: 'media' }, el('video', { src: url, controls: true, preload: 'metadata' }));
      case 'audio':
        return el('div', { class: 'media' }, el('audio', { src: url, controls: true, preload: 'none' }));
      case 'file':
        return externalLink(url, { class: 'media file' }, `📎 ${decodeURIComponent(new URL(url).pathname.split('/').pop() || 'file')}`);
      default:
        return null;
    }
  }

  /** What a Send API message shows, or null for a shape this page does not know. */
  function messageNodes(message) {
    if (!message || typeof message !== 'object') return null;
    if (typeof message.text === 'string') return [textNode(message.text)];
    const attachments = Array.isArray(message.attachments) ? message.attachments : [message.attachment];
    const nodes = attachments.map(attachmentNode);
    return nodes.length && nodes.every(Boolean) ? nodes : null;
  }

  function describe(message) {
    const a = message && message.attachment;
    if (!a) return 'no text or attachment';
    if (a.type === 'template') return `template ${a.payload && a.payload.template_type}`;
    return `attachment ${a.type}`;
  }

  // --- Telegram's rendering -------------------------------------------------------------------

  // The server writes the platform it plays into the page (`data-platform`).
  const PLATFORM = document.documentElement.dataset.platform || 'messenger';
  const telegram = () => PLATFORM === 'telegram';

  const ENTITY = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

  /** `text` with Telegram's HTML entities (&lt; &gt; &amp; &quot; and numeric ones) decoded. */
  function decodeEntities(text) {
    return text.replace(/&(?:([a-z]+)|#(\d+)|#x([0-9a-f]+));/gi, (all, name, dec, hex) => {
      if (name) return ENTITY[name.toLowerCase()] ?? all;
      const code = dec ? Number(dec) : parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    });
  }

  // The tags of Telegram's HTML parse mode, as the elements that draw them.
  const TAGS = { b: 'b', strong: 'b', i: 'i', em: 'i', u: 'u', ins: 'u', s: 's', strike: 's', del: 's', code: 'code', pre: 'pre', a: 'a', 'tg-spoiler': 'span', blockquote: 'blockquote' };
  const HTML_TOKEN = /<(\/?)([a-z][a-z-]*)((?:\s+[a-z-]+\s*=\s*"[^"]*")*)\s*>|[^<]+|</gi;

  /** Telegram's HTML (parse_mode "HTML") as nodes: its tags become elements built here, text stays
   *  text, anything else is shown as written. */
  function telegramHtml(html) {
    const out = document.createDocumentFragment();
    const open = [{ node: out, name: null }];
    for (const token of html.matchAll(HTML_TOKEN)) {
      const top = open[open.length - 1];
      const name = token[2] && token[2].toLowerCase();
      const tag = name && TAGS[name];
      if (!tag) {
        top.node.append(top.name === 'a' ? decodeEntities(token[0]) : linkified(decodeEntities(token[0])));
        continue;
      }
      if (token[1]) {
        if (open.length > 1 && top.name === name) open.pop();
        continue;
      }
      let node;
      if (tag === 'a') {
        const href = safeUrl(decodeEntities(((token[3] || '').match(/href\s*=\s*"([^"]*)"/i) || [])[1] || ''));
        node = href ? externalLink(href, {}) : el('span');
      } else {
        node = el(tag, name === 'tg-spoiler' ? { class: 'spoiler' } : {});
      }
      top.node.append(node);
      open.push({ node, name });
    }
    return out;
  }

  /** Tapping an inline button: Telegram sends a callback query (no message of the person's) and
   *  shows a spinner on the button until the bot answers the query. */
  function tapKey(key, data, messageId) {
    if (!session) return;
    key.classList.add('pending');
    const row = key.closest('.row');
    deliver(row, { psid: session.psid, callback: { data, message_id: messageId } });
  }

  function keyboardNode(markup, messageId) {
    const rows = markup && Array.isArray(markup.inline_keyboard) ? markup.inline_keyboard : [];
    const box = el('div', { class: 'keyboard', testid: 'inline-keyboard', role: 'group', 'aria-label': 'Buttons' });
    for (const row of rows) {
      if (!Array.isArray(row)) continue;
      const line = el('div', { class: 'keyboard-row' });
      for (const b of row) {
        const text = String((b && b.text) || '');
        const url = b && safeUrl(b.url);
        if (url) {
          line.append(externalLink(url, { class: 'key', testid: 'inline-link' }, text, el('span', { class: 'key-arrow', 'aria-hidden': 'true' }, '↗')));
        } else if (b && typeof b.callback_data === 'string') {
          const data = b.callback_data;
          const key = el('button', { type: 'button', class: 'key', testid: 'inline-button', 'data-callback': data }, text);
          key.addEventListener('click', () => tapKey(key, data, messageId));
          line.append(key);
        } else {
          line.append(el('button', { type: 'button', class: 'key', disabled: true, title: 'not supported here' }, text));
        }
      }
      if (line.childElementCount) box.append(line);
    }
    return box.childElementCount ? box : null;
  }

  /** One Bot API call the bot made to this chat. */
  function onTelegramCall(call) {
    switch (call.method) {
      case 'sendChatAction':
        if (call.action === 'typing' && !restoring) typingOn();
        return;
      case 'answerCallbackQuery':
        for (const key of log.querySelectorAll('.key.pending')) key.classList.remove('pending');
        return;
      case 'sendMessage':
      case 'sendPhoto':
        break;
      default:
        return;
    }
    typingOff();
    remember({ t: 'bot', body: call });
    const formatted = (text) => (call.parse_mode === 'HTML' ? telegramHtml(text) : linkified(text));
    let bubble;
    if (call.method === 'sendPhoto') {
      bubble = el('div', { class: 'bubble photo', testid: 'photo' });
      const src = safeUrl(call.photo);
      if (src) {
        const img = followLoad(el('img', { src, alt: 'photo', loading: 'lazy', decoding: 'async' }));
        img.addEventListener('error', () => img.replaceWith(el('div', { class: 'placeholder', role: 'img', 'aria-label': 'photo' }, '🖼')));
        bubble.append(img);
      }
      if (typeof call.caption === 'string' && call.caption !== '') {
        bubble.append(el('div', { class: 'caption', testid: 'caption' }, formatted(call.caption)));
      }
    } else {
      bubble = el('div', { class: 'bubble', testid: 'bot-text' }, formatted(String(call.text || '')));
    }
    addRow('bot', bubble, keyboardNode(call.reply_markup, call.message_id));
  }

  /** One Send API body the bot sent to this person (or, on Telegram, one Bot API call). */
  function onBotBody(body) {
    if (body && typeof body.method === 'string') {
      onTelegramCall(body);
      return;
    }
    if (body && typeof body.sender_action === 'string') {
      if (body.sender_action === 'typing_on' && !restoring) typingOn();
      else if (body.sender_action === 'typing_off') typingOff();
      else if (body.sender_action === 'mark_seen') {
        markSeen();
        remember({ t: 'seen' });
      }
      return;
    }
    typingOff();
    removeChips();
    remember({ t: 'bot', body });
    const message = body && body.message;
    let nodes = null;
    try {
      nodes = messageNodes(message);
    } catch (error) {
      console.error('rendering a bot message failed', error, body);
    }
    addRow('bot', ...(nodes || [el('div', { class: 'note', testid: 'unsupported' }, `unsupported message (${describe(message)})`)]));
    if (message && Array.isArray(message.quick_replies) && message.quick_replies.length) showChips(message.quick_replies);
  }

  // --- session, events, start -----------------------------------------------------------------

  function setConnection(state, text) {
    document.documentElement.dataset.connection = state;
    banner.hidden = state === 'open' || state === 'connecting';
    if (text) banner.textContent = text;
  }

  function connect() {
    clearTimeout(retryTimer);
    if (source) source.close();
    source = new EventSource(`${API}/events?psid=${encodeURIComponent(session.psid)}`);
    setConnection('connecting');
    source.onopen = () => setConnection('open');
    source.onmessage = (event) => {
      let body;
      try {
        body = JSON.parse(event.data);
      } catch {
        body = null;
      }
      onBotBody(body);
    };
    source.onerror = () => {
      setConnection('reconnecting', 'Reconnecting…');
      // EventSource retries by itself unless the server refused the stream (not 200 text/event-stream).
      if (source.readyState === EventSource.CLOSED) retryTimer = setTimeout(connect, RETRY_MS);
    };
  }

  function storedSession() {
    try {
      const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
      // A session of the other platform (dev restarted on the same port with another --platform)
      // is not this person.
      const platform = (stored && stored.platform) || 'messenger';
      return stored && typeof stored.psid === 'string' && /^\d+$/.test(stored.psid) && platform === PLATFORM ? stored : null;
    } catch {
      return null;
    }
  }

  async function newSession() {
    for (;;) {
      try {
        const response = await fetch(`${API}/session`, { method: 'POST' });
        if (response.ok) {
          const created = await response.json();
          if (created && typeof created.psid === 'string' && created.psid) return created;
        }
      } catch {
        // The dev server is not up (yet): try again.
      }
      setConnection('reconnecting', 'Connecting to the dev server…');
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  function restoreTranscript() {
    try {
      const stored = JSON.parse(sessionStorage.getItem(TRANSCRIPT_KEY) || '[]');
      transcript = Array.isArray(stored) ? stored : [];
    } catch {
      transcript = [];
    }
    restoring = true;
    for (const entry of transcript) {
      try {
        if (entry.t === 'user') userRow(String(entry.text));
        else if (entry.t === 'bot') onBotBody(entry.body);
        else if (entry.t === 'seen') markSeen();
      } catch (error) {
        console.error('restoring the conversation failed', error);
      }
    }
    restoring = false;
  }

  function updateSendButton() {
    sendButton.disabled = !session || input.value.trim() === '';
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !session) return;
    input.value = '';
    updateSendButton();
    send({ text }, text);
    input.focus();
  });
  input.addEventListener('input', updateSendButton);
  log.addEventListener('scroll', () => {
    stuck = nearBottom();
  });
  // The banner, a phone's keyboard or a rotation resize the conversation: keep its end in view.
  new ResizeObserver(() => stuck && scrollToEnd()).observe(log);
  // Telegram's Start button sends `/start` as the person's message; Messenger's is a postback.
  getStarted.addEventListener('click', () =>
    telegram() ? send({ text: '/start' }, '/start') : send({ postback: { title: 'Get Started', payload: 'GET_STARTED' } }, 'Get Started'),
  );

  async function start() {
    updateSendButton();
    getStarted.disabled = true;
    session = storedSession();
    if (!session) {
      session = await newSession();
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
      sessionStorage.removeItem(TRANSCRIPT_KEY);
    }
    const name = String(session.page_name || 'hbdta');
    $('page-name').textContent = name;
    $('empty-name').textContent = name;
    document.title = `${name} · dev chat`;
    document.documentElement.dataset.psid = session.psid;
    if (telegram()) {
      $('platform-hint').textContent = `Local test chat · Telegram (@${session.page_id}) · try 86745912 or /help`;
      getStarted.textContent = 'Start';
      input.placeholder = 'Message';
      input.maxLength = 4096;
    }
    restoreTranscript();
    empty.hidden = log.querySelector('.row') !== null;
    getStarted.disabled = false;
    updateSendButton();
    connect();
    input.focus();
  }

  start();
})();
