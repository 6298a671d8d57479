// Parses every .http file under a folder with httpyac's own parser (the library its CLI and
// VS Code extension use) and prints the time, for `make bench`'s workspace-load comparison.
// Usage: node httpyac-parse.js NPM_PEERS_NODE_MODULES FOLDER RUNS
const path = require('path');
const fs = require('fs');
const [modules, folder, runsText] = process.argv.slice(2);
const { store, cli } = require(path.resolve(modules, 'httpyac'));
cli.initFileProvider(); // as its CLI does: file access through node's fs

function httpFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...httpFiles(full));
    else if (entry.name.endsWith('.http')) out.push(full);
  }
  return out;
}

async function loadOnce() {
  const start = process.hrtime.bigint();
  const files = httpFiles(folder); // reading is part of loading, as for us
  const fileStore = new store.HttpFileStore();
  let requests = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = await fileStore.parse(file, text, { workingDir: folder, config: {} });
    requests += parsed.httpRegions.filter((region) => region.request).length;
  }
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, requests, files: files.length };
}

(async () => {
  const times = [];
  let last;
  for (let i = 0; i < Number(runsText || 5); i++) {
    last = await loadOnce();
    times.push(last.ms);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ best_ms: times[0], median_ms: times[Math.floor(times.length / 2)],
                               requests: last.requests, files: last.files }));
})();
