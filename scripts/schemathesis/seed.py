#!/usr/bin/env python3
"""Logs the fuzzing admin in and adds what `nashra import` does not: a spare admin for the
users hook (see hooks.py) and a subscriber. Prints shell assignments for the caller to eval:
TOKEN, ADMIN_ID and SPARE_ID.

    seed.py BASE_URL ADMIN_EMAIL  (the password on standard input)
"""
import shlex
import sys

import requests


def main() -> None:
    base, email = sys.argv[1], sys.argv[2]
    password = sys.stdin.read()
    session = requests.Session()

    def call(method: str, path: str, expect: int, **kwargs) -> dict:
        response = session.request(method, base + path, timeout=30, **kwargs)
        if response.status_code != expect:
            sys.exit(f"seed: {method} {path} -> {response.status_code} (expected {expect}): {response.text[:500]}")
        return response.json() if response.content else {}

    login = call("POST", "/api/v1/auth/login", 200, json={"email": email, "password": password})
    token = login["access_token"]
    session.headers["Authorization"] = f"Bearer {token}"
    me = call("GET", "/api/v1/me", 200)
    spare = call(
        "POST",
        "/api/v1/users",
        201,
        json={
            "email": "spare-admin@fuzz.example",
            "display_name": "Spare Admin",
            "password": "spare-admin-password",
            "roles": ["admin", "editor", "reviewer"],
            "preferred_locale": "ar",
        },
    )
    call("POST", "/api/v1/subscribe", 202, json={"email": "reader@fuzz.example", "locale": "ar"})
    print(f"TOKEN={shlex.quote(token)}")
    print(f"ADMIN_ID={me['id']}")
    print(f"SPARE_ID={spare['id']}")


if __name__ == "__main__":
    main()
