#!/usr/bin/env python3
"""A local mail catcher for trying nashra: an SMTP server on 127.0.0.1:1025 that keeps every
message it receives as an .eml file (open it in any mail client) and prints who it was for,
its subject and its plain-text part, links included.

    python3 -m venv .mail && .mail/bin/pip install aiosmtpd
    .mail/bin/python scripts/mail-catcher.py [FOLDER]      # default: data/mail
"""
import asyncio
import email
import email.policy
import pathlib
import sys
import time

from aiosmtpd.controller import Controller

FOLDER = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "data/mail")


class Catcher:
    async def handle_DATA(self, server, session, envelope):
        FOLDER.mkdir(parents=True, exist_ok=True)
        path = FOLDER / f"{time.time_ns()}.eml"
        path.write_bytes(envelope.original_content)
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        print(f"--- to {', '.join(envelope.rcpt_tos)}: {message['subject']}  ({path})", flush=True)
        if text is not None:
            print(text.get_content(), flush=True)
        return "250 OK"


if __name__ == "__main__":
    controller = Controller(Catcher(), hostname="127.0.0.1", port=1025)
    controller.start()
    print(f"catching mail on smtp://127.0.0.1:1025, saving to {FOLDER}/ (Ctrl-C stops)", flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        controller.stop()
