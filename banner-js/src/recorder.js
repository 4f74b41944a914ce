/**
 * Records decisions at the service without ever making the UI wait: each event gets an Idempotency-Key,
 * goes into a localStorage outbox and is POSTed with keepalive; the outbox is retried on later page loads
 * and when the browser comes back online, until the service acknowledges (2xx) or refuses for good (4xx).
 */
import { OUTBOX_KEY, OUTBOX_MAX } from './constants.js';
import { load, save } from './storage.js';
import { uuid } from './ids.js';

export function createRecorder(endpoint, siteKey, onReceipt) {
  const key = OUTBOX_KEY + siteKey;
  const drop = id => save(key, (load(key) || []).filter(item => item.id !== id));

  function send(item) {
    try {
      fetch(item.url, {
        method: 'POST', keepalive: true, credentials: 'omit',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': item.id },
        body: JSON.stringify(item.body)
      }).then(r => {
        if (r.ok || (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429)) drop(item.id);
        if (r.ok) return r.json().then(b => b.receiptUrl && onReceipt({ id: b.consentId, url: new URL(b.receiptUrl + '?lang=' + item.body.language, item.url).href }));
      }).catch(() => {});
    } catch (e) { /* retried later */ }
  }

  const flush = () => (load(key) || []).forEach(send);
  addEventListener('online', flush);

  return {
    flush,
    record(path, body) {
      const item = { id: uuid(), url: endpoint + path, body };
      save(key, (load(key) || []).concat([item]).slice(-OUTBOX_MAX));
      send(item);
    }
  };
}
