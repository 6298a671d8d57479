// A Node http server for the differential test: echo, chunked, gzip, cookies, redirects,
// empty statuses, a large body and many headers. Prints its URL on the first line.
'use strict';
const http = require('http');
const zlib = require('zlib');

const big = Buffer.alloc(5 * 1024 * 1024);
for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) & 0xff;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://localhost');
    switch (url.pathname) {
    case '/echo':
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ method: req.method, path: req.url, headers: req.headers, body }));
      return;
    case '/chunked':
      res.setHeader('Content-Type', 'text/plain');
      res.write('first,');
      setTimeout(() => { res.write('second,'); res.end('third'); }, 5);
      return;
    case '/gzip':
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Content-Encoding', 'gzip');
      res.end(zlib.gzipSync(JSON.stringify({ gzipped: true, filler: 'x'.repeat(2000) })));
      return;
    case '/cookie':
      res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2; Path=/; HttpOnly']);
      res.end('cookies');
      return;
    case '/redirect':
      res.statusCode = 302;
      res.setHeader('Location', '/echo');
      res.end();
      return;
    case '/204':
      res.statusCode = 204;
      res.end();
      return;
    case '/304':
      res.statusCode = 304;
      res.end();
      return;
    case '/big':
      res.setHeader('Content-Type', 'application/octet-stream');
      res.end(big);
      return;
    case '/headers':
      for (let i = 0; i < 150; i++) res.setHeader('X-Field-' + i, 'value ' + i);
      res.end('many');
      return;
    default:
      res.statusCode = 404;
      res.end('not found');
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log('http://127.0.0.1:' + server.address().port);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
