#!/usr/bin/env python3
"""Measures subscribe-to-running on the local runtime: the time from the checkout call
returning to the dashboard reporting the deployment as running (polled every 20 ms).

usage: subscribe_latency.py BASE_URL RUNS
Prints one line per run and then the median, in milliseconds.
"""
import http.cookiejar
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request


def client():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def call(opener, base, endpoint, **form):
    data = urllib.parse.urlencode(form).encode()
    req = urllib.request.Request(f"{base}/api/{endpoint}", data=data, headers={"Accept": "application/json"})
    with opener.open(req, timeout=30) as res:
        body = res.read()
        return json.loads(body) if body else None


def main():
    base, runs = sys.argv[1], int(sys.argv[2])
    samples = []
    for i in range(runs):
        opener = client()
        email = f"bench-{time.time_ns()}-{i}@example.com"
        call(opener, base, "identity/sign_up", display_name="Bench", email=email,
             password="correct horse battery", org_name=f"Bench {i}")
        app = call(opener, base, "catalog/app", slug="company-site")
        plan = next(p for p in app["plans"] if p["is_free"])
        start = time.perf_counter()
        call(opener, base, "billing/subscribe", plan_id=plan["id"])
        while True:
            dash = call(opener, base, "provisioning/dashboard")
            deps = dash["deployments"]
            if deps and deps[0]["status"] == "running":
                break
            if deps and deps[0]["status"] == "failed":
                sys.exit(f"deployment failed: {deps[0]['status_reason']}")
            if time.perf_counter() - start > 60:
                sys.exit("deployment did not become running within 60 s")
            time.sleep(0.02)
        ms = (time.perf_counter() - start) * 1000
        samples.append(ms)
        print(f"  run {i + 1:2d}: {ms:7.1f} ms")
        # Leave the machine as we found it.
        call(opener, base, "provisioning/act", id=deps[0]["id"], action="delete")
    print(f"  median: {statistics.median(samples):.1f} ms (min {min(samples):.1f}, max {max(samples):.1f}, n={len(samples)})")


if __name__ == "__main__":
    main()
