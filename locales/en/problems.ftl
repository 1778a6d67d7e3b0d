# API problem responses. Each message is the problem's title; .detail explains it.
# The part after "problem-" is the stable code clients see.

problem-unauthorized = Authentication required
    .detail = Send a valid access token in the Authorization header (Bearer).
problem-invalid-credentials = Invalid email or password
    .detail = The email address or the password is not right.
problem-invalid-refresh-token = Invalid refresh token
    .detail = This refresh token is unknown, expired, revoked or already used. Log in again.
problem-account-disabled = Account disabled
    .detail = This account has been disabled. Ask an administrator.
problem-forbidden = Not allowed
    .detail = Your roles do not allow this action.
problem-not-found = Not found
    .detail = There is nothing with this identifier.
problem-route-not-found = No such address
    .detail = No page or API endpoint exists at this address.
problem-method-not-allowed = Method not allowed
    .detail = This address does not accept this HTTP method.
problem-malformed-json = Malformed JSON
    .detail = The request body is not valid JSON.
problem-invalid-body = Unexpected request body
    .detail = The JSON is well formed but does not match what this endpoint expects: a field is missing, unknown or of the wrong type.
problem-invalid-query = Invalid query parameters
    .detail = A query parameter is missing or has the wrong type.
problem-unsupported-media-type = Unsupported content type
    .detail = Send the body as application/json.
problem-payload-too-large = Request body too large
    .detail = The body may be at most { $limit } bytes.
problem-validation-failed = Invalid input
    .detail = { PLURAL($count) ->
        [one] One field is invalid.
       *[other] { $count } fields are invalid.
    }
problem-email-taken = Email address already in use
    .detail = Another account already uses this email address.
problem-last-admin = The last administrator must stay
    .detail = This change would leave no enabled administrator.
problem-rate-limited = Too many attempts
    .detail = { PLURAL($seconds) ->
        [one] Try again in one second.
       *[other] Try again in { $seconds } seconds.
    }
problem-service-unavailable = Service unavailable
    .detail = The database cannot be reached right now. Try again shortly.
problem-internal-error = Internal error
    .detail = Something went wrong on our side. It has been logged.
problem-bad-request = Bad request
    .detail = The request could not be understood.
