#!/usr/bin/env python3
"""A local mail catcher for trying nashra: an SMTP server on 127.0.0.1:1025 that keeps every
message it receives as an .eml file (open it in any mail client) and prints who it was for,
its subject and its plain-text part, links included. Python 3.8 or later, nothing to install.

    python3 scripts/mail-catcher.py [FOLDER] [--port PORT]     # default: data/mail, 1025

Then point nashra at it: NASHRA_SMTP_URL=smtp://127.0.0.1:1025 (on every command that sends:
serve, send, worker). Ctrl-C stops it.

It speaks just enough SMTP for a local test (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT,
8BITMIME and SMTPUTF8), accepts every message and relays none: never expose it beyond this
machine.
"""
import argparse
import asyncio
import email
import email.policy
import pathlib
import time

HOST = "127.0.0.1"
MAX_LINE = 1024 * 1024


def show(folder, recipients, data):
    """Saves one message and prints its recipients, subject and text part."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{time.time_ns()}.eml"
    path.write_bytes(data)
    message = email.message_from_bytes(data, policy=email.policy.default)
    print(f"--- to {', '.join(recipients)}: {message['subject']}  ({path})", flush=True)
    text = message.get_body(preferencelist=("plain",))
    if text is not None:
        # Mail lines end in CRLF: printed as they are, every link would end in a stray "\r".
        content = text.get_content().replace("\r\n", "\n").replace("\r", "\n")
        print(content.rstrip("\n"), flush=True)


async def session(reader, writer, folder):
    """One SMTP session, from the greeting to QUIT or the client going away."""

    async def reply(line):
        writer.write(line.encode() + b"\r\n")
        await writer.drain()

    recipients, sender = [], None
    await reply(f"220 {HOST} nashra mail catcher")
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            command = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = command[:4].upper()
            if verb == "EHLO":
                writer.write(f"250-{HOST}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 HELP\r\n".encode())
                await writer.drain()
            elif verb == "HELO":
                await reply(f"250 {HOST}")
            elif verb == "MAIL":
                sender, recipients = command, []
                await reply("250 OK")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].strip() if ":" in command else ""
                recipients.append(address.split(">", 1)[0].lstrip("<"))
                await reply("250 OK")
            elif verb == "DATA":
                if sender is None or not recipients:
                    await reply("503 MAIL and RCPT first")
                    continue
                await reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while True:
                    raw = await reader.readline()
                    if not raw or raw in (b".\r\n", b".\n"):
                        break
                    # Dot-stuffing: a line starting with "." was sent with one more.
                    lines.append(raw[1:] if raw.startswith(b".") else raw)
                show(folder, recipients, b"".join(lines))
                sender, recipients = None, []
                await reply("250 OK: saved")
            elif verb == "RSET":
                sender, recipients = None, []
                await reply("250 OK")
            elif verb == "NOOP":
                await reply("250 OK")
            elif verb == "QUIT":
                await reply("221 Bye")
                break
            else:
                await reply("502 Command not implemented")
    except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
        pass
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser(description="A local SMTP server that saves and prints mail.")
    parser.add_argument("folder", nargs="?", default="data/mail", help="where to save .eml files")
    parser.add_argument("--port", type=int, default=1025)
    arguments = parser.parse_args()
    folder = pathlib.Path(arguments.folder)
    server = await asyncio.start_server(
        lambda r, w: session(r, w, folder), HOST, arguments.port, limit=MAX_LINE
    )
    port = server.sockets[0].getsockname()[1]
    print(f"catching mail on smtp://{HOST}:{port}, saving to {folder}/ (Ctrl-C stops)", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
