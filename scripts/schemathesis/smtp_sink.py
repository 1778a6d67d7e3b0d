#!/usr/bin/env python3
"""A throwaway SMTP server for the fuzz run: accepts every message and discards it.

`POST /api/v1/editions/{id}/test-send` talks SMTP inside the request and answers 502 when the
mail server cannot be reached (that is its documented behaviour, not a bug), so the fuzzed
server gets a mail server that always says yes. Standard library only. Binds 127.0.0.1 on a
free port and prints `smtp on PORT` once it listens.
"""
import asyncio
import sys


async def session(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    def reply(line: str) -> None:
        writer.write(line.encode("ascii") + b"\r\n")

    reply("220 sink ESMTP")
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line.decode("latin-1").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                reply("250-sink")
                reply("250 8BITMIME")
            elif verb == "DATA":
                reply("354 end with <CRLF>.<CRLF>")
                await writer.drain()
                while True:
                    data = await reader.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                reply("250 OK")
            elif verb == "QUIT":
                reply("221 bye")
                await writer.drain()
                break
            else:  # MAIL, RCPT, RSET, NOOP, anything else
                reply("250 OK")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main() -> None:
    server = await asyncio.start_server(session, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"smtp on {port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
