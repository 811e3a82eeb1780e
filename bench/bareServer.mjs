// The baseline of bench/writes.ts: a bare Node HTTP server that reads a small JSON body and
// inserts one row with better-sqlite3 per request, with the app's pragmas (WAL, synchronous
// FULL). Usage: node bench/bareServer.mjs <port> <database file>
import http from 'node:http';
import Database from 'better-sqlite3';

const [port, file] = process.argv.slice(2);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
db.exec('create table if not exists rows (id integer primary key, article_id integer, start integer, "end" integer, note text)');
const insert = db.prepare('insert into rows (article_id, start, "end", note) values (?, ?, ?, ?)');

const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const info = insert.run(1, body.start, body.end, body.note ?? '');
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: Number(info.lastInsertRowid) }));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"bad_request","message":"bad body"}}');
    }
  });
});
server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
