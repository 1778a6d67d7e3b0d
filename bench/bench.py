#!/usr/bin/env python3
"""The comparisons of SPEC §10: nashra against nginx, Hugo and an SMTP sink, each measured
in the same run on the same machine. Started by bench/run (which installs the peers first);
see bench/README.md.

Every server this script starts listens on 127.0.0.1 on a free port, every load is bounded
in time, and everything it started is stopped when it exits (normally, on an error, or on
Ctrl-C): children run in their own process groups, which are signalled by id.
"""

import argparse
import atexit
import concurrent.futures
import datetime as dt
import getpass
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
COMPARISONS = ("page", "json", "export", "send", "memory", "logins", "desk", "photos", "scale")

ADMIN_EMAIL = "admin@bench.example"
ADMIN_PASSWORD = "bench-admin-password-1"
BASE_URL = "https://bulletin.example.org/"


class Broken(Exception):
    """Something did not work (as opposed to a ratio missing its bar)."""


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# Processes: everything started goes through here so that it is stopped on exit.

class Processes:
    def __init__(self):
        self.running = []  # Popen objects, each the leader of its own process group
        atexit.register(self.stop_all)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, self._on_signal)

    def _on_signal(self, signum, _frame):
        log(f"signal {signum}: stopping what the bench started")
        self.stop_all()
        sys.exit(128 + signum)

    def start(self, cmd, log_path, **kw):
        out = open(log_path, "wb")
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             start_new_session=True, **kw)
        out.close()
        self.running.append(p)
        return p

    def stop(self, p, timeout=10):
        """SIGTERM to the process group (so children go too), SIGKILL if it lingers."""
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                p.wait(timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait(5)
        if p in self.running:
            self.running.remove(p)

    def stop_all(self):
        for p in list(reversed(self.running)):
            self.stop(p, timeout=5)


PROCS = None


def free_port():
    # Bind to port 0 to let the kernel pick, then release it for the server to take.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise Broken(f"process exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise Broken(f"nothing listening on {port} after {timeout}s")


def run(cmd, timeout, check=True, **kw):
    """A bounded subprocess; returns CompletedProcess with text output."""
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        raise Broken(f"timed out after {timeout}s: {' '.join(map(str, cmd))}")
    if check and r.returncode != 0:
        raise Broken(f"exit {r.returncode}: {' '.join(map(str, cmd))}\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    return r


def cpu_idle_share(seconds):
    """The share of CPU time all cores spent idle over the next `seconds` (/proc/stat)."""
    def sample():
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total
    idle0, total0 = sample()
    time.sleep(seconds)
    idle1, total1 = sample()
    return (idle1 - idle0) / max(total1 - total0, 1)


def settle(limit=15.0):
    """Waits (at most `limit` seconds) until the machine is idle, so that a timed run does
    not pay for the one before it: right after Hugo's 1.1 GB build this 2-core machine stayed
    busy for seconds, and a nashra export started then took 3.4 s instead of 2.2 s."""
    deadline = time.time() + limit
    while time.time() < deadline and cpu_idle_share(0.5) < 0.9:
        pass


def timed(cmd, timeout, **kw):
    """Runs cmd under GNU time -v: (CompletedProcess, wall seconds, peak RSS in MB)."""
    r = run(["/usr/bin/time", "-v", *cmd], timeout, **kw)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", r.stderr)
    if not rss or not wall:
        raise Broken("GNU time printed no figures")
    secs = 0.0
    for part in wall.group(1).split(":"):
        secs = secs * 60 + float(part)
    return r, secs, int(rss.group(1)) / 1024


def http_request(port, method, path, body=None, headers=None, timeout=300):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------
# Memory sampling of a running process (/proc/PID/status).

def proc_mem(pid):
    """(VmRSS, VmHWM) in MB, or None once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            text = f.read()
    except OSError:
        return None
    rss, hwm = re.search(r"VmRSS:\s+(\d+)", text), re.search(r"VmHWM:\s+(\d+)", text)
    if not rss or not hwm:  # a zombie has no memory lines
        return None
    return int(rss.group(1)) / 1024, int(hwm.group(1)) / 1024


class RssSampler(threading.Thread):
    """Samples VmRSS every 50 ms and keeps the peak per phase label."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.phase, self.peaks = pid, "idle", {}
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            m = proc_mem(self.pid)
            if m is None:
                return
            self.peaks[self.phase] = max(self.peaks.get(self.phase, 0.0), m[0])
            time.sleep(0.05)


# ---------------------------------------------------------------------------------------
# wrk

UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNIT_MS[m.group(2)]


def wrk(url, connections, seconds, threads=2, tolerate=False, headers=()):
    """One wrk run: requests/s, p50 and p99 in ms. Any non-2xx answer or socket error
    means the comparison is broken (a server answering errors fast is no result), unless
    `tolerate`: then errors, and a run in which no request completed at all (p99 is then
    reported as the run's length, a lower bound), are results to report."""
    cmd = ["wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
           "--latency", *[arg for header in headers for arg in ("-H", header)], url]
    out = run(cmd, timeout=seconds + 30).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    if not tolerate and (total == 0 or errors > total * 0.001):
        raise Broken(f"wrk against {url}: {errors} errors in {total} requests\n{out}")
    if total == 0 or "99" not in lat:
        return {"rps": 0.0, "p50": seconds * 1000.0, "p99": seconds * 1000.0, "requests": 0, "errors": errors}
    return {"rps": rps, "p50": parse_ms(lat["50"]), "p99": parse_ms(lat["99"]), "requests": total, "errors": errors}


# ---------------------------------------------------------------------------------------
# nginx: a minimal configuration in a scratch folder, as the current user, no daemon.

def start_nginx(work, root=None, upstreams=None, name="nginx"):
    """nginx serving `root` from disk, or balancing round-robin over `upstreams` (ports of
    nashra servers), with the proxy settings docs/operations.md recommends."""
    port = free_port()
    conf_dir = os.path.join(work, name)
    os.makedirs(conf_dir, exist_ok=True)
    built = run(["nginx", "-V"], timeout=10).stderr
    # Temp paths default to /var/lib/nginx; point every compiled-in one at the scratch folder.
    temps = "".join(
        f"  {name}_temp_path {conf_dir}/{name}_temp;\n"
        for name, flag in (("client_body", "client-body"), ("proxy", "proxy"), ("fastcgi", "fastcgi"),
                           ("uwsgi", "uwsgi"), ("scgi", "scgi"))
        if f"--http-{flag}-temp-path" in built
    )
    # As root, nginx would switch its workers to "nobody"; keep them as the current user.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    if upstreams:
        servers = "".join(f"    server 127.0.0.1:{p};\n" for p in upstreams)
        body = f"""  upstream nashra {{
{servers}    keepalive 64;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://nashra;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }}
  }}
"""
    else:
        body = f"""  server {{
    listen 127.0.0.1:{port};
    root {root};
    index index.html;
  }}
"""
    conf = f"""{user}worker_processes auto;
daemon off;
pid {conf_dir}/nginx.pid;
error_log {conf_dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  # wrk keeps its connections; do not make nginx reconnect every 1000 requests.
  keepalive_requests 100000000;
  keepalive_timeout 65;
  types {{ text/html html; application/json json; text/css css; }}
  default_type application/octet-stream;
{temps}{body}}}
"""
    path = os.path.join(conf_dir, "nginx.conf")
    with open(path, "w") as f:
        f.write(conf)
    p = PROCS.start(["nginx", "-p", conf_dir, "-e", os.path.join(conf_dir, "error.log"), "-c", path],
                    os.path.join(conf_dir, "stdout.log"))
    wait_port(port, p)
    return p, port


# ---------------------------------------------------------------------------------------
# nashra

class Nashra:
    def __init__(self, binary, work):
        self.binary, self.work = binary, work
        self.cwd = os.path.join(work, "cwd")
        os.makedirs(self.cwd, exist_ok=True)
        # Runs from a scratch folder so that nothing lands in the repository (data/, media);
        # the repository's config and locales are used as in a normal run from it.
        self.env = dict(os.environ)
        self.env.update({
            "NASHRA_LOCALES_DIR": os.path.join(REPO, "locales"),
            "NASHRA_MEDIA__DIR": os.path.join(work, "media"),
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        })
        self.env.pop("RUST_LOG", None)

    def cmd(self, db, *args):
        url = db if "://" in db else f"sqlite://{db}"
        return [self.binary, "--config", os.path.join(REPO, "config"), "--database", url, *args]

    def run(self, db, *args, timeout=600, stdin=None, env=None):
        return run(self.cmd(db, *args), timeout, input=stdin, cwd=self.cwd, env={**self.env, **(env or {})})

    def serve(self, db, extra_env, log_path):
        port = free_port()
        env = {**self.env, **extra_env}
        p = PROCS.start(self.cmd(db, "serve", "--bind", f"127.0.0.1:{port}"), log_path, cwd=self.cwd, env=env)
        wait_port(port, p, timeout=60)
        return p, port


def copy_db(src, dst):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copy(src, dst)


def login(port):
    status, body = http_request(port, "POST", "/api/v1/auth/login",
                                json.dumps({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}),
                                {"Content-Type": "application/json"})
    if status != 200:
        raise Broken(f"admin login: {status} {body[:300]!r}")
    return json.loads(body)["access_token"]


def desk_sign_in(port):
    """Signs in through the desk's own form, as a browser would: the sign-in form's token and
    nonce cookie, then the session cookie. Returns the Cookie header for later requests."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/desk/login")
    r = conn.getresponse()
    page = r.read().decode()
    nonce = re.search(r"nashra_desk_signin=([^;]+)", r.getheader("Set-Cookie") or "").group(1)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf": token, "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD, "next": "/desk/"})
    conn.request("POST", "/desk/login", form, {"Content-Type": "application/x-www-form-urlencoded",
                                               "Cookie": f"nashra_desk_signin={nonce}"})
    r = conn.getresponse()
    r.read()
    session = re.search(r"nashra_desk=([^;]+)", ",".join(r.headers.get_all("Set-Cookie") or []))
    if r.status != 303 or not session:
        raise Broken(f"desk sign-in: {r.status}")
    return f"nashra_desk={session.group(1)}"


def browser_json(command, config):
    """Runs bench/photos.mjs in Chromium and returns what it printed."""
    if not os.path.exists(os.path.join(REPO, "tests", "browser", "node_modules", "playwright-core")):
        raise Broken("playwright-core is not installed: npm ci --prefix tests/browser")
    r = run(["node", os.path.join(HERE, "photos.mjs"), command, json.dumps(config)], timeout=600)
    return json.loads(r.stdout)


def upload_image(port, token, data):
    """POST /api/v1/media as multipart; returns the media JSON and the seconds it took."""
    boundary = "bench-" + os.urandom(8).hex()
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"camera.jpg\"\r\n"
            f"Content-Type: image/jpeg\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    t0 = time.time()
    status, answer = http_request(port, "POST", "/api/v1/media", body,
                                  {"Content-Type": f"multipart/form-data; boundary={boundary}",
                                   "Authorization": f"Bearer {token}"})
    secs = time.time() - t0
    if status != 201:
        raise Broken(f"upload: {status} {answer[:300]!r}")
    return json.loads(answer), secs


def photo_story(slug):
    """A story of about 300 words in English and Arabic around one photo, for `nashra import`."""
    en = ("The photo above was taken on a phone at the edge of the village, where the new "
          "water point stands. Families walk there twice a day. ") * 12
    ar = ("التُقطت الصورة أعلاه بهاتف عند طرف القرية، حيث تقف نقطة المياه الجديدة. "
          "تمشي الأسر إليها مرتين في اليوم. ") * 12
    doc = lambda locale, title, body, alt, credit: (
        f'+++\nslug = "{slug}"\nlocale = "{locale}"\ntitle = "{title}"\nstatus = "published"\n'
        f'images = [{{ file = "camera.jpg", credit = "{credit}", alt = "{alt}", caption = "{title}" }}]\n'
        f'+++\n{body}\n\n{body}\n')
    return (doc("en", "Photo of the week", en, "A water point at the edge of a village", "Sara Ali")
            + doc("ar", "صورة الأسبوع", ar, "نقطة مياه عند طرف قرية", "سارة علي"))


# ---------------------------------------------------------------------------------------
# The run

class Bench:
    def __init__(self, args):
        self.a = args
        self.work = args.work
        self.rows = []      # summary rows
        self.details = []   # raw figures, for the Markdown report
        self.nashra = Nashra(args.binary, self.work)
        self.editions = (args.stories + args.per_edition - 1) // args.per_edition

    # -- results -------------------------------------------------------------------------

    def row(self, what, nashra, peer, ratio, bar, ok):
        self.rows.append((what, nashra, peer, ratio, bar, "pass" if ok else "MISS"))
        log(f"RESULT {what}: nashra {nashra} | peer {peer} | ratio {ratio} | bar {bar} | {'pass' if ok else 'MISS'}")

    def detail(self, text):
        self.details.append(text)
        log(text)

    # -- shared data ---------------------------------------------------------------------

    def prepare(self):
        """Synthetic content (cached by its size), imported into a fresh database with an
        admin: the pristine database every comparison copies."""
        a = self.a
        content = os.path.join(self.work, f"content-{a.stories}")
        stamp = os.path.join(content, "done")
        if not os.path.exists(stamp):
            log(f"generating {a.stories} stories x 2 locales")
            run([sys.executable, os.path.join(HERE, "gen_content.py"), "--stories", str(a.stories),
                 "--per-edition", str(a.per_edition), "--nashra", os.path.join(content, "nashra"),
                 "--hugo", os.path.join(content, "hugo"), "--base-url", BASE_URL], timeout=1200)
            open(stamp, "w").close()
        self.content = content
        self.editions = (a.stories + a.per_edition - 1) // a.per_edition
        self.latest_edition = f"edition-{self.editions:04d}"
        # A story in the middle of the newest edition: the page readers are sent to.
        self.story = f"story-{a.stories - 1 - a.per_edition // 2:05d}" if a.stories > 1 else "story-00000"

        db_dir = os.path.join(self.work, "db")
        shutil.rmtree(db_dir, ignore_errors=True)
        os.makedirs(db_dir)
        self.pristine = os.path.join(db_dir, "site.db")
        self.nashra.run(self.pristine, "user", "add", "--email", ADMIN_EMAIL, "--name", "Bench Admin",
                        "--role", "admin", "--password-stdin", stdin=ADMIN_PASSWORD, timeout=60)
        t0 = time.time()
        r = self.nashra.run(self.pristine, "import", os.path.join(content, "nashra"), timeout=1800)
        self.import_secs = time.time() - t0
        self.detail(f"import: {r.stdout.strip().splitlines()[0] if r.stdout.strip() else '?'} in {self.import_secs:.1f} s")

    # -- 3. static export vs Hugo ----------------------------------------------------------

    def export(self):
        a = self.a
        db = os.path.join(self.work, "db", "export.db")
        copy_db(self.pristine, db)
        # Outputs go to tmpfs when there is one: removing 21,000 files between runs takes
        # minutes on a disk mounted with `discard`, and neither side should be timed on
        # the disk's mood. Both write to the same kind of place either way.
        scratch = self.work
        if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) \
                and shutil.disk_usage("/dev/shm").free > 4 << 30:
            scratch = os.path.join("/dev/shm", f"nashra-bench-{os.getpid()}")
            atexit.register(shutil.rmtree, scratch, True)
        out_n = os.path.join(scratch, "out-nashra")
        out_h = os.path.join(scratch, "out-hugo")
        hugo_src = os.path.join(self.content, "hugo")
        best_n = best_h = None
        for attempt in range(a.repeat):
            # Alternate the two so that neither always runs on a warmer machine.
            shutil.rmtree(out_n, ignore_errors=True)
            settle()
            r, secs, rss = timed(self.nashra.cmd(db, "export", "web", "--out", out_n, "--base-url", BASE_URL),
                                 timeout=1800, cwd=self.nashra.cwd, env=self.nashra.env)
            self.detail(f"export nashra run {attempt + 1}: {secs:.2f} s, peak RSS {rss:.1f} MB — {r.stdout.strip()}")
            best_n = min(best_n or (secs, rss), (secs, rss))
            shutil.rmtree(out_h, ignore_errors=True)
            settle()
            r, secs, rss = timed(["hugo", "--quiet", "--source", hugo_src, "--destination", out_h,
                                  "--cacheDir", os.path.join(self.work, "hugo-cache")], timeout=1800)
            self.detail(f"export hugo run {attempt + 1}: {secs:.2f} s, peak RSS {rss:.1f} MB")
            best_h = min(best_h or (secs, rss), (secs, rss))
        n_files = sum(len(f) for _, _, f in os.walk(out_n))
        h_files = sum(len(f) for _, _, f in os.walk(out_h))
        self.detail(f"export files written: nashra {n_files}, hugo {h_files}")
        # Both must have written every story page in both languages.
        for out, who in ((out_n, "nashra"), (out_h, "hugo")):
            for loc in ("en", "ar"):
                if not os.path.exists(os.path.join(out, loc, "stories", self.story, "index.html")):
                    raise Broken(f"{who} export lacks /{loc}/stories/{self.story}/")
        speedup = best_h[0] / best_n[0]
        self.row(f"static export, {a.stories} stories x 2 locales: wall time", f"{best_n[0]:.2f} s",
                 f"hugo {best_h[0]:.2f} s", f"{speedup:.2f}x faster", ">= 2x faster", speedup >= 2)
        mem_ratio = best_n[1] / best_h[1]
        self.row("static export: peak RSS", f"{best_n[1]:.1f} MB", f"hugo {best_h[1]:.1f} MB",
                 f"{mem_ratio:.2f}", "<= 0.25", mem_ratio <= 0.25)
        self.export_peak = best_n[1]

    # -- the live server: 1 page, 2 json, 6 logins, 5 memory; subscribers for 4 ---------------

    def serve_phase(self, wanted):
        a = self.a
        db = os.path.join(self.work, "db", "serve.db")
        copy_db(self.pristine, db)
        env = {
            # The comparison's sends run in `nashra send`; no second worker in the server.
            "NASHRA_EMAIL__WORKER_IN_SERVER": "false",
            # 20 logins/s from one address for the whole login phase: lift the per-address
            # limit (30 a minute by default) so that every login does the full work.
            "NASHRA_LOGIN_LIMITS__ADDRESS_ATTEMPTS": "100000000",
            # All of them for one account, several at once: an account's attempts are counted
            # before the password is checked (5 by default), so lift that limit too.
            "NASHRA_LOGIN_LIMITS__ACCOUNT_FAILURES": "100000000",
        }
        proc, port = self.nashra.serve(db, env, os.path.join(self.work, "serve.log"))
        time.sleep(2)  # let start-up allocations settle before calling it idle
        idle = proc_mem(proc.pid)[0]
        self.detail(f"serve idle RSS after start: {idle:.1f} MB")
        sampler = RssSampler(proc.pid)
        sampler.start()
        self.serve_idle = idle

        page_path = f"/ar/stories/{self.story}/"
        json_path = f"/api/v1/public/ar/stories/{self.story}"
        status, page = http_request(port, "GET", page_path)
        if status != 200:
            raise Broken(f"GET {page_path}: {status}")
        status, story_json = http_request(port, "GET", json_path)
        if status != 200:
            raise Broken(f"GET {json_path}: {status}")
        self.detail(f"page {page_path}: {len(page)} bytes; JSON {json_path}: {len(story_json)} bytes")

        nginx_figures = {}
        if {"page", "json", "memory"} & wanted:
            # nginx serves the very bytes nashra served, from disk, at the same path.
            root = os.path.join(self.work, "www")
            shutil.rmtree(root, ignore_errors=True)
            os.makedirs(os.path.join(root, page_path.strip("/")))
            with open(os.path.join(root, page_path.strip("/"), "index.html"), "wb") as f:
                f.write(page)
            nginx, nport = start_nginx(self.work, root)
            status, same = http_request(nport, "GET", page_path)
            if status != 200 or same != page:
                raise Broken("nginx does not serve the saved page")
            for c in a.connections:
                if a.warmup:
                    wrk(f"http://127.0.0.1:{nport}{page_path}", c, a.warmup, tolerate=True)
                ng = wrk(f"http://127.0.0.1:{nport}{page_path}", c, a.duration)
                nginx_figures[c] = ng
                self.detail(f"nginx  page @{c}: {ng['rps']:.0f} req/s, p50 {ng['p50']:.2f} ms, p99 {ng['p99']:.2f} ms")
            PROCS.stop(nginx)

        # The live page and the public JSON, each against nginx serving the page from disk.
        for kind, path, label, peer, bar in [
            ("page", page_path, "story page live", "nginx", 0.5),
            ("json", json_path, "public JSON story", "nginx page", 0.4),
        ]:
            if not {kind, "memory"} & wanted:
                continue
            sampler.phase = kind
            for c in a.connections:
                if a.warmup:
                    wrk(f"http://127.0.0.1:{port}{path}", c, a.warmup, tolerate=True)
                me = wrk(f"http://127.0.0.1:{port}{path}", c, a.duration)
                ng = nginx_figures[c]
                self.detail(f"nashra {kind} @{c}: {me['rps']:.0f} req/s, p50 {me['p50']:.2f} ms, p99 {me['p99']:.2f} ms")
                ratio = me["rps"] / ng["rps"]
                self.row(f"{label}, {c} connections (req/s; p50/p99 ms)",
                         f"{me['rps']:.0f} ({me['p50']:.2f}/{me['p99']:.2f})",
                         f"{peer} {ng['rps']:.0f} ({ng['p50']:.2f}/{ng['p99']:.2f})",
                         f"{ratio:.2f}", f">= {bar}", ratio >= bar)

        if {"logins", "memory"} & wanted:
            sampler.phase = "logins"
            self.logins(port, page_path)

        if "send" in wanted:
            sampler.phase = "subscribers"
            self.import_subscribers(port)

        sampler.stopped.set()
        sampler.join()
        final = proc_mem(proc.pid)
        PROCS.stop(proc)
        self.serve_peaks = sampler.peaks
        self.serve_hwm = final[1]
        self.detail("serve peak RSS by phase (sampled every 50 ms): "
                    + ", ".join(f"{k} {v:.1f} MB" for k, v in sampler.peaks.items())
                    + f"; VmHWM at the end {final[1]:.1f} MB")
        # Keep the database with its subscribers for the send comparison.
        self.subscribers_db = db

    def logins(self, port, page_path):
        """Read p99 with and without 20 correct logins per second running alongside."""
        a = self.a
        url = f"http://127.0.0.1:{port}{page_path}"
        c = a.login_connections
        if a.warmup:
            wrk(url, c, a.warmup, tolerate=True)
        # Two runs without logins, one before and one after the run with them, so that a
        # change in the machine's background load during the phase shows up in both.
        without = [wrk(url, c, a.login_duration)]
        self.detail(f"page @{c} without logins (before): {without[0]['rps']:.0f} req/s, "
                    f"p50 {without[0]['p50']:.2f} ms, p99 {without[0]['p99']:.2f} ms")
        stop = threading.Event()
        results = []
        body = json.dumps({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})

        def one_login():
            t0 = time.time()
            try:
                status, _ = http_request(port, "POST", "/api/v1/auth/login", body,
                                         {"Content-Type": "application/json"}, timeout=30)
            except OSError:
                status = 0
            results.append((status, time.time() - t0))

        def loop():
            # Open loop: login i starts at t0 + i/rate whatever the earlier ones are doing,
            # as independent users would; a pool lets slow logins overlap.
            with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
                t0, i = time.time(), 0
                while not stop.is_set():
                    due = t0 + i / a.login_rate
                    now = time.time()
                    if due > now:
                        time.sleep(min(due - now, 0.05))
                        continue
                    pool.submit(one_login)
                    i += 1

        loop_thread = threading.Thread(target=loop, daemon=True)
        loop_thread.start()
        time.sleep(1.0)  # the login load is running before the reads are measured
        started = len(results)
        t_start = time.time()
        # Slow or failed reads while logins run are the result, not a broken bench.
        with_logins = wrk(url, c, a.login_duration, tolerate=True)
        t_end = time.time()
        done_during = len(results) - started
        stop.set()
        loop_thread.join(timeout=60)
        time.sleep(1.0)  # let queued logins drain before the second baseline
        without.append(wrk(url, c, a.login_duration))
        self.detail(f"page @{c} without logins (after): {without[1]['rps']:.0f} req/s, "
                    f"p50 {without[1]['p50']:.2f} ms, p99 {without[1]['p99']:.2f} ms")
        if without[1]["requests"]:
            base_p99, base_note = (without[0]["p99"] + without[1]["p99"]) / 2, "mean of 2"
        else:
            # No read completed even after the logins stopped: the server had not
            # recovered; the baseline is the run before.
            base_p99, base_note = without[0]["p99"], "before; none completed after"
        bad = [s for s, _ in results if s != 200]
        if bad:
            raise Broken(f"{len(bad)} of {len(results)} logins failed (statuses {sorted(set(bad))})")
        lat = sorted(t for _, t in results)
        rate = done_during / (t_end - t_start)
        self.detail(f"page @{c} with logins: {with_logins['rps']:.0f} req/s, p50 {with_logins['p50']:.2f} ms, "
                    f"p99 {with_logins['p99']:.2f} ms, {with_logins['requests']} requests, "
                    f"{with_logins['errors']} errors; logins completed {rate:.1f}/s "
                    f"(target {a.login_rate}/s), login p50 {lat[len(lat) // 2] * 1000:.0f} ms, "
                    f"max {lat[-1] * 1000:.0f} ms")
        if rate < a.login_rate * 0.8:
            self.detail(f"WARNING: logins ran at {rate:.1f}/s, below the {a.login_rate}/s asked for")
        ratio = with_logins["p99"] / base_p99
        ok = ratio <= 2 and with_logins["errors"] == 0 and with_logins["requests"] > 0
        note = "" if with_logins["requests"] else " (no read completed)"
        note += f", {with_logins['errors']} errors" if with_logins["errors"] else ""
        self.row(f"story page p99 with {a.login_rate:g} logins/s, {c} connections",
                 f"{with_logins['p99']:.2f} ms{note}", f"without {base_p99:.2f} ms ({base_note})",
                 f"{ratio:.2f}", "<= 2", ok)

    def import_subscribers(self, port):
        """Confirmed subscribers, half ar and half en, through the CSV import endpoint."""
        a = self.a
        token = login(port)
        t0 = time.time()
        chunk = 20000
        created = 0
        for start in range(0, a.subscribers, chunk):
            rows = ["email,locale,status"]
            for i in range(start, min(a.subscribers, start + chunk)):
                rows.append(f"reader-{i}@bench.example,{'ar' if i % 2 else 'en'},confirmed")
            status, body = http_request(port, "POST", "/api/v1/subscribers/import", "\n".join(rows) + "\n",
                                        {"Content-Type": "text/csv", "Authorization": f"Bearer {token}"},
                                        timeout=900)
            if status != 200:
                raise Broken(f"subscriber import: {status} {body[:300]!r}")
            report = json.loads(body)
            if report.get("errors"):
                raise Broken(f"subscriber import errors: {report['errors'][:5]}")
            created += report["created"]
        secs = time.time() - t0
        if created != a.subscribers:
            raise Broken(f"subscriber import created {created} of {a.subscribers}")
        self.detail(f"subscriber CSV import: {created} confirmed subscribers in {secs:.1f} s "
                    f"({created / secs:.0f} rows/s)")

    # -- 4. sending vs the sink's ceiling ------------------------------------------------

    def start_sink(self, name):
        port = free_port()
        # -c: running counters; -u: smtp-sink insists on a user when started as root;
        # backlog 1000. It accepts and discards everything.
        p = PROCS.start(["/usr/sbin/smtp-sink", "-c", "-u", getpass.getuser(), f"127.0.0.1:{port}", "1000"],
                        os.path.join(self.work, f"sink-{name}.log"))
        wait_port(port, p)
        return p, port

    def sink_count(self, name):
        with open(os.path.join(self.work, f"sink-{name}.log"), "rb") as f:
            counts = re.findall(rb"mesg=(\d+)", f.read())
        return int(counts[-1]) if counts else 0

    def send(self):
        a = self.a
        db = self.subscribers_db
        eml_dir = os.path.join(self.work, "eml")
        os.makedirs(eml_dir, exist_ok=True)
        # The peer sends nashra's own messages (one per locale), so sizes and encodings match.
        templates = []
        for loc in ("en", "ar"):
            path = os.path.join(eml_dir, f"{loc}.eml")
            self.nashra.run(db, "export", "email", "--edition", self.latest_edition, "--lang", loc, "--out", path,
                            "--to", "subscriber@example.org", timeout=120)
            templates.append(path)
        sizes = [os.path.getsize(t) for t in templates]
        self.detail(f"edition email sizes: en {sizes[0]} bytes, ar {sizes[1]} bytes")

        sink, sport = self.start_sink("peer")
        peer_best = None
        for procs, conns in a.sender_shapes:
            settle()
            r = run([sys.executable, os.path.join(HERE, "min_sender.py"), "--port", str(sport), "--count",
                     str(a.subscribers), "--processes", str(procs), "--connections", str(conns),
                     *sum((["--template", t] for t in templates), [])], timeout=1200)
            res = json.loads(r.stdout)
            self.detail(f"minimal sender, {procs} process(es) x {conns} connections: {res['sent']} messages in "
                        f"{res['seconds']:.2f} s = {res['per_second']:.0f}/s")
            if peer_best is None or res["per_second"] > peer_best["per_second"]:
                peer_best = {**res, "shape": f"{procs}x{conns}"}
        got = self.sink_count("peer")
        PROCS.stop(sink)
        if got < a.subscribers * len(a.sender_shapes):
            raise Broken(f"the sink counted {got} messages from the minimal sender")

        sink, sport = self.start_sink("nashra")
        settle()
        got, secs, rss, done, stopped = self.timed_send(db, sport)
        PROCS.stop(sink)
        m = re.search(r"(\d+) sent, (\d+) failed", done)
        if not stopped and (not m or int(m.group(1)) != a.subscribers or got < a.subscribers):
            raise Broken(f"nashra send: {done!r}; the sink counted {got}")
        if stopped and got == 0:
            raise Broken(f"nashra send delivered nothing in {secs:.0f} s")
        # Stopped at the time limit: the rate so far, from the sink's count.
        rate = got / secs
        note = f" (stopped after {secs:.0f} s at {got} of {a.subscribers})" if stopped else ""
        self.detail(f"nashra send: {done or 'stopped'} — {secs:.2f} s wall (queueing included) = {rate:.0f}/s, "
                    f"peak RSS {rss:.1f} MB; sink counted {got}{note}")
        ratio = rate / peer_best["per_second"]
        self.row(f"send edition to {a.subscribers} subscribers (msg/s)", f"{rate:.0f}{note}",
                 f"min sender {peer_best['per_second']:.0f} ({peer_best['shape']})", f"{ratio:.2f}", ">= 0.5",
                 ratio >= 0.5)
        self.send_peak = rss

    def timed_send(self, db, sport):
        """`nashra send` under GNU time, bounded by --send-timeout: past it, nashra (not
        time) gets SIGTERM, so time still reports the peak RSS. Returns (messages the sink
        counted, wall seconds, peak RSS MB, nashra's last line, whether it was stopped)."""
        log_path = os.path.join(self.work, "send.log")
        env = {**self.nashra.env, "NASHRA_SMTP_URL": f"smtp://127.0.0.1:{sport}"}
        t0 = time.time()
        p = PROCS.start(["/usr/bin/time", "-v", *self.nashra.cmd(db, "send", "--edition", self.latest_edition)],
                        log_path, cwd=self.nashra.cwd, env=env)
        stopped = False
        try:
            p.wait(self.a.send_timeout)
        except subprocess.TimeoutExpired:
            stopped = True
            children = open(f"/proc/{p.pid}/task/{p.pid}/children").read().split()
            for child in children:
                os.kill(int(child), signal.SIGTERM)
            p.wait(30)
        secs = time.time() - t0
        PROCS.stop(p)
        got = self.sink_count("nashra")
        text = open(log_path, errors="replace").read()
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        done = next((l for l in text.splitlines() if re.search(r"\d+ sent, \d+ failed", l)), "")
        if not stopped and p.returncode != 0:
            raise Broken(f"nashra send exited {p.returncode}:\n{text[-2000:]}")
        return got, secs, int(rss.group(1)) / 1024 if rss else 0.0, done.strip(), stopped

    # -- photos: a story page on a phone with a camera photo --------------------------------

    def photos(self):
        """A story page on a phone, 390 CSS pixels wide at device pixel ratios 3 and 2, whose
        story has a 4 MB camera photo: every byte the browser downloads (HTML, CSS, the image
        it picks from srcset), against 200 KB (SPEC §10). The photo is drawn and encoded by
        Chromium (bench/photos.mjs); the story comes in through `nashra import`, which adds
        images through the same use case as an upload, and the photo is uploaded once more
        through the API to time the making of its variants."""
        a = self.a
        work = os.path.join(self.work, "photos")
        shutil.rmtree(work, ignore_errors=True)
        content = os.path.join(work, "content")
        os.makedirs(os.path.join(content, "images"))
        os.makedirs(os.path.join(content, "stories"))
        # A phone's 12-megapixel photo; the smoke run's is a quarter of it, for the debug binary.
        width, height, target = (2016, 1512, 1_000_000) if a.smoke else (4032, 3024, 4_000_000)
        photo = os.path.join(content, "images", "camera.jpg")
        made = browser_json("generate", {"out": photo, "width": width, "height": height, "bytes": target})
        self.detail(f"photos: camera photo {made['width']}x{made['height']}, {made['bytes'] / 1e6:.2f} MB "
                    f"(JPEG quality 92, texture {made['texture']:.2f})")
        slug = "photo-of-the-week"
        with open(os.path.join(content, "stories", f"{slug}.md"), "w") as f:
            f.write(photo_story(slug))
        db = os.path.join(work, "photos.db")
        self.nashra.run(db, "user", "add", "--email", ADMIN_EMAIL, "--name", "Bench Admin",
                        "--role", "admin", "--password-stdin", stdin=ADMIN_PASSWORD, timeout=60)
        t0 = time.time()
        self.nashra.run(db, "import", content, timeout=600)
        self.detail(f"photos: import of the story and its photo (variants made) in {time.time() - t0:.2f} s")
        proc, port = self.nashra.serve(db, {"NASHRA_EMAIL__WORKER_IN_SERVER": "false"},
                                       os.path.join(work, "serve.log"))
        try:
            token = login(port)
            with open(photo, "rb") as f:
                uploaded, secs = upload_image(port, token, f.read())
            variants = ", ".join(f"{v['width']} px {v['size_bytes'] / 1e3:.0f} KB" for v in uploaded["variants"])
            self.detail(f"photos: upload through the API answered in {secs:.2f} s; variants {variants}")
            for dpr in (3, 2):
                seen = []
                for locale in ("en", "ar"):
                    url = f"http://127.0.0.1:{port}/{locale}/stories/{slug}/"
                    got = browser_json("measure", {"url": url, "width": 390, "height": 844, "dpr": dpr})
                    parts = ", ".join(f"{r['type']} {r['bytes'] / 1e3:.1f} KB" for r in got["requests"])
                    picked = ", ".join(f"{i['src'].rsplit('/', 1)[-1]} shown {i['shown']:.0f} px" for i in got["images"])
                    self.detail(f"photos: /{locale}/ story page at 390 px, DPR {dpr}: {got['total'] / 1e3:.1f} KB "
                                f"({parts}); picked {picked}")
                    if not any(i["natural"] > 0 for i in got["images"]):
                        raise Broken(f"the photo did not load on {url}")
                    seen.append(got["total"])
                worst = max(seen)
                self.row(f"story page on a phone (390 px, DPR {dpr}) with a {made['bytes'] / 1e6:.1f} MB photo "
                         f"(bytes downloaded, worse of en/ar)", f"{worst / 1e3:.0f} KB",
                         f"the photo alone {made['bytes'] / 1e3:.0f} KB", f"{worst / 200e3:.2f}", "<= 200 KB",
                         worst <= 200e3)
        finally:
            PROCS.stop(proc)

    # -- several servers: two behind nginx against one --------------------------------------

    def scale(self):
        """The live story page through nginx balancing two servers on one PostgreSQL, against
        one of those servers asked directly and against it alone behind the same nginx
        (SPEC §13). On a 2-core machine the two servers, nginx and wrk share the same cores,
        so this shows what the balancer costs, not what a second machine would add."""
        a = self.a
        admin_url = self.a.postgres_url
        r = run(["psql", admin_url, "-Atc", "SELECT 1"], timeout=30, check=False)
        if r.returncode != 0:
            self.detail(f"scale: SKIPPED, no PostgreSQL at {admin_url} ({r.stderr.strip()[:200]})")
            return
        name = "nashra_bench_scale"
        run(["psql", admin_url, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], timeout=60)
        run(["psql", admin_url, "-qc", f"CREATE DATABASE {name}"], timeout=60)
        url = admin_url.rsplit("/", 1)[0] + "/" + name
        try:
            self.nashra.run(url, "user", "add", "--email", ADMIN_EMAIL, "--name", "Bench Admin", "--role", "admin",
                            "--password-stdin", stdin=ADMIN_PASSWORD, timeout=120)
            t0 = time.time()
            self.nashra.run(url, "import", os.path.join(self.content, "nashra"), timeout=1800)
            self.detail(f"scale: import into PostgreSQL in {time.time() - t0:.1f} s")
            # One secret for both, as docs/operations.md asks; no mail workers.
            env = {"NASHRA_AUTH__SECRET": os.urandom(32).hex(), "NASHRA_EMAIL__WORKER_IN_SERVER": "false",
                   "NASHRA_PUBLIC_URL": BASE_URL}
            servers = [self.nashra.serve(url, env, os.path.join(self.work, f"scale-{n}.log")) for n in ("a", "b")]
            (_, port_a), (_, port_b) = servers
            path = f"/ar/stories/{self.story}/"
            pages = [http_request(p, "GET", path) for p in (port_a, port_b)]
            if any(status != 200 for status, _ in pages) or pages[0][1] != pages[1][1]:
                raise Broken(f"scale: the two servers do not serve the same {path}")
            one_nginx, one_port = start_nginx(self.work, upstreams=[port_a], name="nginx-one")
            two_nginx, two_port = start_nginx(self.work, upstreams=[port_a, port_b], name="nginx-two")
            for port in (one_port, two_port):
                status, body = http_request(port, "GET", path)
                if status != 200 or body != pages[0][1]:
                    raise Broken(f"scale: nginx on {port} does not pass {path} through")
            setups = [("one server directly", port_a), ("one server behind nginx", one_port),
                      ("two servers behind nginx", two_port)]
            for c in a.connections:
                figures = {}
                for label, port in setups:
                    if not a.smoke:
                        settle()
                    if a.warmup:
                        wrk(f"http://127.0.0.1:{port}{path}", c, a.warmup, tolerate=True)
                    figures[label] = wrk(f"http://127.0.0.1:{port}{path}", c, a.duration)
                    f = figures[label]
                    self.detail(f"scale {label} @{c}: {f['rps']:.0f} req/s, p50 {f['p50']:.2f} ms, "
                                f"p99 {f['p99']:.2f} ms")
                direct = figures["one server directly"]
                for label in ("two servers behind nginx", "one server behind nginx"):
                    me = figures[label]
                    self.row(f"story page, {label}, {c} connections (req/s; p50/p99 ms)",
                             f"{me['rps']:.0f} ({me['p50']:.2f}/{me['p99']:.2f})",
                             f"one server directly {direct['rps']:.0f} ({direct['p50']:.2f}/{direct['p99']:.2f})",
                             f"{me['rps'] / direct['rps']:.2f}", f"none ({os.cpu_count()} cores: the overhead)", True)
            PROCS.stop(two_nginx)
            PROCS.stop(one_nginx)
            for proc, _ in servers:
                PROCS.stop(proc)
        finally:
            run(["psql", admin_url, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], timeout=60, check=False)

    # -- 5. memory rows ------------------------------------------------------------------

    def desk(self):
        """The desk's busiest pages against the public story page, all rendered for each
        request: the page cache is off (`site.page_cache_bytes = 0`), so the public page's
        time is its loading and rendering, like the desk's. Bar: p50 at most 3x (issue 15)."""
        a = self.a
        db = os.path.join(self.work, "db", "desk.db")
        copy_db(self.pristine, db)
        env = {"NASHRA_EMAIL__WORKER_IN_SERVER": "false", "NASHRA_SITE__PAGE_CACHE_BYTES": "0"}
        proc, port = self.nashra.serve(db, env, os.path.join(self.work, "desk.log"))
        try:
            cookie = desk_sign_in(port)
            with sqlite3.connect(db) as conn:
                story_id = conn.execute("SELECT id FROM stories WHERE slug = ?", (self.story,)).fetchone()[0]
            public = f"/ar/stories/{self.story}/"
            pages = [("story list, first page of all", "/desk/stories"),
                     ("story list, filtered and searched", "/desk/stories?status=published&q=story"),
                     ("story editor", f"/desk/stories/{story_id}")]
            for _, path in pages:
                status, _ = http_request(port, "GET", path, headers={"Cookie": cookie})
                if status != 200:
                    raise Broken(f"GET {path}: {status}")
            c = 8
            for rnd in range(2):  # A B A B: the public page, then each desk page, twice
                base = wrk(f"http://127.0.0.1:{port}{public}", c, a.duration)
                self.detail(f"public story page, uncached, round {rnd + 1}: {base['rps']:.0f} req/s, p50 {base['p50']:.2f} ms")
                for label, path in pages:
                    me = wrk(f"http://127.0.0.1:{port}{path}", c, a.duration, headers=[f"Cookie: {cookie}"])
                    ratio = me["p50"] / base["p50"]
                    self.detail(f"desk {path}, round {rnd + 1}: {me['rps']:.0f} req/s, p50 {me['p50']:.2f} ms")
                    if rnd == 1:
                        self.row(f"desk {label} at {a.stories} stories, {c} connections (p50 ms; req/s)",
                                 f"{me['p50']:.2f} ({me['rps']:.0f}/s)",
                                 f"public story page {base['p50']:.2f} ({base['rps']:.0f}/s)",
                                 f"{ratio:.2f}", "<= 3", ratio <= 3)
        finally:
            PROCS.stop(proc)

    def memory_rows(self):
        self.row("nashra serve idle RSS", f"{self.serve_idle:.1f} MB", "limit 30 MB",
                 f"{self.serve_idle / 30:.2f}", "< 30 MB", self.serve_idle < 30)
        peak = self.serve_hwm
        loads = "+".join(k for k in self.serve_peaks if k in ("page", "json", "logins")) or "none"
        self.row(f"nashra serve peak RSS under loads ({loads})", f"{peak:.1f} MB", "limit 150 MB",
                 f"{peak / 150:.2f}", "< 150 MB", peak < 150)
        for name, attr in (("nashra send", "send_peak"), ("nashra export web", "export_peak")):
            if hasattr(self, attr):
                v = getattr(self, attr)
                self.row(f"{name} peak RSS", f"{v:.1f} MB", "limit 150 MB", f"{v / 150:.2f}", "< 150 MB", v < 150)

    # -- report --------------------------------------------------------------------------

    def report(self, started, wanted):
        head = ("comparison", "nashra", "peer", "ratio", "bar", "result")
        widths = [max(len(str(r[i])) for r in [head, *self.rows]) for i in range(6)]
        line = lambda r: " | ".join(str(v).ljust(w) for v, w in zip(r, widths))
        print()
        print(line(head))
        print("-+-".join("-" * w for w in widths))
        for r in self.rows:
            print(line(r))
        elapsed = time.time() - started
        print(f"\n{sum(r[5] == 'pass' for r in self.rows)} of {len(self.rows)} bars met; run took {elapsed:.0f} s")

        a = self.a
        md = [f"# Benchmark results ({'smoke' if a.smoke else 'full'} run)", "",
              f"{dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')} on {os.cpu_count()} cores; "
              f"comparisons: {', '.join(c for c in COMPARISONS if c in wanted)}; run time {elapsed:.0f} s.", "",
              f"Sizes: {a.stories} stories x 2 locales in {self.editions} editions of {a.per_edition}; "
              f"{a.subscribers} subscribers (half ar); wrk {a.duration} s per run at "
              f"{', '.join(map(str, a.connections))} connections, 2 threads; logins {a.login_rate}/s for "
              f"{a.login_duration} s at {a.login_connections} connections.", "",
              "| " + " | ".join(head) + " |", "|" + "---|" * 6]
        md += ["| " + " | ".join(str(v) for v in r) + " |" for r in self.rows]
        md += ["", "## Raw figures", "", "```", *self.details, "```", ""]
        # A smoke run's figures mean nothing; it must not replace the committed full results.
        folder = os.path.join(HERE, ".work") if a.smoke else os.path.join(HERE, "results")
        os.makedirs(folder, exist_ok=True)
        # The several-servers comparison alone keeps its own file beside the last full run.
        name = "smoke.md" if a.smoke else "scale.md" if wanted == {"scale"} else "latest.md"
        path = os.path.join(folder, name)
        with open(path, "w") as f:
            f.write("\n".join(md))
        log(f"wrote {path}")


def main():
    ap = argparse.ArgumentParser(description="nashra against nginx, Hugo and an SMTP sink (SPEC §10)")
    ap.add_argument("comparisons", nargs="*", help=f"any of {', '.join(COMPARISONS)} (default: all)")
    ap.add_argument("--smoke", action="store_true", help="tiny sizes and 1 s loads, for CI")
    ap.add_argument("--binary", default=os.environ.get("NASHRA_BIN", os.path.join(REPO, "target/release/nashra")))
    ap.add_argument("--work", default=os.path.join(HERE, ".work"))
    ap.add_argument("--stories", type=int)
    ap.add_argument("--per-edition", type=int, default=20)
    ap.add_argument("--subscribers", type=int)
    ap.add_argument("--duration", type=int, help="seconds per wrk run")
    ap.add_argument("--connections", help="wrk connection counts, e.g. 8,64,256")
    ap.add_argument("--login-duration", type=int)
    ap.add_argument("--login-connections", type=int, default=64)
    ap.add_argument("--login-rate", type=float, default=20.0)
    ap.add_argument("--repeat", type=int, help="export runs per side (the best counts)")
    ap.add_argument("--send-timeout", type=int, help="seconds before nashra send is stopped and rated so far")
    ap.add_argument("--postgres-url", default=os.environ.get("NASHRA_BENCH_POSTGRES_URL",
                                                         "postgres://postgres@127.0.0.1:5432/postgres"),
                    help="a PostgreSQL server for the scale comparison (it creates and drops its own database)")
    args = ap.parse_args()

    full = dict(stories=10000, subscribers=100000, duration=5, connections="8,64,256", login_duration=10,
                repeat=2, warmup=1, sender_shapes=[(2, 4), (2, 16)], send_timeout=300)
    smoke = dict(stories=20, subscribers=200, duration=1, connections="8,64,256", login_duration=2, repeat=1,
                 warmup=0, sender_shapes=[(1, 4)], send_timeout=120)
    defaults = smoke if args.smoke else full
    for k, v in defaults.items():
        if getattr(args, k, None) is None:
            setattr(args, k, v)
    args.connections = [int(c) for c in str(args.connections).split(",")]
    wanted = set(args.comparisons or COMPARISONS)
    unknown = wanted - set(COMPARISONS)
    if unknown:
        ap.error(f"unknown comparison(s): {', '.join(sorted(unknown))}")
    if not os.access(args.binary, os.X_OK):
        ap.error(f"no nashra binary at {args.binary} (cargo build --release)")
    os.makedirs(args.work, exist_ok=True)

    global PROCS
    PROCS = Processes()
    started = time.time()
    bench = Bench(args)
    try:
        log(f"{'smoke' if args.smoke else 'full'} run: {', '.join(sorted(wanted))}")
        # The photos comparison brings its own story; the others share the generated site.
        if wanted - {"photos"}:
            bench.prepare()
        if "export" in wanted:
            bench.export()
        if wanted & {"page", "json", "logins", "memory", "send"}:
            bench.serve_phase(wanted)
        if "send" in wanted:
            bench.send()
        if "desk" in wanted:
            bench.desk()
        if "photos" in wanted:
            bench.photos()
        if "scale" in wanted:
            bench.scale()
        if "memory" in wanted:
            bench.memory_rows()
    except Broken as e:
        log(f"BROKEN: {e}")
        bench.report(started, wanted)
        return 1
    finally:
        PROCS.stop_all()
    bench.report(started, wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
