"""Schemathesis hooks for scripts/schemathesis.sh (loaded through SCHEMATHESIS_HOOKS).

The fuzz run holds one admin's access token for every request. `PATCH /api/v1/users/{id}`
may legitimately disable that admin or take the admin role away once the fuzzer has created
another admin, after which every request would get 403 and the rest of the run would test
nothing. So requests that would patch the fuzzing admin are sent to a seeded spare account
(NASHRA_FUZZ_SPARE_ID) instead: the operation is still exercised with the same generated
body, only not on the account the run depends on.
"""
import os

import schemathesis

ADMIN_ID = os.environ.get("NASHRA_FUZZ_ADMIN_ID", "")
SPARE_ID = os.environ.get("NASHRA_FUZZ_SPARE_ID", "")


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.method.upper() != "PATCH" or case.operation.path != "/api/v1/users/{id}":
        return
    parameters = case.path_parameters or {}
    if str(parameters.get("id")) == ADMIN_ID and SPARE_ID:
        parameters["id"] = int(SPARE_ID)
        case.path_parameters = parameters
