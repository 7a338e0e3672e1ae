#!/usr/bin/env python3
"""A PostgreSQL primary and its synchronous standby under `motcua serve`, killed and promoted
round after round (opt-in: not run by `swift test`; the figures of Docs/Operations.md, "PostgreSQL standby and failover").

    python3 .ci/province-failover.py --rounds 5

Two nodes, `node_a` and `node_b`, each a cluster from /usr/lib/postgresql/15/bin (MOTCUA_PG_BIN)
run as the postgres user when we are root, on loopback only, fsync on. The primary names the
other node in `synchronous_standby_names`, so a commit is acknowledged only once the standby
has it on disk. `motcua serve` connects with the multi-host URL

    postgresql://postgres@127.0.0.1:A,127.0.0.1:B/motcua?target_session_attrs=read-write

and workers take tickets (a paired kiosk), receive dossiers and collect their fees in cash (a
clerk), recording every acknowledged number. Each round: load, SIGKILL of the primary's
postmaster and every process under it (a machine that dies), `pg_ctl promote` of the standby
and `synchronous_standby_names = ''` on it (alone, it must not wait for a standby that is
gone), the time from the kill to the first acknowledged write on the promoted node, a check
that every acknowledged ticket, dossier and receipt is there, then the dead node rebuilt as
the new standby with `pg_basebackup -R` and made synchronous again, as Docs/Operations.md
("PostgreSQL standby and failover") tells provincial IT. After the rounds, a killed primary is
started again as it was, and MotCua must write nothing to it (`--no-stale-check` skips this).
Prints a table; exit status 1 on any loss or failure. `--down 30` waits 30 s before promoting:
the database is unreachable that long and every write meanwhile gets 503.
"""
import argparse
import importlib.util
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("pg_serve_load", os.path.join(HERE, "pg-serve-load.py"))
load = importlib.util.module_from_spec(spec)
spec.loader.exec_module(load)
ROOT, PG_BIN, PASSWORD = load.ROOT, load.PG_BIN, load.PASSWORD
api, as_server_user, free_port = load.api, load.as_server_user, load.free_port


def pg(tool, *arguments, check=True):
    return subprocess.run(as_server_user([f"{PG_BIN}/{tool}", *arguments]), check=check, capture_output=True, text=True)


class Node:
    """One PostgreSQL cluster on a loopback port, primary or standby."""

    def __init__(self, folder, name):
        self.name = name
        self.data = os.path.join(folder, name)
        self.socket = folder
        self.port = free_port()

    def options(self):
        return f"-k {self.socket} -c listen_addresses=127.0.0.1 -p {self.port} -c cluster_name={self.name} -c max_connections=100"

    def start(self):
        started = pg("pg_ctl", "-D", self.data, "-l", f"{self.data}.log", "-w", "-t", "120", "-o", self.options(), "start", check=False)
        if started.returncode != 0:
            with open(f"{self.data}.log") as log:
                raise SystemExit(f"{self.name} did not start: {started.stdout}{started.stderr}\n" + "".join(log.readlines()[-8:]))

    def psql(self, sql, database="postgres"):
        return pg("psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                  "-d", database, "-c", sql).stdout.strip()

    def init_primary(self, standby):
        pg("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-instructions")
        self.start()
        self.psql(f"ALTER SYSTEM SET synchronous_standby_names = '{standby.name}'")
        self.psql("SELECT pg_reload_conf()")

    def rebuild_as_standby_of(self, primary):
        """A fresh copy of the primary that follows it (`pg_basebackup -R` writes standby.signal)."""
        shutil.rmtree(self.data, ignore_errors=True)
        pg("pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres", "-D", self.data, "-R", "-X", "stream",
           "-c", "fast")
        self.start()

    def kill(self):
        """SIGKILL to the postmaster and every process it started, as when the machine dies."""
        with open(os.path.join(self.data, "postmaster.pid")) as handle:
            postmaster = int(handle.readline())
        children = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as handle:
                        if int(handle.read().rsplit(")", 1)[1].split()[1]) == postmaster:
                            children.append(int(entry))
                except (OSError, ValueError, IndexError):
                    pass
        for pid in [postmaster] + children:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        def state(pid):
            try:
                with open(f"/proc/{pid}/stat") as handle:
                    return handle.read().rsplit(")", 1)[1].split()[0]
            except OSError:
                return None
        deadline = time.time() + 5
        while any(state(pid) is not None for pid in [postmaster] + children) and time.time() < deadline:
            time.sleep(0.01)
        # A dead postmaster nobody has reaped yet still answers kill(pid, 0), so PostgreSQL would
        # refuse to start on its lock file: the file of a process that is certainly dead goes.
        if state(postmaster) == "Z":
            os.unlink(os.path.join(self.data, "postmaster.pid"))

    def promote(self):
        """`pg_ctl promote`, then stop waiting for a synchronous standby that is gone."""
        pg("pg_ctl", "-D", self.data, "-w", "-t", "60", "promote")
        self.psql("ALTER SYSTEM SET synchronous_standby_names = ''")
        self.psql("SELECT pg_reload_conf()")

    def make_synchronous(self, standby, timeout=60):
        self.psql(f"ALTER SYSTEM SET synchronous_standby_names = '{standby.name}'")
        self.psql("SELECT pg_reload_conf()")
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.psql(f"SELECT sync_state FROM pg_stat_replication WHERE application_name = '{standby.name}'") == "sync":
                return
            time.sleep(0.1)
        raise SystemExit(f"{standby.name} did not become a synchronous standby of {self.name} within {timeout} s")

    def stop(self):
        pg("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)


class Load:
    """Workers writing through `serve`, recording each acknowledged item and when it was acknowledged."""

    def __init__(self, base, kiosk, clerk, sectors, procedure, workers, pace):
        self.base, self.kiosk, self.clerk, self.sectors, self.procedure, self.pace = base, kiosk, clerk, sectors, procedure, pace
        self.acknowledged = {"tickets": [], "dossiers": [], "receipts": []}
        self.times = []
        self.refusals = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.work, args=(number,), daemon=True) for number in range(workers)]

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def record(self, kind, item, sent):
        with self.lock:
            self.acknowledged[kind].append(item)
            self.times.append((sent, time.monotonic()))

    def refused(self, what, status, body):
        key = f"{what} {status} {body.get('error', {}).get('code')}"
        with self.lock:
            self.refusals[key] = self.refusals.get(key, 0) + 1

    def work(self, number):
        rng = random.Random(number)
        form = {"applicant.fullName": "Nguyễn Văn An", "applicant.citizenId": "001090012345", "applicant.phone": "0912345678"}
        while not self.stopping.is_set():
            # Paced like a busy centre rather than flat out, so the day's ticket numbers last.
            time.sleep(self.pace)
            try:
                sent = time.monotonic()
                status, _, ticket = api(self.base, "POST", "/api/v1/tickets", {"sector": rng.choice(self.sectors)}, self.kiosk, timeout=30)
                if status in (200, 201):
                    self.record("tickets", ticket.get("number") or ticket["ticket"]["number"], sent)
                else:
                    self.refused("ticket", status, ticket)
                sent = time.monotonic()
                status, _, dossier = api(self.base, "POST", "/api/v1/dossiers", {"procedure": self.procedure, "counter": "1", "formValues": form},
                                         self.clerk, timeout=30)
                if status not in (200, 201):
                    self.refused("dossier", status, dossier)
                    time.sleep(0.05)
                    continue
                self.record("dossiers", dossier["code"], sent)
                sent = time.monotonic()
                status, _, paid = api(self.base, "POST", f"/api/v1/payments/dossiers/{dossier['code']}/collect", {"method": "payments.cash"},
                                      self.clerk, timeout=30)
                if status in (200, 201):
                    receipt = paid["receipt"]
                    self.record("receipts", (receipt["series"], receipt["year"], receipt["number"]), sent)
                else:
                    self.refused("receipt", status, paid)
            except (OSError, ValueError, KeyError) as error:
                self.refused("request", type(error).__name__, {})
                time.sleep(0.05)

    def first_after(self, instant):
        """When the first write sent after `instant` was acknowledged."""
        with self.lock:
            later = [acknowledged for sent, acknowledged in self.times if sent > instant]
        return min(later) if later else None

    def snapshot(self):
        with self.lock:
            return {kind: list(items) for kind, items in self.acknowledged.items()}


def stale_primary_check(primary, standby, traffic, failures):
    """The old primary started again as it was: MotCua must not write to it. Answers the new (primary, standby)."""
    if primary.name != "node_a":
        # The stale node must be the URL's first host, the one libpq tries first: one more failover.
        primary.kill()
        standby.promote()
        primary.rebuild_as_standby_of(standby)
        standby.make_synchronous(primary)
        primary, standby = standby, primary
    time.sleep(1)
    primary.kill()
    standby.promote()
    killed = time.monotonic()
    while traffic.first_after(killed) is None and time.monotonic() < killed + 60:
        time.sleep(0.02)
    primary.start()  # as it was: no standby.signal, so it accepts writes on its old timeline
    stale_head = primary.psql("SELECT last_seq FROM demo_xa_mau.journal_head", database="motcua")
    standby.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'motcua'")
    restarted = time.monotonic()
    time.sleep(3)
    written = traffic.first_after(restarted + 0.5)
    after_head = primary.psql("SELECT last_seq FROM demo_xa_mau.journal_head", database="motcua")
    if after_head != stale_head:
        failures.append(f"the stale primary took writes: its journal went from {stale_head} to {after_head}")
    primary.stop()
    stopped = time.monotonic()
    while traffic.first_after(stopped) is None and time.monotonic() < stopped + 60:
        time.sleep(0.02)
    back = traffic.first_after(stopped)
    print(f"stale primary started again as it was: journal there stayed at {stale_head}, "
          f"writes acknowledged while it ran: {'yes (to the promoted node)' if written else 'none (503)'}; "
          f"after stopping it, first acknowledged write in {(back - stopped) if back else float('nan'):.2f} s")
    if back is None:
        failures.append("no write acknowledged after the stale primary was stopped")
    primary.rebuild_as_standby_of(standby)
    standby.make_synchronous(primary)
    return standby, primary


def missing_on(node, acknowledged):
    """The acknowledged items the node does not have, by kind."""
    def rows(sql):
        output = node.psql(f"SET search_path TO demo_xa_mau; {sql}", database="motcua")
        return [line.split("|") for line in output.splitlines() if line]

    stored = {
        "tickets": {number for number, in rows("SELECT number FROM queue_standard_tickets")},
        "dossiers": {code for code, in rows("SELECT code FROM intake_onestop_dossiers")},
        "receipts": {(series, int(year), int(number)) for series, year, number in rows("SELECT series, year, number FROM payments_cash_receipts")},
    }
    return {kind: set(items) - stored[kind] for kind, items in acknowledged.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--motcua", default=os.path.join(ROOT, ".build/debug/motcua"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=3, help="load before each kill")
    parser.add_argument("--pace", type=float, default=0.2, help="each worker's pause between a ticket, a dossier and a receipt")
    parser.add_argument("--procedure", default="1.004837")
    parser.add_argument("--stale-check", action=argparse.BooleanOptionalAction, default=True,
                        help="after the rounds, start a killed primary again as it was and check MotCua refuses it")
    parser.add_argument("--down", type=float, default=0,
                        help="seconds between the kill and the promotion: the database unreachable that long (the 30 s case)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="motcua-failover-")
    if os.getuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    primary, standby = Node(folder, "node_a"), Node(folder, "node_b")
    work = tempfile.mkdtemp(prefix="motcua-failover-work-")
    failures, rows, server, traffic = [], [], None, None
    try:
        primary.init_primary(standby)
        standby.rebuild_as_standby_of(primary)
        primary.make_synchronous(standby)
        primary.psql("CREATE DATABASE motcua")
        url = (f"postgresql://postgres@127.0.0.1:{primary.port},127.0.0.1:{standby.port}/motcua"
               "?target_session_attrs=read-write&connect_timeout=2")
        manifest, data = load.always_open_demo(work)
        server = load.Server(args, manifest, data, url)
        server.start()
        base = server.base

        kiosk, clerk = load.staff_and_kiosk(args.motcua, base, manifest, data, url)
        sectors = [sector["id"] for sector in api(base, "GET", "/api/v1/deployment")[2]["sectors"]]
        traffic = Load(base, kiosk, clerk, sectors, args.procedure, args.workers, args.pace)
        traffic.start()
        loads = []
        for round_number in range(1, args.rounds + 1):
            time.sleep(args.seconds)
            loads.append(os.getloadavg()[0])
            killed = time.monotonic()
            primary.kill()
            time.sleep(args.down)
            standby.promote()
            promoted = time.monotonic()
            deadline = time.monotonic() + 60
            while traffic.first_after(killed) is None and time.monotonic() < deadline:
                time.sleep(0.02)
            first = traffic.first_after(killed)
            time.sleep(1)
            acknowledged = traffic.snapshot()
            lost = missing_on(standby, acknowledged)
            lost_count = sum(len(items) for items in lost.values())
            if first is None:
                failures.append(f"round {round_number}: no write acknowledged within 60 s of the kill")
            if lost_count:
                failures.append(f"round {round_number}: acknowledged but missing on the promoted node: "
                                + ", ".join(f"{kind} {sorted(items)[:3]}" for kind, items in lost.items() if items))
            rows.append((round_number, primary.name, standby.name, promoted - killed, (first - killed) if first else None,
                         sum(len(items) for items in acknowledged.values()), lost_count))
            # The dead node comes back as the new standby; the promoted one waits for it again.
            primary.rebuild_as_standby_of(standby)
            standby.make_synchronous(primary)
            primary, standby = standby, primary
        stale = stale_primary_check(primary, standby, traffic, failures) if args.stale_check else None
        if stale:
            primary, standby = stale
        traffic.stop()
        final = traffic.snapshot()
        final_lost = sum(len(items) for items in missing_on(primary, final).values())
        if final_lost:
            failures.append(f"at the end: {final_lost} acknowledged items missing")
        audit = subprocess.run([args.motcua, "audit", "verify", "--database", url, "--deployment", manifest], capture_output=True, text=True)
        if audit.returncode != 0:
            failures.append("the journal does not verify: " + (audit.stdout + audit.stderr).strip())
        print(f"{'round':>5}  {'killed':<7} {'promoted':<8} {'promote s':>9} {'kill → first acknowledged write s':>34} "
              f"{'acknowledged so far':>19} {'lost':>4}")
        for number, dead, promoted_node, promote_seconds, first_seconds, count, lost_count in rows:
            first_text = f"{first_seconds:.2f}" if first_seconds is not None else "none"
            print(f"{number:>5}  {dead:<7} {promoted_node:<8} {promote_seconds:>9.2f} {first_text:>34} {count:>19} {lost_count:>4}")
        print(f"acknowledged in all: {len(final['tickets'])} tickets, {len(final['dossiers'])} dossiers, {len(final['receipts'])} receipts; "
              f"missing at the end: {final_lost}; {audit.stdout.strip()}")
        print(f"load average (1 min) at the kills: {', '.join(f'{value:.2f}' for value in loads)}; {os.cpu_count()} cores")
        if traffic.refusals:
            print("refused (not acknowledged):", dict(sorted(traffic.refusals.items())))
    finally:
        if traffic:
            traffic.stop()
        if server:
            try:
                server.stop()
            except Exception:
                pass
        primary.stop()
        standby.stop()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print("FAIL:", failure)
    print("OK" if not failures else f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
