#!/usr/bin/env python3
"""Real `motcua serve` processes on one PostgreSQL database, under load (not run by `swift test`).

Two modes, both on the demo centre opened round the clock, with workers that each take a
ticket (a paired kiosk), receive a dossier and collect its fee in cash (a signed-in clerk),
over real HTTP on loopback:

  two servers:  python3 .ci/pg-serve-load.py --seconds 60
      two `serve` processes on the same database for the given time, the workers spread over
      both; then zero duplicate or missing ticket numbers, dossier codes and receipt numbers,
      and `motcua audit verify` must pass.

  kill -9:      python3 .ci/pg-serve-load.py --kill-rounds 20
      one `serve` under load, killed with SIGKILL and restarted, round after round; then every
      ticket, dossier and receipt the server acknowledged must be in the database, the numbers
      still without duplicates or gaps, and the journal must verify.

Without --database it starts a throwaway cluster (fsync on, as production) from
/usr/lib/postgresql/15/bin (MOTCUA_PG_BIN), as the postgres user when run as root, and
removes it afterwards. Prints the figures for Docs/PostgreSQL.md. Exit status 1 on any failure.
"""
import argparse
import collections
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PG_BIN = os.environ.get("MOTCUA_PG_BIN", "/usr/lib/postgresql/15/bin")
PASSWORD = "Kho-doan-3-chu-Meo-Vang-42"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_server_user(arguments):
    return (["runuser", "-u", "postgres", "--"] + arguments) if os.getuid() == 0 else arguments


class Cluster:
    """A throwaway PostgreSQL cluster on a Unix socket, fsync on."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="motcua-pgload-")
        if os.getuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.port = free_port()
        subprocess.run(as_server_user([f"{PG_BIN}/initdb", "-D", f"{self.folder}/data", "-U", "postgres", "-A", "trust",
                                       "-E", "UTF8", "--no-locale", "--no-instructions"]), check=True, capture_output=True)
        settings = f"-k {self.folder} -c listen_addresses='' -p {self.port} -c max_connections=200 -c shared_buffers=64MB"
        subprocess.run(as_server_user([f"{PG_BIN}/pg_ctl", "-D", f"{self.folder}/data", "-l", f"{self.folder}/log", "-w",
                                       "-o", settings, "start"]), check=True, capture_output=True)
        self.psql("CREATE DATABASE motcua")
        self.url = f"postgresql://postgres@/motcua?host={self.folder}&port={self.port}"

    def psql(self, sql, database="postgres"):
        return subprocess.run(as_server_user([f"{PG_BIN}/psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", self.folder,
                                              "-p", str(self.port), "-U", "postgres", "-d", database, "-c", sql]),
                              check=True, capture_output=True, text=True).stdout

    def stop(self):
        subprocess.run(as_server_user([f"{PG_BIN}/pg_ctl", "-D", f"{self.folder}/data", "-m", "immediate", "-w", "stop"]),
                       capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def api(base, method, path, body=None, headers=None, timeout=15):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    request.add_header("Origin", base)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        try:
            return error.code, dict(error.headers), json.loads(error.read() or b"{}")
        except ValueError:
            return error.code, dict(error.headers), {}


def always_open_demo(work):
    """The demo centre opened round the clock (a manifest in `work`) and an empty data folder: the paths."""
    everyday = ["00:00-23:59"]
    manifest = os.path.join(work, "always-open.json")
    with open(manifest, "w") as handle:
        json.dump({"extends": [os.path.join(ROOT, "Deployments/demo/demo.json")],
                   "description": "The demo centre opened round the clock, for the load checks.",
                   "hours": {day: everyday for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]},
                   "calendar": {"officialSwapDays": False, "holidays": [], "workingDays": []}}, handle)
    data = os.path.join(work, "data")
    os.makedirs(data)
    return manifest, data


def staff_and_kiosk(motcua, base, manifest, data, database):
    """A signed-in clerk at counter 1 (its cookie header) and a paired kiosk (its bearer header), set up through `serve` at `base`."""
    def users(*arguments):
        output = subprocess.run([motcua, "users", *arguments, "--deployment", manifest, "--data", data, "--database", database],
                                capture_output=True, text=True, check=True).stdout
        return re.search(r"shown once: (\S+)", output).group(1)

    def sign_in(login, one_time):
        _, headers, _ = api(base, "POST", "/api/v1/session", {"login": login, "password": one_time})
        cookie = headers["Set-Cookie"].split(";")[0]
        status, _, body = api(base, "POST", "/api/v1/account/password", {"current": one_time, "password": PASSWORD, "confirm": PASSWORD},
                              {"Cookie": cookie})
        if status >= 300:
            raise SystemExit(f"changing {login}'s password answered {status}: {body}")
        _, headers, _ = api(base, "POST", "/api/v1/session", {"login": login, "password": PASSWORD})
        return {"Cookie": headers["Set-Cookie"].split(";")[0]}

    supervisor = sign_in("giamsat", users("add", "giamsat", "--name", "Trần Văn Giám", "--role", "supervisor"))
    clerk = sign_in("lan", users("add", "lan", "--name", "Nguyễn Thị Lan", "--role", "clerk", "--counter", "1"))
    _, _, started = api(base, "POST", "/api/v1/devices", {"id": "kiosk-sanh", "kind": "kiosk", "name": "Kiosk sảnh"}, supervisor)
    _, _, paired = api(base, "POST", "/api/v1/devices/pair", {"code": started["code"]})
    return {"Authorization": "Bearer " + paired["token"]}, clerk


class Server:
    def __init__(self, args, manifest, data, database):
        self.args, self.manifest, self.data, self.database = args, manifest, data, database
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        log = open(os.path.join(self.data, f"serve-{self.port}.log"), "a")
        self.process = subprocess.Popen([self.args.motcua, "serve", "--deployment", self.manifest, "--listen", f"127.0.0.1:{self.port}",
                                         "--data", self.data, "--database", self.database, "--quiet"], stdout=log, stderr=log)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if api(self.base, "GET", "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                raise SystemExit(f"serve on {self.port} exited with {self.process.returncode}; see {log.name}")
            time.sleep(0.05)
        raise SystemExit(f"serve on {self.port} did not answer within 60 s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--motcua", default=os.path.join(ROOT, ".build/debug/motcua"))
    parser.add_argument("--database", help="a postgresql:// URL of an empty database (default: a throwaway cluster)")
    parser.add_argument("--seconds", type=float, default=60, help="two-server mode: how long the load runs")
    parser.add_argument("--kill-rounds", type=int, default=0, help="kill -9 mode: how many kills (0: two-server mode)")
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--procedure", default="1.004837", help="a demo procedure with a fee and no form fields beyond the applicant's")
    args = parser.parse_args()
    cluster = None if args.database else Cluster()
    database = args.database or cluster.url
    work = tempfile.mkdtemp(prefix="motcua-pgload-work-")
    manifest, data = always_open_demo(work)
    servers = []
    failures = []
    try:
        first = Server(args, manifest, data, database)
        first.start()
        servers.append(first)
        if args.kill_rounds == 0:
            second = Server(args, manifest, data, database)
            second.start()
            servers.append(second)
        base = first.base

        kiosk, clerk = staff_and_kiosk(args.motcua, base, manifest, data, database)
        deployment = api(base, "GET", "/api/v1/deployment")[2]
        sectors = [sector["id"] for sector in deployment["sectors"]]
        procedure = args.procedure
        form = {"applicant.fullName": "Nguyễn Văn An", "applicant.citizenId": "001090012345", "applicant.phone": "0912345678"}

        acknowledged = {"tickets": [], "dossiers": [], "receipts": []}
        errors = collections.Counter()
        lock = threading.Lock()
        stop = threading.Event()

        def worker(number):
            rng = random.Random(number)
            turn = number
            while not stop.is_set():
                live = [server for server in servers if server.process.poll() is None]
                if not live:
                    time.sleep(0.01)
                    continue
                server = live[turn % len(live)]
                turn += 1
                try:
                    status, _, ticket = api(server.base, "POST", "/api/v1/tickets", {"sector": rng.choice(sectors)}, kiosk)
                    if status in (200, 201):
                        with lock:
                            acknowledged["tickets"].append(ticket.get("number") or ticket["ticket"]["number"])
                    else:
                        errors[f"ticket {status} {ticket.get('error', {}).get('code')}"] += 1
                    status, _, dossier = api(server.base, "POST", "/api/v1/dossiers", {"procedure": procedure, "counter": "1", "formValues": form},
                                             clerk)
                    if status not in (200, 201):
                        errors[f"dossier {status} {dossier.get('error', {}).get('code')}"] += 1
                        continue
                    with lock:
                        acknowledged["dossiers"].append(dossier["code"])
                    status, _, paid = api(server.base, "POST", f"/api/v1/payments/dossiers/{dossier['code']}/collect", {"method": "payments.cash"},
                                          clerk)
                    if status in (200, 201):
                        receipt = paid["receipt"]
                        with lock:
                            acknowledged["receipts"].append((receipt["series"], receipt["year"], receipt["number"]))
                    else:
                        errors[f"receipt {status} {paid.get('error', {}).get('code')}"] += 1
                except (OSError, ValueError, KeyError):
                    # A killed or restarting server: nothing acknowledged, try again shortly.
                    errors["connection refused or answer lost"] += 1
                    time.sleep(0.05)

        threads = [threading.Thread(target=worker, args=(number,), daemon=True) for number in range(args.workers)]
        began = time.time()
        for thread in threads:
            thread.start()
        if args.kill_rounds == 0:
            time.sleep(args.seconds)
        else:
            for round_number in range(args.kill_rounds):
                time.sleep(random.uniform(1.0, 2.5))
                first.kill()
                first.start()
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        elapsed = time.time() - began
        for server in servers:
            server.stop()

        check(args, cluster, database, manifest, data, acknowledged, failures)
        mode = f"{len(servers)} serve processes" if args.kill_rounds == 0 else f"1 serve process killed with SIGKILL {args.kill_rounds} times"
        print(f"{mode}, {args.workers} workers, {elapsed:.1f} s: acknowledged {len(acknowledged['tickets'])} tickets, "
              f"{len(acknowledged['dossiers'])} dossiers, {len(acknowledged['receipts'])} receipts "
              f"({(len(acknowledged['tickets']) + len(acknowledged['dossiers']) + len(acknowledged['receipts'])) / elapsed:.1f} acknowledged writes/s)")
        if errors:
            print("refused or lost (not acknowledged):", dict(errors))
    finally:
        for server in servers:
            try:
                server.stop()
            except Exception:
                pass
        if cluster:
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print("FAIL:", failure)
    print("OK" if not failures else f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


def check(args, cluster, database, manifest, data, acknowledged, failures):
    """Everything acknowledged is there, numbers have no duplicates or gaps, the journal verifies."""
    def rows(sql):
        if cluster is None:
            output = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-F", "|", database.replace("?", "?options=-csearch_path%3Ddemo_xa_mau&", 1), "-c", sql],
                                    capture_output=True, text=True, check=True).stdout
        else:
            output = cluster.psql(f"SET search_path TO demo_xa_mau; {sql}", database="motcua")
        return [line.split("|") for line in output.strip().splitlines() if line]

    tickets = {number for number, in rows("SELECT number FROM queue_standard_tickets")}
    dossiers = {code for code, in rows("SELECT code FROM intake_onestop_dossiers")}
    receipts = {(series, int(year), int(number)) for series, year, number in rows("SELECT series, year, number FROM payments_cash_receipts")}
    for kind, stored, key in (("tickets", tickets, lambda x: x), ("dossiers", dossiers, lambda x: x), ("receipts", receipts, lambda x: x)):
        acked = acknowledged[kind]
        if len(set(acked)) != len(acked):
            failures.append(f"{kind}: {len(acked) - len(set(acked))} acknowledged twice (a duplicate number)")
        missing = set(acked) - stored
        if missing:
            failures.append(f"{kind}: {len(missing)} acknowledged but missing, e.g. {sorted(missing)[:3]}")
    by_prefix = collections.defaultdict(list)
    for number in tickets:
        match = re.match(r"(\D*)(\d+)$", number)
        by_prefix[match.group(1)].append(int(match.group(2)))
    for prefix, numbers in by_prefix.items():
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            failures.append(f"ticket numbers {prefix}…: not 1…{len(numbers)} without gaps")
    sequence = sorted(int(code.rsplit("-", 1)[-1]) for code in dossiers)
    if sequence != list(range(1, len(sequence) + 1)):
        failures.append(f"dossier codes: not 1…{len(sequence)} without gaps")
    numbers = sorted(number for _, _, number in receipts)
    if numbers != list(range(1, len(numbers) + 1)):
        failures.append(f"receipt numbers: not 1…{len(numbers)} without gaps")
    audit = subprocess.run([args.motcua, "audit", "verify", "--database", database, "--deployment", manifest], capture_output=True, text=True)
    print(audit.stdout.strip() or audit.stderr.strip())
    if audit.returncode != 0:
        failures.append("the journal does not verify")
    print(f"in the database: {len(tickets)} tickets, {len(dossiers)} dossiers, {len(receipts)} receipts")


if __name__ == "__main__":
    main()
