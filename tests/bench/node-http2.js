// Node's http2 module on one session: N GETs with S streams in flight (the next starts when
// one ends), h2c prior knowledge on http://, ALPN h2 on https:// trusting the PEM CA file
// given last. Prints one JSON object, like bench_qnam.
'use strict';
const fs = require('fs');
const http2 = require('http2');

const [url, totalText, streamsText, caFile] = process.argv.slice(2);
const total = Number(totalText);
const streams = Number(streamsText);
const target = new URL(url);
const session = http2.connect(target.origin, caFile ? { ca: fs.readFileSync(caFile) } : {});
let issued = 0;
let done = 0;
let errors = 0;
let started;

session.on('error', (error) => {
  console.error(String(error));
  process.exit(1);
});

function issue() {
  issued++;
  const stream = session.request({ ':path': target.pathname + target.search });
  stream.on('response', (headers) => {
    if (headers[':status'] !== 200) errors++;
  });
  stream.on('data', () => {});
  stream.on('end', finish);
  stream.on('error', () => { errors++; finish(); });
  stream.end();
}

function finish() {
  done++;
  if (done === total) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(JSON.stringify({ requests: total, concurrency: streams, seconds,
                                 requests_per_second: total / seconds, errors }));
    session.close();
  } else if (issued < total) {
    issue();
  }
}

session.on('connect', () => {
  started = process.hrtime.bigint();
  for (let i = 0; i < streams && issued < total; i++) issue();
});
