// Connects to the OrderPulse gateway with @stomp/stompjs (the library browsers use), subscribes
// to one destination and prints one JSON line per event: {"seq", "eventId", "recovered", "body"}.
// Prints {"subscribed": true} once the subscription is confirmed, and exits after `count` events
// or with status 2 after 20 s. Usage: node stomp-client.mjs <ws-url> <token> <destination> <count> [resumeAfter]
import { Client } from '@stomp/stompjs';
import { WebSocket } from 'ws';

const [url, token, destination, count, resumeAfter] = process.argv.slice(2);
const expected = Number(count);
let received = 0;

const timeout = setTimeout(() => {
  console.error(`timed out after ${received} of ${expected} events`);
  process.exit(2);
}, 20_000);

const client = new Client({
  brokerURL: url,
  webSocketFactory: () => new WebSocket(url, ['v12.stomp']),
  connectHeaders: { Authorization: `Bearer ${token}` },
  heartbeatIncoming: 10000,
  heartbeatOutgoing: 10000,
  reconnectDelay: 0,
  debug: () => {},
});

client.onConnect = () => {
  const headers = { receipt: 'subscribed' };
  if (resumeAfter !== undefined) {
    headers['x-resume-after'] = resumeAfter;
  }
  client.watchForReceipt('subscribed', () => console.log(JSON.stringify({ subscribed: true })));
  client.subscribe(destination, (message) => {
    const line = {
      seq: message.headers['x-seq'] ? Number(message.headers['x-seq']) : null,
      eventId: message.headers['x-event-id'] ?? null,
      recovered: message.headers['x-recovered'] ?? null,
      body: JSON.parse(message.body),
    };
    console.log(JSON.stringify(line));
    if (line.seq !== null && ++received === expected) {
      clearTimeout(timeout);
      client.deactivate().then(() => process.exit(0));
    }
  }, headers);
};

client.onStompError = (frame) => {
  console.log(JSON.stringify({ error: frame.headers.message }));
  clearTimeout(timeout);
  client.deactivate().then(() => process.exit(3));
};

client.activate();
