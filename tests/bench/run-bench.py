"""`make bench`: Microrequests against the tools users would otherwise pick, side by side on
the same local nginx, in one run. Prints requests/s and our ratios. Not part of CI: speed is
asserted here, never in unit tests.

Also times opening a 5,000-request workspace against httpyac's parser, a 50 MB JSON
response in the window's response pane (GUI-thread stalls, time to the pretty view, memory),
and `microrequests run` on a 200-request collection against `httpyac send --all` and
`newman run` (whole-process wall time and peak memory), then 10,000 requests at 16 in flight
with the JSON reporter on. The soak sends 100,000 requests through the pool against a demo
service that closes idle connections, thousands of times, and checks nothing failed or leaked.

The engine section (issue #17) runs every client as a child and takes its CPU time (user +
sys) from wait4, so each rate comes with CPU microseconds per request; it adds a bare
one-thread Qt keep-alive loop (bench_qtloop, the floor of what Qt's event loop allows), the
window's path (`bench --engine-thread separate`, when bench has it), rounds with our range,
the machine, and the targets met or not.

The http2 section runs `microrequests bench --http2` on one connection (16, 64 and 100 streams in
flight) against h2load, Qt's own HTTP/2 path (bench_qnam http2), curl --http2 --parallel and
Node's http2 module on nginx, over h2c and TLS, after checking in nginx's log which protocol
and how many connections each client used.

Usage: run-bench.py BUILD_DIR [--quick] [--only SECTION[,SECTION...]]
  sections: engine, workspace, response, run, runs-page, soak, http2 (default: all). From make:
  make bench BENCH_ARGS="--only engine"   or   make bench BENCH_ARGS="--quick --only run"
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_nginx(folder, access_log=None):
    """nginx on loopback answering every path with a small JSON body; with `access_log`, it
    logs each request there, one line each, so a benchmark can count what reached it."""
    port = free_port()
    log = f"access_log {access_log};" if access_log else "access_log off;"
    conf = os.path.join(folder, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  {log}
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


def measure(command, cwd, output):
    """Runs one whole process; its wall time in seconds, its peak resident memory in MB and its
    exit status. The peak comes from GNU time (the kernel's wait4 accounting of the process it
    starts): the kernel carries a process's high-water mark across exec, so a child forked
    straight from this Python process, once it has read a large report, would be charged
    Python's size. Standard output and error go to the file `output`."""
    peak_file = output + ".peak"
    with open(output, "wb") as sink:
        started = time.perf_counter()
        status = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", peak_file] + command, cwd=cwd,
                                stdout=sink, stderr=subprocess.STDOUT,
                                env=dict(os.environ, CI="true", NO_COLOR="1")).returncode
        wall = time.perf_counter() - started
    with open(peak_file) as f:
        peak_kib = int(f.read().split()[-1])  # after "Command exited with non-zero status N"
    return wall, peak_kib / 1024.0, status


def count_lines(path):
    try:
        with open(path, "rb") as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0


def write_collection(folder, base_url, requests=200):
    """A .http file of `requests` requests as a team would keep them: GETs and POSTs with
    headers, a file variable, a JSON body, and the same two `??` assertions on each."""
    lines = ["@token = bench-token", ""]
    for r in range(requests):
        lines += [f"### item {r}"]
        if r % 2:
            lines += [f"POST {{{{base}}}}/items?page={r % 10}", "Accept: application/json",
                      "Authorization: Bearer {{token}}", "Content-Type: application/json", "",
                      "{", f'  "name": "item {r}",', '  "tags": ["a", "b"],', '  "n": 1', "}"]
        else:
            lines += [f"GET {{{{base}}}}/items/{r}", "Accept: application/json",
                      "Authorization: Bearer {{token}}"]
        lines += ["", "?? status == 200", "?? body ok == true", ""]
    with open(os.path.join(folder, "bench.http"), "w") as f:
        f.write("\n".join(lines))
    with open(os.path.join(folder, "http-client.env.json"), "w") as f:
        json.dump({"bench": {"base": base_url.rstrip("/")}}, f)


def exported_postman_tests(collection_path):
    """Our Postman export writes each request's `??` lines as a Postman test script (one
    pm.test per line), so newman checks what we check: the number of requests whose exported
    script holds both checks."""
    with open(collection_path) as f:
        collection = json.load(f)
    wanted = ['pm.test("status == 200", function () {', 'pm.test("body ok == true", function () {']

    def walk(items):
        count = 0
        for item in items:
            if "request" in item:
                scripts = [event["script"]["exec"] for event in item.get("event", [])
                           if event.get("listen") == "test"]
                if scripts and all(line in scripts[0] for line in wanted):
                    count += 1
            count += walk(item.get("item", []))
        return count

    return walk(collection.get("item", []))


def run_collections(build, runs, quick):
    """`microrequests run` against `httpyac send --all` and `newman run` on one 200-request
    collection (.http and its Postman export) on a logging nginx, in sequence as each runs it
    by default; then 10,000 requests at 16 in flight with the JSON reporter on."""
    ours = os.path.join(build, "bin", "microrequests")
    peers = os.path.join(build, "npm-peers")
    subprocess.run([os.path.join(HERE, "..", "..", "scripts", "npm-peers"), peers], check=True)
    peer_bin = os.path.join(peers, "node_modules", ".bin")
    folder = tempfile.mkdtemp(prefix="mr-bench-run-")
    access_log = os.path.join(folder, "access.log")
    nginx, port = start_nginx(folder, access_log)
    requests = 200
    try:
        work = os.path.join(folder, "ws")
        os.makedirs(work)
        write_collection(work, f"http://127.0.0.1:{port}", requests)
        collection = os.path.join(work, "bench.postman_collection.json")
        export = subprocess.run([ours, "export", "bench.http", "--format", "postman", "--env",
                                 "bench", "--output", collection], cwd=work, capture_output=True,
                                text=True)
        if export.returncode != 0 or exported_postman_tests(collection) != requests:
            raise SystemExit("the Postman export failed or lost requests or their tests: "
                             f"{export.stderr[-1500:]}")
        tools = {
            "microrequests run": [ours, "run", "bench.http", "--env", "bench"],
            "httpyac send --all": [os.path.join(peer_bin, "httpyac"), "send", "bench.http", "--all",
                                   "-e", "bench"],
            "newman run": [os.path.join(peer_bin, "newman"), "run", collection],
        }
        figures = {name: {"wall_s": [], "peak_mb": []} for name in tools}
        for _ in range(runs):
            for name, command in tools.items():
                print(f"{name}: {requests} requests…", file=sys.stderr)
                before = count_lines(access_log)
                output = os.path.join(folder, "output.txt")
                wall, peak, status = measure(command, work, output)
                served = count_lines(access_log) - before
                if status != 0 or served != requests:
                    with open(output, errors="replace") as f:
                        tail = f.read()[-1500:]
                    raise SystemExit(f"{name} exited {status} after {served} of {requests} "
                                     f"requests reached nginx:\n{tail}")
                figures[name]["wall_s"].append(wall)
                figures[name]["peak_mb"].append(peak)

        # 10,000 requests at 16 in flight, every exchange in the JSON report.
        iterations = 10 if quick else 50
        total = requests * iterations
        report = os.path.join(folder, "report.json")
        print(f"microrequests run: {total} requests, 16 in flight, JSON reporter…", file=sys.stderr)
        load = {"wall_s": [], "peak_mb": [], "run_s": []}
        for _ in range(runs):
            before = count_lines(access_log)
            wall, peak, status = measure(
                [ours, "run", "bench.http", "--env", "bench", "--iterations", str(iterations),
                 "--concurrency", "16", "--reporter", f"json={report}"],
                work, os.path.join(folder, "output.txt"))
            served = count_lines(access_log) - before
            with open(report) as f:
                summary = json.load(f)["summary"]
            if status != 0 or served != total or summary["passed"] != total:
                raise SystemExit(f"microrequests run at 16 in flight exited {status}; "
                                 f"{served} of {total} requests reached nginx; {summary}")
            load["wall_s"].append(wall)
            load["peak_mb"].append(peak)
            load["run_s"].append(summary["seconds"])
            load["report_mb"] = os.path.getsize(report) / 1e6
            load["connections"] = summary["connectionsOpened"]

        # `bench` on the same nginx at 16 in flight, as many requests: what the engine does
        # without the collection, the assertions and the reporter.
        print(f"microrequests bench: {total} requests, 16 in flight…", file=sys.stderr)
        bench_rate = max(run_json([ours, "bench", f"http://127.0.0.1:{port}/items/0", "--requests",
                                   str(total), "--concurrency", "16", "--max-per-host", "16",
                                   "--json"])["requests_per_second"] for _ in range(runs))
    finally:
        nginx.send_signal(signal.SIGTERM)
        nginx.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)

    print(f"\nA collection of {requests} requests (half GET, half POST with a JSON body; two "
          f"assertions each, as Postman tests for newman), run in sequence on nginx; whole "
          f"process, best of {runs} for the time, the highest peak memory (RSS) seen")
    mine = figures["microrequests run"]
    my_wall, my_peak = min(mine["wall_s"]), max(mine["peak_mb"])
    summary = {}
    for name, figure in figures.items():
        wall, peak = min(figure["wall_s"]), max(figure["peak_mb"])
        summary[name] = {"wall_s": round(wall, 3), "peak_mb": round(peak, 1)}
        line = f"    {name:20s} {wall:8.3f} s {peak:8.1f} MB"
        if name != "microrequests run":
            faster, share = wall / my_wall, my_peak / peak
            line += (f"  ours is {faster:5.1f}x faster ({'met' if faster >= 10 else 'MISSED'}: 10x),"
                     f" uses {100 * share:3.0f}% of its memory ({'met' if share < 0.2 else 'MISSED'}: under 20%)")
        print(line)
    best = min(range(runs), key=lambda i: load["wall_s"][i])
    print(f"\n{total} requests at 16 in flight with the JSON reporter on (best of {runs})")
    print(f"    {'whole process':20s} {load['wall_s'][best]:8.3f} s  {total / load['wall_s'][best]:8.0f} requests/s")
    print(f"    {'the run itself':20s} {load['run_s'][best]:8.3f} s  {total / load['run_s'][best]:8.0f} requests/s")
    print(f"    {'peak memory':20s} {max(load['peak_mb']):8.1f} MB (highest of {runs}: "
          f"{', '.join(f'{mb:.1f}' for mb in load['peak_mb'])}); report {load['report_mb']:.1f} MB; "
          f"{load['connections']} connections opened")
    run_share, process_share = total / load["run_s"][best] / bench_rate, total / load["wall_s"][best] / bench_rate
    print(f"    {'bench, same nginx':20s} {total / bench_rate:8.3f} s  {bench_rate:8.0f} requests/s"
          f" (`microrequests bench` at 16 in flight, best of {runs})")
    for what, share in (("the run itself", run_share), ("the whole process", process_share)):
        print(f"    {what:20s} {100 * share:8.0f} % of bench's rate"
              f" ({'met' if share >= 0.5 else 'NOT MET'}: at least 50%)")
    httpyac_peak = max(figures["httpyac send --all"]["peak_mb"])
    print(f"    {'peak memory':20s} {my_peak:8.1f} MB in the {requests}-request run: 1/{httpyac_peak / my_peak:.1f}"
          f" of httpyac's {httpyac_peak:.1f} MB ({'met' if my_peak * 8 <= httpyac_peak else 'NOT MET'}:"
          f" at most 1/8)")
    summary["bench_requests_per_second"] = round(bench_rate)
    summary["run_over_bench"] = round(run_share, 3)
    summary["process_over_bench"] = round(process_share, 3)
    summary["peak_over_httpyac"] = round(my_peak / httpyac_peak, 3)
    summary["load"] = {"requests": total, "requests_per_second": round(total / load["wall_s"][best]),
                       "run_requests_per_second": round(total / load["run_s"][best]),
                       "peak_mb": round(max(load["peak_mb"]), 1)}
    return summary


def runs_page(build, quick):
    """The Connections view's Runs page: a Compare (pooled, then unpooled) against the same
    runs without the page, on nginx. What the waterfalls and labels cost on the GUI thread."""
    requests = 5000 if quick else 20000
    folder = tempfile.mkdtemp(prefix="mr-bench-runs-")
    nginx, port = start_nginx(folder)
    try:
        result = run_json([os.path.join(build, "bin", "bench_runspage"),
                           f"http://127.0.0.1:{port}/", str(requests), "6"])
    finally:
        nginx.terminate()
        nginx.wait()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nThe Runs page: {requests} requests, 6 in flight, nginx on loopback (offscreen)")
    for side in ("pooled", "unpooled"):
        page, bare = result[f"page_{side}_s"], result[f"bare_{side}_s"]
        print(f"    {side:9s} in the page {page:7.2f} s   without it {bare:7.2f} s"
              f"   the page costs {page / bare:4.1f}x")
    return {key: round(value, 3) if isinstance(value, float) else value
            for key, value in result.items()}


def start_demo_server(build, *arguments):
    """`microrequests demo-server` in its own process; returns it and its base URL."""
    process = subprocess.Popen([os.path.join(build, "bin", "microrequests"), "demo-server",
                                *arguments], stdout=subprocess.PIPE, text=True)
    url = process.stdout.readline().strip()
    if not url.startswith("http"):
        process.kill()
        raise SystemExit("the demo service did not start")
    return process, url


def soak(build, quick):
    """The pool under a server that closes idle kept-alive connections thousands of times:
    bursts of requests separated by pauses around the demo service's --idle-timeout. Failed
    GETs must be 0, every re-sent request on record with its reason, no POST re-sent after
    its bytes left, file descriptors back where they started, memory flat."""
    requests = 20000 if quick else 100000
    idle_ms = 200
    server, url = start_demo_server(build, "--idle-timeout", str(idle_ms))
    try:
        result = run_json([os.path.join(build, "bin", "bench_soak"), url, str(requests),
                           str(idle_ms), "8", "150"])
    finally:
        server.terminate()
        server.wait(timeout=10)
    growth = 100 * (result["rss_mb_at_end"] / result["rss_mb_at_10pct"] - 1)
    print(f"\nSoak: {result['requests']} requests (1 in 10 a POST), 8 in flight, in bursts of 150 "
          f"separated by pauses around the demo's --idle-timeout {idle_ms} ms "
          f"({result['pauses']} pauses, {result['pauses_past_idle_timeout']} past it), "
          f"{result['seconds']:.0f} s")
    print(f"    connections opened        {result['connections_opened']}")
    print(f"    GETs failed               {result['gets_failed']} of {result['gets']}"
          f"   {'OK' if result['gets_failed'] == 0 else 'FAILED: must be 0'}")
    print(f"    POSTs failed              {result['posts_failed']} of {result['posts']}"
          f"   (a POST whose bytes may have reached the closing server is not re-sent)")
    print(f"    requests re-sent          {result['resent']}, without a reason on record: "
          f"{result['resent_without_reason']}, POSTs re-sent after bytes left: "
          f"{result['posts_resent_after_bytes_left']}")
    print(f"    open fds before/after     {result['fds_before']} / {result['fds_after']}"
          f"   {'OK' if result['fds_after'] == result['fds_before'] else 'FAILED: a leak'}")
    print(f"    RSS at {requests // 10} / {requests}     {result['rss_mb_at_10pct']:.1f} MB / "
          f"{result['rss_mb_at_end']:.1f} MB ({growth:+.1f}%)"
          f"   {'OK' if abs(growth) <= 10 else 'FAILED: more than 10%'}")
    if result["first_errors"]:
        print(f"    errors seen: {result['first_errors']}")
    result["rss_growth_percent"] = round(growth, 1)
    return result


H2LOAD = "h2load -c 1 -m S (the limit)"
QT_H2 = "Qt's HTTP/2 path (bench_qnam)"
NODE_H2 = "Node http2 module"
CURL_H2 = "curl --http2 --parallel"


def self_signed(folder):
    """A certificate for 127.0.0.1 that is its own CA, made with openssl: (cert, key)."""
    cert, key = os.path.join(folder, "server.pem"), os.path.join(folder, "server.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert,
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    return cert, key


def start_nginx_http2(folder, cert, key):
    """nginx on loopback speaking HTTP/2 only: h2c by prior knowledge and h2 over TLS, each on a
    port that logs nothing (for the rounds) and on one that logs `$connection $server_protocol`
    (for the check that each client really used HTTP/2, and on how many connections)."""
    ports = {name: free_port() for name in ("h2c", "h2", "h2c-check", "h2-check")}
    conf = os.path.join(folder, "nginx.conf")
    servers = ""
    for name, port in ports.items():
        tls = "ssl " if name.startswith("h2-") or name == "h2" else ""
        log = f"access_log {folder}/{name}.log h2check;" if name.endswith("check") else "access_log off;"
        servers += f"""
  server {{
    listen 127.0.0.1:{port} {tls}http2;
    {log}
    location / {{ default_type application/json; return 200 '{{"ok":true}}'; }}
  }}"""
    with open(conf, "w") as f:
        f.write(f"""
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  log_format h2check '$connection $server_protocol';
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  http2_max_concurrent_streams 128;
  ssl_certificate {cert};
  ssl_certificate_key {key};
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
{servers}
}}
""")
    process = subprocess.Popen(["nginx", "-c", conf, "-p", folder], stderr=subprocess.DEVNULL)
    for port in ports.values():
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                    break
            except OSError:
                time.sleep(0.05)
        else:
            raise SystemExit("nginx (http2) did not start")
    return process, ports


def h2load_client(url, total, streams):
    child = run_child(["h2load", "-n", str(total), "-c", "1", "-m", str(streams), url])
    rate = succeeded = None
    for line in child.stdout.splitlines():
        words = line.replace(",", "").split()
        if line.startswith("finished in"):
            rate = float(words[3])
        elif line.startswith("requests:"):
            succeeded = int(words[7])
    if child.status != 0 or rate is None or succeeded != total:
        raise RuntimeError(f"h2load: {child.stdout[-300:]} {child.stderr[-300:]}")
    return {"rate": rate, "requests": total, "cpu_s": child.cpu_s}


def curl_parallel_client(url, total, streams, cafile):
    child = run_child(["curl", "-s", "-S", "--http2", "--parallel", "--parallel-max", str(streams),
                       "--cacert", cafile, f"{url}?[1-{total}]"])
    if child.status != 0:
        raise RuntimeError(f"curl exited {child.status}: {child.stderr.strip()[:300]}")
    return {"rate": total / child.wall_s, "requests": total, "cpu_s": child.cpu_s}


def http2(build, quick, runs):
    """HTTP/2 on one connection: us (`bench --http2`, one connection, 16, 64 and 100 streams in
    flight) against h2load (the limit), Qt's own HTTP/2 path, curl and Node's http2 module, on
    nginx over h2c (prior knowledge) and over TLS (ALPN h2). Before the rounds each client
    sends a few hundred requests to a port that logs them, which says whether it really used
    HTTP/2 and on how many connections."""
    ours = os.path.join(build, "bin", "microrequests")
    qnam = os.path.join(build, "bin", "bench_qnam")
    total = 5000 if quick else 30000
    host = machine()
    folder = tempfile.mkdtemp(prefix="mr-bench-h2-")
    cert, key = self_signed(folder)
    nginx, ports = start_nginx_http2(folder, cert, key)
    help_text = subprocess.run([ours, "bench", "--help"], capture_output=True, text=True).stdout
    has_flag = "--http2" in help_text
    results, checks, skipped = {}, {}, {}
    try:
        for transport in ("h2c", "h2"):
            scheme = "https" if transport == "h2" else "http"

            def url(check=False):
                return f"{scheme}://127.0.0.1:{ports[transport + ('-check' if check else '')]}/"

            def tools_for(streams, check=False):
                u = url(check)
                tls = ["--cacert", cert] if scheme == "https" else []
                tools = {}
                if has_flag or scheme == "https":  # https: auto is ALPN, which picks h2
                    tools[OURS] = lambda n: json_client(
                        [ours, "bench", u, "--requests", str(n), "--concurrency", str(streams),
                         "--max-per-host", "1", "--json", *(["--http2"] if has_flag else []), *tls])
                else:
                    skipped[OURS] = "microrequests bench has no --http2 (merge the proto branch)"
                tools[H2LOAD] = lambda n: h2load_client(u, n, streams)
                tools[QT_H2] = lambda n: json_client([qnam, u, str(n), str(streams), "http2",
                                                      *([cert] if scheme == "https" else [])])
                if scheme == "https":
                    tools[CURL_H2] = lambda n: curl_parallel_client(u, n, streams, cert)
                else:
                    skipped[CURL_H2 + " (h2c)"] = ("curl 7.88.1 fails reusing an h2c prior-knowledge "
                                                   "connection (Error in the HTTP2 framing layer)")
                tools[NODE_H2] = lambda n: json_client(["node", os.path.join(HERE, "node-http2.js"), u,
                                                        str(n), str(streams),
                                                        *([cert] if scheme == "https" else [])])
                return tools

            # The check: which protocol and how many connections each client used.
            log = os.path.join(folder, f"{transport}-check.log")
            for name, tool in tools_for(64, check=True).items():
                offset = os.path.getsize(log) if os.path.exists(log) else 0
                tool(500)
                time.sleep(0.2)
                with open(log) as f:
                    f.seek(offset)
                    lines = [line.split() for line in f if line.strip()]
                checks[(transport, name)] = {
                    "requests": len(lines), "connections": len({words[0] for words in lines}),
                    "protocols": sorted({words[1] for words in lines})}
            for streams in (16, 64, 100):
                tools = tools_for(streams)
                samples = {name: [] for name in tools}
                for r in range(runs):
                    print(f"HTTP/2 {transport}, {streams} streams: round {r + 1} of {runs}…", file=sys.stderr)
                    for name, tool in tools.items():
                        try:
                            samples[name].append(tool(total))
                        except RuntimeError as error:
                            raise RuntimeError(f"{name} ({transport}, {streams} streams): {error}") from None
                results[(transport, streams)] = {
                    name: {"requests_per_second": max(s["rate"] for s in rows),
                           "range": [min(s["rate"] for s in rows), max(s["rate"] for s in rows)],
                           "cpu_us_per_request": min(1e6 * s["cpu_s"] / s["requests"] for s in rows)}
                    for name, rows in samples.items()}
    finally:
        nginx.send_signal(signal.SIGTERM)
        nginx.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)

    cores = f", {host['cores']} cores" if host["cores"] else ""
    print(f"\nHTTP/2, one connection per client. Machine: {host['model']}, {host['cpus']} CPUs{cores}; "
          f"load average {host['load_average']} when the section started")
    print(f"nginx on 127.0.0.1 (1 worker, HTTP/2 only), GET of an 11-byte JSON body, {total} requests "
          f"per run; best of {runs} round{'s' if runs > 1 else ''} (highest rate, lowest CPU). CPU per "
          f"request: the client process's user + sys time (wait4), start-up included.")
    print("\n  What each client used (500 requests at 64 streams to a port that logs them)")
    for (transport, name), check in checks.items():
        verdict = "ok" if check["protocols"] == ["HTTP/2.0"] and check["requests"] == 500 else "NOT HTTP/2 ONLY"
        print(f"    {transport:4s} {name:32s} {check['requests']:4d} requests, {check['connections']} "
              f"connection(s), {'/'.join(check['protocols'])}  {verdict}")
    for name, why in skipped.items():
        print(f"    not measured: {name}: {why}")
    targets = {}
    for (transport, streams), table in results.items():
        print(f"\n  {transport}, {streams} streams in flight")
        print(f"    {'':32s} {'requests/s':>10s} {'CPU µs/req':>11s}")
        mine = table.get(OURS)
        for name, row in table.items():
            rate, cpu = row["requests_per_second"], row["cpu_us_per_request"]
            low, high = row["range"]
            spread = f"  range {low:.0f}–{high:.0f}" if runs > 1 else ""
            if not mine or name == OURS:
                note = spread
            elif name == H2LOAD:
                note = f"  ours is {100 * mine['requests_per_second'] / rate:3.0f}% of it"
            else:
                note = (f"  ours: {mine['requests_per_second'] / rate:4.2f}x the rate,"
                        f" {mine['cpu_us_per_request'] / cpu:4.2f}x the CPU")
            print(f"    {name:32s} {rate:10.0f} {cpu:11.1f}{note}")
        if mine:
            for label, peer, target in ((">= 50% of h2load", H2LOAD, 0.5), (">= 3x Qt's HTTP/2 path", QT_H2, 3.0),
                                        (">= 1.5x Node http2", NODE_H2, 1.5)):
                value = mine["requests_per_second"] / table[peer]["requests_per_second"]
                targets[f"{transport} {streams} streams: ours {label}"] = {"value": round(value, 3),
                                                                          "met": value >= target}
    print("\n  Targets")
    for label, verdict in targets.items():
        shown = f"{100 * verdict['value']:5.0f}%" if "%" in label else f"{verdict['value']:5.2f}x"
        print(f"    {label:52s} {shown}  {'met' if verdict['met'] else 'NOT MET'}")

    def rounded(row):
        return {"requests_per_second": round(row["requests_per_second"], 1),
                "range": [round(v, 1) for v in row["range"]],
                "cpu_us_per_request": round(row["cpu_us_per_request"], 2)}

    return {"machine": host, "rounds": runs, "requests": total,
            "checks": {f"{t} {n}": c for (t, n), c in checks.items()}, "skipped": skipped,
            **{f"{t} {s}": {name: rounded(row) for name, row in table.items()} for (t, s), table in results.items()},
            "targets": targets}


SECTIONS = ("engine", "workspace", "response", "run", "runs-page", "soak", "http2")


def main():
    build = os.path.abspath(sys.argv[1])
    quick = "--quick" in sys.argv
    sections = set(SECTIONS)
    if "--only" in sys.argv:
        chosen = sys.argv[sys.argv.index("--only") + 1:][:1]
        sections = set(chosen[0].split(",")) if chosen else set()
        if not sections or not sections <= set(SECTIONS):
            raise SystemExit(f"--only takes sections separated by commas: {', '.join(SECTIONS)}")
    runs = 1 if quick else 3
    summary = {}
    if "engine" in sections:
        summary["engine"] = engine(build, quick, runs)
    if "workspace" in sections:
        summary["workspace_load"] = workspace_load(build, runs)
    if "response" in sections:
        summary["big_response"] = big_response(build, 10 if quick else 50)
    if "run" in sections:
        summary["run"] = run_collections(build, runs, quick)
    if "runs-page" in sections:
        summary["runs_page"] = runs_page(build, quick)
    if "soak" in sections:
        summary["soak"] = soak(build, quick)
    if "http2" in sections:
        summary["http2"] = http2(build, quick, runs)
    print(json.dumps(summary))


class Child:
    """What one client process did: its output, exit status, wall time and CPU time."""

    def __init__(self, stdout, stderr, status, wall_s, cpu_s):
        self.stdout, self.stderr, self.status, self.wall_s, self.cpu_s = stdout, stderr, status, wall_s, cpu_s

    def json(self):
        if self.status != 0:
            raise RuntimeError(f"exited {self.status}: {self.stderr.strip()[:300]}")
        return json.loads(self.stdout.strip().splitlines()[-1])


def run_child(command, timeout=600):
    """Runs `command` as a child of this process and reaps it with wait4, whose rusage gives
    the CPU time (user + sys) of that process and of the children it waited for: threads
    included, nginx (another process tree) not."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
        out.seek(0)
        err.seek(0)
        return Child(out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                     process.returncode, wall, usage.ru_utime + usage.ru_stime)


def json_client(command):
    """A client printing bench_qnam's JSON (requests, requests_per_second, errors)."""
    child = run_child(command)
    result = child.json()
    if result.get("errors"):
        raise RuntimeError(f"{os.path.basename(command[0])}: {result['errors']} errors")
    return {"rate": result["requests_per_second"], "requests": result["requests"], "cpu_s": child.cpu_s}


def curl_client(url, total):
    # URL globbing makes curl send every request over one reused connection.
    child = run_child(["curl", "-s", "-S", "-o", "/dev/null", f"{url}?[1-{total}]"])
    if child.status != 0:
        raise RuntimeError(f"curl exited {child.status}: {child.stderr.strip()[:300]}")
    return {"rate": total / child.wall_s, "requests": total, "cpu_s": child.cpu_s}


def wrk_client(url, threads, connections, seconds):
    """wrk runs for a time: the requests it made come from its "N requests in" line."""
    child = run_child(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", url], timeout=120)
    rate = requests = None
    for line in child.stdout.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            rate = float(words[1])
        elif len(words) >= 3 and words[1:3] == ["requests", "in"]:
            requests = int(words[0])
    if child.status != 0 or rate is None or not requests:
        raise RuntimeError(f"wrk printed no rate: {child.stdout[-300:]} {child.stderr[-300:]}")
    return {"rate": rate, "requests": requests, "cpu_s": child.cpu_s}


def machine():
    """lscpu's model name and core count, and the load when the section starts."""
    fields = {}
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
    except OSError:
        pass
    cores = None
    try:
        cores = int(fields["Core(s) per socket"]) * int(fields["Socket(s)"])
    except (KeyError, ValueError):
        pass
    return {"model": fields.get("Model name", "unknown"), "cpus": os.cpu_count(), "cores": cores,
            "load_average": round(os.getloadavg()[0], 2)}


OURS = "Microrequests"
WINDOW = "Microrequests, window path"
QT_LOOP = "bare Qt loop (the Qt floor)"
NODE = "Node http.Agent keepAlive"


def engine(build, quick, runs):
    """One endpoint's requests/s and CPU per request: us against the bare Qt loop (the floor
    of Qt's event loop), bare QNAM, Node, Python requests, curl and wrk, in rounds; then the
    targets of issue #17."""
    ours = os.path.join(build, "bin", "microrequests")
    qnam = os.path.join(build, "bin", "bench_qnam")
    qtloop = os.path.join(build, "bin", "bench_qtloop")
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    sequential, parallel = (4000, 20000) if quick else (20000, 100000)
    wrk_seconds = 3 if quick else 5
    host = machine()
    folder = tempfile.mkdtemp(prefix="mr-bench-")
    nginx, port = start_nginx(folder)
    url = f"http://127.0.0.1:{port}/"
    rounds = {}  # concurrency -> tool -> [{"rate", "requests", "cpu_s"}, ...], one per round
    window_path = None  # why the window's path was not measured, when it was not
    try:
        def bench(c, n, *extra):
            return json_client([ours, "bench", url, "--requests", str(n), "--concurrency", str(c),
                                "--max-per-host", str(c), "--json", *extra])

        for c, n in ((1, sequential), (16, parallel)):
            tools = {OURS: lambda: bench(c, n)}
            if c > 1:
                tools[WINDOW] = lambda: bench(c, n, "--engine-thread", "separate")
            tools.update({
                QT_LOOP: lambda: json_client([qtloop, url, str(n), str(c)]),
                "bare QNetworkAccessManager": lambda: json_client([qnam, url, str(n), str(c)]),
                NODE: lambda: json_client(["node", os.path.join(HERE, "node-agent.js"), url, str(n), str(c)]),
                "Python requests Session": lambda: json_client([python, os.path.join(HERE, "python-requests.py"),
                                                                url, str(min(n, 20000)), str(c)]),
            })
            if c == 1:
                tools["curl, one connection"] = lambda: curl_client(url, n)
                tools["wrk -t1 -c1 (the limit)"] = lambda: wrk_client(url, 1, 1, wrk_seconds)
            else:
                tools["wrk -t2 -c16 (the limit)"] = lambda: wrk_client(url, 2, 16, wrk_seconds)
            rounds[c] = {name: [] for name in tools}
            # Round after round of every tool, so that noise from the rest of the machine is
            # spread over all of them rather than landing on one.
            for r in range(runs):
                print(f"C={c}: round {r + 1} of {runs}…", file=sys.stderr)
                for name, tool in tools.items():
                    if name == WINDOW and window_path:
                        continue
                    try:
                        rounds[c][name].append(tool())
                    except RuntimeError as error:
                        if name != WINDOW:
                            raise RuntimeError(f"{name}: {error}") from None
                        window_path = ("bench has no --engine-thread" if "engine-thread" in str(error)
                                       else f"bench --engine-thread separate failed: {str(error).strip()[:200]}")
            if window_path and WINDOW in rounds[c]:
                del rounds[c][WINDOW]
    finally:
        nginx.send_signal(signal.SIGTERM)
        nginx.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)

    # Best of the rounds: the highest rate, the lowest CPU per request.
    results = {}
    for c, tools in rounds.items():
        results[c] = {}
        for name, samples in tools.items():
            rates = [s["rate"] for s in samples]
            results[c][name] = {"requests_per_second": max(rates), "range": [min(rates), max(rates)],
                                "cpu_us_per_request": min(1e6 * s["cpu_s"] / s["requests"] for s in samples)}

    cores = f", {host['cores']} cores" if host["cores"] else ""
    print(f"\nMachine: {host['model']}, {host['cpus']} CPUs{cores}; load average "
          f"{host['load_average']} when the section started")
    print(f"nginx on 127.0.0.1 (1 worker), GET of an 11-byte JSON body; best of {runs} "
          f"round{'s' if runs > 1 else ''} (highest rate, lowest CPU).\nCPU per request: the client "
          f"process's user + sys time (wait4's rusage), start-up included, over the requests it made.")
    for c, table in results.items():
        mine = table[OURS]
        print(f"\n  {c} in flight" + ("" if c == 1 else f", {c} connections per host"))
        print(f"    {'':30s} {'requests/s':>10s} {'CPU µs/req':>11s}")
        for name, row in table.items():
            rate, cpu = row["requests_per_second"], row["cpu_us_per_request"]
            low, high = row["range"]
            spread = f"  range {low:.0f}–{high:.0f} over {runs}" if runs > 1 else ""
            if name == OURS:
                note = spread
            elif name == WINDOW:
                note = f"  {rate / mine['requests_per_second']:4.2f}x the headless rate{spread}"
            elif "limit" in name:
                note = f"  ours is {100 * mine['requests_per_second'] / rate:3.0f}% of it"
            else:
                note = (f"  ours: {mine['requests_per_second'] / rate:4.2f}x the rate,"
                        f" {mine['cpu_us_per_request'] / cpu:4.2f}x the CPU")
            print(f"    {name:30s} {rate:10.0f} {cpu:11.1f}{note}")

    def wrk_at(c):
        return next(row for name, row in results[c].items() if name.startswith("wrk"))

    one, many = results[1], results[16]
    # (label, value, target, True when the value must be at least the target, else at most)
    targets = [
        ("1 in flight: ours >= 1.5x Node",
         one[OURS]["requests_per_second"] / one[NODE]["requests_per_second"], 1.5, True),
        ("1 in flight: ours >= 0.9x the bare Qt loop",
         one[OURS]["requests_per_second"] / one[QT_LOOP]["requests_per_second"], 0.9, True),
        ("1 in flight: ours' CPU/request <= 0.6x Node's",
         one[OURS]["cpu_us_per_request"] / one[NODE]["cpu_us_per_request"], 0.6, False),
        ("16 in flight: ours >= 1.5x Node",
         many[OURS]["requests_per_second"] / many[NODE]["requests_per_second"], 1.5, True),
        ("16 in flight: ours >= 50% of wrk",
         many[OURS]["requests_per_second"] / wrk_at(16)["requests_per_second"], 0.5, True),
    ]
    if WINDOW in many:
        targets.append(("16 in flight: window path >= 0.8x headless",
                        many[WINDOW]["requests_per_second"] / many[OURS]["requests_per_second"], 0.8, True))
    print("\n  Targets (issue #17)")
    verdicts = {}
    for label, value, target, at_least in targets:
        met = value >= target if at_least else value <= target
        shown = f"{100 * value:5.0f}%" if "% of" in label else f"{value:5.2f}x"
        print(f"    {label:48s} {shown}  {'met' if met else 'NOT MET'}")
        verdicts[label] = {"value": round(value, 3), "met": met}
    if window_path:
        print(f"    window path: n/a ({window_path})")
        verdicts["16 in flight: window path >= 0.8x headless"] = {"value": None, "met": None,
                                                                 "why": window_path}

    def rounded(row):
        return {"requests_per_second": round(row["requests_per_second"], 1),
                "range": [round(v, 1) for v in row["range"]],
                "cpu_us_per_request": round(row["cpu_us_per_request"], 2)}

    return {"machine": host, "rounds": runs,
            **{str(c): {name: rounded(row) for name, row in table.items()} for c, table in results.items()},
            "targets": verdicts}


if __name__ == "__main__":
    main()
