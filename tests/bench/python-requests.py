"""Python requests with a Session (the seed library's approach): N GETs, C in flight.

Prints one JSON object. C > 1 uses C threads sharing one Session whose pool holds C
connections per host.
"""
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from requests.adapters import HTTPAdapter


def main():
    url, total, concurrency = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    session = requests.Session()
    session.mount("http://", HTTPAdapter(pool_connections=1, pool_maxsize=concurrency))
    errors = 0

    def worker(count):
        nonlocal errors
        for _ in range(count):
            try:
                session.get(url).content
            except requests.RequestException:
                errors += 1

    started = time.perf_counter()
    share, rest = divmod(total, concurrency)
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for i in range(concurrency):
            pool.submit(worker, share + (1 if i < rest else 0))
    seconds = time.perf_counter() - started
    print(json.dumps({"requests": total, "concurrency": concurrency, "seconds": seconds,
                      "requests_per_second": total / seconds, "errors": errors}))


if __name__ == "__main__":
    main()
