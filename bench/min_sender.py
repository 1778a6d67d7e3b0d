#!/usr/bin/env python3
"""A minimal, fast SMTP sender: the peer of `nashra send` in the email comparison.

It pushes COUNT messages to one SMTP server as fast as it can and prints one JSON line:
{"sent": N, "failed": N, "seconds": S, "per_second": R}. Nothing is queued, stored or
recorded; messages are prepared once and only the recipient changes, so what it measures
is close to the sink's ceiling on this machine.

    min_sender.py --port 2525 --count 100000 --template en.eml --template ar.eml

Why it is fast: each connection is opened once (EHLO once) and uses ESMTP PIPELINING
(RFC 2920): MAIL FROM, RCPT TO and DATA go out in one write and their three replies are
read together, then the message and its final dot; two round trips per message. Several
connections per process (asyncio) and several processes (the GIL would otherwise cap one
process at one core).

Templates are whole RFC 5322 messages (e.g. from `nashra export email`); messages alternate
between them (half English, half Arabic, like the subscribers). The literal address given
by --placeholder in a template is replaced by each recipient's address.
"""

import argparse
import asyncio
import json
import multiprocessing as mp
import sys
import time


def prepare(raw: bytes) -> bytes:
    """CRLF line ends and dot-stuffing (RFC 5321 4.5.2), ready to send after DATA."""
    lines = raw.replace(b"\r\n", b"\n").split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    stuffed = [b"." + line if line.startswith(b".") else line for line in lines]
    return b"\r\n".join(stuffed) + b"\r\n.\r\n"


async def read_reply(reader) -> int:
    """Reads one (possibly multi-line) SMTP reply; returns its code."""
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError("connection closed by server")
        if len(line) < 4 or line[3:4] != b"-":
            return int(line[:3])


async def connection(host, port, indices, templates, placeholder, counts):
    reader, writer = await asyncio.open_connection(host, port)
    if await read_reply(reader) != 220:
        raise ConnectionError("no greeting")
    writer.write(b"EHLO min-sender.bench\r\n")
    await writer.drain()
    if await read_reply(reader) != 250:
        raise ConnectionError("EHLO refused")
    for i in indices:
        rcpt = b"subscriber-%d@bench.example" % i
        message = templates[i % len(templates)].replace(placeholder, rcpt)
        writer.write(b"MAIL FROM:<bulletin@example.org>\r\nRCPT TO:<" + rcpt + b">\r\nDATA\r\n")
        await writer.drain()
        codes = [await read_reply(reader) for _ in range(3)]
        if codes != [250, 250, 354]:
            counts["failed"] += 1
            if codes[2] == 354:  # DATA was accepted after a refusal: end it empty
                writer.write(b".\r\n")
                await read_reply(reader)
            else:
                writer.write(b"RSET\r\n")
                await writer.drain()
                await read_reply(reader)
            continue
        writer.write(message)
        await writer.drain()
        if await read_reply(reader) == 250:
            counts["sent"] += 1
        else:
            counts["failed"] += 1
    writer.write(b"QUIT\r\n")
    await writer.drain()
    try:
        await read_reply(reader)
    except ConnectionError:
        pass
    writer.close()


def worker(args, share, templates, start_at, out):
    """One process: its share of the recipients over args.connections connections."""
    counts = {"sent": 0, "failed": 0}

    async def main():
        conns = args.connections
        await asyncio.gather(
            *(
                connection(args.host, args.port, share[k::conns], templates, args.placeholder.encode(), counts)
                for k in range(conns)
            )
        )

    # All processes start together so that the wall time is the whole run's.
    while time.time() < start_at:
        time.sleep(0.001)
    began = time.time()
    asyncio.run(main())
    out.put((counts["sent"], counts["failed"], began, time.time()))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--connections", type=int, default=4, help="per process")
    ap.add_argument("--template", action="append", required=True)
    ap.add_argument("--placeholder", default="subscriber@example.org")
    args = ap.parse_args()

    templates = []
    for path in args.template:
        with open(path, "rb") as f:
            templates.append(prepare(f.read()))
    recipients = list(range(args.count))
    out = mp.Queue()
    start_at = time.time() + 0.3
    procs = [
        mp.Process(target=worker, args=(args, recipients[p :: args.processes], templates, start_at, out))
        for p in range(args.processes)
    ]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    sent = sum(r[0] for r in results)
    failed = sum(r[1] for r in results)
    seconds = max(r[3] for r in results) - min(r[2] for r in results)
    print(json.dumps({"sent": sent, "failed": failed, "seconds": round(seconds, 3),
                      "per_second": round(sent / seconds, 1) if seconds else 0.0,
                      "message_bytes": [len(t) for t in templates]}))
    return 0 if failed == 0 and sent == args.count else 1


if __name__ == "__main__":
    sys.exit(main())
