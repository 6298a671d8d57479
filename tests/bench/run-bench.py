"""`make bench`: Microrequests against the tools users would otherwise pick, side by side on
the same local nginx, in one run. Prints requests/s and our ratios. Not part of CI: speed is
asserted here, never in unit tests.

Also times opening a 5,000-request workspace against httpyac's parser, and a 50 MB JSON
response in the window's response pane (GUI-thread stalls, time to the pretty view, memory).

Usage: run-bench.py BUILD_DIR [--quick]
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_nginx(folder):
    port = free_port()
    conf = os.path.join(folder, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  server {{
    listen 127.0.0.1:{port};
    location / {{ default_type application/json; return 200 '{{"ok":true}}'; }}
  }}
}}
""")
    process = subprocess.Popen(["nginx", "-c", conf, "-p", folder], stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                return process, port
        except OSError:
            time.sleep(0.05)
    raise SystemExit("nginx did not start")


def run_json(command):
    out = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {out.stderr.strip()[:300]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def wrk(url, threads, connections, seconds):
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", url],
                         capture_output=True, text=True, timeout=120).stdout
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise RuntimeError("wrk printed no rate")


def curl_one_connection(url, total):
    # URL globbing makes curl send every request over one reused connection.
    started = time.perf_counter()
    subprocess.run(["curl", "-s", "-o", "/dev/null", f"{url}?[1-{total}]"], check=True, timeout=600)
    return total / (time.perf_counter() - started)


def best_of(runs, function):
    return max(function() for _ in range(runs))


def write_workspace(root, files=100, per_file=50):
    """A workspace of files * per_file requests in 10 service folders, shaped like real ones:
    comments, directives, variables, headers and JSON bodies."""
    for index in range(files):
        folder = os.path.join(root, f"service-{index % 10}")
        os.makedirs(folder, exist_ok=True)
        lines = [f"@token = abc-{index}", ""]
        for r in range(per_file):
            lines += [f"### request {r}", "# Gets or creates an item.",
                      "# @no-redirect" if r % 3 == 0 else "# @timeout 5 s",
                      f"POST {{{{baseUrl}}}}/items/{r}?page={r}&q=x" if r % 2 else f"GET {{{{baseUrl}}}}/items/{r}",
                      "Accept: application/json", "Authorization: Bearer {{token}}",
                      "X-Request-Id: {{$uuid}}"]
            if r % 2:
                lines += ["Content-Type: application/json", "", "{", f'  "name": "item {r}",',
                          '  "tags": ["a", "b"],', '  "n": 1', "}"]
            lines.append("")
        with open(os.path.join(folder, f"api-{index}.http"), "w") as f:
            f.write("\n".join(lines))
    with open(os.path.join(root, "http-client.env.json"), "w") as f:
        f.write('{"dev": {"baseUrl": "http://127.0.0.1:8080"}}')


def workspace_load(build, runs):
    """Opening a 5,000-request workspace: us (load + tree model) against httpyac's parser."""
    folder = tempfile.mkdtemp(prefix="mr-bench-ws-")
    try:
        write_workspace(folder)
        ours = run_json([os.path.join(build, "bin", "bench_workspaceload"), folder, str(runs)])
        peers = os.path.join(build, "npm-peers")
        subprocess.run([os.path.join(HERE, "..", "..", "scripts", "npm-peers"), peers], check=True)
        httpyac = run_json(["node", os.path.join(HERE, "httpyac-parse.js"),
                            os.path.join(peers, "node_modules"), folder, str(runs)])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nOpening a workspace of {ours['requests']} requests in {ours['files']} files, best of {runs}")
    print(f"    {'Microrequests (load + tree)':28s} {ours['best_ms']:8.1f} ms"
          f"  {'well under a second' if ours['best_ms'] < 500 else 'MISSES the one-second target'}")
    print(f"    {'httpyac parser (library)':28s} {httpyac['best_ms']:8.1f} ms"
          f"  ours is {httpyac['best_ms'] / ours['best_ms']:4.1f}x faster")
    return {"Microrequests_ms": round(ours["best_ms"], 1), "httpyac_ms": round(httpyac["best_ms"], 1)}


def big_response(build, megabytes):
    result = run_json([os.path.join(build, "bin", "bench_bigresponse"), str(megabytes * 1000 * 1000)])
    print(f"\nA {result['body_bytes'] / 1e6:.0f} MB JSON response from the demo service in the response pane (offscreen)")
    print(f"    {'received in':34s} {result['receive_ms']:8.0f} ms"
          f" (longest GUI stall meanwhile {result['longest_stall_while_receiving_ms']:.0f} ms)")
    print(f"    {'pretty view up after it arrived':34s} {result['pretty_view_ms']:8.0f} ms"
          f" ({result['pretty_lines']:,} lines)")
    print(f"    {'search for a word':34s} {result['search_ms']:8.0f} ms ({result['search_matches']:,} hits shown)")
    print(f"    {'longest GUI-thread stall':34s} {result['longest_gui_stall_ms']:8.0f} ms")
    print(f"    {'peak memory over the idle window':34s} {result['peak_rss_mb'] - result['baseline_rss_mb']:8.0f} MB"
          f" = {result['peak_over_body']:.1f}x the body (target: under 5x)")
    return result


def main():
    build = sys.argv[1]
    quick = "--quick" in sys.argv
    ours = os.path.join(build, "bin", "microrequests")
    qnam = os.path.join(build, "bin", "bench_qnam")
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    sequential, parallel = (4000, 20000) if quick else (20000, 100000)
    runs = 1 if quick else 3
    folder = tempfile.mkdtemp(prefix="mr-bench-")
    nginx, port = start_nginx(folder)
    url = f"http://127.0.0.1:{port}/"
    results = {}
    try:
        def ours_at(c, n):
            return run_json([ours, "bench", url, "--requests", str(n), "--concurrency", str(c),
                             "--max-per-host", str(c), "--json"])["requests_per_second"]

        for c, n in ((1, sequential), (16, parallel)):
            print(f"C={c}: measuring…", file=sys.stderr)
            results[c] = {
                "Microrequests": best_of(runs, lambda: ours_at(c, n)),
                "bare QNetworkAccessManager": best_of(runs, lambda: run_json([qnam, url, str(n), str(c)])["requests_per_second"]),
                "Node http.Agent keepAlive": best_of(runs, lambda: run_json(["node", os.path.join(HERE, "node-agent.js"), url, str(n), str(c)])["requests_per_second"]),
                "Python requests Session": best_of(runs, lambda: run_json([python, os.path.join(HERE, "python-requests.py"), url, str(min(n, 20000)), str(c)])["requests_per_second"]),
            }
            if c == 1:
                results[c]["curl, one connection"] = best_of(runs, lambda: curl_one_connection(url, n))
                results[c]["wrk -t1 -c1 (the limit)"] = best_of(runs, lambda: wrk(url, 1, 1, 3 if quick else 5))
            else:
                results[c]["wrk -t2 -c16 (the limit)"] = best_of(runs, lambda: wrk(url, 2, 16, 3 if quick else 5))
    finally:
        nginx.send_signal(signal.SIGTERM)
        nginx.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)

    print(f"\nnginx on 127.0.0.1, GET of a 11-byte JSON body, best of {runs}; requests/s")
    for c, table in results.items():
        mine = table["Microrequests"]
        print(f"\n  {c} in flight" + ("" if c == 1 else f", {c} connections per host"))
        for name, rate in table.items():
            ratio = "" if name == "Microrequests" else (
                f"  ours is {mine / rate:4.1f}x" if "limit" not in name else f"  ours is {100 * mine / rate:3.0f}% of it")
            print(f"    {name:28s} {rate:10.0f}{ratio}")
    summary = {str(c): {k: round(v, 1) for k, v in t.items()} for c, t in results.items()}
    summary["workspace_load"] = workspace_load(build, runs)
    summary["big_response"] = big_response(build, 10 if quick else 50)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
