// Node's http.Agent with keepAlive — the connection handling under Postman's and Bruno's
// runtimes — sending N GETs with C in flight. Prints one JSON object.
'use strict';
const http = require('http');

const [url, totalText, concurrencyText] = process.argv.slice(2);
const total = Number(totalText);
const concurrency = Number(concurrencyText);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
let issued = 0;
let done = 0;
let errors = 0;
const started = process.hrtime.bigint();

function issue() {
  issued++;
  http.get(url, { agent }, (res) => {
    res.on('data', () => {});
    res.on('end', finish);
  }).on('error', () => { errors++; finish(); });
}

function finish() {
  done++;
  if (done === total) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(JSON.stringify({ requests: total, concurrency, seconds,
                                 requests_per_second: total / seconds, errors }));
    agent.destroy();
  } else if (issued < total) {
    issue();
  }
}

for (let i = 0; i < concurrency && issued < total; i++) issue();
